import ParleyModel

/// Every open dispute as of a date, recorded and apparent, each side with its current stance, the
/// statement that backs it and when it last moved; closed recorded disputes briefly at the end.
public struct DisputesReport: Renderable, Hashable {
    /// A party's positions on a disputed issue (and its sub-issues).
    public struct Side: Hashable, Sendable {
        public var party: String
        public var positions: [SidePosition]
    }

    /// One position held by a side, with the statement at which the label was adopted.
    public struct SidePosition: Hashable, Sendable {
        public var position: Position
        public var movedOn: DatedStatement?
    }

    /// An open dispute: recorded (with an id and a status) or apparent (derived).
    public struct Entry: Hashable, Sendable {
        public var recorded: Bool
        public var id: String?
        public var title: String
        public var issue: String
        public var status: String
        /// Since when it has been open: the recorded opening, or for an apparent dispute the
        /// date the latest side adopted its diverging label.
        public var since: CalendarDate?
        public var sides: [Side]
    }

    /// A recorded dispute that is resolved or dormant as of the date.
    public struct Closed: Hashable, Sendable {
        public var id: String
        public var title: String
        public var issue: String
        public var status: String
        public var on: CalendarDate
    }

    public var asOf: CalendarDate?
    public var recorded: [Entry]
    public var apparent: [Entry]
    public var closed: [Closed]
    public var notes: [ReportNote]

