import ArgumentParser
import Foundation
import ParleyKit

extension ParleyCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a Parley database (or check that an existing one is up to date).",
            discussion: help(
                """
                A path makes an SQLite file. A postgres:// address creates Parley's schema (named parley) in an
                existing PostgreSQL database, when this parley was built with PostgreSQL (README, "PostgreSQL").

                Examples:
                  parley init --db negotiations.sqlite
                  parley init --db postgres://parley@db/talks
                """))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let shown = Parley.shownAddress(database.path)
            let setup = try Parley.setUp(database: database.path, clock: environmentClock(), user: database.user)
            try say(setup == .current ? "\(shown) is a Parley database and up to date." : "Created \(shown).")
        }
    }
}
