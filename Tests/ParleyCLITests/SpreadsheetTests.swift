import Foundation
import Testing

/// CSV for spreadsheets: listings and reports as tables, and a whole case as a folder of tables
/// that imports back exactly.
@Suite("Spreadsheets")
struct SpreadsheetTests {
    static let casefile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ParleyReportsTests/Fixtures/fixture.yaml").path

    /// A case with every kind of record and the awkward values: a free-text alias with a `;`, a
    /// quote with commas, quotes and a line break, a retracted statement, a claim about another
    /// party, a step dated by its source and one party's account.
    static func richCase(_ cli: CLIHarness) throws {
        try cli.seed()
        try cli.succeed(["party", "edit", "--id", "south", "--add-alias", "The South; formally"])
        try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam", "--summary",
            "Stop, now.", "--quote", "We said \"no\",\nand we mean it.", "--said", "2020-04", "--source", "gazette",
            "--via", "the envoy",
        ])
        try cli.succeed([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "assertion", "--stance", "stop-dam",
            "--summary", "North gave in.", "--source", "bulletin", "--about", "north",
        ])
        try cli.succeed([
            "add", "--party", "south", "--issue", "water", "--kind", "demand", "--stance", "share", "--summary",
            "Share.",
            "--source", "bulletin",
        ])
        try cli.succeed(["retract", "3", "--reason", "Wrong source"])
        try cli.succeed([
            "agreement", "add", "--id", "deal", "--title", "Deal, at last", "--issue", "water", "--issue", "water/dam",
            "--party", "north", "--party", "south", "--status", "proposed", "--source", "gazette",
        ])
        try cli.succeed([
            "agreement", "update", "--id", "deal", "--status", "claimed", "--according-to", "north", "--source",
            "bulletin", "--note", "North: agreed.",
        ])
        try cli.succeed(["issue", "edit", "--id", "water", "--stale-after", "18m"])
    }

    @Test("a case exported as CSV tables and imported into an empty database exports the same casefile")
    func tablesRoundTrip() throws {
        let cli = try CLIHarness()
        try Self.richCase(cli)
        let original = try cli.succeed(["export"]).stdout
        let folder = cli.directory.appendingPathComponent("tables").path
        let written = try cli.succeed(["export", "--format", "csv", "--output", folder])
        #expect(written.stderr.hasPrefix("Wrote \(folder)/: 2 parties, 1 actor, 2 issues, 2 sources, 3 statements"))
        let parties = try String(contentsOfFile: folder + "/parties.csv", encoding: .utf8)
        #expect(parties.contains("south,Southland,state,\"[\"\"The South; formally\"\"]\"\r\n"))
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        try cli.succeed(["import", folder, "--db", other], useDB: false)
        #expect(try cli.succeed(["export", "--db", other], useDB: false).stdout == original)
        // A bad cell is refused with its file and line.
        try (parties + "west,West,empire,\r\n").write(
            toFile: folder + "/parties.csv", atomically: true, encoding: .utf8)
        let bad = try cli.run(["import", folder, "--db", cli.directory.appendingPathComponent("x.sqlite").path])
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "parties.csv line 4: parties[2].kind: 'empire' is not a valid party kind: use one of state, government")
        )
        #expect(bad.stderr.contains("the casefile has 1 problem; nothing was imported"))
    }

    @Test("statements as CSV import back as the bulk format; JSON Lines has one object per line")
    func statementsFormats() throws {
        let cli = try CLIHarness()
        try Self.richCase(cli)
        let csv = try cli.succeed(["statements", "--all", "--format", "csv"]).stdout
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(
            lines.first
                == "number,date,said,party,actor,issue,kind,stance,summary,quote,source,via,about,recorded,retracted_at,retracted_by,retract_reason,conditions"
        )
        #expect(csv.contains("\"We said \"\"no\"\",\nand we mean it.\""))
        let file = try cli.write("statements.csv", csv)
        let fresh = cli.directory.appendingPathComponent("fresh.sqlite").path
        try cli.succeed(
            ["import", try cli.write("refs.yaml", try cli.succeed(["export"]).stdout), "--db", fresh], useDB: false)
        // The statements are already there: a merge finds them all.
        let merged = try cli.succeed(["import", file, "--merge", "--db", fresh], useDB: false)
        #expect(merged.stdout.contains("0 statements; 3 already recorded"))
        let jsonl = try cli.succeed(["statements", "--format", "jsonl"]).stdout
        let objects = jsonl.split(separator: "\n")
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { $0.hasPrefix("{\"about\":") && $0.hasSuffix("}") })
    }

    @Test("lists, positions and diff come as CSV with a header row; other reports say they are not tables")
    func reportsAsCSV() throws {
        let cli = try CLIHarness()
        func csv(_ arguments: [String]) throws -> [String] {
            try cli.succeed(arguments + ["--casefile", Self.casefile, "--format", "csv"], useDB: false).stdout
                .components(separatedBy: "\r\n").filter { !$0.isEmpty }
        }
        #expect(try csv(["issue", "list"]).first == "id,title,description,aliases,stale_after")
        #expect(
            try csv(["dispute", "list"]).first
                == "id,title,issues,status,according_to,since,parties,mediators,contested,accounts")
        let positions = try csv(["report", "positions"])
        #expect(
            positions.first
                == "issue,party,stance,adopted,said,age_days,stale,diverges,statement,source,labels,move,moved_from,"
                + "conditions")
        #expect(
            positions.contains(
                "river/dam,valdoria,build-dam,2016-02-01,2019-06-01,731,false,true,14,herald-2019-06-02,build-dam,,,"))
        let diff = try csv(["diff", "--from", "2016-06-01", "--to", "2019-12"])
        #expect(diff.first == "what,change,id,party,issue,before,after,before_statement,after_statement,date")
        #expect(diff.contains("dispute,closed,fishing-rights,,river/fishing,open,resolved,,,2018-09-10"))
        let refused = try cli.run(["report", "disputes", "--casefile", Self.casefile, "--format", "csv"], useDB: false)
        #expect(refused.status == 64)
        #expect(
            refused.stderr.hasPrefix(
                "parley: error: --format csv: `parley report disputes` writes text, markdown, json or html\n"))
    }
}
