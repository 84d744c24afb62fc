import Foundation
import ParleyKit
import ParleyModel
import Testing

/// The lists of parties, issues and sources narrowed as a reader narrows them: who has spoken on
/// an issue, what a party has spoken on, which sources report them and when they were published.
@Suite("List filters")
struct ListFilterTests {
    /// ``smallCase()`` with a statement by the north on the river itself, reported by the bulletin,
    /// and one the south retracted.
    static func spokenCase() throws -> Parley {
        let parley = try smallCase()
        try parley.add(Party(id: "east", name: "Eastland", kind: .state))
        try parley.record(
            NewStatement(
                party: "north", issue: "water", kind: .demand, stance: "share-equally", summary: "Share it.",
                source: "bulletin"))
        let retracted = try parley.record(
            NewStatement(
                party: "east", issue: "water", kind: .demand, stance: "share-by-need", summary: "By need.",
                source: "bulletin"))
        try parley.retract(number: retracted.sequence, reason: "Misattributed")
        return parley
    }

    @Test("parties by issue: those with a standing statement of their own on it or its sub-issues")
    func partiesByIssue() throws {
        let parley = try Self.spokenCase()
        #expect(try parley.parties(onIssue: nil).records.map(\.id) == ["east", "north", "south"])
        #expect(try parley.parties(onIssue: "water").records.map(\.id) == ["north", "south"], "retracted: not")
        #expect(try parley.parties(onIssue: "water/dam").records.map(\.id) == ["north", "south"])
        #expect(throws: (any Error).self) { try parley.parties(onIssue: "fish") }
    }

    @Test("issues by party: those it has spoken on itself, a sub-issue apart from its parent")
    func issuesByParty() throws {
        let parley = try Self.spokenCase()
        #expect(try parley.issues(party: "south").records.map(\.id) == ["water/dam"])
        #expect(try parley.issues(party: "north").records.map(\.id) == ["water", "water/dam"])
        let none = try parley.issues(party: "east")
        #expect(none.records.isEmpty)
        #expect(none.emptyMessage == "east has no statement on any issue.")
    }

    @Test("sources by party, issue and publication date; a period that ends before it starts is refused")
    func sources() throws {
        let parley = try Self.spokenCase()
        func ids(_ filter: SourceFilter) throws -> [String] { try parley.sources(filter).records.map(\.id) }
        #expect(try ids(SourceFilter()) == ["bulletin", "gazette"])
        #expect(try ids(SourceFilter(party: "south")) == ["gazette"])
        #expect(try ids(SourceFilter(party: "north")) == ["bulletin", "gazette"])
        #expect(try ids(SourceFilter(party: "east")).isEmpty, "a retracted statement's source is not its")
        #expect(try ids(SourceFilter(issue: "water/dam")) == ["gazette"])
        #expect(try ids(SourceFilter(since: try date("2021"))) == ["bulletin"])
        #expect(try ids(SourceFilter(until: try date("2020-05"))) == ["gazette"])
        #expect(try ids(SourceFilter(party: "north", since: try date("2023-12-31"))) == ["bulletin"])
        #expect(throws: (any Error).self) {
            try parley.sources(SourceFilter(since: try date("2021"), until: try date("2020")))
        }
    }
}
