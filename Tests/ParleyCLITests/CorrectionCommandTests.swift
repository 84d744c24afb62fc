import Foundation
import Testing

/// Fixing mistakes from the command line, as the README's "Fixing mistakes" describes.
@Suite("parley amend, retract, edit, rename, log")
struct CorrectionCommandTests {
    static func withStatements() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam", "--summary",
            "Work must stop.", "--said", "2020-04-30", "--source", "gazette",
        ])
        try cli.succeed([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "rejection", "--stance", "build-dam",
            "--summary",
            "It will be built.", "--said", "2020-03", "--source", "gazette", "--by", "alice",
        ])
        return cli
    }

    @Test("amend and retract correct statements, refuse without a reason, and log who did what and why")
    func amendRetractLog() throws {
        let cli = try Self.withStatements()
        let amended = try cli.succeed([
            "amend", "2", "--said", "2020-04-29", "--reason", "The gazette's date", "--by", "bob",
        ])
        #expect(amended.stdout.contains("Amended statement #2: said: 2020-03 → 2020-04-29."))
        let noReason = try cli.run(["amend", "2", "--said", "2020-04-28"])
        #expect(noReason.status == 64)
        #expect(
            noReason.stderr.contains(
                "parley: error: missing --reason <reason>: why the statement is corrected (kept in the change log)\n"
                    + "Usage: parley amend"))
        let missing = try cli.run(["retract", "9", "--reason", "x"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no statement #9; the highest number is #2"))
        try cli.succeed(["retract", "1", "--reason", "Wrong actor"], )
        let twice = try cli.run(["retract", "1", "--reason", "again"])
        #expect(twice.stderr.contains("statement #1 was retracted on 2026-01-01T00:00:00Z"))
        #expect(!(try cli.succeed(["statements"]).stdout).contains("#1 "))
        #expect(try cli.succeed(["statements", "--all"]).stdout.contains("RETRACTED on 2026-01-01T00:00:00Z by "))
        let log = try cli.run(["log"], environment: ["PARLEY_USER": "carol"]).stdout
        #expect(log.contains("alice  add statement #2"))
        #expect(log.contains("bob  amend statement #2"))
        #expect(log.contains("reason: The gazette's date"))
        #expect(log.contains("said: 2020-03 → 2020-04-29"))
        let json = try cli.succeed(["log", "--format", "json"]).stdout
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let entries = try #require(object?["entries"] as? [[String: Any]])
        #expect(entries.last?["action"] as? String == "retract")
        let byEnvironment = try cli.run(
            ["party", "add", "--id", "east", "--name", "East", "--kind", "state"], environment: ["PARLEY_USER": "carol"]
        )
        #expect(byEnvironment.status == 0)
        #expect(try cli.succeed(["log"]).stdout.contains("carol  add party east"))
    }

    @Test("edit, rename and relabel from the command line; the old issue id still works, with a note")
    func editRenameRelabel() throws {
        let cli = try Self.withStatements()
        let edited = try cli.succeed(["party", "edit", "--id", "north", "--name", "The North", "--add-alias", "N"])
        #expect(
            edited.stdout.contains("Edited party north: name: Northland → The North; aliases: Northern → Northern, N."))
        let badAlias = try cli.run(["party", "edit", "--id", "north", "--remove-alias", "Nowhere"])
        #expect(badAlias.stderr.contains("party north has no alias 'Nowhere'"))
        try cli.succeed(["issue", "add", "--id", "rivers", "--title", "Rivers"])
        let renamed = try cli.succeed(["issue", "rename", "water", "rivers/main"])
        #expect(renamed.stdout.contains("Renamed issue water to rivers/main and 1 issue below it"))
        let old = try cli.succeed(["statements", "--issue", "water/dam"])
        #expect(old.stderr.contains("note: issue 'water/dam' is now 'rivers/main/dam'"))
        #expect(old.stdout.contains("on rivers/main/dam"))
        let relabelled = try cli.succeed([
            "labels", "rename", "--issue", "rivers", "--from", "build-dam", "--to", "finish-dam",
        ])
        #expect(relabelled.stdout.contains("Relabelled 1 statement on rivers from 'build-dam' to 'finish-dam': #2."))
        let unknown = try cli.run(["labels", "rename", "--issue", "rivers", "--from", "stop-dams", "--to", "x"])
        #expect(unknown.stderr.contains("did you mean 'stop-dam'?"))
        #expect(try cli.succeed(["labels", "--issue", "rivers/main/dam"]).stdout.contains("finish-dam"))
        // The statement numbers are fitted to the terminal, as help is: a long relabel is not one line.
        let narrow = try cli.run(
            ["labels", "rename", "--issue", "rivers", "--from", "finish-dam", "--to", "complete-dam"],
            environment: ["COLUMNS": "40"])
        let lines = narrow.stdout.split(separator: "\n")
        #expect(narrow.status == 0 && lines.count > 1 && lines.allSatisfy { $0.count <= 40 }, "\(narrow.stdout)")
        #expect(lines.last?.hasSuffix("#2.") ?? false)
    }

    @Test(
        "a party joins a dispute by a dated step, a wrong step is retracted, and merging a casefile reports what it skipped"
    )
    func disputesAndMerge() throws {
        let cli = try Self.withStatements()
        try cli.succeed([
            "dispute", "open", "--id", "dam", "--title", "The dam", "--issue", "water/dam", "--party", "north",
            "--party", "south",
            "--on", "2020-04-30", "--source", "gazette",
        ])
        try cli.succeed(["party", "add", "--id", "east", "--name", "East", "--kind", "state"])
        let joined = try cli.succeed([
            "dispute", "update", "--id", "dam", "--add-party", "east", "--on", "2020-05", "--source", "gazette",
        ])
        #expect(joined.stdout.contains("Dispute dam step 2: open; joined: east on 2020-05."))
        let again = try cli.run([
            "dispute", "update", "--id", "dam", "--add-party", "east", "--on", "2020-06", "--source", "bulletin",
        ])
        #expect(again.stderr.contains("east already takes part in dam"))
        let early = try cli.succeed([
            "dispute", "update", "--id", "dam", "--status", "dormant", "--on", "2019", "--source", "gazette",
        ])
        #expect(early.stdout.contains("Dispute dam step 1: dormant"))
        try cli.succeed(["dispute", "retract-step", "--id", "dam", "--step", "1", "--reason", "Wrong year"])
        #expect(try cli.succeed(["report", "disputes"]).stdout.contains("  east"))

        let exported = cli.directory.appendingPathComponent("mine.yaml").path
        try cli.succeed(["export", "--output", exported])
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        try cli.succeed(["import", exported, "--db", other], useDB: false)
        try cli.succeed([
            "add", "--party", "east", "--issue", "water", "--kind", "demand", "--stance", "share", "--summary",
            "Share.", "--source", "gazette",
        ])
        try cli.succeed(["export", "--output", exported])
        let merged = try cli.succeed(["import", exported, "--merge", "--db", other], useDB: false)
        #expect(
            merged.stdout.contains(
                "Merged \(exported): added 1 statement; already there: 3 parties, 1 actor, 2 issues, 2 sources, 2 statements, 1 dispute."
            ))
        let plain = try cli.run(["import", exported, "--db", other], useDB: false)
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("line "))
        #expect(plain.stderr.contains("party 'north' is already in the database"))
    }
}
