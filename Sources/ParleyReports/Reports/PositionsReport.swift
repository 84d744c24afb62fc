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

    /// Builds the report from a snapshot; `adoptions` is asked once for the statement at which
    /// each position was adopted (the store's ``adoptions(of:asOf:)``). Conditions are judged
    /// against `conditionsAgainst` (a snapshot holding the positions they name), or the snapshot.
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption] = { _ in [:] },
        conditionsAgainst: Snapshot? = nil
    ) rethrows {
        asOf = snapshot.asOf
        parties = Array(Set(snapshot.positions.map(\.party))).sorted()
        let moved = try adoptions(snapshot.positions)
        let judge = conditionsAgainst ?? snapshot
        rows = snapshot.positionsByIssue.map { group in
            Row(
                issue: group.issue, title: issueTitles[group.issue] ?? group.issue,
                held: group.positions.map {
                    let adoption = moved[$0.key]
                    return Held(
                        position: $0, movedOn: adoption?.statement, ageDays: snapshot.age($0),
                        stale: snapshot.isStale($0), move: adoption?.move(relations: snapshot.relations),
                        movedFrom: adoption?.previousLabel, conditions: judge.conditions(of: $0.statements))
                },
                diverges: snapshot.diverges(group.positions, on: group.issue))
        }
        let backing = snapshot.positions.flatMap(\.statements)
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(backing),
            ReportNote.sourceDated(statements: moved.values.map(\.statement)),
            ReportNote.stale(snapshot, shown: snapshot.positions),
            rows.contains { $0.held.contains { !$0.conditions.isEmpty } } ? .conditions : nil,
        ].compactMap { $0 }
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
