import Foundation
import Testing

/// Issue 22 from the command line: scales and relations, conditional statements, packages,
/// deadlines and terms, and reports as they were known at a moment.
@Suite("Negotiation semantics from the command line")
struct NegotiationCommandTests {
    func say(_ cli: CLIHarness, _ party: String, _ stance: String, _ said: String, _ more: [String] = []) throws
        -> CLIHarness.Output
    {
        try cli.succeed(
            [
                "add", "--party", party, "--issue", "water/dam", "--kind", "assertion", "--stance", stance, "--summary",
                "\(party): \(stance)", "--said", said, "--source", "bulletin",
            ] + more)
    }

    @Test("labels scale, relate --independent, --harder; a circle is refused and names the pair")
    func scales() throws {
        let cli = try CLIHarness()
        try cli.seed()
        for (stance, said) in [("stop-dam", "2023-01-01"), ("pause-dam", "2023-02-01"), ("build-dam", "2023-03-01")] {
            try say(cli, "north", stance, said)
        }
        try say(cli, "south", "fund-dam", "2023-03-02")
        let scale = try cli.succeed(["labels", "scale", "--issue", "water/dam", "stop-dam", "pause-dam"])
        #expect(scale.stdout.contains("'stop-dam' harder than 'pause-dam'"))
        let pair = try cli.succeed(["labels", "relate", "--issue", "water/dam", "build-dam", "pause-dam", "--softer"])
        #expect(pair.stdout.contains("'pause-dam' is harder than 'build-dam'"))
        let circle = try cli.run(["labels", "relate", "--issue", "water/dam", "build-dam", "stop-dam", "--harder"])
        #expect(circle.status == 1)
        #expect(circle.stderr.contains("would go round in a circle"))
        let aspect = try cli.succeed([
            "labels", "relate", "--issue", "water/dam", "fund-dam", "build-dam", "--independent",
        ])
        #expect(aspect.stdout.contains("are independent"))
        let both = try cli.run(["labels", "relate", "--issue", "water/dam", "a", "b", "--harder", "--opposed"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--opposed and --harder given together"))
        let short = try cli.run(["labels", "scale", "--issue", "water/dam", "stop-dam"])
        #expect(short.status == 64)
        let removed = try cli.succeed(["labels", "unrelate", "--issue", "water/dam", "stop-dam", "pause-dam"])
        #expect(removed.stdout.contains("were 'stop-dam' harder"))
        #expect(try cli.succeed(["log"]).stdout.contains("stop-dam > pause-dam"))
    }

    @Test("add --if and --if-party record conditions; amend replaces or clears them; a bad one is a usage error")
    func conditions() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try say(cli, "south", "build-dam", "2023-01-01")
        let added = try say(
            cli, "north", "stop-dam", "2023-01-02", ["--if", "water=share-water", "--if-party", "Southland"])
        #expect(added.stdout.contains("'stop-dam' if south:water=share-water."))
        let csv = try cli.succeed(["statements", "--format", "csv"]).stdout
        #expect(csv.contains(",south:water=share-water"))
        let amended = try cli.succeed([
            "amend", "2", "--if", "water=own-water", "--if", "south:water/dam=build-dam", "--reason", "Two conditions",
        ])
        #expect(
            amended.stdout.contains("conditions: south:water=share-water → water=own-water; south:water/dam=build-dam"))
        #expect(
            try cli.succeed(["amend", "2", "--clear", "conditions", "--reason", "None"]).stdout.contains("→ (none)"))
        let bad = try cli.run(["amend", "2", "--if", "water", "--reason", "x"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--if water: not a condition"))
        let counts = try cli.run([
            "amend", "2", "--if", "a=b", "--if", "c=d", "--if-party", "south", "--if-party", "north",
            "--if-party", "south", "--reason", "x",
        ])
        #expect(counts.status == 64)
        #expect(counts.stderr.contains("3 --if-party for 2 --if"))
        let itself = try cli.run(["amend", "2", "--if", "water/dam=x", "--reason", "x"])
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("cannot be conditional on its own party's position on its own issue"))
    }

    @Test("agreement add --due --package, update --term --due, link and unlink")
    func commitments() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let added = try cli.succeed([
            "agreement", "add", "--id", "swap", "--title", "Detainees", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-04-01", "--source", "gazette", "--due", "2021-06", "--package", "deal",
        ])
        #expect(added.stdout.contains("Added agreement swap: pledged on 2020-04-01, due 2021-06, in package deal."))
        try cli.succeed([
            "agreement", "add", "--id", "dam", "--title", "Dam", "--issue", "water/dam", "--party", "north", "--party",
            "south", "--status", "proposed", "--source", "gazette",
        ])
        let term = try cli.succeed([
            "agreement", "update", "--id", "swap", "--term", "first-group", "--due", "2021-03", "--status", "pledged",
            "--on", "2020-04-01", "--source", "gazette",
        ])
        #expect(term.stdout.contains("Agreement swap step 2"))
        let dispute = try cli.run(["dispute", "update", "--id", "x", "--due", "2021", "--source", "gazette"])
        #expect(dispute.status == 64)
        let linked = try cli.succeed(["agreement", "link", "--package", "deal", "dam"])
        #expect(linked.stdout.contains("Linked into package deal: dam."))
        let yaml = try cli.succeed(["export"]).stdout
        #expect(yaml.contains("package: deal"))
        #expect(yaml.contains("term: first-group"))
        #expect(yaml.contains("due: 2021-06"))
        #expect(try cli.succeed(["agreement", "unlink", "dam"]).stdout.contains("Unlinked: dam (from deal)."))
    }

    @Test("--known-as-of on reports: later statements are left out, a bad moment is a usage error")
    func knownAsOf() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let added = try cli.run(
            [
                "add", "--party", "south", "--issue", "water/dam", "--kind", "assertion", "--stance", "build-dam",
                "--summary", "Build.", "--said", "2023-01-01", "--source", "bulletin",
            ], environment: ["PARLEY_NOW": "2024-01-10T09:00:00Z"])
        #expect(added.status == 0)
        let amended = try cli.run(
            [
                "amend", "1", "--stance", "halt-dam", "--reason", "Misheard.",
            ], environment: ["PARLEY_NOW": "2024-02-10T09:00:00Z"])
        #expect(amended.status == 0)
        let now = try cli.succeed(["report", "positions", "--format", "csv"]).stdout
        #expect(now.contains("halt-dam") && !now.contains("build-dam"))
        let then = try cli.succeed(["report", "positions", "--format", "csv", "--known-as-of", "2024-01-31"]).stdout
        #expect(then.contains("build-dam") && !then.contains("halt-dam"))
        let before = try cli.succeed(["report", "positions", "--format", "csv", "--known-as-of", "2024-01-09"]).stdout
        #expect(!before.contains("dam"))
        for command in [
            ["report", "disputes"], ["report", "agreements"], ["report", "contradictions"],
            ["history", "--issue", "water"], ["diff", "--from", "2022", "--to", "2023"], ["statements"],
        ] {
            try cli.succeed(command + ["--known-as-of", "2024-01-31T12:00:00Z"])
        }
        let bad = try cli.run(["report", "disputes", "--known-as-of", "last week"])
        #expect(bad.status == 64)
    }
}
