import ArgumentParser
import Foundation
import GRDB
import ParleyCasefile
import ParleyModel
import ParleyStore

/// The `parley` command: record and report who says what on which issue, and when.
@main
struct ParleyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Track what each party says on each issue, the agreements reached and the disputes left open.",
        discussion: """
            The database is chosen by --db PATH, else $PARLEY_DB, else ./parley.sqlite. Reading commands
            also take --casefile FILE to work on a YAML casefile without a database.

            Example:
              parley init
              parley import Data/armenia-azerbaijan-2021-12.yaml
              parley report disputes --as-of 2021-12-16
              parley diff --from 2021-12-13 --to 2021-12-16
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, PartyCommand.self, ActorCommand.self, IssueCommand.self, SourceCommand.self, Add.self,
            AgreementCommand.self, DisputeCommand.self, Statements.self, Labels.self, Import.self, Export.self,
            Report.self, History.self, Diff.self,
        ])

    /// Runs the command line; Parley's own errors print as one clean line each and exit 1.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ParleyFailure {
            fail(error.message)
        } catch let error as StoreError {
            fail(error.localizedDescription)
        } catch let error as CasefileError {
            fail(error.localizedDescription)
        } catch let error as ModelError {
            fail(error.localizedDescription)
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                fail("the database is busy (another parley process held it for too long); nothing was written, try again")
            } else if error.resultCode == .SQLITE_READONLY || error.resultCode == .SQLITE_CANTOPEN {
                fail("cannot write the database: \(error.message ?? "permission denied"); check the path and its permissions")
            } else {
                fail("unexpected database error (this is a bug in parley; please report it): \(error)")
            }
        } catch let error as CocoaError {
            fail(error.localizedDescription)
        } catch {
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
        var text = "parley: error: " + (lines.first.map(String.init) ?? "")
        for line in lines.dropFirst() { text += "\n" + line }
        FileHandle.standardError.write(Data((text + "\n").utf8))
        Foundation.exit(1)
    }
}

/// A failure the command itself detected; its message says what to do.
struct ParleyFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Writes a note for the analyst to standard error, keeping standard output for results.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
