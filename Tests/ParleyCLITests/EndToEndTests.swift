import Foundation
import Testing

@Suite("parley end to end")
struct EndToEndTests {
    @Test("recording a statement from the command line and listing it back as JSON")
    func happyPath() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let added = try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam",
            "--summary", "Work on the dam must stop.", "--quote", "Stop the dam.", "--said", "2020-04-30", "--source",
            "gazette",
        ])
        #expect(added.stdout.contains("Recorded statement #1"))
        #expect(added.stderr.contains("'stop-dam' is the first stance label on water/dam"))
        let close = [
            "add", "--party", "south", "--issue", "water/dam", "--kind", "rejection", "--stance", "stop-dams",
            "--summary", "No.", "--source", "gazette",
        ]
        let refused = try cli.run(close)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("'stop-dams' is a new stance label on water/dam, close to 'stop-dam'"))
        #expect(refused.stderr.contains("--new-label"))
        let second = try cli.succeed(close + ["--new-label"])
        #expect(second.stderr.contains("Labels already used there: stop-dam"))
        #expect(second.stderr.contains("close to 'stop-dam'"))

        let json = try cli.succeed(["statements", "--format", "json", "--issue", "water"]).stdout
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(list.count == 2)
        for key in ["party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "source"] {
            #expect(list[0].keys.contains(key), "missing key \(key)")
        }
        #expect(list[0]["party"] as? String == "north")
        #expect(list[0]["said"] as? String == "2020-04-30")
        #expect(list[1]["said"] as? String == "2020-05-01")
        #expect(try cli.succeed(["statements", "--party", "south"]).stdout.contains("rejection: stop-dams"))
    }

    @Test("agreements and disputes are added, stepped and listed")
    func agreementsAndDisputes() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "agreement", "add", "--id", "commission", "--title", "River commission", "--issue", "water", "--party",
            "north", "--party", "south", "--status", "proposed", "--on", "2020-05", "--source", "gazette",
        ])
        try cli.succeed([
            "agreement", "update", "--id", "commission", "--status", "signed", "--on", "2020-06-01", "--source",
            "bulletin",
        ])
        try cli.succeed([
            "dispute", "open", "--id", "dam", "--title", "The dam", "--issue", "water/dam", "--party", "north",
            "--party", "south", "--on", "2020-04-30", "--source", "gazette",
        ])
        try cli.succeed([
            "dispute", "update", "--id", "dam", "--status", "narrowed", "--on", "2020-07", "--source", "bulletin",
        ])
        #expect(try cli.succeed(["agreement", "list"]).stdout.contains("signed"))
        #expect(try cli.succeed(["dispute", "list"]).stdout.contains("narrowed"))
        let bad = try cli.run([
            "agreement", "add", "--id", "solo", "--title", "Solo", "--issue", "water", "--party", "north", "--on",
            "2020", "--source", "gazette",
        ])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("at least two parties"))
    }

    @Test("an unknown id fails, names the id, suggests the closest, and writes nothing")
    func unknownIDs() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let before = try cli.succeed(["export"]).stdout
        let cases: [([String], String)] = [
            (
                ["--party", "nort", "--issue", "water", "--source", "gazette"],
                "no party with id 'nort'; did you mean 'north'?"
            ),
            (
                ["--actor", "nadja", "--issue", "water", "--source", "gazette"],
                "no actor with id 'nadja'; did you mean 'nadia'?"
            ),
            (
                ["--party", "north", "--issue", "water/dams", "--source", "gazette"],
                "no issue with id 'water/dams'; did you mean 'water/dam'"
            ),
            (
                ["--party", "north", "--issue", "water", "--source", "gazete"],
                "no source with id 'gazete'; did you mean 'gazette'?"
            ),
        ]
        for (ids, message) in cases {
            let output = try cli.run(["add", "--kind", "demand", "--stance", "x", "--summary", "s"] + ids)
            #expect(output.status == 1)
            #expect(output.stderr.contains(message), "\(output.stderr)")
            #expect(output.stderr.hasPrefix("parley: error: "))
        }
        #expect(try cli.succeed(["export"]).stdout == before)
    }

    @Test("a statement identical to a recorded one is refused")
    func duplicate() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let args = [
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "share", "--summary",
            "Share.", "--said", "2020-04", "--source", "gazette",
        ]
        try cli.succeed(args)
        let again = try cli.run(args)
        #expect(again.status == 1)
        #expect(again.stderr.contains("already recorded"))
        let json = try cli.succeed(["statements", "--format", "json"]).stdout
        #expect(json.components(separatedBy: "\"stance\"").count == 2)
    }

    @Test("bad dates, ids and choices are rejected with the accepted forms")
    func badValues() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let date = try cli.run(["source", "add", "--id", "s2", "--title", "T", "--published", "14/12/2021"])
        #expect(date.status != 0)
        #expect(date.stderr.contains("use YYYY-MM-DD, YYYY-MM or YYYY"))
        let id = try cli.run(["party", "add", "--id", "East Land", "--name", "East", "--kind", "state"])
        #expect(id.status != 0)
        #expect(id.stderr.contains("lowercase letters"))
        let kind = try cli.run([
            "add", "--party", "north", "--issue", "water", "--kind", "threat", "--stance", "x", "--summary", "s",
            "--source", "gazette",
        ])
        #expect(kind.status != 0)
        #expect(kind.stderr.contains("demand"))
    }

    @Test("a casefile with errors lists every problem with its line and imports nothing")
    func badCasefile() throws {
        let cli = try CLIHarness()
        let file = try cli.write(
            "bad.yaml",
            """
            parties:
            - id: north
              name: North
            issues:
            - id: water
              title: Water
            sources:
            - id: paper
              title: Paper
              published: 2021-02-30
            statements:
            - party: nort
              issue: water
              kind: demand
              stance: share
              summary: Share.
              source: paper

            """)
        let output = try cli.run(["import", file])
        #expect(output.status == 1)
        #expect(output.stderr.contains("line 2: parties[0].kind: required field 'kind' is missing"))
        #expect(output.stderr.contains("line 10: sources[0].published"))
        #expect(output.stderr.contains("line 12: statements[0].party: no party with id 'nort'; did you mean 'north'?"))
        #expect(output.stderr.contains("nothing was imported"))
        #expect(!FileManager.default.fileExists(atPath: cli.database))
    }

    @Test("import then export reproduces the casefile byte for byte")
    func importExport() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam", "--summary",
            "Stop: now.", "--said", "2020", "--source", "gazette",
        ])
        let exported = cli.directory.appendingPathComponent("case.yaml").path
        try cli.succeed(["export", "--output", exported])
        let other = cli.directory.appendingPathComponent("other.sqlite").path
        try cli.succeed(["import", exported, "--db", other], useDB: false)
        let again = try cli.succeed(["export", "--db", other], useDB: false).stdout
        #expect(again == (try String(contentsOfFile: exported, encoding: .utf8)))
        #expect(try cli.succeed(["statements", "--casefile", exported], useDB: false).stdout.contains("stop-dam"))
    }

    @Test("a file that is not a Parley database is refused and left untouched")
    func notParley() throws {
        let cli = try CLIHarness()
        let path = try cli.write("notes.sqlite", "my notes\n")
        let output = try cli.run(
            ["party", "add", "--id", "a", "--name", "A", "--kind", "state", "--db", path], useDB: false)
        #expect(output.status == 1)
        #expect(output.stderr.contains("is not a Parley database"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "my notes\n")
        let missing = try cli.run(["party", "list"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("parley init"))
    }

    @Test("PARLEY_DB chooses the database when --db is not given")
    func environmentDatabase() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let output = try cli.run(
            ["party", "list", "--format", "json"], useDB: false, environment: ["PARLEY_DB": cli.database])
        #expect(output.status == 0)
        #expect(output.stdout.contains("\"north\""))
    }

    @Test("eight parley add processes started at once all succeed, and all eight statements are there")
    func concurrentWriters() async throws {
        let cli = try CLIHarness()
        try cli.seed()
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for i in 0..<8 {
                group.addTask {
                    try cli.run([
                        "add", "--party", i % 2 == 0 ? "north" : "south", "--issue", "water", "--kind", "assertion",
                        "--stance", "position-\(i)", "--summary", "Writer \(i).", "--source", "gazette", "--new-label",
                    ]).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 0, count: 8))
        let json = try cli.succeed(["statements", "--format", "json"]).stdout
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        #expect(Set(list.compactMap { $0["stance"] as? String }) == Set((0..<8).map { "position-\($0)" }))
    }

    @Test("every command's help shows an example")
    func helpHasExamples() throws {
        let cli = try CLIHarness()
        let commands: [[String]] = [
            ["report", "disputes"], ["report", "positions"], ["report", "agreements"], ["history"], ["diff"],
            [], ["init"], ["party", "add"], ["party", "list"], ["actor", "add"], ["issue", "add"], ["source", "add"],
            ["add"],
            ["agreement", "add"], ["agreement", "update"], ["dispute", "open"], ["dispute", "update"], ["statements"],
            ["import"], ["export"], ["labels"],
        ]
        for command in commands {
            let output = try cli.run(command + ["--help"], useDB: false)
            #expect(output.status == 0)
            #expect(output.stdout.contains("Example"), "parley \(command.joined(separator: " ")) --help has no example")
        }
    }
}

