import ParleyModel

/// Every open dispute as of a date, recorded and apparent, each side with its current stance, the
/// statement that backs it, when it last moved, how old its evidence is, and what other parties
/// claim about it; recorded disputes whose evidence has all gone stale, and closed ones, after;
/// and the commitments overdue as of the date.
public struct DisputesReport: Report, Hashable, KnowingReport {
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
        /// The move by which the side came to hold it, and the label it held before.
        public var move: Move? = nil
        public var movedFrom: String? = nil
        /// The conditions its statements set, with whether each holds as of the date.
        public var conditions: [ConditionState] = []
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
        /// Whether ``since`` is the date of a source (its step gave none).
        public var sinceIsSourceDate: Bool = false
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
    /// The deadlines passed without an implemented step all sides stand by, as of the date.
    public var overdue: [Overdue] = []
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    /// A deadline passed, with the agreement's title.
    public struct Overdue: Hashable, Sendable {
        public var deadline: Deadline
        public var title: String
    }

    /// Builds the report from a snapshot. The open disputes and the positions they show are
    /// worked out once; `adoptions` is asked for the statement at which each shown position was
    /// adopted (the store's ``adoptions(of:asOf:)``, or any other source in tests), a few thousand
    /// positions (whole disputes) at a time, and `claims`, once, for the claims about the sides' parties on the disputed issues (the
    /// store's ``claims(about:on:asOf:)``).
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption],
        claims: (_ parties: [String], _ issues: [String]) throws -> [DatedStatement] = { _, _ in [] }
    ) rethrows {
        asOf = snapshot.asOf
        // Each party's positions as places in the snapshot's (not a copy of them all).
        var byParty: [String: [Int]] = [:]
        for (index, position) in snapshot.positions.enumerated() { byParty[position.party, default: []].append(index) }
        let live = snapshot.disputes.filter { $0.current.status.isLive }
        let recordedSides = live.map { state in
            state.dispute.members(asOf: snapshot.asOf).parties.map { party in
                (
                    party,
                    Array(
                        (byParty[party] ?? []).lazy.map { snapshot.positions[$0] }.filter {
                            state.dispute.covers($0.issue)
                        })
                )
            }
        }
        byParty = [:]
        let apparentDisputes = snapshot.apparentDisputes
        var parties = Set(recordedSides.lazy.flatMap { $0.lazy.map(\.0) })
        for a in apparentDisputes { parties.formUnion(a.positions.lazy.map(\.party)) }
        let issues = Set(live.flatMap(\.dispute.issues) + apparentDisputes.map(\.issue))
        let allClaims = try claims(parties.sorted(), issues.sorted())
        func side(
            _ party: String, _ positions: [Position], _ moved: [PositionKey: Adoption], on covers: (String) -> Bool
        ) -> Side {
            Side(
                party: party,
                positions: positions.map {
                    let adoption = moved[$0.key]
                    return SidePosition(
                        position: $0, movedOn: adoption?.statement, ageDays: snapshot.age($0),
                        stale: snapshot.isStale($0), move: adoption?.move(relations: snapshot.relations),
                        movedFrom: adoption?.previousLabel, conditions: snapshot.conditions(of: $0.statements))
                },
                claims: allClaims.filter { $0.statement.about == party && covers($0.statement.issue) })
        }
        // The moves are asked for a few thousand positions (whole disputes) at a time, so that the
        // moves of every shown position are never held at once.
        var recorded: [Entry] = []
        var start = 0
        while start < live.count {
            var end = start
            var count = 0
            while end < live.count, end == start || count < PositionsReport.adoptionsAsked {
                count += recordedSides[end].reduce(0) { $0 + $1.1.count }
                end += 1
            }
            let moved = try adoptions(recordedSides[start..<end].flatMap { $0.flatMap(\.1) })
            for (state, sides) in zip(live[start..<end], recordedSides[start..<end]) {
                let d = state.dispute
                let shown = sides.map { side($0.0, $0.1, moved, on: d.covers) }
                let latestStep = d.steps(asOf: snapshot.asOf).last?.on ?? state.current.on
                let stale =
                    snapshot.staleness.map { $0.isStale(latestStep, issue: d.issue) } ?? false
                    && shown.allSatisfy { $0.positions.allSatisfy(\.stale) }
                let since = d.liveSinceStep(asOf: snapshot.asOf)
                recorded.append(
                    Entry(
                        recorded: true, id: d.id, title: d.title, issue: d.issue, issues: d.issues,
                        status: state.current.status.rawValue, since: since?.on,
                        sinceIsSourceDate: since?.onIsSourceDate ?? false,
                        sides: shown, stale: stale))
            }
            start = end
        }
        self.recorded = recorded
        var apparent: [Entry] = []
        start = 0
        while start < apparentDisputes.count {
            var end = start
            var count = 0
            while end < apparentDisputes.count, end == start || count < PositionsReport.adoptionsAsked {
                count += apparentDisputes[end].positions.count
                end += 1
            }
            let moved = try adoptions(apparentDisputes[start..<end].flatMap(\.positions))
            for a in apparentDisputes[start..<end] {
                let latest = a.positions.filter { !snapshot.isStale($0) }.compactMap { moved[$0.key]?.statement }.max {
                    $1.isLater(than: $0)
                }
                apparent.append(
                    Entry(
                        recorded: false, id: nil, title: issueTitles[a.issue] ?? a.issue, issue: a.issue,
                        issues: [a.issue], status: "apparent", since: latest?.effectiveDate ?? a.since,
                        sinceIsSourceDate: latest.map { $0.statement.said == nil } ?? false,
                        sides: a.positions.map {
                            side($0.party, [$0], moved) { Identifier.issue($0, isWithin: a.issue) }
                        }
                    ))
            }
            start = end
        }
        self.apparent = apparent
        closed = snapshot.disputes.filter { !$0.current.status.isLive }.map { state in
            Closed(
                id: state.dispute.id, title: state.dispute.title, issue: state.dispute.issue,
                status: state.current.status.rawValue, on: state.current.on)
        }
        let titles = Dictionary(snapshot.agreements.map { ($0.agreement.id, $0.agreement.title) }) { a, _ in a }
        overdue = snapshot.deadlines.filter { $0.state == .overdue }.map {
            Overdue(deadline: $0, title: titles[$0.agreement] ?? $0.agreement)
        }
        // The notes read the entries in place: the statements shown are every position's and
        // claim's (at 100,000 positions, arrays of them were 100 MB).
        let entries = [recorded, apparent].joined()
        let sides = entries.lazy.flatMap(\.sides)
        let shownPositions = sides.flatMap { $0.positions.lazy.map(\.position) }
        let backing = shownPositions.flatMap(\.statements)
        let claimsShown = sides.flatMap(\.claims)
        let movedShown = sides.flatMap { $0.positions.lazy.compactMap(\.movedOn) }
        let conditions = sides.contains { $0.positions.contains { !$0.conditions.isEmpty } }
        notes = [
            ReportNote.date(asOf, .asOf),
            ReportNote.statements([AnySequence(backing), AnySequence(claimsShown)].joined()),
            ReportNote.sourceDated(
                statements: [AnySequence(backing), AnySequence(claimsShown), AnySequence(movedShown)].joined(),
                steps: entries.lazy.map(\.sinceIsSourceDate) + overdue.map(\.deadline.setBy.onIsSourceDate)),
            ReportNote.stale(snapshot, shown: shownPositions), conditions ? .conditions : nil,
        ].compactMap { $0 }
    }

    var heading: String { "Open disputes" + (asOf.map { " as of \($0)" } ?? "") + knownSuffix }

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

    /// "open since 2021-12-14" or "diverging since …", the date marked when it is its source's.
    static func since(_ entry: Entry) -> String? {
        entry.since.map {
            let date = $0.description + (entry.sinceIsSourceDate ? ReportNote.sourceDateMark : "")
            return entry.recorded ? "open since \(date)" : "diverging since \(date)"
        }
    }

    /// What a side holds: `open-route + open-route-with-checks (since 2023-03-02, clarified from x)`.
    static func held(_ held: SidePosition, _ entry: Entry) -> String {
        let moved = held.movedOn.map { moved in
            " (since \(Describe.said(moved))" + (Describe.move(held.move, from: held.movedFrom) ?? "") + ")"
        }
        let stale = held.stale ? " - stale (\(held.ageDays ?? 0) days)" : ""
        return on(held.position.issue, entry) + Describe.labels(held.position) + (moved ?? "") + stale
    }

    /// `on transit/route: ` when a side's position is on another issue than the entry's.
    static func on(_ issue: String, _ entry: Entry) -> String { issue == entry.issue ? "" : "on \(issue): " }

    /// Why stale disputes are listed apart (Parley's own words: markup as it is).
    static let staleExplanation: StaticString =
        "Recorded as open, but every side's evidence is older than the window: check whether they are still alive."

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
