import Foundation
import ParleyModel

/// The state of play as of a date: for each issue, each party's current stance, when it was
/// adopted and how old its evidence is, with the issues where parties diverge marked.
public struct PositionsReport: Renderable, Hashable {
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

    public func text(style: TextStyle) -> String {
        guard !rows.isEmpty else {
            return style.bold(heading) + "\n\nNo positions recorded" + (asOf.map { " on or before \($0)" } ?? "") + "."
        }
        var out = [style.bold(heading), TextLayout.hanging("", summary + " " + Self.datesAre, width: style.width), ""]
        let partyWidth = parties.map(\.count).max() ?? 0
        let stanceWidth = rows.flatMap { $0.positions.map(\.stance.count) }.max() ?? 0
        let dateWidth = rows.flatMap { $0.held.map { Self.adopted($0).count } }.max() ?? 0
        let header = "  " + "party".padded(to: partyWidth) + "  " + "stance".padded(to: stanceWidth) + "  adopted"
        if header.count <= style.width { out += [style.dim(header), ""] }
        for row in rows {
            let mark = row.diverges ? "  " + style.red("≠ parties diverge") : ""
            out.append(style.bold(row.issue) + mark)
            out.append(style.dim(TextLayout.hanging("  ", row.title, width: style.width)))
            for held in row.held {
                let p = held.position
                let lead = "  " + p.party.padded(to: partyWidth) + "  "
                let rest =
                    held.stale
                    ? Self.adopted(held).padded(to: dateWidth) + "  stale (\(held.ageDays ?? 0) days)"
                    : Self.adopted(held)
                var line = lead + p.stance.padded(to: stanceWidth) + "  " + rest
                if line.count > style.width {
                    line = TextLayout.hanging(lead, p.stance + "  " + rest, width: style.width)
                }
                line = line.trimmingTrailingSpaces()
                out.append(held.stale ? style.dim(line) : row.diverges ? style.yellow(line) : line)
            }
            out.append("")
        }
        out += notes.textLines(style)
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        guard !rows.isEmpty else { return (out + ["No positions recorded.", ""]).joined(separator: "\n") }
        out += [summary, ""]
        let table = rows.map { row -> [String] in
            [row.issue + (row.diverges ? " ≠" : "")]
                + parties.map { party in
                    row.held.first { $0.position.party == party }.map {
                        "\($0.position.stance) (\(Markdown.escape(Self.adopted($0)))\($0.stale ? ", stale" : ""))"
                    } ?? "·"
                }
        }
        out.append(Markdown.table(["issue"] + parties, table))
        out += [
            "",
            Self.datesAre
                + " ≠ marks issues where parties are on different sides (labels that differ and are not recorded as "
                + "compatible, stale positions aside); · means no position recorded.", "",
        ]
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "as_of": .date(asOf), "parties": .array(parties.map { .string($0) }),
            "issues": .array(
                rows.map { row in
                    [
                        "issue": .string(row.issue), "title": .string(row.title), "diverges": .bool(row.diverges),
                        "positions": .array(
                            row.held.map {
                                Describe.positionJSON(
                                    $0.position, movedOn: $0.movedOn, age: $0.ageDays, stale: $0.stale)
                            }),
                    ]
                }),
            "notes": notes.json,
        ]
    }

    /// One row per party and issue.
    public func csv() -> CSVTable? {
        CSVTable(
            header: [
                "issue", "party", "stance", "adopted", "said", "age_days", "stale", "diverges", "statement", "source",
            ],
            rows: rows.flatMap { row in
                row.held.map { held in
                    [
                        row.issue, held.position.party, held.position.stance,
                        held.movedOn?.effectiveDate.description ?? "", held.position.backing.effectiveDate.description,
                        held.ageDays.map(String.init) ?? "", held.stale ? "true" : "false",
                        row.diverges ? "true" : "false",
                        String(held.position.backing.sequence), held.position.backing.statement.source,
                    ]
                }
            })
    }
}
