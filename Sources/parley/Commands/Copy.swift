import ArgumentParser
import Foundation
import ParleyKit

extension ParleyCommand {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole case from one database into another, empty one.",
            discussion: help(
                """
                Everything is copied: records, statements (with their numbers), agreement and dispute steps,
                label relations, the change log, API tokens and sessions. The copy is one transaction on the
                target (all or nothing) made from one moment of the source, which may be written meanwhile.
                So far it copies from an SQLite file into a PostgreSQL database made with `parley init`.

                Example:
                  parley init --db postgres://parley@db/talks
                  parley copy --from talks.sqlite --to postgres://parley@db/talks
                """))

        @Option(help: ArgumentHelp("The database to copy (an SQLite file).", valueName: "path"))
        var from: String

        @Option(help: ArgumentHelp("The empty database to copy into (a postgres:// address).", valueName: "address"))
        var to: String

        func run() throws {
            let counts = try Parley.copyDatabase(from: from, to: to)
            let total = counts.reduce(0) { $0 + $1.rows }
            let statements = counts.first { $0.table == "statement" }?.rows ?? 0
            note(
                "Copied \(Parley.shownAddress(from)) into \(Parley.shownAddress(to)): \(statements) "
                    + "statement\(statements == 1 ? "" : "s"), \(total) rows in \(counts.count) tables.")
        }
    }
}
