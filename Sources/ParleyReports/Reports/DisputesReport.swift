import ParleyModel

/// Every open dispute as of a date, recorded and apparent, each side with its current stance, the
/// statement that backs it, when it last moved, how old its evidence is, and what other parties
/// claim about it; recorded disputes whose evidence has all gone stale, and closed ones, after.
public struct DisputesReport: Renderable, Hashable {
    /// A party's positions on a disputed issue (and its sub-issues), and claims about it.
    public struct Side: Hashable, Sendable {
        public var party: String
        public var positions: [SidePosition]
        /// What other parties said this party holds on the issue: never its position.
        public var claims: [DatedStatement] = []
    }

    /// One position held by a side, with the statement at which the label was adopted.
    public struct SidePosition: Hashable, Sendable {
        public var position: Position
        public var movedOn: DatedStatement?
        /// Days since its latest statement, when ages are measured.
        public var ageDays: Int? = nil
        /// Older than the staleness window: shown, but not alone making an apparent dispute.
        public var stale: Bool = false
    }

    /// An open dispute: recorded (with an id and a status) or apparent (derived).
    public struct Entry: Hashable, Sendable {
        public var recorded: Bool
        public var id: String?
        public var title: String
        /// The issue, or for a recorded dispute over several, the first of them.
        public var issue: String
        /// Every issue it covers.
        public var issues: [String]
        public var status: String
        /// Since when it has been open: the recorded opening, or for an apparent dispute the
        /// date the latest side adopted its diverging label.
        public var since: CalendarDate?
        public var sides: [Side]
        /// A recorded dispute whose every piece of evidence (its steps, its sides' positions) is
        /// older than the staleness window.
        public var stale: Bool = false
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
    /// Recorded disputes that are live, the stale ones included (marked).
    public var recorded: [Entry]
    public var apparent: [Entry]
    public var closed: [Closed]
    public var notes: [ReportNote]

