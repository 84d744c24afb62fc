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
        #expect(missing.stderr.hasPrefix("parley: error: no option '--bogus' for `parley report disputes`"))
        let data = try cli.run(["history", "--issue", "rivr", "--casefile", Self.casefile], useDB: false)
        #expect(data.status == 1)
        #expect(
            data.stderr
                == "parley: error: no issue with id 'rivr'; did you mean 'river', 'river/dam' or 'river/dam/funding'? "
                + "(`parley issue list` shows all issues)\n"
        )
        #expect(!data.stderr.contains("Error:"))
    }

    @Test("a mistyped command or option gets the closest; every parser message is in Parley's style")
    func mistakesGetSuggestions() throws {
        let cli = try CLIHarness()
        /// The message line, and whether the usage of `usage` follows it, with exit status 64.
        func refused(
            _ arguments: [String], _ message: String, usage: String, sourceLocation: SourceLocation = #_sourceLocation
        )
            throws
        {
            let output = try cli.run(arguments, useDB: false)
            #expect(output.status == 64, sourceLocation: sourceLocation)
            let lines = output.stderr.split(separator: "\n").map(String.init)
            #expect(lines.first == "parley: error: " + message, sourceLocation: sourceLocation)
            #expect(
                lines.dropFirst().first?.hasPrefix("Usage: parley \(usage)") == true, sourceLocation: sourceLocation)
        }
        try refused(
            ["reprot", "disputes"], "no command 'reprot'; did you mean 'report'? (`parley --help` lists the commands)",
            usage: "<subcommand>")
        try refused(
            ["report", "dispute"],
            "no command 'report dispute'; did you mean 'report disputes'? (`parley report --help` lists the report commands)",
            usage: "report <subcommand>")
        try refused(
            ["report", "xyz"],
            "no command 'report xyz'; the report commands are disputes, positions, agreements and contradictions",
            usage: "report <subcommand>")
        // `labels` runs `labels list` by default: its options count, a mistyped command does not.
        try refused(
            ["labels", "lsit"],
            "no command 'labels lsit'; did you mean 'labels list'? (`parley labels --help` lists the labels commands)",
            usage: "labels <subcommand>")
        try refused(
            ["labels"], "missing --issue <issue>: the id of the issue (its sub-issues are included)",
            usage: "labels list")
        try refused(
            ["labels", "--isue", "x"], "no option '--isue' for `parley labels list`; did you mean '--issue'?",
            usage: "labels list")
        try refused(
            ["add", "--kind", "demnd"],
            "--kind demnd: not one of demand, proposal, acceptance, rejection, commitment, assertion, assessment, "
                + "appeal, accusation, denial; did you mean 'demand'?", usage: "add")
        try refused(
            ["add", "--party", "p"],
            "missing --issue <issue>, --kind <kind>, --stance <stance>, --summary <summary> and --source <source>",
            usage: "add")
        try refused(["amend", "x", "--reason", "r"], "'x' for <number>: not a whole number", usage: "amend")
        try refused(
            ["retract", "1", "2", "--reason", "r"],
            "unexpected argument '2': `parley retract` takes <number> and options",
            usage: "retract")
        try refused(["search", "rail", "--limit", "many"], "--limit many: not a whole number", usage: "search")
        try refused(["statements", "--format"], "--format needs a value: --format <format>", usage: "statements")
        // Dates checked while parsing and dates checked while running read the same, usage and all.
        try refused(
            ["statements", "--since", "yesterday"],
            "--since yesterday: use YYYY-MM-DD, YYYY-MM or YYYY (for example 2021-12-14, 2021-12 or 2021)",
            usage: "statements")
        try refused(
            ["statements", "--since", "2021", "--until", "2020", "--casefile", Self.casefile],
            "--until 2020 is before --since 2021; pass --since earlier than --until", usage: "statements")
        // A check of the command's own (`validate()`) reads the same.
        try refused(
            ["diff", "--from", "2021"], "nothing to compare: pass --from and --to, or --source twice", usage: "diff")
        // ArgumentParser's own hidden options are its to judge: not "no option".
        let shell = try cli.run(["--generate-completion-script", "tcsh"], useDB: false)
        #expect(shell.status != 0)
        #expect(shell.stderr.hasPrefix("parley: error: ") && !shell.stderr.contains("no option"))
        // No message starts with a capital letter or says "Error:".
        for arguments in [["reprot"], ["add"], ["report", "disputes", "--bogus"], ["diff", "--from", "x"]] {
            let output = try cli.run(arguments, useDB: false)
            let message = output.stderr.dropFirst("parley: error: ".count)
            #expect(message.first?.isUppercase == false, "parley \(arguments.joined(separator: " ")): \(output.stderr)")
            #expect(!output.stderr.contains("Error:"))
        }
    }

    @Test("a party's or an actor's alias is taken wherever its id is, saying which id it is")
    func aliasesAsIds() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let added = try cli.succeed([
            "add", "--actor", "Nadia Nord", "--issue", "water", "--kind", "demand", "--stance", "share",
            "--summary", "Share it.", "--source", "gazette", "--about", "Southland",
        ])
        #expect(added.stdout == "Recorded statement #1: north (nadia) about south on water: demand 'share'.\n")
        #expect(added.stderr.contains("note: actor 'Nadia Nord' is nadia; using that id\n"))
        #expect(added.stderr.contains("note: party 'Southland' is south; using that id\n"))
        let listed = try cli.succeed(["statements", "--party", "Northern", "--format", "json"])
        #expect(listed.stdout.contains("\"party\" : \"north\""))
        #expect(listed.stderr == "note: party 'Northern' is north; using that id\n")
        try cli.succeed(["party", "edit", "--id", "Northern", "--add-alias", "Nordland"])
        // A mistyped alias suggests its party; an alias two parties share lists both.
        let typo = try cli.run(["statements", "--party", "Nordlnd"])
        #expect(typo.status == 1)
        #expect(typo.stderr.hasPrefix("parley: error: no party with id 'Nordlnd'; did you mean 'north'?"))
        try cli.succeed([
            "party", "add", "--id", "nordic", "--name", "Nordic Council", "--kind", "organisation",
            "--alias", "Nordland",
        ])
        let ambiguous = try cli.run(["report", "positions", "--party", "Nordland"])
        #expect(ambiguous.status == 1)
        #expect(
            ambiguous.stderr
                == "parley: error: --party 'Nordland' names 2 parties: nordic and north; pass the id of the one you mean\n"
        )
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

    @Test("export says on standard error what it wrote; NO_COLOR set but empty does not turn colour off")
    func smallThings() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let file = cli.directory.appendingPathComponent("case.yaml").path
        let exported = try cli.succeed(["export", "--output", file])
        #expect(exported.stderr == "Wrote \(file): 2 parties, 1 actor, 2 issues, 2 sources.\n")
        #expect(exported.stdout.isEmpty)
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
