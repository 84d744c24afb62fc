import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// A correction never erases what was recorded: the statement keeps its number, the old values go
/// to the change log, and reports use the current state.
@Suite("Corrections")
struct CorrectionTests {
    static func errors(_ body: () throws -> Void) -> [ModelError] {
        do {
            try body()
        } catch StoreError.invalid(let problems) {
            return problems.map(\.error)
        } catch let error as ModelError {
            return [error]
        } catch {
            Issue.record("unexpected \(error)")
        }
        return []
    }

    @Test("a wrong label and a wrong date, corrected: positions, history, diff and the log before and after")
    func wrongLabelAndDate() throws {
        let parley = try smallCase().by("alice")
        // #3: north's new stance, recorded with a typo in the label and the wrong month.
        let receipt = try parley.record(
            NewStatement(
                party: "north", issue: "water/dam", kind: .acceptance, stance: "acept-dam",
                summary: "North accepts the dam.",
                said: try date("2020-09-01"), source: "bulletin"))
        #expect(receipt.sequence == 3)
        let before = try parley.positionsReport(asOf: nil).rows.first { $0.issue == "water/dam" }
        #expect(before?.positions.first { $0.party == "north" }?.stance == "acept-dam")
        #expect(try parley.diff(from: try date("2020-06"), to: try date("2020-12")).diff.positions.count == 1)

        let changed = try parley.by("bob").amend(
            number: 3, StatementChanges([.stance: "accept-dam", .said: "2021-03-01"]),
            reason: "Typo; the article says March 2021")
        #expect(changed.map(\.field) == ["stance", "said"])
        #expect(changed.first == FieldChange(field: "stance", old: "acept-dam", new: "accept-dam"))

        let after = try parley.positionsReport(asOf: nil).rows.first { $0.issue == "water/dam" }
        #expect(after?.positions.first { $0.party == "north" }?.stance == "accept-dam")
        #expect(
            try parley.positionsReport(asOf: try date("2020-12")).rows.first { $0.issue == "water/dam" }?
                .positions.first { $0.party == "north" }?.stance == "stop-dam")
        #expect(try parley.diff(from: try date("2020-06"), to: try date("2020-12")).diff.positions.isEmpty)
        let history = try parley.history(issue: "water/dam", party: "north").rendered(as: .text)
        #expect(history.contains("#3 north on water/dam: acceptance, MOVED: stop-dam → accept-dam"))
        #expect(!history.contains("acept-dam"))
        #expect(try parley.statements(StatementFilter(party: "north")).statements.last?.statement.number == 3)