    /// Builds the report from a snapshot. The open disputes and the positions they show are
    /// worked out once; `adoptions` is asked, once, for the statement at which each shown
    /// position was adopted (the store's ``adoptions(of:asOf:)``, or any other source in tests),
    /// and `claims`, once, for the claims about the sides' parties on the disputed issues (the
    /// store's ``claims(about:on:asOf:)``).
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: DatedStatement],
        claims: (_ parties: [String], _ issues: [String]) throws -> [DatedStatement] = { _, _ in [] }
    ) rethrows {
        asOf = snapshot.asOf
        let byParty = Dictionary(grouping: snapshot.positions, by: \.party)
        let live = snapshot.disputes.filter { $0.current.status.isLive }
        let recordedSides = live.map { state in
            state.dispute.members(asOf: snapshot.asOf).parties.map { party in
                (party, (byParty[party] ?? []).filter { state.dispute.covers($0.issue) })
            }
        }
        let apparentDisputes = snapshot.apparentDisputes
        let moved = try adoptions(recordedSides.flatMap { $0.flatMap(\.1) } + apparentDisputes.flatMap(\.positions))
        let parties = Set(
            recordedSides.flatMap { $0.map(\.0) } + apparentDisputes.flatMap { $0.positions.map(\.party) })
        let issues = Set(live.flatMap(\.dispute.issues) + apparentDisputes.map(\.issue))
        let allClaims = try claims(parties.sorted(), issues.sorted())
        func side(_ party: String, _ positions: [Position], on covers: (String) -> Bool) -> Side {
            Side(
                party: party,
                positions: positions.map {
                    SidePosition(
                        position: $0, movedOn: moved[$0.key], ageDays: snapshot.age($0), stale: snapshot.isStale($0))
                },
                claims: allClaims.filter { $0.statement.about == party && covers($0.statement.issue) })
        }
        recorded = zip(live, recordedSides).map { state, sides in
            let d = state.dispute
            let shown = sides.map { side($0.0, $0.1, on: d.covers) }
            let latestStep = d.steps(asOf: snapshot.asOf).last?.on ?? state.current.on
            let stale =
                snapshot.staleness.map { $0.isStale(latestStep, issue: d.issue) } ?? false
                && shown.allSatisfy { $0.positions.allSatisfy(\.stale) }
            return Entry(
                recorded: true, id: d.id, title: d.title, issue: d.issue, issues: d.issues,
                status: state.current.status.rawValue, since: state.liveSince, sides: shown, stale: stale)
        }
        apparent = apparentDisputes.map { a in
            Entry(
                recorded: false, id: nil, title: issueTitles[a.issue] ?? a.issue, issue: a.issue, issues: [a.issue],
                status: "apparent",
                since: a.positions.filter { !snapshot.isStale($0) }.compactMap { moved[$0.key]?.effectiveDate }.max()
                    ?? a.since,
                sides: a.positions.map { side($0.party, [$0]) { Identifier.issue($0, isWithin: a.issue) } })
        }
        closed = snapshot.disputes.filter { !$0.current.status.isLive }.map { state in
            Closed(
                id: state.dispute.id, title: state.dispute.title, issue: state.dispute.issue,
                status: state.current.status.rawValue, on: state.current.on)
        }
        let entries = recorded + apparent
        let shownPositions = entries.flatMap { $0.sides.flatMap { $0.positions.map(\.position) } }
        let shown = shownPositions.map(\.backing) + entries.flatMap { $0.sides.flatMap(\.claims) }
        let movedShown = entries.flatMap { $0.sides.flatMap { $0.positions.compactMap(\.movedOn) } }
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(shown),
            ReportNote.sourceDated(statements: shown + movedShown), ReportNote.stale(snapshot, shown: shownPositions),
        ].compactMap { $0 }
    }

    var heading: String { "Open disputes" + (asOf.map { " as of \($0)" } ?? "") }

    /// The live recorded disputes with fresh evidence, then the apparent ones.
    var open: [Entry] { recorded.filter { !$0.stale } + apparent }
    /// The live recorded disputes whose evidence is all stale.
    var stale: [Entry] { recorded.filter(\.stale) }

    /// "open since 2021-12-14"; "narrowed · open since …" when the status is not plainly open;
    /// "diverging since …" for an apparent dispute.
    static func statusAndSince(_ entry: Entry) -> [String] {
        guard let since = since(entry) else { return [entry.status] }
        return entry.status == "open" || entry.status == "apparent" ? [since] : [entry.status, since]
    }

    /// "open since 2021-12-14" or "diverging since …".
    static func since(_ entry: Entry) -> String? {
        entry.since.map { entry.recorded ? "open since \($0)" : "diverging since \($0)" }
    }

    /// `on transit/route: ` when a side's position is on another issue than the entry's.
    static func on(_ issue: String, _ entry: Entry) -> String { issue == entry.issue ? "" : "on \(issue): " }

    /// "accepted (since 2021-12-14*) - STALE, 812 days old".
    static func held(_ held: SidePosition, _ entry: Entry) -> String {
        let moved = held.movedOn.map { " (since \(Describe.said($0)))" } ?? ""
        let stale = held.stale ? " - stale (\(held.ageDays ?? 0) days)" : ""
        return on(held.position.issue, entry) + held.position.stance + moved + stale
    }

    // MARK: - Text

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if open.isEmpty { out.append(stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.") }
        func render(_ entry: Entry, label: String) {
            let heading = TextLayout.hanging(
                "\(label) ", (entry.id.map { "\($0): " } ?? "") + entry.title, width: style.width)
            out.append((entry.recorded ? style.red(label) : style.yellow(label)) + heading.dropFirst(label.count))
            let issues =
                entry.issues.count > 1 ? "issues " + entry.issues.joined(separator: ", ") : "issue \(entry.issue)"
            let line = ([issues] + Self.statusAndSince(entry)).joined(separator: " · ")
            out.append(style.dim(TextLayout.hanging("  ", line, width: style.width)))
            for side in entry.sides {
                out.append("  " + style.bold(side.party))
                if side.positions.isEmpty { out.append("    (no position recorded)") }
                for held in side.positions {
                    let line = TextLayout.hanging("    ", Self.held(held, entry), width: style.width)
                    out.append(held.stale ? style.dim(line) : style.yellow(line))
                    out.append(
                        TextLayout.hanging("      ", Describe.backing(held.position.backing), width: style.width))
                    if let quote = Describe.quote(held.position.backing) {
                        out.append(TextLayout.hanging("      ", quote, width: style.width))
                    }
                }
                for claim in side.claims {
                    out.append(
                        TextLayout.hanging(
                            "    ", Self.on(claim.statement.issue, entry) + Describe.claim(claim), width: style.width))
                }
            }
            out.append("")
        }
        for entry in open { render(entry, label: entry.recorded ? "RECORDED" : "APPARENT") }
        if !stale.isEmpty {
            out.append(style.bold("Stale disputes"))
            out.append(
                TextLayout.hanging(
                    "",
                    "Recorded as open, but every side's evidence is older than the window: check whether they are "
                        + "still alive.", width: style.width))
            out.append("")
            for entry in stale { render(entry, label: "STALE") }
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
        if open.isEmpty { out += [stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.", ""] }
        func render(_ entry: Entry, kind: String) {
            out.append("## \(kind): \(Markdown.escape(entry.title))" + (entry.id.map { " (`\($0)`)" } ?? ""))
            out.append("")
            let issues = entry.issues.map { "`\($0)`" }.joined(separator: ", ")
            out.append(
                "Issue\(entry.issues.count > 1 ? "s" : "") \(issues), status **\(entry.status)**, "
                    + (Self.since(entry) ?? "date unknown") + ".")
            out.append("")
            var rows: [[String]] = []
            for side in entry.sides {
                if side.positions.isEmpty && side.claims.isEmpty {
                    rows.append([side.party, "", "(no position recorded)", "", "", ""])
                }
                for held in side.positions {
                    rows.append([
                        side.party, held.position.issue, held.position.stance,
                        held.movedOn.map { Markdown.escape(Describe.said($0)) } ?? "",
                        held.ageDays.map { "\($0) days" + (held.stale ? ", **stale**" : "") } ?? "",
                        Markdown.escape(Describe.backing(held.position.backing))
                            + (Describe.quote(held.position.backing).map { " " + Markdown.escape($0) } ?? ""),
                    ])
                }
                for claim in side.claims {
                    rows.append([
                        side.party, claim.statement.issue,
                        "\(claim.statement.stance) (according to \(claim.statement.party))", "", "",
                        Markdown.escape(Describe.backing(claim))
                            + (Describe.quote(claim).map { " " + Markdown.escape($0) } ?? ""),
                    ])
                }
            }
            out.append(Markdown.table(["side", "issue", "stance", "last moved", "age", "backed by"], rows))
            out.append("")
        }
        for entry in open { render(entry, kind: entry.recorded ? "Recorded" : "Apparent") }
        if !stale.isEmpty {
            out += [
                "## Stale disputes", "",
                "Recorded as open, but every side's evidence is older than the window: check whether they are still "
                    + "alive.", "",
            ]
            for entry in stale { render(entry, kind: "Stale") }
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
                "issue": .string(e.issue), "issues": .array(e.issues.map { .string($0) }), "status": .string(e.status),
                "since": .date(e.since), "stale": .bool(e.stale),
                "sides": .array(
                    e.sides.map { side in
                        [
                            "party": .string(side.party),
                            "positions": .array(
                                side.positions.map { held in
                                    Describe.positionJSON(
                                        held.position, movedOn: held.movedOn, age: held.ageDays, stale: held.stale)
                                }),
                            "claims": .array(side.claims.map(\.jsonValue)),
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
