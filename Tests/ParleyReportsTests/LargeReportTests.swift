import ParleyModel
import Testing

@testable import ParleyReports

/// Reports over more positions than are asked about at once (the moves are asked a few thousand
/// positions at a time, so that a report of 100,000 positions never holds all their moves): every
/// position still gets its own move, and notes still see every position.
@Suite struct LargeReportTests {
    static let parties = ["alpha", "beta", "delta", "epsilon", "gamma"]

    /// Five parties on `issues` issues; party `p` on issue `i` says `label-(i + p) % 3`, so
    /// parties diverge on every issue. Every position was adopted at a statement of its own;
    /// only the last issue's moves are dated by their source.
    static func positions(issues: Int) throws -> [Position] {
        try (0..<issues).flatMap { i in
            try parties.enumerated().map { p, party in
                Position(
                    backing: try dated(
                        party, issue: i, label: "label-\((i + p) % 3)", said: "2020-01-02", sequence: Int64(i * 10 + p))
                )
            }
        }
    }

    static func dated(_ party: String, issue: Int, label: String, said: String?, sequence: Int64) throws
        -> DatedStatement
    {
        let date = try CalendarDate(parsing: said ?? "2019-05-06")
        return DatedStatement(
            statement: Statement(
                party: party, issue: String(format: "issue-%04d", issue), kind: .assertion, stance: label,
                summary: "\(party) says \(label).", said: said == nil ? nil : date, source: "gazette"),
            effectiveDate: date, sourceDate: date, sequence: sequence)
    }

    /// The move of `position`: a statement with the same label, numbered after it.
    static func adoption(_ position: Position, lastIssue: String) throws -> Adoption {
        let issue = Int(position.issue.dropFirst("issue-".count)) ?? 0
        let said: String? = position.issue == lastIssue ? nil : "2019-03-04"
        return Adoption(
            statement: try dated(
                position.party, issue: issue, label: position.stance, said: said,
                sequence: position.backing.sequence + 100_000),
            previousLabel: "label-x")
    }

    /// The case both tests report on: enough issues that the moves are asked about in more than
    /// one go, as a snapshot, with an `adoptions` that answers each position's own move and keeps
    /// each ask in `asked`.
    final class ChunkedCase {
        let issues = (PositionsReport.adoptionsAsked / LargeReportTests.parties.count) * 2 + 37
        let positions: [Position]
        let lastIssue: String
        var asked: [[Position]] = []

        init() throws {
            positions = try LargeReportTests.positions(issues: issues)
            lastIssue = positions.last?.issue ?? ""
        }

        var snapshot: Snapshot {
            Snapshot(asOf: nil, positions: positions, agreements: [AgreementState](), disputes: [DisputeState]())
        }

        func adoptions(_ chunk: [Position]) throws -> [PositionKey: Adoption] {
            asked.append(chunk)
            return Dictionary(
                uniqueKeysWithValues: try chunk.map {
                    ($0.key, try LargeReportTests.adoption($0, lastIssue: lastIssue))
                })
        }
    }