        let log = try parley.log().entries
        let amend = try #require(log.last)
        #expect(amend.action == .amend)
        #expect(amend.by == "bob")
        #expect(amend.record == "#3")
        #expect(amend.reason == "Typo; the article says March 2021")
        #expect(
            amend.changes == [
                FieldChange(field: "stance", old: "acept-dam", new: "accept-dam"),
                FieldChange(field: "said", old: "2020-09-01", new: "2021-03-01"),
            ])
        #expect(log.first { $0.record == "#3" }?.by == "alice")
    }

    @Test("the change log keeps values with quotes, backslashes, line breaks, control characters and any script")
    func logKeepsEveryCharacter() throws {
        let parley = try smallCase()
        let summary = "He said \"no\" \\ twice:\nfirst\ton 1/2 \u{1}\u{1F}\u{7F} — Ереван, 巴库 🙂"
        let receipt = try parley.record(
            NewStatement(
                party: "north", issue: "water/dam", kind: .assertion, stance: "stop-dam", summary: summary,
                quote: "a/b", source: "bulletin"))
        let changed = try parley.amend(
            number: receipt.sequence, StatementChanges([.summary: "plain"], clear: [.quote]), reason: "tidy")
        let log = try parley.log().entries.suffix(2)
        let added = try #require(log.first)
        #expect(added.changes.first { $0.field == "summary" } == FieldChange(field: "summary", old: nil, new: summary))
        #expect(added.changes.first { $0.field == "quote" } == FieldChange(field: "quote", old: nil, new: "a/b"))
        #expect(log.last?.changes == changed)
        #expect(changed.contains(FieldChange(field: "summary", old: summary, new: "plain")))
        #expect(changed.contains(FieldChange(field: "quote", old: "a/b", new: nil)))
    }

    @Test("a retracted statement stays on record, marked, and leaves positions, reports and history")
    func retract() throws {
        let parley = try smallCase()
        let statement = try parley.retract(number: 2, reason: "Misattributed by the gazette")
        #expect(statement.statement.party == "south")
        #expect(
            try parley.positionsReport(asOf: nil).rows.allSatisfy { row in
                row.positions.allSatisfy { $0.party != "south" }
            })
        #expect(try parley.statements().statements.map(\.sequence) == [1])
        let all = try parley.statements(StatementFilter(includeRetracted: true))
        #expect(all.statements.map(\.sequence) == [1, 2])
        #expect(
            all.rendered(as: .text).contains(
                "RETRACTED on 2026-01-01T00:00:00Z by unknown: Misattributed by the gazette"))
        #expect(!(try parley.history(issue: "water").rendered(as: .text)).contains("#2 "))
        #expect(
            try parley.history(issue: "water", includeRetracted: true).rendered(as: .text).contains(
                "#2 south on water/dam"))
        #expect(
            Self.errors { try parley.retract(number: 2, reason: "Again") } == [
                .retracted(.statement, record: "#2", at: "2026-01-01T00:00:00Z")
            ])
        #expect(
            Self.errors { try parley.amend(number: 2, StatementChanges([.stance: "x"]), reason: "r") } == [
                .retracted(.statement, record: "#2", at: "2026-01-01T00:00:00Z")
            ])
        // The same statement may be recorded again once the wrong one is retracted.
        #expect(throws: Never.self) {
            try parley.record(
                NewStatement(
                    party: "south", issue: "water/dam", kind: .rejection, stance: "build-dam", summary: "Again.",
                    source: "gazette"))
        }
    }

    @Test("corrections of numbers that do not exist, without a reason, or that change nothing are refused")
    func badCorrections() throws {
        let parley = try smallCase()
        #expect(
            Self.errors { try parley.amend(number: 9, StatementChanges([.stance: "x"]), reason: "r") } == [
                .noSuchStatement(9, highest: 2)
            ])
        #expect(Self.errors { try parley.retract(number: 9, reason: "r") } == [.noSuchStatement(9, highest: 2)])
        #expect(Self.errors { try parley.retract(number: 1, reason: "  ") } == [.reasonRequired])
        #expect(
            Self.errors { try parley.amend(number: 1, StatementChanges([.stance: "stop-dam"]), reason: "r") } == [
                .nothingToChange(.statement, record: "#1")
            ])
        #expect(try parley.log().entries.allSatisfy { $0.action == .add })
    }

    @Test("an issue renamed with its sub-issues and an open dispute: everything follows, the old ids still work")
    func renameIssue() throws {
        let parley = try smallCase()
        try parley.add(Issue(id: "land", title: "Land"))
        let renamed = try parley.renameIssue("water", to: "land/river")
        #expect(renamed.map(\.new) == ["land/river", "land/river/dam"])
        #expect(try parley.issues().records.map(\.id) == ["land", "land/river", "land/river/dam"])
        #expect(try parley.issues().records.first { $0.id == "land/river/dam" }?.aliases == ["water/dam"])
        let disputes = try parley.disputesReport(asOf: nil)
        #expect(disputes.recorded.map(\.issue) == ["land/river/dam"])
        #expect(disputes.recorded.first?.sides.allSatisfy { !$0.positions.isEmpty } == true)
        #expect(try parley.statements(StatementFilter(issue: "water")).statements.count == 2)
        #expect(try parley.issueRenamed(from: "water/dam") == "land/river/dam")
        try parley.record(
            NewStatement(
                party: "north", issue: "water/dam", kind: .demand, stance: "stop-dam", summary: "Still.",
                said: try date("2021"), source: "bulletin"))
        #expect(try parley.statements(StatementFilter(issue: "land/river/dam")).statements.count == 3)
        // Refused: an id that is taken, a parent that does not exist, a move under itself.
        #expect(Self.errors { try parley.renameIssue("land/river", to: "land") } == [.aliasTaken("land", by: "land")])
        #expect(
            Self.errors { try parley.renameIssue("land/river", to: "sea/river") } == [
                .missingParent(issue: "sea/river", parent: "sea")
            ])
        #expect(
            Self.errors { try parley.renameIssue("land", to: "land/inner") } == [
                .issueIntoItself(issue: "land", newID: "land/inner")
            ])
        let casefile = try parley.exportYAML()
        let again = try Parley.inMemory(clock: testClock)
        try again.importCasefile(try CasefileReaderShim.read(casefile))
        #expect(try again.exportYAML() == casefile)
    }

    @Test("two labels merged into one on an issue; an unknown label suggests the close ones")
    func relabel() throws {
        let parley = try smallCase()
        try parley.record(
            NewStatement(
                party: "south", issue: "water/dam", kind: .assertion, stance: "finish-dam", summary: "Finish it.",
                said: try date("2020-07"), source: "bulletin"))
        #expect(try parley.relabel(issue: "water", from: "finish-dam", to: "build-dam") == [3])
        #expect(try parley.labels(issue: "water/dam").records.map(\.label) == ["build-dam", "stop-dam"])
        #expect(
            Self.errors { try parley.relabel(issue: "water", from: "build-dams", to: "x") } == [
                .unknownLabel("build-dams", issue: "water", suggestions: ["build-dam"])
            ])
        #expect(
            try parley.log().entries.last?.changes.first
                == FieldChange(field: "stance", old: "finish-dam", new: "build-dam"))
    }

    @Test("parties join and leave a dispute by dated steps; a step can be retracted; steps come in any order")
    func evolvingDispute() throws {
        let parley = try smallCase()
        try parley.add(Party(id: "east", name: "Eastland", kind: .state))
        var joins = DisputeStep(status: .open, on: try date("2020-06"), source: "bulletin")
        joins.addParties = ["east"]
        #expect(try parley.appendStep(joins, to: "dam-dispute") == 2)
        #expect(
            Self.errors { try parley.appendStep(joins, to: "dam-dispute") } == [
                .membership(party: "east", record: "dam-dispute", isMember: true)
            ])
        var leaves = DisputeStep(status: .open, on: try date("2020-07"), source: "bulletin")
        leaves.removeParties = ["nowhere"]
        #expect(throws: StoreError.self) { try parley.appendStep(leaves, to: "dam-dispute") }
        let sides = try parley.disputesReport(asOf: nil).recorded.first?.sides.map(\.party)
        #expect(sides == ["north", "south", "east"])
        #expect(
            try parley.disputesReport(asOf: try date("2020-05")).recorded.first?.sides.map(\.party) == [
                "north", "south",
            ])
        let resolved = try parley.appendStep(
            DisputeStep(status: .resolved, on: try date("2020-08"), source: "bulletin"), to: "dam-dispute")
        #expect(resolved == 3)
        #expect(try parley.disputesReport(asOf: nil).recorded.isEmpty)
        try parley.retractStep(DisputeStatus.self, number: 3, of: "dam-dispute", reason: "The gazette retracted it")
        #expect(try parley.disputesReport(asOf: nil).recorded.count == 1)
        #expect(
            Self.errors { try parley.retractStep(DisputeStatus.self, number: 7, of: "dam-dispute", reason: "r") } == [
                .noSuchStep(record: "dam-dispute", step: 7, count: 3)
            ])
    }

    @Test("edits change reference records; a source's new date moves the statements dated by it")
    func edits() throws {
        let parley = try smallCase()
        let changes = try parley.editParty("north") { party in
            party.name = "The Northland"
            party.aliases.append("North")
        }
        #expect(changes.map(\.field) == ["name", "aliases"])
        try parley.editSource("gazette") { $0.published = try date("2020-06-15") }
        let south = try parley.statements(StatementFilter(party: "south")).statements.first
        #expect(south?.effectiveDate.description == "2020-06-15")
        #expect(
            try parley.positionsReport(asOf: try date("2020-06-01")).rows.first?.positions.map(\.party) == ["north"])
        try parley.add(Party(id: "east", name: "Eastland", kind: .state))
        #expect(
            Self.errors { try parley.editActor("nadia") { $0.party = "east" } } == [
                .actorHasStatements(actor: "nadia", party: "north", count: 1)
            ])
        #expect(
            Self.errors { try parley.editIssue("water") { $0.aliases = ["water/dam"] } } == [
                .aliasTaken("water/dam", by: "water/dam")
            ])
        #expect(try parley.log().entries.filter { $0.action == .edit }.count == 2)
    }
}

