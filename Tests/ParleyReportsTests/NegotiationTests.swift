import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// Issue 22 on the fictional corridor talks (`NegotiationCase`): what the reports say, that every
/// report asked `--known-as-of 2024-02-01` after the March corrections is the report of
/// 2024-02-01, and that the casefile keeps every new field through a round trip.
@Suite("Negotiation semantics on the corridor talks")
struct NegotiationTests {
    /// A report's JSON without what says it was asked as known at a moment.
    static func json(_ report: any Report) throws -> String {
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

    static func reports(_ parley: Parley, _ known: KnownAsOf?) throws -> [(String, any Report)] {
        let dates: [CalendarDate?] = [nil, try CalendarDate(parsing: "2021-08"), try CalendarDate(parsing: "2023-06")]
        var out: [(String, any Report)] = []
        for date in dates {
            let name = date?.description ?? "now"
            out.append(("disputes \(name)", try parley.disputesReport(asOf: date, knownAsOf: known)))
            out.append(("positions \(name)", try parley.positionsReport(asOf: date, knownAsOf: known)))
            out.append(("agreements \(name)", try parley.agreementsReport(asOf: date, knownAsOf: known)))
            out.append(("contradictions \(name)", try parley.contradictions(asOf: date, knownAsOf: known)))
        }
        for issue in ["corridor", "prisoners"] {
            out.append(("history \(issue)", try parley.history(issue: issue, includeRetracted: true, knownAsOf: known)))
        }
        out.append(
            (
                "diff",
                try parley.diff(
                    from: try CalendarDate(parsing: "2020"), to: try CalendarDate(parsing: "2024-01-31"),
                    knownAsOf: known)
            ))
        out.append(("statements", try parley.statements(StatementFilter(includeRetracted: true), knownAsOf: known)))
        return out
    }

    @Test("after March's corrections, every report asked as known on 2024-02-01 says what it said that day")
    func knownAsOfIsExact() throws {
        let known = try KnownAsOf(parsing: NegotiationCase.moment)
        let then = try Self.reports(try NegotiationCase.parley(corrected: false), nil)
        let corrected = try NegotiationCase.parley()
        let now = try Self.reports(corrected, nil)
        let asKnown = try Self.reports(corrected, known)
        for ((name, before), (_, replayed)) in zip(then, asKnown) {
            #expect(try Self.json(replayed) == Self.json(before), "\(name)")
            if replayed is any KnowingReport {
                #expect(replayed.rendered(as: .text).contains("as recorded by 2024-02-01"), "\(name)")
            }
        }
        let changed = zip(then, now).filter { (try? Self.json($0.1) != Self.json($1.1)) ?? true }.map(\.0.0)
        #expect(changed.contains("disputes now") && changed.contains("positions now") && changed.contains("diff"))
    }

    @Test("a statement amended again later is put back among that day's others, where the report of that day had it")
    func knownPairOrder() throws {
        let then = try NegotiationCase.parley()
        var later = try NegotiationCase.parley()
        later.clock = NegotiationCase.clock("2024-03-12T08:30:00Z")
        _ = try later.amend(
            number: 10, StatementChanges([.stance: "shared-customs"]), reason: "The transcript's translation, again.")
        let known = try KnownAsOf(parsing: "2024-03-11")
        // Statements 10 and 11, one day, two labels: a pair, listed in their numbers' order.
        let before = try then.contradictions(asOf: nil)
        let replayed = try later.contradictions(asOf: nil, knownAsOf: known)
        #expect(try Self.json(replayed) == Self.json(before))
        let pair = try #require(before.rendered(as: .text).range(of: "#10 acceptance"))
        #expect(
            pair.lowerBound < (before.rendered(as: .text).range(of: "#11 acceptance")?.lowerBound ?? pair.lowerBound))
    }

