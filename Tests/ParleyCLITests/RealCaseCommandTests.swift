import Foundation
import Testing

/// The command-line side of telling real cases faithfully: relayed statements and claims about
/// others, contested agreements, disputes over several issues, label relations, contradictions,
/// staleness, and dates a source cannot vouch for.
@Suite("Real cases from the command line")
struct RealCaseCommandTests {
    @Test("a relayed statement, a claim about the other side, and the contradictions report")
    func claimsAndContradictions() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let relayed = try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam", "--summary",
            "Stop.", "--said", "2023-06-01", "--source", "bulletin", "--via", "the river envoy",
        ])
        #expect(relayed.stdout.contains("Recorded statement #1: north (nadia) on water/dam: demand 'stop-dam'."))
        let claim = try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "assertion", "--stance", "stop-dam",
            "--summary", "South agreed to stop.", "--said", "2023-06-02", "--source", "bulletin", "--about", "south",
        ])
        #expect(claim.stdout.contains("north (nadia) about south on water/dam"))
        try cli.succeed([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "rejection", "--stance", "build-dam",
            "--summary", "We build.", "--said", "2023-06-03", "--source", "bulletin",
        ])
        let positions = try cli.succeed(["report", "positions", "--party", "south"]).stdout
        #expect(positions.contains("build-dam"))
        #expect(!positions.contains("stop-dam"))
        let text = try cli.succeed(["report", "contradictions"]).stdout
        #expect(text.contains("CLAIM CONTRADICTED  south on water/dam"))
        #expect(text.contains("south according to north: stop-dam"))
        let json = try cli.succeed(["report", "contradictions", "--format", "json", "--issue", "water"]).stdout
        #expect(json.contains("\"kind\" : \"claim-contradicted\""))
        let markdown = try cli.succeed(["report", "contradictions", "--format", "markdown"]).stdout
        #expect(markdown.contains("## Claim contradicted"))
        let history = try cli.succeed(["history", "--issue", "water", "--party", "south"]).stdout
        #expect(history.contains("#2 south according to north (nadia) on water/dam"))
        #expect(try cli.succeed(["statements", "--about", "south"]).stdout.contains("#2"))
        let itself = try cli.run([
            "add", "--party", "south", "--issue", "water", "--kind", "demand", "--stance", "x", "--summary", "s",
            "--source", "bulletin", "--about", "south",
        ])
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("a statement about another party names that party"))
        // A claim recorded by mistake as one: cleared, it is the speaker's own position.
        let amended = try cli.succeed(["amend", "2", "--clear", "about", "--reason", "North's own view"])
        #expect(amended.stdout.contains("about: south → (none)"))
        #expect(try cli.succeed(["report", "contradictions"]).stdout.contains("No contradictions found."))
    }

    @Test("an agreement step without --on takes its source's date; --according-to keeps each side's account")
    func contestedAgreement() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "agreement", "add", "--id", "deal", "--title", "A deal", "--issue", "water", "--issue", "water/dam",
            "--party", "north", "--party", "south", "--status", "proposed", "--source", "gazette",
        ])
        let claimed = try cli.succeed([
            "agreement", "update", "--id", "deal", "--status", "claimed", "--according-to", "north", "--source",
            "bulletin", "--note", "North says it was agreed.",
        ])
        #expect(
            claimed.stdout.contains(
                "Agreement deal step 2: claimed according to north on 2023-12-31 (the source's date)."))
        try cli.succeed([
            "agreement", "update", "--id", "deal", "--status", "disputed", "--according-to", "south", "--on",
            "2023-12-31", "--source", "bulletin",
        ])
        let report = try cli.succeed(["report", "agreements"]).stdout
        #expect(report.contains("Accounts differ:"))
        #expect(report.contains("north: claimed on 2023-12-31*, source bulletin - North says it was agreed."))
        #expect(report.contains("issues water, water/dam"))
        #expect(report.contains("2020-05-01* proposed"))
        let outsider = try cli.run([
            "agreement", "update", "--id", "deal", "--status", "claimed", "--according-to", "nadia", "--source",
            "bulletin",
        ])
        #expect(outsider.status == 1)
        #expect(outsider.stderr.contains("no party with id 'nadia'"))
        let list = try cli.succeed(["agreement", "list"]).stdout
        // The status all sides stand by, marked contested, each side's account beside it (bug 8.4).
        #expect(list.contains("proposed; contested: north claimed, south disputed"))
    }

    @Test("label relations: recorded, listed with sub-issues, undone; apparent disputes follow them")
    func labelRelations() throws {
        let cli = try CLIHarness()
        try cli.seed()
        for (party, stance) in [("north", "facilitate-mission"), ("south", "cooperate-mission")] {
            try cli.succeed([
                "add", "--party", party, "--issue", "water/dam", "--kind", "commitment", "--stance", stance,
                "--summary", "Yes.", "--source", "bulletin",
            ])
        }
        #expect(try cli.succeed(["report", "disputes"]).stdout.contains("APPARENT"))
        let related = try cli.succeed([
            "labels", "relate", "--issue", "water/dam", "facilitate-mission", "cooperate-mission", "--compatible",
        ])
        #expect(
            related.stdout.contains(
                "Recorded on water/dam: 'facilitate-mission' and 'cooperate-mission' are compatible."))
        #expect(try cli.succeed(["report", "disputes"]).stdout.contains("No open disputes."))
        let labels = try cli.succeed(["labels", "--issue", "water"]).stdout
        #expect(labels.contains("water/dam"))
        #expect(labels.contains("cooperate-mission"))
        let json = try cli.succeed(["labels", "--issue", "water", "--format", "json"]).stdout
        #expect(json.contains("\"compatible\" : [\n      \"cooperate-mission\"\n    ]"))
        let contradicts = try cli.run([
            "labels", "relate", "--issue", "water/dam", "cooperate-mission", "facilitate-mission", "--opposed",
        ])
        #expect(contradicts.status == 0)
        #expect(contradicts.stdout.contains("(were compatible)"))
        let typo = try cli.run([
            "labels", "relate", "--issue", "water/dam", "facilitate-misson", "cooperate-mission", "--compatible",
        ])
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("did you mean 'facilitate-mission'?"))
        let neither = try cli.run(["labels", "relate", "--issue", "water/dam", "a", "b"])
        #expect(neither.status == 64)
        #expect(
            neither.stderr.contains(
                "no relation given; pass one of --compatible, --opposed, --independent, --harder and --softer"))
        let removed = try cli.succeed([
            "labels", "unrelate", "--issue", "water/dam", "facilitate-mission", "cooperate-mission",
        ])
        #expect(removed.stdout.contains("were opposed"))
        let log = try cli.succeed(["log"]).stdout
        #expect(log.contains("relate"))
    }

    @Test("staleness: a window per report or per issue; a bad window says what a window is")
    func staleness() throws {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed([
            "add", "--party", "north", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam", "--summary",
            "Stop.", "--source", "gazette",
        ])
        try cli.succeed([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "demand", "--stance", "build-dam",
            "--summary", "Build.", "--source", "bulletin",
        ])
        // North's 2020 statement is more than two years older than the bulletin: no apparent dispute.
        let stale = try cli.succeed(["report", "positions"]).stdout
        #expect(stale.contains("stale (1339 days)"))
        #expect(try cli.succeed(["report", "disputes"]).stdout.contains("No open disputes."))
        #expect(try cli.succeed(["report", "disputes", "--stale-after", "5y"]).stdout.contains("APPARENT"))
        let edited = try cli.succeed(["issue", "edit", "--id", "water/dam", "--stale-after", "4y"])
        #expect(edited.stdout.contains("stale_after: (none) → 4y"))
        #expect(try cli.succeed(["report", "disputes"]).stdout.contains("APPARENT"))
        let bad = try cli.run(["report", "disputes", "--stale-after", "2 years"])
        #expect(bad.status == 64)
        #expect(
            bad.stderr.contains(
                "--stale-after '2 years': not a staleness window; use a whole number and y, m or d (2y, 18m, 400d)"))
    }

    @Test("dates a source cannot vouch for are refused with both dates; a bad date names its option")
    func dates() throws {
        let cli = try CLIHarness()
        try cli.seed()
        let late = try cli.run([
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "x", "--summary", "s",
            "--said", "2020-06", "--source", "gazette",
        ])
        #expect(late.status == 1)
        #expect(
            late.stderr.contains(
                "said 2020-06 is after source gazette was published (2020-05-01): a source cannot report what had not yet been said"
            ))
        let step = try cli.run([
            "dispute", "open", "--id", "d", "--title", "D", "--issue", "water", "--party", "north", "--party",
            "south", "--on", "2020-06", "--source", "gazette",
        ])
        #expect(step.status == 1)
        #expect(step.stderr.contains("the step dated 2020-06 is after source gazette was published (2020-05-01)"))
        let future = try cli.run(["source", "add", "--id", "later", "--title", "Later", "--published", "2030-01-01"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("published 2030-01-01 is after today (2026-01-01)"))
        let bad = try cli.run([
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "x", "--summary", "s",
            "--said", "2021-13-01", "--source", "gazette",
        ])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--said 2021-13-01: month 13 does not exist; use YYYY-MM-DD, YYYY-MM or YYYY"))
        #expect(try cli.succeed(["statements"]).stdout.contains("No statements match."))
    }
}
