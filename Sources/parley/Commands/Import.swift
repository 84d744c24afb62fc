import ArgumentParser
import Foundation
import ParleyKit

extension ParleyCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a YAML casefile, or stream statements from a CSV file; all or nothing.",
            discussion: """
                FILE ending in .yaml or .yml is a casefile (see Data/README.md): every problem is listed with
                its line, and if there is any, nothing is imported.

                FILE ending in .csv is a bulk statements file: a header line naming the columns
                (party, actor, issue, kind, stance, summary, quote, said, source, recorded; party or actor,
                issue, kind, stance, summary and source are required), then one statement per line. It is
                streamed, so memory stays flat for millions of rows; the parties, actors, issues and sources
                it names must already be in the database. A bad record stops the import with its line
                number and nothing is written. A progress bar shows on a terminal.

                The database is created if it does not exist.

                Examples:
                  parley import Data/armenia-azerbaijan-2021-12.yaml --db case.sqlite
                  parley import statements.csv --db case.sqlite
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The casefile (.yaml) or statements file (.csv) to import.", valueName: "file"))
        var file: String

        func validate() throws {
            let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
            if !["yaml", "yml", "csv"].contains(ext) {
                throw ValidationError("Pass a casefile ending in .yaml or .yml, or a statements file ending in .csv.")
            }
        }

        func run() throws {
            if URL(fileURLWithPath: file).pathExtension.lowercased() == "csv" {
                guard FileManager.default.isReadableFile(atPath: file) else {
                    throw ErrorMessage("cannot read \(file); check the path")
                }
                let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
                let count = try database.open(create: true).importStatements(csvPath: file, progress: bar.update)
                bar.finish()
                try say("Imported \(file): \(count) statements.")
                return
            }
            // The casefile is checked before a database is created for it.
            let casefile = try Parley.readCasefile(path: file)
            let summary = try database.open(create: true).importCasefile(casefile)
            try say("Imported \(file): \(summary.description).")
        }
    }
}
