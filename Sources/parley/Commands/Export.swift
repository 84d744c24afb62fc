import ArgumentParser
import Foundation
import ParleyCasefile
import ParleyStore

extension ParleyCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole database as a YAML casefile, in a deterministic order.",
            discussion: "Example:\n  parley export --output Data/my-case.yaml")

        @OptionGroup var input: ReadOptions
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func run() throws {
            let yaml = try CasefileWriter.yaml(try input.open().exportCasefile())
            if let output {
                do { try Data(yaml.utf8).write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
                    throw ParleyFailure("cannot write \(output): \(error.localizedDescription); check that its folder exists and is writable")
                }
            } else {
                FileHandle.standardOutput.write(Data(yaml.utf8))
            }
        }
    }
}