    /// Builds the report from a snapshot. The open disputes and the positions they show are
    /// worked out once; `adoptions` is asked, once, for the statement at which each shown
    /// position was adopted (the store's ``adoptions(of:asOf:)``, or any other source in tests).
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: DatedStatement]
    ) rethrows {
        asOf = snapshot.asOf
        let byParty = Dictionary(grouping: snapshot.positions, by: \.party)
        let live = snapshot.disputes.filter { $0.current.status.isLive }
        let recordedSides = live.map { state in
            state.dispute.members(asOf: snapshot.asOf).parties.map { party in
                (party, (byParty[party] ?? []).filter { Identifier.issue($0.issue, isWithin: state.dispute.issue) })
            }
        }
        let apparentDisputes = snapshot.apparentDisputes
        let moved = try adoptions(recordedSides.flatMap { $0.flatMap(\.1) } + apparentDisputes.flatMap(\.positions))
        func side(_ party: String, _ positions: [Position]) -> Side {
            Side(party: party, positions: positions.map { SidePosition(position: $0, movedOn: moved[$0.key]) })
        }
        recorded = zip(live, recordedSides).map { state, sides in
            let d = state.dispute
            return Entry(
                recorded: true, id: d.id, title: d.title, issue: d.issue, status: state.current.status.rawValue,
                since: state.liveSince, sides: sides.map { side($0.0, $0.1) })
        }
        apparent = apparentDisputes.map { a in
            Entry(
                recorded: false, id: nil, title: issueTitles[a.issue] ?? a.issue, issue: a.issue, status: "apparent",
                since: a.positions.compactMap { moved[$0.key]?.effectiveDate }.max() ?? a.since,
                sides: a.positions.map { side($0.party, [$0]) })
        }
        closed = snapshot.disputes.filter { !$0.current.status.isLive }.map { state in
            Closed(
                id: state.dispute.id, title: state.dispute.title, issue: state.dispute.issue,
                status: state.current.status.rawValue, on: state.current.on)
        }
        let shown = (recorded + apparent).flatMap { $0.sides.flatMap { $0.positions.map(\.position.backing) } }
        notes = [ReportNote.date(asOf, .asOf), ReportNote.statements(shown)].compactMap { $0 }
    }

    var heading: String { "Open disputes" + (asOf.map { " as of \($0)" } ?? "") }

    // MARK: - Text

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if recorded.isEmpty && apparent.isEmpty { out.append("No open disputes.") }
        for entry in recorded + apparent {
            let label = entry.recorded ? "RECORDED" : "APPARENT"
            let heading = TextLayout.hanging(
                "\(label) ", (entry.id.map { "\($0): " } ?? "") + entry.title, width: style.width)
            out.append((entry.recorded ? style.red(label) : style.yellow(label)) + heading.dropFirst(label.count))
            let since = entry.since.map { entry.recorded ? "open since \($0)" : "diverging since \($0)" } ?? ""
            let line = "issue \(entry.issue) · \(entry.status) · \(since)"
            out.append(style.dim(TextLayout.hanging("  ", line, width: style.width)))
            for side in entry.sides {
                out.append("  " + style.bold(side.party))
                if side.positions.isEmpty { out.append("    (no position recorded)") }
                for held in side.positions {
                    let moved = held.movedOn.map { " (since \(Describe.date($0.effectiveDate)))" } ?? ""
                    let on = held.position.issue == entry.issue ? "" : "on \(held.position.issue): "
                    out.append(
                        style.yellow(
                            TextLayout.hanging("    ", "\(on)\(held.position.stance)\(moved)", width: style.width)))
                    out.append(
                        TextLayout.hanging("      ", Describe.backing(held.position.backing), width: style.width))
                    if let quote = Describe.quote(held.position.backing) {
                        out.append(TextLayout.hanging("      ", quote, width: style.width))
                    }
                }
            }
            out.append("")
        }
        if !closed.isEmpty {
            out.append(style.bold("Closed disputes"))
            for c in closed {
                out.append(
                    TextLayout.hanging(
                        "  ", "\(c.id): \(c.status) on \(c.on) (issue \(c.issue)) - \(c.title)", width: style.width))
            }
            out.append("")
        }
        out += notes.textLines(style)
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    // MARK: - Markdown

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if recorded.isEmpty && apparent.isEmpty { out += ["No open disputes.", ""] }
        for entry in recorded + apparent {
            let kind = entry.recorded ? "Recorded" : "Apparent"
            out.append("## \(kind): \(Markdown.escape(entry.title))" + (entry.id.map { " (`\($0)`)" } ?? ""))
            out.append("")
            let since =
                entry.since.map { entry.recorded ? "open since \($0)" : "diverging since \($0)" } ?? "date unknown"
            out.append("Issue `\(entry.issue)`, status **\(entry.status)**, \(since).")
            out.append("")
            var rows: [[String]] = []
            for side in entry.sides {
                if side.positions.isEmpty { rows.append([side.party, "", "(no position recorded)", "", ""]) }
                for held in side.positions {
                    rows.append([
                        side.party, held.position.issue, held.position.stance,
                        held.movedOn.map { Describe.date($0.effectiveDate) } ?? "",
                        Describe.backing(held.position.backing)
                            + (Describe.quote(held.position.backing).map { " " + Markdown.escape($0) } ?? ""),
                    ])
                }
            }
            out.append(Markdown.table(["side", "issue", "stance", "last moved", "backed by"], rows))
            out.append("")
        }
        if !closed.isEmpty {
            out += ["## Closed disputes", ""]
            for c in closed {
                out.append("- `\(c.id)`: \(c.status) on \(c.on) (issue `\(c.issue)`): \(Markdown.escape(c.title))")
            }
            out.append("")
        }
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    // MARK: - JSON

    public func json() -> JSONValue {
        func entry(_ e: Entry) -> JSONValue {
            [
                "kind": .string(e.recorded ? "recorded" : "apparent"), "id": .optional(e.id), "title": .string(e.title),
                "issue": .string(e.issue), "status": .string(e.status), "since": .date(e.since),
                "sides": .array(
                    e.sides.map { side in
                        [
                            "party": .string(side.party),
                            "positions": .array(
                                side.positions.map { Describe.positionJSON($0.position, movedOn: $0.movedOn) }),
                        ]
                    }),
            ]
        }
        return [
            "as_of": .date(asOf), "recorded": .array(recorded.map(entry)), "apparent": .array(apparent.map(entry)),
            "closed": .array(
                closed.map {
                    [
                        "id": .string($0.id), "title": .string($0.title), "issue": .string($0.issue),
                        "status": .string($0.status), "on": .date($0.on),
                    ]
                }),
            "notes": notes.json,
        ]
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
