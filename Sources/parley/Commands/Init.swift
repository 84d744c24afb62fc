import ArgumentParser
import Foundation

extension ParleyCommand {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create a Parley database (or check that an existing one is up to date).",
            discussion: help("Example:\n  parley init --db negotiations.sqlite"))

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let existed = FileManager.default.fileExists(atPath: database.path)
            _ = try database.open(create: true)
            try say(existed ? "\(database.path) is a Parley database and up to date." : "Created \(database.path).")
        }
    }
}
