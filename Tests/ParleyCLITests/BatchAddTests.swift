import Foundation
import Testing

/// `parley add --batch`: many statements in one process and one transaction.
@Suite("parley add --batch")
struct BatchAddTests {
    @Test("a batch is recorded whole, each line checked as `add` checks it, and logged like single adds")
    func recordsWhole() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let file = try cli.write(
            "batch.jsonl",
            """
            {"actor": "nadia", "issue": "water/dam", "kind": "demand", "stance": "stop-dam", "summary": "Stop.", "said": "2020-04-30", "source": "gazette"}

            {"party": "south", "issue": "water/dam", "kind": "rejection", "stance": "build-dam", "summary": "Build.", "source": "gazette"}
            {"party": "north", "issue": "water/dam", "kind": "demand", "stance": "stop-dam", "summary": "Again.", "source": "bulletin", "conditions": "water=share-river"}

            """)
        let added = try cli.succeed(["add", "--batch", file])
        #expect(added.stdout == "Recorded 3 statements: #1 to #3.\n")
        #expect(added.stderr.contains("a stance label new on its issue on line 3"))
        let listed = try cli.succeed(["statements", "--format", "jsonl"]).stdout.split(separator: "\n")
        #expect(listed.count == 3)
        #expect(listed[0].contains(#""party":"north""#) && listed[0].contains(#""actor":"nadia""#))
        #expect(listed[2].contains(#""conditions":[{"#))
        let log = try cli.succeed(["log"]).stdout
        #expect(log.contains("add statement #1") && log.contains("add statement #3"))
        // From standard input too.
        let piped = Pipe()
        let process = Process()
        process.executableURL = CLIHarness.executable
        process.arguments = ["add", "--batch", "-", "--db", cli.database]
        process.currentDirectoryURL = cli.directory
        process.standardInput = piped
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        piped.fileHandleForWriting.write(
            Data(
                #"{"party": "south", "issue": "water", "kind": "proposal", "stance": "joint-commission", "summary": "A commission.", "source": "bulletin"}"#
                    .utf8))
        try piped.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try cli.succeed(["statements"]).stdout.contains("joint-commission"))
    }

    @Test("a wrong line names itself and nothing of the batch is recorded")
    func allOrNothing() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let good =
            #"{"party": "north", "issue": "water/dam", "kind": "demand", "stance": "stop-dam", "summary": "Stop.", "source": "gazette"}"#
        func refused(_ lines: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let file = try cli.write("bad.jsonl", lines.joined(separator: "\n") + "\n")
            let output = try cli.run(["add", "--batch", file])
            #expect(output.status == 1, sourceLocation: sourceLocation)
            #expect(
                output.stderr == "parley: error: \(file) line \(lines.count): \(message); nothing was added\n",
                sourceLocation: sourceLocation)
        }
        try refused(
            [good, good.replacingOccurrences(of: "\"north\"", with: "\"nowhere\"")],
            "no party with id 'nowhere'; see `parley party list`, or add it with `parley party add`")
        try refused(
            [good, "not json"],
            #"not a JSON object; write one statement a line, such as {"party": "p", "issue": "i", …}"#)
        try refused(
            [good, good.replacingOccurrences(of: "\"issue\"", with: "\"isue\"")],
            "'isue' is not a field of a statement (did you mean 'issue'?)")
        try refused(
            [good.replacingOccurrences(of: "\"demand\"", with: "\"demnd\"")],
            "kind: 'demnd' is not a valid statement kind: use one of demand, proposal, acceptance, rejection, commitment, assertion, assessment, appeal, accusation, denial"
        )
        // A label within two letters of one used earlier in the same batch is a likely typo, as for `add`.
        try refused(
            [good, good.replacingOccurrences(of: "stop-dam", with: "stop-dan")],
            "'stop-dan' is a new stance label on water/dam, close to 'stop-dam'; reuse that label if it is the same "
                + "position, or add \"new_label\": true to the line if it is a new one"
        )
        #expect(try cli.succeed(["statements", "--format", "jsonl"]).stdout.isEmpty)
        let confirmed = try cli.write(
            "ok.jsonl",
            good + "\n" + good.replacingOccurrences(of: "stop-dam", with: "stop-dan").dropLast()
                + #", "new_label": true}"#)
        #expect(try cli.succeed(["add", "--batch", confirmed]).stdout == "Recorded 2 statements: #1 to #2.\n")
        let mixed = try cli.run(["add", "--batch", confirmed, "--issue", "water"])
        #expect(mixed.status == 64)
        #expect(
            mixed.stderr.hasPrefix(
                "parley: error: --issue given with --batch; give each statement's fields in the file, one JSON object a line\n"
            ))
    }

    @Test("every wrong line of a batch is named with what to fix, and the database is left byte for byte as it was")
    func everyWrongLine() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "demand", "--stance", "build-dam",
            "--summary", "Build.", "--source", "gazette",
        ])
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        let good =
            #"{"party": "north", "issue": "water/dam", "kind": "demand", "stance": "stop-dam", "summary": "Stop.", "source": "gazette"}"#
        let file = try cli.write(
            "bad.jsonl",
            [
                good,
                #"{"party": "north", "issue": "water/dam", "stance": "stop-dam", "summary": "Stop."}"#,
                good.replacingOccurrences(of: "Stop.", with: "Stop now.").dropLast() + #", "quote": "Stop now."}"#,
                good.replacingOccurrences(of: "\"north\"", with: "\"nowhere\""),
                "not json",
                good.replacingOccurrences(of: "\"issue\"", with: "\"isue\"").dropLast() + #", "said": "2020-02-30"}"#,
                good.replacingOccurrences(of: "\"party\": \"north\", ", with: ""),
                good.replacingOccurrences(of: "stop-dam", with: "build-dan"),
                good,
            ].joined(separator: "\n") + "\n")
        let output = try cli.run(["add", "--batch", file])
        #expect(output.status == 1)
        let kinds =
            "demand, proposal, acceptance, rejection, commitment, assertion, assessment, appeal, accusation or denial"
        #expect(
            output.stderr == """
                parley: error: 7 lines of \(file) are wrong; nothing was added. Fix each and run the batch again:
                  line 2: no "kind" or "source": add "kind": "…" (the speech act: \(kinds)) and "source": "…" (the id of the source that reports it) to the line
                  line 4: no party with id 'nowhere'; see `parley party list`, or add it with `parley party add`
                  line 5: not a JSON object; write one statement a line, such as {"party": "p", "issue": "i", …}
                  line 6: 'isue' is not a field of a statement (did you mean 'issue'?); said: '2020-02-30' is not a valid date: 2020-02 has 29 days, so there is no day 30; use YYYY-MM-DD, YYYY-MM or YYYY
                  line 7: no "party" and no "actor": add "party": "…" (the id of the party whose position this is) or "actor": "…" (the id of the actor who spoke for the party, whose party it then is)
                  line 8: 'build-dan' is a new stance label on water/dam, close to 'build-dam'; reuse that label if it is the same position, or add "new_label": true to the line if it is a new one
                  line 9: this statement is already recorded or on an earlier line (party 'north', issue 'water/dam', stance 'stop-dam', said (source date), source 'gazette'); leave the line out

                """)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        #expect(try cli.succeed(["statements", "--format", "jsonl"]).stdout.split(separator: "\n").count == 1)
        // The same lines fixed are recorded whole.
        let fixed = try cli.write(
            "fixed.jsonl",
            [good, good.replacingOccurrences(of: "Stop.", with: "Stop now.").dropLast() + #", "quote": "Stop now."}"#]
                .joined(separator: "\n"))
        #expect(try cli.succeed(["add", "--batch", fixed]).stdout == "Recorded 2 statements: #2 to #3.\n")
    }
}
