import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a YAML casefile, a folder of CSV tables, or a statements CSV file; all or nothing.",
            discussion: help(
                """
                FILE ending in .yaml or .yml is a casefile (see Data/README.md): every problem is listed with
                its line, and if there is any, nothing is imported.

                A folder holds CSV tables as `parley export --format csv` writes them (parties.csv,
                statements.csv, …): they are read and checked like a casefile.

                FILE ending in .csv is a bulk statements file: a header line naming the columns (party or
                actor, issue, kind, stance, summary and source are required; number, said, quote, via,
                about, recorded and the retraction columns are optional), then one statement per line. It is
                streamed, so memory stays flat for millions of rows; the parties, actors, issues and sources
                it names must already be in the database. A bad record stops the import with its line
                number and nothing is written. A progress bar shows on a terminal.

                The database is created if it does not exist. A YAML casefile may name parties, actors,
                issues (by an id or a former id) and sources the database holds without listing them.
                Plain import refuses ids and statement numbers already in the database. With --merge,
                records already there and identical are skipped and counted (a field the casefile leaves
                out is not a difference), histories the database holds the start of are extended, and
                records with the same id or number but other content are all listed as conflicts, with
                their lines and every field that differs; then nothing is written. This is how two
                analysts' casefiles, and reviewed drafts (`parley draft`), come in.

                Examples:
                  parley import Data/armenia-azerbaijan-2021-12.yaml --db case.sqlite
                  parley import statements.csv --db case.sqlite
                  parley import colleague.yaml --merge --db case.sqlite
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(
            help: ArgumentHelp(
                "The casefile (.yaml), folder of CSV tables, or statements file (.csv).", valueName: "path"))
        var file: String
        @Flag(help: "Merge into a database that may hold some of the same records: identical ones are skipped.")
        var merge = false

        func validate() throws {
            if ImportFile(path: file) == nil {
                throw ValidationError(
                    "\(Echo.quoted(file)) is not a file parley imports: pass a casefile ending in .yaml or .yml, "
                        + "a folder of CSV tables, or a statements file ending in .csv")
            }
        }

        func run() throws {
            guard let kind = ImportFile(path: file) else { return }
            let bar = ProgressBar(enabled: kind == .statements && isatty(STDERR_FILENO) == 1)
            if kind == .statements, !FileManager.default.isReadableFile(atPath: file) {
                throw ErrorMessage("cannot read \(file): \(FileFault(path: file, CocoaError(.fileReadUnknown)))")
            }
            let outcome = try Parley.importFile(
                file, as: kind, into: database.path, merge: merge, clock: environmentClock(), user: database.user,
                progress: bar.update)
            bar.finish()
            switch outcome {
            case .statements(let added, let unchanged):
                try say(
                    "Imported \(file): \(RecordKind.statement.count(added))"
                        + (merge ? "; \(unchanged) already recorded" : "") + ".")
            case .casefile(let summary) where !merge:
                try say("Imported \(file): \(summary.description).")
            case .casefile(let summary):
                var line = "Merged \(file): added \(summary.addedDescription)"
                if summary.stepsAdded > 0 {
                    line += " and \(Plural("step").count(summary.stepsAdded)) to histories already there"
                }
                line +=
                    summary.unchangedDescription.isEmpty
                    ? "; nothing was there already" : "; already there: \(summary.unchangedDescription)"
                try say(line + ".")
            }
        }
    }
}
