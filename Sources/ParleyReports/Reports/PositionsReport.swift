import Foundation
import ParleyModel

/// The state of play as of a date: for each issue, each party's current stance, when it was
/// adopted and how old its evidence is, with the issues where parties diverge marked.
public struct PositionsReport: Report, Hashable, KnowingReport {
    /// One position in a row, with the statement at which its label was adopted.
    public struct Held: Hashable, Sendable {
        public var position: Position
        public var movedOn: DatedStatement?
        /// Days since its latest statement, when ages are measured.
        public var ageDays: Int?
        /// Older than the staleness window.
        public var stale: Bool
        /// The move by which the party came to hold it (softened, reversed…), and the label it
        /// held before; nil for its first word on the issue.
        public var move: Move? = nil
        public var movedFrom: String? = nil
        /// The conditions its statements set, with whether each holds as of the date.
        public var conditions: [ConditionState] = []
    }

    /// One issue's row: the positions held on it, by party.
    public struct Row: Hashable, Sendable {
        public var issue: String
        public var title: String
        public var held: [Held]
        /// Whether parties are on different sides: different labels, not recorded as compatible,
        /// counting only positions that are not stale.
        public var diverges: Bool

        public var positions: [Position] { held.map(\.position) }
    }

    public var asOf: CalendarDate?
    /// Every party holding a position in the report, in id order: the columns.
    public var parties: [String]
    public var rows: [Row]
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    /// Builds the report from a snapshot; `adoptions` is asked for the statement at which each
    /// position was adopted (the store's ``adoptions(of:asOf:)``), a few thousand positions (whole
    /// issues) at a time, so that the moves of every position are never held at once (at 100,000
    /// positions they were 100 MB). Conditions are judged against `conditionsAgainst` (a snapshot
    /// holding the positions they name), or the snapshot.
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption] = { _ in [:] },
        conditionsAgainst: Snapshot? = nil
    ) rethrows {
        asOf = snapshot.asOf
        parties = Array(Set(snapshot.positions.lazy.map(\.party))).sorted()
        let judge = conditionsAgainst ?? snapshot
        let positions = snapshot.positions
        var rows: [Row] = []
        var sourceDatedMove = false
        var start = positions.startIndex
        while start < positions.endIndex {
            let end = Self.chunkEnd(positions, from: start)
            let moved = try adoptions(Array(positions[start..<end]))
            sourceDatedMove = sourceDatedMove || moved.values.contains { $0.statement.statement.said == nil }
            var first = start
            while first < end {
                var last = first + 1
                while last < end, positions[last].issue == positions[first].issue { last += 1 }
                let group = Array(positions[first..<last])
                let issue = positions[first].issue
                rows.append(
                    Row(
                        issue: issue, title: issueTitles[issue] ?? issue,
                        held: group.map {
                            let adoption = moved[$0.key]
                            return Held(
                                position: $0, movedOn: adoption?.statement, ageDays: snapshot.age($0),
                                stale: snapshot.isStale($0), move: adoption?.move(relations: snapshot.relations),
                                movedFrom: adoption?.previousLabel, conditions: judge.conditions(of: $0.statements))
                        },
                        diverges: snapshot.diverges(group, on: issue)))
                first = last
            }
            start = end
        }
        self.rows = rows
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(positions.lazy.flatMap(\.statements)),
            sourceDatedMove ? .sourceDated : nil,
            ReportNote.stale(snapshot, shown: snapshot.positions),
            rows.contains { $0.held.contains { !$0.conditions.isEmpty } } ? .conditions : nil,
        ].compactMap { $0 }
    }

    /// How many positions, at least, ``init(snapshot:issueTitles:adoptions:conditionsAgainst:)``
    /// asks `adoptions` about at a time.
    static let adoptionsAsked = 2_000

    /// The end of the chunk of `positions` (ordered by issue) starting at `start`: about
    /// ``adoptionsAsked`` positions, then the rest of the last issue's.
    static func chunkEnd(_ positions: [Position], from start: Int) -> Int {
        var end = min(start + adoptionsAsked, positions.endIndex)
        while end < positions.endIndex, positions[end].issue == positions[end - 1].issue { end += 1 }
        return end
    }

    var heading: String { "Positions" + (asOf.map { " as of \($0)" } ?? "") + knownSuffix }
    var divergent: Int { rows.filter(\.diverges).count }
    var summary: String {
        let issues = "\(rows.count) issue\(rows.count == 1 ? "" : "s")"
        let parties = "\(parties.count) part\(parties.count == 1 ? "y" : "ies")"
        return "\(issues), \(parties); parties diverge on \(divergent)."
    }

    /// What the dates in the text and Markdown tables are.
    static let datesAre = "Dates are when each party adopted the stance it holds."

    /// When the position was adopted (the backing statement's date when that is not known), and
    /// how: `2021-02-08, softened from joint-customs`.
    static func adopted(_ held: Held) -> String {
        adoptedOn(held) + (Describe.move(held.move, from: held.movedFrom) ?? "")
    }

    /// When the position was adopted: `2021-02-08`.
    static func adoptedOn(_ held: Held) -> String { Describe.said(held.movedOn ?? held.position.backing) }

    /// How it was adopted: `softened from joint-customs`; nil for a first position.
    static func how(_ held: Held) -> String? {
        Describe.move(held.move, from: held.movedFrom).map { String($0.dropFirst(2)) }
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
