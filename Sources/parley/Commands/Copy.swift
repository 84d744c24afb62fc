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
                It copies from an SQLite file into a PostgreSQL database made with `parley init`, and from
                PostgreSQL into a new SQLite file (or one that holds no case), whose search index and kept
                positions are built from the copied rows. A failed copy leaves the target as it was.

                Examples:
                  parley init --db postgres://parley@db/talks
                  parley copy --from talks.sqlite --to postgres://parley@db/talks
                  parley copy --from postgres://parley@db/talks --to talks-2026-03.sqlite
                """))

        @Option(
            help: ArgumentHelp("The database to copy (an SQLite file or a postgres:// address).", valueName: "database")
        )
        var from: String

        @Option(
            help: ArgumentHelp(
                "The empty database to copy into (a postgres:// address, or a new SQLite file).", valueName: "database")
        )
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
