import Foundation
import ParleyModel

/// The state of play as of a date: for each issue, each party's current stance, with the issues
/// where parties diverge marked.
public struct PositionsReport: Renderable, Hashable {
    /// One issue's row: the positions held on it, by party.
    public struct Row: Hashable, Sendable {
        public var issue: String
        public var title: String
        public var positions: [Position]
        /// Whether two or more parties hold different labels.
        public var diverges: Bool

        init(issue: String, title: String, positions: [Position]) {
            self.issue = issue
            self.title = title
            self.positions = positions
            diverges = positions.contains { $0.stance != positions[0].stance }
        }
    }

    public var asOf: CalendarDate?
    /// Every party holding a position in the report, in id order: the columns.
    public var parties: [String]
    public var rows: [Row]
    public var notes: [ReportNote]

    public init(snapshot: Snapshot, issueTitles: [String: String]) {
        asOf = snapshot.asOf
        parties = Array(Set(snapshot.positions.map(\.party))).sorted()
        rows = snapshot.positionsByIssue.map {
            Row(issue: $0.issue, title: issueTitles[$0.issue] ?? $0.issue, positions: $0.positions)
        }
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(snapshot.positions.map(\.backing)),
        ].compactMap { $0 }
    }

    var heading: String { "Positions" + (asOf.map { " as of \($0)" } ?? "") }
    var divergent: Int { rows.filter(\.diverges).count }
    var summary: String {
        let issues = "\(rows.count) issue\(rows.count == 1 ? "" : "s")"
        let parties = "\(parties.count) part\(parties.count == 1 ? "y" : "ies")"
        return "\(issues), \(parties); parties diverge on \(divergent)."
    }

    public func text(style: TextStyle) -> String {
        guard !rows.isEmpty else {
            return style.bold(heading) + "\n\nNo positions recorded" + (asOf.map { " on or before \($0)" } ?? "") + "."
        }
        var out = [style.bold(heading), summary, ""]
        let partyWidth = parties.map(\.count).max() ?? 0
        let stanceWidth = rows.flatMap { $0.positions.map(\.stance.count) }.max() ?? 0
        for row in rows {
            let mark = row.diverges ? "  " + style.red("≠ parties diverge") : ""
            out.append(style.bold(row.issue) + mark)
            out.append(style.dim(TextLayout.hanging("  ", row.title, width: style.width)))
            for p in row.positions {
                let lead = "  " + p.party.padded(to: partyWidth) + "  "
                let stance = p.stance.padded(to: stanceWidth)
                var line = lead + stance + "  " + Describe.date(p.backing.effectiveDate)
                if line.count > style.width {
                    line = TextLayout.hanging(
                        lead, p.stance + "  " + Describe.date(p.backing.effectiveDate), width: style.width)
                }
                line = line.trimmingTrailingSpaces()
                out.append(row.diverges ? style.yellow(line) : line)
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
                    row.positions.first { $0.party == party }.map { "\($0.stance) (\($0.backing.effectiveDate))" }
                        ?? "·"
                }
        }
        out.append(Markdown.table(["issue"] + parties, table))
        out += ["", "≠ marks issues where parties hold different stance labels; · means no position recorded.", ""]
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
                        "positions": .array(row.positions.map { Describe.positionJSON($0, movedOn: nil) }),
                    ]
                }),
            "notes": notes.json,
        ]
    }
}
