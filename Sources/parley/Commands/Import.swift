import ArgumentParser
import Foundation
import ParleyCasefile
import ParleyStore

extension ParleyCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a YAML casefile into the database, all or nothing.",
            discussion: """
                Every problem in the file is listed with its line; if there is any, nothing is imported.
                The database is created if it does not exist.

                Example:
                  parley import Data/armenia-azerbaijan-2021-12.yaml --db case.sqlite
                """)

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The casefile to import.", valueName: "file")) var file: String

        func run() throws {
            let casefile = try CasefileReader.read(path: file).get()
            try database.open(create: true).importCasefile(casefile)
            print("Imported \(file): \(casefile.parties.count) parties, \(casefile.actors.count) actors, \(casefile.issues.count) issues, \(casefile.sources.count) sources, \(casefile.statements.count) statements, \(casefile.agreements.count) agreements, \(casefile.disputes.count) disputes.")
        }
    }
}
