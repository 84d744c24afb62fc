import Foundation
import ParleyModel
import Testing

@testable import ParleyKit
@testable import ParleyReports
@testable import ParleyStore

/// `report disputes` is made as the store reads the positions (each issue's apparent dispute found
/// when its positions have passed, the entries packed, the text written an entry at a time): it
/// says, in every format, what the report made from a snapshot of every position says.
@Suite struct StreamedDisputesTests {
    /// The small case with more issues: apparent disputes on `rail`, `roads`, `roads/tolls` and
    /// `water` (a parent of the recorded dispute's `water/dam`, so not covered by it), a recorded
    /// dispute on `trade` whose second party holds no position, a closed one on `rail`; claims
    /// about parties on apparent and recorded issues; conditions that name pairs on other issues;
    /// a stale position on `rail`.
    static func manyIssues() throws -> Parley {
        let parley = try smallCase()
        try parley.add(Party(id: "east", name: "Eastland", kind: .state))
        for (id, title) in [("roads", "Roads"), ("roads/tolls", "Tolls"), ("rail", "Rail"), ("trade", "Trade")] {
            try parley.add(Issue(id: id, title: title))
        }
        func say(
            _ party: String, _ issue: String, _ stance: String, _ said: String, about: String? = nil,
            conditions: [Condition] = []
        ) throws {
            var new = NewStatement(
                party: party, issue: issue, kind: .assertion, stance: stance, summary: "\(party) holds \(stance).",
                said: try date(said), source: "bulletin", about: about)
            new.statement.conditions = conditions
            try parley.record(new)
        }
        try say("north", "roads", "open-roads", "2023-10-01")
        try say("south", "roads", "close-roads", "2023-10-02")
        try say("east", "roads", "open-roads", "2023-10-03")
        try say("north", "roads/tolls", "no-tolls", "2023-10-04")
        try say(
            "south", "roads/tolls", "tolls", "2023-10-05",
            conditions: [Condition(party: "north", issue: "rail", label: "build-rail")])
        try say("north", "rail", "build-rail", "2023-09-01")
        try say("south", "rail", "no-rail", "2023-09-05")
        try say("east", "rail", "no-rail", "2015-01-01")
        try say("north", "trade", "free-trade", "2023-08-01")
        try say("south", "trade", "free-trade", "2023-08-02")
        try say(
            "north", "water", "share-river", "2023-11-01",
            conditions: [Condition(party: "south", issue: "water/dam", label: "build-dam")])
        try say("south", "water", "keep-river", "2023-11-02")
        try say("south", "roads", "open-roads", "2023-10-06", about: "north")
        try say("east", "water/dam", "build-dam", "2023-10-07", about: "north")
        try parley.add(
            Dispute(
                id: "trade-dispute", title: "Trade terms", issue: "trade", parties: ["north", "east"],
                history: [DisputeStep(status: .open, on: try date("2023-08-03"), source: "bulletin")]))
        try parley.add(
            Dispute(
                id: "rail-old", title: "The old line", issue: "rail", parties: ["north", "south"],
                history: [
                    DisputeStep(status: .open, on: try date("2016-01"), source: "gazette"),
                    DisputeStep(status: .resolved, on: try date("2017-01"), source: "gazette"),
                ]))
        return parley
    }

    /// The report made from a snapshot of every position, in one read.
    static func whole(_ parley: Parley, asOf date: CalendarDate?) throws -> DisputesReport {
        try parley.store.read { reader in
            try DisputesReport(
                snapshot: try reader.snapshot(asOf: date, staleAfter: .standard), issueTitles: try reader.issueTitles(),
                adoptions: { try reader.adoptions(of: $0, asOf: date) },
                claims: { try reader.claims(about: $0, on: $1, asOf: date) })
        }
    }

    @Test(
        "report disputes made as the positions are read is the report made from every position, in every format",
        arguments: [nil, "2023-10-05"])
    func sameAsWhole(_ asOf: String?) throws {
        let parley = try Self.manyIssues()
        let date = try asOf.map { try CalendarDate(parsing: $0) }
        let streamed = try parley.disputesReport(asOf: date)
        let whole = try Self.whole(parley, asOf: date)
        #expect(streamed == whole)
        for format in [OutputFormat.text, .markdown, .json, .html] {
            #expect(streamed.rendered(as: format) == whole.rendered(as: format), "\(format)")
        }
        var written = ""
        streamed.writeText { written += $0 }
        #expect(written == whole.rendered(as: .text))
        // What the case shows: the apparent disputes, their claims and conditions, the recorded
        // and closed ones, and notes that saw every entry.
        let text = whole.rendered(as: .text)
        if date == nil {
            #expect(streamed.apparent.map(\.issue) == ["rail", "roads", "roads/tolls", "water"])
            #expect(streamed.apparent.flatMap(\.sides).contains { !$0.claims.isEmpty })
            #expect(streamed.recorded.flatMap(\.sides).contains { !$0.claims.isEmpty })
            #expect(text.contains("- stale ("))
            #expect(streamed.notes.contains(.conditions))
        } else {
            #expect(streamed.apparent.map(\.issue) == ["rail", "roads", "roads/tolls"])
        }
        #expect(text.contains("RECORDED trade-dispute: Trade terms"))
        #expect(text.contains("(no position recorded)"))
        #expect(text.contains("rail-old: resolved on 2017-01"))
    }

    /// The positions `adoptions` was asked about, ask by ask.
    final class Asked: @unchecked Sendable {
        var asks: [[Position]] = []
    }

    @Test("asked about a few positions at a time, every ask holds whole disputes and the report is the same")
    func smallAsks() throws {
        let parley = try Self.manyIssues()
        let whole = try Self.whole(parley, asOf: nil)
        for chunkSize in [1, 3, 4] {
            let asked = Asked()
            let report = try parley.store.read { reader in
                var builder = DisputesReport.Builder(
                    state: try reader.caseState(asOf: nil, staleAfter: .standard),
                    issueTitles: try reader.issueTitles(),
                    adoptions: { chunk in
                        asked.asks.append(chunk)
                        return try reader.adoptions(of: chunk, asOf: nil)
                    },
                    positionsNamed: { try reader.positions(asOf: nil, of: $0) }, packed: true, chunkSize: chunkSize)
                try reader.forEachPosition(asOf: nil, party: nil, issue: nil) { try builder.add($0) }
                return try builder.finish { try reader.claims(about: $0, on: $1, asOf: nil) }
            }
            #expect(report == whole, "asked \(chunkSize) at a time")
            #expect(report.rendered(as: .text) == whole.rendered(as: .text))
            #expect(asked.asks.count > 2)
            // An apparent dispute's positions are asked about together: no issue is split
            // between two asks of the apparent disputes (the recorded disputes' come last).
            let apparent = asked.asks.filter { $0.allSatisfy { $0.issue != "trade" && $0.issue != "water/dam" } }
            let issues = apparent.map { Set($0.map(\.issue)) }
            for (i, a) in issues.enumerated() {
                for b in issues[(i + 1)...] { #expect(a.isDisjoint(with: b)) }
            }
            #expect(issues.reduce(Set()) { $0.union($1) } == ["rail", "roads", "roads/tolls", "water"])
        }
    }
}
