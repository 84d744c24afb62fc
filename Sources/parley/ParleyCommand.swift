import ArgumentParser
import Foundation

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
        } catch let message as ErrorMessage {
            fail(message.text)
        } catch {
            if let text = ErrorMessage.text(for: error) { fail(text) }
            exit(withError: error)
        }
    }

    private static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data(("parley: error: " + message + "\n").utf8))
        Foundation.exit(1)
    }
}

/// Writes a note for the analyst to standard error, keeping standard output for results.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
