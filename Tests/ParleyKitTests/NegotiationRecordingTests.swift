import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

/// Recording issue 22's fields: relations and scales, conditions, packages, deadlines and terms,
/// and statements told through another relay.
@Suite("Recording negotiation semantics")
struct NegotiationRecordingTests {
    static func relationErrors(_ body: () throws -> Void) -> [ModelError] {
        do {
            try body()
        } catch StoreError.invalid(let problems) {
            return problems.map(\.error)
        } catch {
            Issue.record("unexpected \(error)")
        }
        return []
    }

    static func labelled() throws -> Parley {
        let parley = try smallCase()
        for stance in ["pause-dam", "halt-dam", "fund-dam"] {
            try parley.record(
                NewStatement(
                    party: "south", issue: "water/dam", kind: .proposal, stance: stance, summary: stance,
                    source: "bulletin"))
        }
        return parley
    }

    @Test("a scale is recorded hardest first; an order or relation that cannot hold with it is refused")
    func scales() throws {
        let parley = try Self.labelled()
        let added = try parley.order(LabelOrder.scale(["stop-dam", "pause-dam", "build-dam"], on: "water/dam"))
        #expect(added.map(\.softer) == ["pause-dam", "build-dam"])
        #expect(
            Self.relationErrors {
                _ = try parley.order([LabelOrder(issue: "water/dam", harder: "build-dam", softer: "stop-dam")])
            }
                == [.orderContradicts("build-dam", "stop-dam", issue: "water/dam", reason: .ordered)])
        #expect(
            Self.relationErrors {
                try parley.relate(LabelRelation(issue: "water/dam", "pause-dam", "stop-dam", kind: .compatible))
            }
                == [.orderContradicts("pause-dam", "stop-dam", issue: "water/dam", reason: .compatible)])
        #expect(try parley.relate(LabelRelation(issue: "water/dam", "fund-dam", "stop-dam", kind: .independent)) == nil)
        #expect(
            Self.relationErrors {
                _ = try parley.order([LabelOrder(issue: "water/dam", harder: "fund-dam", softer: "stop-dam")])
            }
                == [.orderContradicts("fund-dam", "stop-dam", issue: "water/dam", reason: .independent)])
        #expect(
            Self.relationErrors { _ = try parley.order(LabelOrder.scale(["stop-dam", "pause-dam"], on: "water/dam")) }
                .first.map { if case .nothingToChange = $0 { true } else { false } } == true)
        #expect(
            Self.relationErrors { _ = try parley.order(LabelOrder.scale(["stop-dam", "stop-dm"], on: "water/dam")) }
                == [.unknownLabel("stop-dm", issue: "water/dam", suggestions: ["stop-dam"])])
        let removed = try parley.unrelate(issue: "water/dam", "build-dam", "pause-dam")
        #expect(removed.relation == nil && removed.orders.map(\.harder) == ["pause-dam"])
        let log = try parley.log().entries.suffix(4).map { $0.changes.map(\.field) }
        #expect(log.contains(["pause-dam > build-dam"]))
    }

    @Test("a condition names an issue and a label, on the speaker's party or another; it is amended like any field")
    func conditions() throws {
        let parley = try smallCase()
        let receipt = try parley.record(
            NewStatement(
                party: "south", issue: "water", kind: .proposal, stance: "share-river", summary: "If the dam stops.",
                source: "bulletin", conditions: [Condition(party: "north", issue: "water/dam", label: "stop-dam")]))
        var recorded = try parley.statements().statements.first { $0.sequence == receipt.sequence }
        #expect(recorded?.statement.conditions == [Condition(party: "north", issue: "water/dam", label: "stop-dam")])
        let changes = try parley.amend(
            number: receipt.sequence, StatementChanges([.conditions: "water/dam=build-dam"]),
            reason: "Its own dam.")
        #expect(
            changes == [FieldChange(field: "conditions", old: "north:water/dam=stop-dam", new: "water/dam=build-dam")])
        recorded = try parley.statements().statements.first { $0.sequence == receipt.sequence }
        #expect(recorded?.statement.conditions == [Condition(issue: "water/dam", label: "build-dam")])
        let refused = Self.relationErrors {
            try parley.record(
                NewStatement(
                    party: "south", issue: "water", kind: .proposal, stance: "share-river", summary: "Circular.",
                    source: "gazette",
                    conditions: [
                        Condition(issue: "water", label: "x"), Condition(party: "west", issue: "wter", label: "Y"),
                    ]))
        }
        #expect(refused.contains(.conditionOnItself(issue: "water")))
        #expect(refused.contains(.invalidStance("Y")))
        #expect(refused.contains { if case .unknownReference(.party, "west", _) = $0 { true } else { false } })
        #expect(refused.contains { if case .unknownReference(.issue, "wter", _) = $0 { true } else { false } })
    }

    @Test("agreements are linked as a package and unlinked, each change logged")
    func packages() throws {
        let parley = try smallCase()
        try parley.add(
            Agreement(
                id: "dam-deal", title: "Dam", issue: "water/dam", parties: ["north", "south"],
                history: [AgreementStep(status: .signed, on: try date("2023-12"), source: "bulletin")]))
        let linked = try parley.link(["river-commission", "dam-deal"], package: "river-package")
        #expect(linked.map(\.id) == ["river-commission", "dam-deal"] && linked.allSatisfy { $0.was == nil })
        #expect(Self.relationErrors { _ = try parley.link(["dam-deal"], package: "river-package") }.count == 1)
        #expect(
            Self.relationErrors { _ = try parley.link(["dam-deal"], package: "Big Deal") } == [
                .invalidPackage("Big Deal")
            ])
        let moved = try parley.link(["dam-deal"], package: nil)
        #expect(moved.first?.was == "river-package")
        #expect(try parley.exportCasefile().agreements.map(\.package) == [nil, "river-package"])
    }

    @Test("a step may set a deadline and concern one term; a dispute's step may do neither")
    func steps() throws {
        let parley = try smallCase()
        try parley.appendStep(
            AgreementStep(
                status: .pledged, on: try date("2023-12"), source: "bulletin", due: try date("2024-06"), term: "survey"),
            to: "river-commission")
        let agreement = try #require(try parley.exportCasefile().agreements.first)
        let june = try date("2024-06")
        #expect(agreement.history.last?.term == "survey")
        #expect(agreement.history.last?.due == june)
        #expect(agreement.history.last?.recordedAt == "2026-01-01T00:00:00Z")
        #expect(agreement.termIDs == ["survey"])
        let refused = Self.relationErrors {
            try parley.appendStep(
                DisputeStep(status: .open, on: try date("2023-12"), source: "bulletin", due: try date("2024")),
                to: "dam-dispute")
        }
        #expect(refused == [.onlyForAgreements(field: "a deadline")])
        let withMembers = Self.relationErrors {
            try parley.appendStep(
                AgreementStep(
                    status: .pledged, on: try date("2023-12"), source: "bulletin", addMediators: ["north"], term: "x"),
                to: "river-commission")
        }
        #expect(withMembers.contains(.termWithMembers(term: "x")))
    }

    @Test("the president speaking directly and through his office are two statements; a true repeat is refused")
    func identity() throws {
        let parley = try smallCase()
        let base = NewStatement(
            actor: "nadia", issue: "water/dam", kind: .demand, stance: "stop-dam", summary: "Again.",
            quote: "Stop the dam.", said: try date("2020-04-30"), source: "gazette")
        var relayed = base
        relayed.statement.via = "the presidential press office"
        var other = base
        other.statement.quote = "Not one more stone."
        try parley.record(relayed)
        try parley.record(other)
        #expect(throws: StoreError.self) { try parley.record(base) }
        #expect(try parley.statements().statements.count == 4)
    }

    @Test("diff --source keeps a claim about another party apart from the speaker's own stance (bug 8.1)")
    func sourceDiffKeepsClaimsApart() throws {
        let parley = try smallCase()
        try parley.add(Source(id: "wire", title: "Wire", published: try date("2020-05-02")))
        // The gazette has North's own stance; the wire has North's claim about South.
        try parley.record(
            NewStatement(
                party: "north", issue: "water/dam", kind: .assertion, stance: "build-dam", summary: "South builds.",
                said: try date("2020-04-30"), source: "wire", about: "south"))
        let diff = try parley.sourceDiff("gazette", "wire").diff
        let north = diff.entries.filter { $0.party == "north" }
        #expect(north.map(\.kind) == [.onlyFirst, .onlySecond])
        #expect(north.map(\.about) == [nil, "south"])
        #expect(!diff.entries.contains { $0.kind == .different })
    }

    @Test("a former id notes the rename; an alias that was never an id says it is another name (bug 8.3)")
    func renameNote() throws {
        let parley = try smallCase()
        try parley.renameIssue("water", to: "river")
        try parley.editIssue("river/dam") { $0.aliases.append("tripp") }
        #expect(try parley.issueName("water") == .renamed(to: "river"))
        #expect(try parley.issueName("water/dam") == .renamed(to: "river/dam"))
        #expect(try parley.issueName("tripp") == .alias(of: "river/dam"))
        #expect(try parley.issueRenamed(from: "tripp") == nil)
        #expect(try parley.issueName("river") == nil)
    }
}
