import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// `--known-as-of K`: every report, asked after later recordings, corrections and retractions,
/// says exactly what it said at K.
@Suite("What was known when, exactly")
struct KnownAsOfExactTests {
    static func at(_ time: String) throws -> Clock { try #require(Clock.fixed(iso8601: time)) }

    /// Two parties argue about a dam and a road over four years; everything is recorded by the
    /// end of 2023-06-30.
    static func caseAsRecorded() throws -> Parley {
        var parley = try Parley.inMemory(clock: try at("2023-01-02T09:00:00Z"), user: "desk")
        try parley.add(Party(id: "north", name: "Northland", kind: .state))
        try parley.add(Party(id: "south", name: "Southland", kind: .state))
        try parley.add(Party(id: "league", name: "League", kind: .organisation))
        try parley.add(Actor(id: "nadia", name: "Nadia Nord", party: "north"))
        try parley.add(Actor(id: "nils", name: "Nils Nord", party: "north"))
        try parley.add(Issue(id: "water", title: "Water"))
        try parley.add(Issue(id: "water/dam", title: "The dam"))
        try parley.add(Issue(id: "road", title: "The road"))
        for (id, published) in [("gazette", "2020-05-01"), ("bulletin", "2021-03-01"), ("wire", "2022-11-30")] {
            try parley.add(Source(id: id, title: id, published: try date(published)))
        }
        func say(
            _ party: String?, _ actor: String?, _ issue: String, _ stance: String, _ said: String?, _ source: String,
            about: String? = nil, conditions: [Condition] = []
        ) throws {
            try parley.record(
                NewStatement(
                    party: party, actor: actor, issue: issue, kind: .assertion, stance: stance,
                    summary: "\(party ?? actor ?? ""): \(stance).", said: try said.map(date), source: source,
                    about: about, conditions: conditions))
        }
        try say("north", "nadia", "water/dam", "stop-dam", "2020-04-30", "gazette")  // #1
        try say("south", nil, "water/dam", "build-dam", nil, "gazette")  // #2
        try say("north", "nils", "water/dam", "pause-dam", "2021-02-20", "bulletin")  // #3
        try say("south", nil, "road", "open-road", "2021-02-21", "bulletin")  // #4
        try say(
            "north", "nadia", "road", "open-road", "2021-02-21", "bulletin",
            conditions: [
                Condition(party: "south", issue: "water/dam", label: "pause-dam")
            ])  // #5
        parley.clock = try at("2023-03-01T09:00:00Z")
        try say("league", nil, "water/dam", "pause-dam", "2022-11-20", "wire", about: "south")  // #6
        try say("south", nil, "water/dam", "build-dam", "2022-11-28", "wire")  // #7
        try say("north", "nadia", "water/dam", "stop-dam", "2022-11-28", "wire")  // #8
        try parley.relate(LabelRelation(issue: "water/dam", "pause-dam", "stop-dam", kind: .compatible))
        try parley.order(LabelOrder.scale(["stop-dam", "build-dam"], on: "water/dam"))
        try parley.add(
            Agreement(
                id: "dam-deal", title: "Dam", issue: "water/dam", parties: ["north", "south"],
                history: [AgreementStep(status: .proposed, on: try date("2021-02"), source: "bulletin")]))
        try parley.add(
            Agreement(
                id: "road-deal", title: "Road", issue: "road", parties: ["north", "south"],
                history: [
                    AgreementStep(
                        status: .pledged, on: try date("2021-02-21"), source: "bulletin", due: try date("2022-06"))
                ], package: "water-package"))
        try parley.link(["dam-deal"], package: "water-package")
        try parley.appendStep(
            AgreementStep(status: .implemented, on: try date("2022-11-28"), source: "wire", accordingTo: "north"),
            to: "road-deal")
        try parley.add(
            Dispute(
                id: "dam-row", title: "Dam", issue: "water/dam", parties: ["north", "south"],
                history: [DisputeStep(status: .open, on: try date("2020-04-30"), source: "gazette")]))
        return parley
    }

    static let moment = "2023-06-30"

    /// What was recorded after the moment: corrections of every kind, retractions, new records.
    static func correct(_ parley: Parley) throws {
        var parley = parley
        parley.clock = try at("2023-07-03T10:00:00Z")
        try parley.amend(number: 3, StatementChanges([.stance: "stop-dam"]), reason: "Misread the minister.")
        try parley.amend(number: 3, StatementChanges([.said: "2021-02-19"]), reason: "Date typo.")
        try parley.amend(
            number: 5, StatementChanges([.issue: "water"], clear: [.conditions]), reason: "It was about the river.")
        try parley.retract(number: 7, reason: "The wire confused the parties.")
        try parley.relabel(issue: "water/dam", from: "pause-dam", to: "halt-dam")
        try parley.unrelate(issue: "water/dam", "build-dam", "stop-dam")
        try parley.editSource("gazette") { $0.published = try date("2020-05-02") }
        try parley.link(["dam-deal"], package: nil)
        try parley.retractStep(AgreementStatus.self, number: 2, of: "road-deal", reason: "North retracted its claim.")
        parley.clock = try at("2023-07-04T10:00:00Z")
        try parley.add(Source(id: "herald", title: "herald", published: try date("2023-07-01")))
        try parley.record(
            NewStatement(
                party: "south", issue: "water/dam", kind: .acceptance, stance: "stop-dam", summary: "South gives in.",
                said: try date("2023-06-15"), source: "herald"))
        try parley.appendStep(
            AgreementStep(status: .signed, on: try date("2023-06-20"), source: "herald"), to: "dam-deal")
        try parley.appendStep(
            DisputeStep(status: .resolved, on: try date("2023-06-20"), source: "herald"), to: "dam-row")
    }

    /// A report's JSON without what says it was asked as known at a moment (its `known_as_of`
    /// and the note saying so), to compare with the report asked at that moment.
    static func json(_ report: some Report) throws -> String {
        let text = report.rendered(as: .json)
        guard var object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            return text
        }
        object["known_as_of"] = nil
        if let notes = object["notes"] as? [String] {
            object["notes"] = notes.filter { !$0.hasPrefix("As recorded by") }
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    /// Every report and listing, as JSON, as of a few dates.
    static func reports(_ parley: Parley, knownAsOf moment: KnownAsOf?) throws -> [String: String] {
        var out: [String: String] = [:]
        for asOf in [nil, "2021-03", "2022-12"] {
            let date = try asOf.map(date)
            let name = asOf ?? "now"
            out["disputes \(name)"] = try Self.json(try parley.disputesReport(asOf: date, knownAsOf: moment))
            out["positions \(name)"] = try Self.json(try parley.positionsReport(asOf: date, knownAsOf: moment))
            out["agreements \(name)"] = try Self.json(try parley.agreementsReport(asOf: date, knownAsOf: moment))
            out["contradictions \(name)"] =
                try Self.json(try parley.contradictions(asOf: date, knownAsOf: moment))
        }
        out["diff"] =
            try Self.json(try parley.diff(from: try date("2020-12"), to: try date("2023-06"), knownAsOf: moment))
        for issue in ["water", "road"] {
            out["history \(issue)"] = try Self.json(try parley.history(issue: issue, knownAsOf: moment))
            out["history \(issue) all"] =
                try Self.json(try parley.history(issue: issue, includeRetracted: true, knownAsOf: moment))
        }
        out["statements"] =
            try Self.json(try parley.statements(StatementFilter(includeRetracted: true), knownAsOf: moment))
        out["statements north"] =
            try Self.json(try parley.statements(StatementFilter(party: "north"), knownAsOf: moment))
        out["sources"] = try Self.json(try parley.sourceDiff("bulletin", "wire", knownAsOf: moment))
        return out
    }

    @Test("every report asked with --known-as-of after later corrections says what it said then")
    func exact() throws {
        let parley = try Self.caseAsRecorded()
        let then = try Self.reports(parley, knownAsOf: nil)
        try Self.correct(parley)
        let now = try Self.reports(parley, knownAsOf: nil)
        let known = try Self.reports(parley, knownAsOf: try KnownAsOf(parsing: Self.moment))
        #expect(then.keys.sorted() == known.keys.sorted())
        for key in then.keys.sorted() {
            #expect(known[key] == then[key], "\(key)")
        }
        // The corrections did change what the reports say now.
        #expect(now.filter { then[$0.key] != $0.value }.count > 10)
        // A moment before any of it knows nothing yet.
        let early = try parley.positionsReport(asOf: nil, knownAsOf: try KnownAsOf(parsing: "2022"))
        #expect(early.rows.isEmpty)
    }

    @Test("an agreement's and a dispute's history asked as known at a moment is the history recorded by then")
    func trackedHistories() throws {
        var parley = try Self.caseAsRecorded()
        let moment = try KnownAsOf(parsing: Self.moment)
        let then = (
            dam: try parley.tracked(AgreementStatus.self, id: "dam-deal"),
            road: try parley.tracked(AgreementStatus.self, id: "road-deal"),
            row: try parley.tracked(DisputeStatus.self, id: "dam-row")
        )
        try Self.correct(parley)
        parley.clock = try Self.at("2023-07-05T10:00:00Z")
        try parley.add(
            Agreement(
                id: "late-deal", title: "Late", issue: "road", parties: ["north", "south"],
                history: [AgreementStep(status: .proposed, on: try date("2023-07-01"), source: "herald")]))

        // Now: the dam deal signed and the dispute resolved after the moment, the road deal's
        // claim of implementation retracted, the dam deal out of its package.
        let dam = try parley.tracked(AgreementStatus.self, id: "dam-deal")
        #expect(dam.history.map(\.status) == [.proposed, .signed])
        #expect(dam.package == nil)
        #expect(try parley.tracked(DisputeStatus.self, id: "dam-row").history.map(\.status) == [.open, .resolved])
        #expect(try parley.tracked(AgreementStatus.self, id: "road-deal").history.last?.retraction != nil)

        // As known at the moment: exactly as they were then.
        #expect(try parley.tracked(AgreementStatus.self, id: "dam-deal", knownAsOf: moment) == then.dam)
        #expect(try parley.tracked(AgreementStatus.self, id: "road-deal", knownAsOf: moment) == then.road)
        #expect(try parley.tracked(DisputeStatus.self, id: "dam-row", knownAsOf: moment) == then.row)
        // A record none of whose steps was known then has no history yet; an unknown id is still unknown.
        let late = try parley.tracked(AgreementStatus.self, id: "late-deal", knownAsOf: moment)
        #expect(late.title == "Late" && late.history.isEmpty)
        #expect(throws: StoreError.self) { try parley.tracked(AgreementStatus.self, id: "no-deal", knownAsOf: moment) }
    }

    @Test("a moment between two corrections undoes only the later one")
    func between() throws {
        let parley = try Self.caseAsRecorded()
        try Self.correct(parley)
        let statements = try parley.statements(
            StatementFilter(includeRetracted: true), knownAsOf: try KnownAsOf(parsing: "2023-07-03T10:00:00Z"))
        let third = try #require(statements.statements.first { $0.sequence == 3 })
        // Both amendments were made at 10:00:00: by then, both are in.
        #expect(third.statement.stance == "stop-dam")
        #expect(third.statement.said == (try date("2021-02-19")))
        let before = try parley.statements(
            StatementFilter(includeRetracted: true), knownAsOf: try KnownAsOf(parsing: "2023-07-03T09:59:59Z"))
        let original = try #require(before.statements.first { $0.sequence == 3 })
        #expect(original.statement.stance == "pause-dam")
        #expect(!before.statements.contains { $0.sequence == 9 }, "recorded on 2023-07-04")
        #expect(before.statements.first { $0.sequence == 7 }?.statement.retraction == nil)
        #expect(statements.statements.first { $0.sequence == 7 }?.statement.retraction != nil)
    }
}
