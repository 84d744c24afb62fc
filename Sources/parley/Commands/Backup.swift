import ArgumentParser
import Foundation

extension ParleyCommand {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup",
            abstract: "Copy the database, as it is at one moment, into one self-contained file.",
            discussion: help(
                """
                A Parley database in use keeps recent writes in a second file beside it (PATH-wal) until
                they are folded in. Copying PATH alone can miss them; `parley backup` makes a complete copy
                with SQLite's online backup, even while other parley processes are writing.

                From PostgreSQL (a postgres:// --db), the copy is an SQLite file of the case: every
                table, as of one moment, even while servers are writing. Any parley opens it with --db;
                `parley copy --from FILE --to postgres://...` puts it into an empty database again.
                pg_dump backs up the whole PostgreSQL database instead, in PostgreSQL's own form.

                Examples:
                  parley backup --db talks.sqlite --output talks-2021-12-16.sqlite
                  parley backup --db postgres://parley@db/talks --output talks-copy.sqlite
                """))

        @OptionGroup var input: ReadOptions
        @Option(help: ArgumentHelp("The file to write the copy to (replaced if it exists).", valueName: "file"))
        var output: String

        func validate() throws {
            if let db = input.db, URL(fileURLWithPath: db).standardized == URL(fileURLWithPath: output).standardized {
                throw ValidationError("--output is the database itself; pass another path for the copy")
            }
        }

        func run() throws {
            let parley = try input.open()
            try parley.backup(to: output)
            note("Wrote a copy of the database to \(output).")
        }
    }
}