@Suite("parley import of a statements CSV")
struct BulkImportCommandTests {
    @Test("a CSV file is imported into an existing case; without a terminal no progress bar is drawn")
    func importCSV() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let file = try cli.write(
            "statements.csv",
            "actor,issue,kind,stance,summary,said,source\nnadia,water,demand,share,\"Share, now.\",2021-06,bulletin\n")
        let output = try cli.succeed(["import", file])
        #expect(output.stdout.contains("Imported \(file): 1 statement."))
        #expect(output.stderr.isEmpty)
        #expect(try cli.succeed(["statements", "--party", "north"]).stdout.contains("Share, now."))
    }

    @Test("a bad record fails the whole import with its line")
    func badCSV() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let file = try cli.write(
            "statements.csv",
            "party,issue,kind,stance,summary,source\nnorth,water,demand,a,ok,gazette\nnorth,water,demand,b,ok,gazete\n")
        let output = try cli.run(["import", file])
        #expect(output.status == 1)
        #expect(output.stderr.contains("statements.csv line 3: no source with id 'gazete'; did you mean 'gazette'?"))
        #expect(
            try cli.succeed(["statements", "--format", "json"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "[\n\n]")
        let wrongType = try cli.run(["import", try cli.write("notes.txt", "x")])
        #expect(wrongType.status != 0)
        #expect(wrongType.stderr.contains(".yaml or .yml, a folder of CSV tables, or a statements file ending in .csv"))
    }
}
