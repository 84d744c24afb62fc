import ArgumentParser
import Foundation

extension ParleyCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole database as a YAML casefile, in a deterministic order.",
            discussion: "Example:\n  parley export --output Data/my-case.yaml")

        @OptionGroup var input: ReadOptions
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output:
            String?

        func run() throws {
            var yaml = try input.open().exportYAML()
            try writeOutput(&yaml, to: output)
        }
    }
}