/// Reads YAML text as the command line reads a casefile file.
enum CasefileReaderShim {
    static func read(_ yaml: String) throws -> Casefile {
        let url = try temporaryDirectory().appendingPathComponent("case.yaml")
        try Data(yaml.utf8).write(to: url)
        return try Parley.readCasefile(path: url.path).casefile
    }
}

/// Statements given by field name (as the API sends them): the one list of fields decides what a
/// statement needs and what an amendment may change or empty.
@Suite("Statements by field")
struct StatementFieldTests {
    @Test("a statement given by field names is recorded; a field it must have, missing, is named")
    func recordByField() throws {
        let parley = try smallCase()
        let values: [Statement.Field: String] = [
            .party: "north", .issue: "water", .kind: "proposal", .stance: "share-by-need", .summary: "By need.",
            .said: "2021-02-20", .source: "bulletin",
        ]
        let receipt = try parley.record(try NewStatement(values))
        #expect(receipt.party == "north")
        var missing = values
        missing[.kind] = nil
        #expect(throws: Statement.FieldError(.kind, .missingField("kind"))) { try NewStatement(missing) }
        #expect(throws: Statement.FieldError.self) { try NewStatement(values.merging([.said: "soon"]) { $1 }) }
    }

    @Test("an amendment by field names changes those fields and empties the cleared ones, logged old → new")
    func amendByField() throws {
        let parley = try smallCase()
        let changed = try parley.amend(
            number: 1, StatementChanges([.summary: "Shares by need.", .stance: nil], clear: [.said]), reason: "r")
        #expect(changed.map(\.field) == ["summary", "said"])
        #expect(changed.last?.new == nil)
        let statement = try #require(parley.statements(StatementFilter()).statements.first).statement
        #expect(statement.summary == "Shares by need." && statement.said == nil)
    }

