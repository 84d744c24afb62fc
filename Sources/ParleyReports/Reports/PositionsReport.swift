import Foundation
import ParleyModel

/// The state of play as of a date: for each issue, each party's current stance, when it was
/// adopted and how old its evidence is, with the issues where parties diverge marked.
public struct PositionsReport: Report, Hashable {
    /// One position in a row, with the statement at which its label was adopted.
    public struct Held: Hashable, Sendable {
        public var position: Position
        public var movedOn: DatedStatement?
        /// Days since its latest statement, when ages are measured.
        public var ageDays: Int?
        /// Older than the staleness window.
        public var stale: Bool
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

    /// Builds the report from a snapshot; `adoptions` is asked once for the statement at which
    /// each position was adopted (the store's ``adoptions(of:asOf:)``).
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: DatedStatement] = { _ in [:] }
    ) rethrows {
        asOf = snapshot.asOf
        parties = Array(Set(snapshot.positions.map(\.party))).sorted()
        let moved = try adoptions(snapshot.positions)
        rows = snapshot.positionsByIssue.map { group in
            Row(
                issue: group.issue, title: issueTitles[group.issue] ?? group.issue,
                held: group.positions.map {
                    Held(
                        position: $0, movedOn: moved[$0.key], ageDays: snapshot.age($0), stale: snapshot.isStale($0))
                },
                diverges: snapshot.diverges(group.positions, on: group.issue))
        }
        let backing = snapshot.positions.map(\.backing)
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(backing),
            ReportNote.sourceDated(statements: Array(moved.values)),
            ReportNote.stale(snapshot, shown: snapshot.positions),
        ].compactMap { $0 }
    }

    var heading: String { "Positions" + (asOf.map { " as of \($0)" } ?? "") }
    var divergent: Int { rows.filter(\.diverges).count }
    var summary: String {
        let issues = "\(rows.count) issue\(rows.count == 1 ? "" : "s")"
        let parties = "\(parties.count) part\(parties.count == 1 ? "y" : "ies")"
        return "\(issues), \(parties); parties diverge on \(divergent)."
    }

    /// What the dates in the text and Markdown tables are.
    static let datesAre = "Dates are when each party adopted the stance it holds."

    /// When the position was adopted (the backing statement's date when that is not known).
    static func adopted(_ held: Held) -> String {
        Describe.said(held.movedOn ?? held.position.backing)
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