    @Test("the board: moves named, both of a party's voices, a condition judged, a commitment overdue")
    func board() throws {
        let parley = try NegotiationCase.parley()
        let known = try parley.disputesReport(asOf: nil, knownAsOf: try KnownAsOf(parsing: NegotiationCase.moment))
        let route = try #require(known.apparent.first { $0.issue == "corridor/route" })
        let aurel = try #require(route.sides.first { $0.party == "aurel" }?.positions.first)
        #expect(aurel.position.labels == ["open-route", "open-route-soon"])
        #expect(aurel.conditions.map(\.holds) == [false])
        let brenn = try #require(route.sides.first { $0.party == "brenn" }?.positions.first)
        #expect(brenn.position.labels == ["close-route", "open-route"], "two voices of one day")
        #expect(known.overdue.map(\.deadline.agreement) == ["prisoner-swap"])
        // Now: Brenn opened the route and accepted joint posts, so the condition holds and the
        // route is no longer in dispute; the funding is, once its labels are no longer other aspects.
        let now = try parley.disputesReport(asOf: nil)
        #expect(!now.apparent.contains { $0.issue == "corridor/route" })
        #expect(now.apparent.map(\.issue) == ["corridor/funding"])
        let positions = try parley.positionsReport(asOf: nil, party: "aurel", issue: "corridor/route")
        #expect(positions.rows.first?.held.first?.conditions.map(\.holds) == [true])
    }

    @Test("history names each move; the diff counts them; a package holds until every member is agreed")
    func movesAndPackages() throws {
        let parley = try NegotiationCase.parley()
        let history = try parley.history(issue: "corridor")
        let moves = Dictionary(uniqueKeysWithValues: history.moves.map { ($0.key, $0.value.move) })
        #expect(moves[3] == .moved && moves[11] == .reversed && moves[9] == .claimDenied)
        #expect(moves[17] == .hardened && moves[23] == .softened && moves[21] == .restated)
        let prisoners = try parley.history(issue: "prisoners")
        #expect(prisoners.moves[20]?.move == .clarified)
        let then = try parley.history(issue: "corridor", knownAsOf: try KnownAsOf(parsing: NegotiationCase.moment))
        #expect(then.moves[19]?.move == .otherAspect && history.moves[19]?.move == .moved)
        let diff = try parley.diff(from: try CalendarDate(parsing: "2023-06"), to: try CalendarDate(parsing: "2024-01"))
        #expect(diff.rendered(as: .text).contains("Moves: 1 clarified, 1 softened, 2 moved."))
        let agreements = try parley.agreementsReport(asOf: try CalendarDate(parsing: "2023-12"))
        let customs = try #require(agreements.entries.first { $0.agreement.id == "customs-deal" })
        #expect(customs.package?.isHeld == true && customs.package?.waitingFor == ["route-deal"])
        #expect(
            try parley.agreementsReport(asOf: nil).entries.first { $0.agreement.id == "customs-deal" }?.package?.isHeld
                == false)
        let swap = try #require(agreements.entries.first { $0.agreement.id == "prisoner-swap" })
        let pledged = try CalendarDate(parsing: "2021-02-10")
        #expect(swap.current.status == .pledged)
        #expect(swap.since == pledged)
        #expect(swap.deadlines.map(\.state) == [.overdue, .met])
    }

    @Test(
        "the casefile keeps every new field: export, import, export is byte-identical; CSV tables too",
        arguments: [false, true])
    func roundTrip(corrected: Bool) throws {
        let parley = try NegotiationCase.parley(corrected: corrected)
        let first = try parley.exportYAML()
        for field in [
            "conditions: ['brenn:corridor/customs=joint-customs']", "label_orders:",
            corrected ? "retraction:" : "kind: independent",
            "package: corridor-package", "term: first-group", "due: 2021-06-30", "recorded: 2023-04-11T09:10:00Z",
            "via: the presidential press office",
        ] {
            #expect(first.contains(field), "\(field)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("case.yaml")
        try Data(first.utf8).write(to: file)
        let again = try Parley.inMemory(clock: NegotiationCase.clock("2024-04-01T00:00:00Z"))
        try again.importCasefile(path: file.path)
        #expect(try again.exportYAML() == first)
        let tables = folder.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        for table in try parley.exportTables() {
            let text = CSVText.record(table.header) + table.rows.map(CSVText.record).joined()
            try Data(text.utf8).write(to: tables.appendingPathComponent(table.name))
        }
        let fromTables = try Parley.inMemory(clock: NegotiationCase.clock("2024-04-01T00:00:00Z"))
        try fromTables.importCasefile(try Parley.readTables(folder: tables.path))
        #expect(try fromTables.exportYAML() == first)
    }
}
