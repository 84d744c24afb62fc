import Foundation
import Testing

@testable import parley

/// parley(1): a page people read, written from the commands' own help.
@Suite("The manual page")
struct ManualTests {
    static let page = Manual.page(date: "2026-11-29")
    static var lines: [String] {
        page.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    @Test("it has the sections a man page has, the exit statuses 0, 1 and 64, the environment and the files")
    func sections() {
        let headings = Self.lines.filter { $0.hasPrefix(".Sh ") }.map { String($0.dropFirst(4)) }
        #expect(
            headings == [
                "NAME", "SYNOPSIS", "DESCRIPTION", "COMMON OPTIONS", "COMMANDS", "ENVIRONMENT", "FILES", "EXIT STATUS",
                "EXAMPLES", "SEE ALSO",
            ])
        let exit = Self.page.components(separatedBy: ".Sh EXIT STATUS\n")[1].components(separatedBy: ".Sh ")[0]
        #expect(exit.contains(".It 0\n") && exit.contains(".It 1\n") && exit.contains(".It 64\n"))
        #expect(!Self.page.contains(".Ex -std"), "'>0' says nothing of 1 and 64")
        for variable in ["PARLEY_DB", "PARLEY_USER", "PARLEY_NOW", "COLUMNS", "NO_COLOR"] {
            #expect(Self.page.contains(".It Ev \(variable)\n"))
        }
        #expect(Self.page.contains(".It Pa ./parley.sqlite\n"))
        #expect(Self.page.contains(".Xr sqlite3 1\n"))
    }

    @Test("every command has a section with its own options; the shared ones are described once")
    func commands() {
        let leaves = CommandInfo.root.allCommands.dropFirst().filter { $0.isManual && ($0.subcommands ?? []).isEmpty }
        #expect(leaves.count > 40)
        for command in leaves {
            #expect(Self.lines.contains(".Ss " + command.fullName), "no section for \(command.fullName)")
        }
        #expect(!Self.lines.contains(".Ss parley manual"), "the hidden command is not in the manual")
        #expect(Self.lines.filter { $0 == ".It Fl -db Ar path" || $0 == ".It Fl \\-db Ar path" }.count == 1)
        #expect(Self.page.components(separatedBy: "Show the version.").count == 2)
        #expect(Self.page.contains(".Ss parley report disputes\n.D1 Nm parley report disputes Oo Fl -as-of Ar date Oc"))
        #expect(
            Self.page.contains("Common options: \\%--db, \\%--casefile, \\%--format (text, markdown, json or\nhtml)"))
    }

    @Test("no empty line, no text line read as a request, no character beyond ASCII, no hyphenated path")
    func roff() {
        for (number, line) in Self.lines.enumerated() {
            #expect(!line.isEmpty, "line \(number + 1) is empty")
            #expect(!line.hasPrefix("'"), "line \(number + 1): \(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "line \(number + 1): \(line)")
        }
        // Paths, variables and options are marked so that roff never hyphenates them.
        #expect(Self.page.contains("\\%./parley.sqlite"))
        #expect(Self.page.contains("\\%$PARLEY_USER"))
    }

    /// What man(1) says of the committed page, when it is installed: nothing on standard error.
    @Test(
        "man reads the committed page without a warning",
        .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/man")))
    func manReadsIt() throws {
        let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Docs/parley.1")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/man")
        process.arguments = ["--warnings", "-l", page.path]
        var environment = ProcessInfo.processInfo.environment
        environment["MANWIDTH"] = "80"
        environment["MANPAGER"] = "cat"
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let warnings = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(warnings.isEmpty, "\(warnings)")
        #expect(text.contains("EXIT STATUS"))
        #expect(!text.contains("par\u{2010}ley"))
    }
}
