import ArgumentParser
import Foundation
import ParleyKit

/// The `parley` command: record and report who says what on which issue, and when.
@main
struct ParleyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Track what each party says on each issue, the agreements reached and the disputes left open.",
        discussion: help(
            """
            The database is chosen by --db PATH, else $PARLEY_DB, else ./parley.sqlite. Reading commands
            also take --casefile FILE to work on a YAML casefile without a database.

            Example:
              parley init
              parley import Data/armenia-azerbaijan-2021-12.yaml
              parley report disputes --as-of 2021-12-16
              parley diff --from 2021-12-13 --to 2021-12-16
            """),
        version: "0.1.0",
        subcommands: [
            Init.self, PartyCommand.self, ActorCommand.self, IssueCommand.self, SourceCommand.self, Add.self,
            Amend.self, Retract.self, AgreementCommand.self, DisputeCommand.self, Statements.self, Search.self,
            Labels.self, Draft.self, Check.self,
            Import.self, Export.self, Backup.self, Copy.self, Report.self, History.self, Diff.self, Log.self,
            TokenCommand.self,
            Manual.Command.self,
        ])

    /// Runs the command line. Every error is one `parley: error:` line (and, for a command line
    /// that is not one, the command's usage) on standard error; the exit status is 0, 1 for an
    /// error in the data or the files, 64 for a command line that is not one.
    static func main() {
        // A closed pipe is reported by write(2) as EPIPE and handled there, not by a signal;
        // likewise a write past the file-size limit (`ulimit -f`) fails with EFBIG and is
        // reported as a full disk, instead of SIGXFSZ ending the process without a word.
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            refuse(arguments, error)
        }
        do {
            try command.run()
        } catch let message as ErrorMessage {
            let usage =
                message.status == ErrorMessage.usageStatus ? ErrorMessage.usageLines(for: type(of: command)) : nil
            fail(message.text, usage: usage, status: message.status)
        } catch {
            if let text = ErrorMessage.text(for: error) {
                // A value given on the command line that is not one is a usage error, with the usage.
                let usage = ErrorMessage.isUsage(error) ? ErrorMessage.usageLines(for: type(of: command)) : nil
                fail(text, usage: usage, status: usage == nil ? 1 : ErrorMessage.usageStatus)
            }
            // ArgumentParser's own commands (`parley help report`) end with help, or its errors.
            refuse(arguments, error)
        }
    }

    /// Ends a command line that ArgumentParser did not run: with help, a version or a completion
    /// script on standard output, else with the error, worded from what was typed (``UsageCheck``).
    private static func refuse(_ arguments: [String], _ error: Error) -> Never {
        let code = exitCode(for: error)
        if code == .success {
            var output = fullMessage(for: error)
            if !output.hasSuffix("\n") { output += "\n" }
            // Help is fitted to the terminal; a completion script or the JSON dump is not touched.
            if output.hasPrefix("OVERVIEW:") || output.hasPrefix("USAGE:") { output = HelpLayout.fitted(output) }
            try? writeStandardOutput(&output)
            Foundation.exit(0)
        }
        let check = UsageCheck(arguments)
        let reached = CommandInfo.root.command(at: check.path) ?? CommandInfo.root
        let text =
            check.problem.map { ErrorMessage.usageText($0, command: reached) }
            ?? ErrorMessage.parserText(message(for: error))
        let usage = code == .validationFailure ? ErrorMessage.usageLines(for: commandType(at: check.path)) : nil
        fail(text, usage: usage, status: code.rawValue)
    }

    /// Prints the error (and the usage, for a usage error) and exits. The message may repeat
    /// values a user typed or a file held, so control characters in it are shown escaped, never
    /// sent to the terminal.
    private static func fail(_ message: String, usage: String? = nil, status: Int32 = 1) -> Never {
        let text = message.hasSuffix("\n") ? String(message.dropLast()) : message
        var out = "parley: error: " + Terminal.visible(text) + "\n"
        if let usage { out += Terminal.visible(usage) + "\n" }
        FileHandle.standardError.write(Data(out.utf8))
        Foundation.exit(status)
    }
}

/// Writes a note for the analyst to standard error, keeping standard output for results.
func note(_ text: String) {
    FileHandle.standardError.write(Data((Terminal.visible(text) + "\n").utf8))
}

/// A command's discussion as ArgumentParser should wrap it: the lines of each prose paragraph
/// joined into one, so that the help wraps once, at the terminal's width, instead of breaking
/// lines already broken in the source. Indented lines (examples, lists) are kept as they are;
/// they are written short enough (78 characters) never to be wrapped, so an example can be
/// pasted from an 80-column terminal.
func help(_ text: String) -> String {
    // Every command's configuration (and so this) is built on every run, whatever the command:
    // walked as Characters, this was a fifth of the instructions of `parley add` (BENCHMARKS.md),
    // so it walks the bytes.
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var afterParagraphLine = false
    var first = true
    for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        // A line that stands alone: blank, indented (examples, lists) or a heading ending in ':'.
        let alone = line.isEmpty || line.first == UInt8(ascii: " ") || line.last == UInt8(ascii: ":")
        if !first { out.append(alone || !afterParagraphLine ? UInt8(ascii: "\n") : UInt8(ascii: " ")) }
        out.append(contentsOf: line)
        afterParagraphLine = !alone
        first = false
    }
    return String(decoding: out, as: UTF8.self)
}
