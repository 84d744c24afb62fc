import ArgumentParser
import Foundation
import ParleyCasefile
import ParleyKit

extension ParleyCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole database as a YAML casefile, in a deterministic order.",
            discussion: help("Example:\n  parley export --output Data/my-case.yaml"))

        @OptionGroup var input: ReadOptions
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output:
            String?

        func run() throws {
            let casefile = try input.open().exportCasefile()
            var yaml = try CasefileWriter.yaml(casefile)
            try writeOutput(&yaml, to: output)
            if let output { try say("Wrote \(output): \(ImportSummary(casefile).addedDescription).") }
        }
    }
}