    @Test("blank text for an optional field leaves it empty: no empty quote, no relayer made of spaces, no actor ''")
    func blankOptionalFields() throws {
        let parley = try smallCase()
        let receipt = try parley.record(
            try NewStatement([
                .party: "north", .actor: "", .issue: "water", .kind: "proposal", .stance: "share-by-need",
                .summary: "By need.", .quote: "", .via: "  ", .said: "", .conditions: " ", .source: "bulletin",
            ]))
        let recorded = try #require(
            parley.statements(StatementFilter()).statements.first { $0.statement.number == receipt.sequence }
        ).statement
        #expect(recorded.actor == nil && recorded.quote == nil && recorded.via == nil)
        #expect(recorded.said == nil && recorded.conditions.isEmpty)

        // #1 has an actor and a quote: blank new values empty them, as `clear` does, logged old → none.
        let changed = try parley.amend(number: 1, StatementChanges([.quote: "", .actor: " \n"]), reason: "r")
        #expect(
            changed == [
                FieldChange(field: "actor", old: "nadia", new: nil),
                FieldChange(field: "quote", old: "Stop the dam.", new: nil),
            ])
        let first = try #require(parley.statements(StatementFilter()).statements.first).statement
        #expect(first.party == "north" && first.actor == nil && first.quote == nil)
    }
}