    @Test("a positions report of more positions than are asked about at once gives each its own move")
    func positionsAskedInChunks() throws {
        let large = try ChunkedCase()
        let (issues, positions) = (large.issues, large.positions)
        let report = try PositionsReport(snapshot: large.snapshot, issueTitles: [:], adoptions: large.adoptions)
        let asked = large.asked
        // Asked in more than one go, each position once, no issue split between two asks.
        #expect(asked.count > 1)
        #expect(asked.flatMap { $0.map(\.key) } == positions.map(\.key))
        let issuesAsked = asked.map { Set($0.map(\.issue)) }
        for (a, b) in zip(issuesAsked, issuesAsked.dropFirst()) { #expect(a.isDisjoint(with: b)) }
        // Every row, with every position and its own move, in issue order.
        #expect(report.rows.count == issues)
        #expect(report.rows.allSatisfy { $0.diverges && $0.held.count == Self.parties.count })
        for held in report.rows.flatMap(\.held) {
            #expect(held.movedOn?.sequence == held.position.backing.sequence + 100_000)
            #expect(held.movedFrom == "label-x")
        }
        // Only the last ask's moves are dated by their source, and the legend of the mark says so.
        #expect(report.notes.contains(.sourceDated))
        #expect(report.rendered(as: .text).contains("2019-05-06*"))
    }

    @Test("conditions are judged against the positions they name in another ask, and the text is written as rendered")
    func positionsConditionsAcrossChunks() throws {
        let large = try ChunkedCase()
        var positions = large.positions
        // The first position's statement sets conditions on a pair of the last issue (in another
        // ask) and on a pair of no position at all.
        let last = try #require(positions.last)
        positions[0].backing.statement.conditions = [
            Condition(party: last.party, issue: last.issue, label: last.stance),
            Condition(party: "zeta", issue: last.issue, label: "label-0"),
        ]
        var named: [[PositionKey]] = []
        var builder = PositionsReport.Builder(
            state: Snapshot(asOf: nil, positions: [], agreements: [AgreementState](), disputes: [DisputeState]()),
            issueTitles: [:], adoptions: large.adoptions,
            positionsNamed: { keys in
                named.append(keys)
                return positions.filter { keys.contains($0.key) }
            })
        for position in positions { try builder.add(position) }
        let report = try builder.finish()
        #expect(large.asked.count > 1)
        #expect(named == [[last.key, PositionKey(party: "zeta", issue: last.issue)]])
        #expect(report.rows.first?.held.first?.conditions.map(\.holds) == [true, nil])
        #expect(report.notes.contains(.conditions))
        // The same report from a snapshot of every position, and the same text written a row at a time.
        let whole = try PositionsReport(
            snapshot: Snapshot(
                asOf: nil, positions: positions, agreements: [AgreementState](), disputes: [DisputeState]()),
            issueTitles: [:], adoptions: large.adoptions)
        #expect(whole == report)
        var written = ""
        report.writeText { written += $0 }
        #expect(written == report.rendered(as: .text))
    }

    @Test("the disputes board of more positions than are asked about at once gives each side its own move")
    func disputesAskedInChunks() throws {
        let large = try ChunkedCase()
        let (issues, positions, lastIssue) = (large.issues, large.positions, large.lastIssue)
        let report = try DisputesReport(snapshot: large.snapshot, issueTitles: [:], adoptions: large.adoptions)
        let asked = large.asked
        #expect(asked.count > 1)
        #expect(asked.flatMap { $0.map(\.key) } == positions.map(\.key))
        // Every issue is an apparent dispute, each side with its own move, dated by it.
        #expect(report.apparent.count == issues)
        for side in report.apparent.flatMap(\.sides) {
            #expect(side.positions.allSatisfy { $0.movedOn?.sequence == $0.position.backing.sequence + 100_000 })
        }
        #expect(
            report.apparent.allSatisfy {
                $0.since == (try? CalendarDate(parsing: $0.issue == lastIssue ? "2019-05-06" : "2019-03-04"))
            })
        #expect(report.notes.contains(.sourceDated))
    }
    @Test(
        "a diff of more changes than are asked about at once, made as the positions arrive, is the diff of two snapshots"
    )
    func diffMergedInChunks() throws {
        let large = try ChunkedCase()
        let later = large.positions
        // At the first date every party held the next label: every position changed, bar the
        // first issue's, which no one had spoken on yet.
        let earlier = later.filter { $0.issue != later.first?.issue }.map { position in
            var moved = position
            moved.backing.statement.stance = "label-\((Int(position.stance.dropFirst(6)) ?? 0) + 1)"
            moved.backing.sequence -= 1
            return moved
        }
        let from = try CalendarDate(parsing: "2019-01-01")
        let to = try CalendarDate(parsing: "2021-01-01")
        func state(_ date: CalendarDate, _ positions: [Position]) -> Snapshot {
            Snapshot(asOf: date, positions: positions, agreements: [AgreementState](), disputes: [DisputeState]())
        }
        let adoptions: ([Position], CalendarDate) throws -> [PositionKey: Adoption] = { chunk, _ in
            try large.adoptions(chunk)
        }
        var builder = DiffReport.Builder(
            from: state(from, []), to: state(to, []), claims: [], staleness: nil, adoptions: adoptions)
        for position in earlier { builder.earlier(position) }
        for position in later { try builder.later(position) }
        let merged = try builder.finish()
        #expect(large.asked.count > 2)
        let whole = try DiffReport(
            diff: SnapshotDiff(from: state(from, earlier), to: state(to, later)), adoptions: adoptions)
        #expect(merged == whole)
        // Every position changed, in order, each with its own move at both dates.
        #expect(merged.diff.positions.map(\.after) == later)
        #expect(merged.diff.positions.filter { $0.kind == .new }.count == Self.parties.count)
        let lastIssue = large.lastIssue
        for (change, moved) in zip(merged.diff.positions, merged.movedAfter) {
            let expected = try LargeReportTests.adoption(change.after, lastIssue: lastIssue).statement
            #expect(moved?.on == expected.effectiveDate && moved?.isSourceDate == (change.issue == lastIssue))
        }
        #expect(merged.movedBefore.compactMap { $0 }.count == earlier.count)
        // The text written a line at a time is the text rendered whole.
        var written = ""
        merged.writeText { written += $0 }
        #expect(written == merged.rendered(as: .text))
        #expect(written.contains("Moves: "))
    }
}
