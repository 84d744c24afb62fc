import Foundation
import Testing

/// What a new user meets first: listings that fit the terminal, errors in one style, and small
/// things that should just work.
@Suite("Usability at the terminal")
struct UsabilityTests {
    static let casefile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ParleyReportsTests/Fixtures/fixture.yaml").path

    @Test("listings and reports fit 80 columns; piped listings keep one row per line")
    func eightyColumns() throws {
        let cli = try CLIHarness()
        let commands: [[String]] = [
            ["issue", "list"], ["actor", "list"], ["party", "list"], ["source", "list"], ["agreement", "list"],
            ["dispute", "list"], ["statements"], ["labels", "--issue", "river"], ["report", "agreements"],
            ["report", "disputes"], ["report", "positions"], ["history", "--issue", "river"],
            ["diff", "--from", "2016", "--to", "2019"], ["report", "contradictions"],
        ]
        for command in commands {
            let output = try cli.run(
                command + ["--casefile", Self.casefile], useDB: false, environment: ["COLUMNS": "80"])
            #expect(output.status == 0)
            for line in output.stdout.split(separator: "\n") where line.count > 80 {
                Issue.record("parley \(command.joined(separator: " ")): \(line.count) columns: \(line)")
            }
        }
        // Wrapped cells continue in their own column.
        let issues = try cli.run(
            ["issue", "list", "--casefile", Self.casefile], useDB: false, environment: ["COLUMNS": "60"]
        )
        .stdout.split(separator: "\n").map(String.init)
        let titleColumn = try #require(issues.first?.range(of: "title")?.lowerBound.utf16Offset(in: issues[0]))
        #expect(issues.contains { $0.hasPrefix(String(repeating: " ", count: titleColumn)) && $0.count > titleColumn })
        // Into a pipe (no $COLUMNS), a listing is not wrapped: one issue, one line.
        let piped = try cli.run(["issue", "list", "--casefile", Self.casefile], useDB: false).stdout
        let count =
            try cli.run(["issue", "list", "--casefile", Self.casefile, "--format", "json"], useDB: false)
            .stdout.components(separatedBy: "\"id\" :").count - 1
        #expect(piped.split(separator: "\n").count == 1 + count)
    }

    @Test("every error is one 'parley: error:' line; usage errors add the usage and exit 64")
    func oneErrorStyle() throws {
        let cli = try CLIHarness()
        let usage = try cli.run(
            ["report", "disputes", "--as-of", "2021-13", "--casefile", Self.casefile], useDB: false)
        #expect(usage.status == 64)
        #expect(
            usage.stderr.hasPrefix(
                "parley: error: --as-of 2021-13: month 13 does not exist; use YYYY-MM-DD, YYYY-MM or YYYY\n"))
        #expect(usage.stderr.contains("Usage: parley report disputes"))
        let missing = try cli.run(["report", "disputes", "--bogus"], useDB: false)
        #expect(missing.status == 64)
        #expect(missing.stderr.hasPrefix("parley: error: Unknown option '--bogus'"))
        let data = try cli.run(["history", "--issue", "rivr", "--casefile", Self.casefile], useDB: false)
        #expect(data.status == 1)
        #expect(
            data.stderr
                == "parley: error: no issue with id 'rivr'; did you mean 'river', 'river/dam' or 'river/dam/funding'? "
                + "(`parley issue list` shows all issues)\n"
        )
        #expect(!data.stderr.contains("Error:"))
    }

    @Test("a failed import into a new database leaves no file; several problems come counted and indented")
    func failedImportLeavesNothing() throws {
        let cli = try CLIHarness()
        let csv = try cli.write("bad.csv", "party,issue,kind,stance,summary,source\nx,y,demand,a,b,c\n")
        let output = try cli.run(["import", csv])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("parley: error: 3 problems; nothing was changed:\n  bad.csv line 2: no party"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
        let missing = try cli.run(["import", cli.directory.appendingPathComponent("nope.yaml").path])
        #expect(missing.stderr.contains("cannot read the file: no such file; check the path"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
        let folder = try cli.run(["init", "--db", "/nonexistent-parley/case.sqlite"], useDB: false)
        #expect(folder.stderr.contains("the folder /nonexistent-parley does not exist; create it first"))
    }

    @Test("export says what it wrote; NO_COLOR set but empty does not turn colour off")
    func smallThings() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let file = cli.directory.appendingPathComponent("case.yaml").path
        let exported = try cli.succeed(["export", "--output", file])
        #expect(exported.stdout == "Wrote \(file): 2 parties, 1 actor, 2 issues, 2 sources.\n")
        // On a terminal (script(1) gives the command one), colour is on unless NO_COLOR has a value.
        func onTerminal(_ noColor: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = "env NO_COLOR='\(noColor)' \(CLIHarness.executable.path) party list --db \(cli.database)"
            process.arguments = ["-qec", command, "/dev/null"]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        #expect(try onTerminal("").contains("\u{1B}[1m"))
        #expect(!(try onTerminal("1").contains("\u{1B}[")))
    }

    @Test("shell completion covers the commands and offers the case's own ids")
    func completion() throws {
        let cli = try CLIHarness()
        try cli.seed()
        for shell in ["bash", "zsh", "fish"] {
            let script = try cli.run(["--generate-completion-script", shell], useDB: false)
            #expect(script.status == 0)
            #expect(script.stdout.contains("report"))
        }
        // What the scripts ask when --party is being completed after `parley add --party no`.
        let words = ["parley", "add", "--db", cli.database, "--party", "no"]
        let offered = try cli.run(["---completion", "add", "--", "--party", "5", "2"] + words, useDB: false)
        #expect(offered.stdout == "north\n")
        let issues = try cli.run(
            ["---completion", "history", "--", "--issue", "3", "0", "parley", "history", "--issue", ""], useDB: false,
            environment: ["PARLEY_DB": cli.database])
        #expect(issues.stdout == "water\nwater/dam\n")
    }
}
