import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Export: ParsableCommand {
        /// What export writes.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case yaml, csv
        }

        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the whole case as a YAML casefile, or as CSV tables for spreadsheets.",
            discussion: help(
                """
                The YAML casefile is written in a deterministic order, so a casefile's git diff shows only
                real changes. With --format csv, --output names a folder (created if needed) that gets one
                file per kind of record: parties.csv, actors.csv, issues.csv, sources.csv, statements.csv,
                label_relations.csv, agreements.csv, agreement_steps.csv, disputes.csv and
                dispute_steps.csv. `parley import FOLDER` reads them back; see Data/README.md.

                Examples:
                  parley export --output Data/my-case.yaml
                  parley export --format csv --output my-case-tables
                """))

        @OptionGroup var input: ReadOptions
        @Option(help: "yaml (a casefile) or csv (a folder of tables).") var format: Format = .yaml
        @Option(
            help: ArgumentHelp(
                "Write to this file (for csv: this folder) instead of standard output.", valueName: "path"))
        var output: String?

        func validate() throws {
            if format == .csv && output == nil {
                throw ValidationError("--format csv writes several files: pass --output FOLDER")
            }
        }

        func run() throws {
            let parley = try input.open()
            let casefile = try parley.exportCasefile()
            guard format == .csv, let folder = output else {
                var yaml = try Parley.yaml(casefile)
                try writeOutput(&yaml, to: output)
                if let output { note("Wrote \(output): \(ImportSummary(casefile).addedDescription).") }
                return
            }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                if !isFolder.boolValue { throw ErrorMessage("\(folder) is a file; --output for csv names a folder") }
            } else if mkdir(folder, 0o755) != 0 {
                throw ErrorMessage(
                    "cannot create the folder \(folder): \(String(cString: strerror(errno))); check that its parent exists"
                )
            }
            for table in Parley.tables(casefile) {
                let stream = try OutputStream((folder as NSString).appendingPathComponent(table.name))
                try stream.write(CSVText.record(table.header))
                for row in table.rows { try stream.write(CSVText.record(row)) }
                try stream.finish()
            }
            note("Wrote \(folder)/: \(ImportSummary(casefile).addedDescription), in CSV tables.")
        }
    }
}
