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
        let recordedSides = live.map { Self.sides(of: $0, snapshot, byParty) }
        byParty = [:]
        let apparentDisputes = snapshot.apparentDisputes
        var parties = Set(recordedSides.lazy.flatMap { $0.lazy.map(\.0) })
        for a in apparentDisputes { parties.formUnion(a.positions.lazy.map(\.party)) }
        let issues = Set(live.flatMap(\.dispute.issues) + apparentDisputes.map(\.issue))
        let allClaims = try claims(parties.sorted(), issues.sorted())
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
                recorded.append(Self.recordedEntry(state, sides, moved, snapshot, allClaims))
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
                apparent.append(Self.apparentEntry(a, moved, snapshot, issueTitles, allClaims))
            }
            start = end
        }
        self.apparent = apparent
        closed = Self.closed(snapshot)
        let overdue = Self.overdue(snapshot)
        self.overdue = overdue
        notes = Self.notes(asOf: snapshot.asOf, recorded, apparent, overdue, snapshot)
    }

    /// The report for `snapshot` made again from `earlier`, the report of a snapshot that
    /// differed from it only in the positions of the pairs `changed` (the same disputes,
    /// label relations, ages and issue titles; `earlierClaims` the claims `earlier` was made
    /// with): the entries that show none of those pairs, nor a condition on one, are kept as they
    /// were, and the others made again, as ``init(snapshot:issueTitles:adoptions:claims:)`` makes
    /// them; `adoptions` is asked only for the positions of the entries made again. Nil when
    /// `earlier` was not made from such a snapshot (its recorded disputes are not the live ones).
    public init?(
        updating earlier: DisputesReport, earlierClaims: [DatedStatement], changed: Set<PositionKey>,
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption],
        claims: (_ parties: [String], _ issues: [String]) throws -> [DatedStatement]
    ) rethrows {
        let live = snapshot.disputes.filter { $0.current.status.isLive }
        guard earlier.asOf == snapshot.asOf, earlier.knownAsOf == nil, earlier.recorded.count == live.count,
            zip(earlier.recorded, live).allSatisfy({ $0.id == $1.dispute.id })
        else { return nil }
        asOf = snapshot.asOf
        /// Whether a kept entry shows a condition on a changed pair.
        func conditionChanged(_ entry: Entry) -> Bool {
            entry.sides.contains { side in
                side.positions.contains { held in
                    held.conditions.contains {
                        changed.contains(
                            PositionKey(party: $0.condition.party ?? held.position.party, issue: $0.condition.issue))
                    }
                }
            }
        }
        // The recorded disputes a changed pair is on: one of its parties, an issue it covers.
        let members = live.map { $0.dispute.members(asOf: snapshot.asOf).parties }
        let again = live.indices.filter { index in
            changed.contains { members[index].contains($0.party) && live[index].dispute.covers($0.issue) }
                || conditionChanged(earlier.recorded[index])
        }
        let wanted = Set(again.flatMap { members[$0] })
        var byParty: [String: [Int]] = [:]
        for (index, position) in snapshot.positions.enumerated() where wanted.contains(position.party) {
            byParty[position.party, default: []].append(index)
        }
        let recordedSides = Dictionary(
            uniqueKeysWithValues: again.map { ($0, Self.sides(of: live[$0], snapshot, byParty)) })
        // The issues a changed pair is on: each one's apparent dispute found again.
        var issuesAgain = Set(changed.map(\.issue))
        for entry in earlier.apparent where conditionChanged(entry) { issuesAgain.insert(entry.issue) }
        let apparentAgain = issuesAgain.sorted().compactMap { snapshot.apparentDispute(on: $0) }
        let keptApparent = earlier.apparent.filter { !issuesAgain.contains($0.issue) }
        var parties = Set(members.joined())
        for entry in keptApparent { parties.formUnion(entry.sides.lazy.map(\.party)) }
        for a in apparentAgain { parties.formUnion(a.positions.lazy.map(\.party)) }
        let issues = Set(
            live.flatMap(\.dispute.issues) + keptApparent.map(\.issue) + apparentAgain.map(\.issue))
        let allClaims = try claims(parties.sorted(), issues.sorted())
        // Claims read otherwise than before: the kept entries' sides are given theirs again.
        let claimsAgain = allClaims != earlierClaims
        let moved = try adoptions(
            again.flatMap { recordedSides[$0]?.flatMap(\.1) ?? [] } + apparentAgain.flatMap(\.positions))
        recorded = live.indices.map { index in
            if let sides = recordedSides[index] {
                return Self.recordedEntry(live[index], sides, moved, snapshot, allClaims)
            }
            var entry = earlier.recorded[index]
            if claimsAgain {
                let dispute = live[index].dispute
                Self.giveClaims(&entry, allClaims, on: dispute.covers)
            }
            return entry
        }
        // The apparent disputes kept and found again, in the order of their issues.
        var apparent: [Entry] = []
        apparent.reserveCapacity(keptApparent.count + apparentAgain.count)
        var found = apparentAgain.map { Self.apparentEntry($0, moved, snapshot, issueTitles, allClaims) }[...]
        for var entry in keptApparent {
            while let next = found.first, next.issue < entry.issue {
                apparent.append(next)
                found = found.dropFirst()
            }
            if claimsAgain {
                let issue = entry.issue
                Self.giveClaims(&entry, allClaims) { Identifier.issue($0, isWithin: issue) }
            }
            apparent.append(entry)
        }
        apparent += found
        self.apparent = apparent
        closed = Self.closed(snapshot)
        let overdue = Self.overdue(snapshot)
        self.overdue = overdue
        notes = Self.notes(asOf: snapshot.asOf, recorded, apparent, overdue, snapshot)
    }

    /// Each party of a recorded dispute (as of the snapshot's date) with its positions on the
    /// issues the dispute covers; `byParty` gives each party's positions as places in the
    /// snapshot's.
    private static func sides(of state: DisputeState, _ snapshot: Snapshot, _ byParty: [String: [Int]])
        -> [(String, [Position])]
    {
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

    /// A side: the party's positions with their moves, ages and conditions, and the claims about
    /// it on the issues `covers` takes.
    private static func side(
        _ party: String, _ positions: [Position], _ moved: [PositionKey: Adoption], _ snapshot: Snapshot,
        _ allClaims: [DatedStatement], on covers: (String) -> Bool
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
            claims: claims(about: party, allClaims, on: covers))
    }

    /// The claims about `party` on the issues `covers` takes.
    private static func claims(about party: String, _ allClaims: [DatedStatement], on covers: (String) -> Bool)
        -> [DatedStatement]
    {
        allClaims.filter { $0.statement.about == party && covers($0.statement.issue) }
    }

    /// `entry`'s sides with the claims about them among `allClaims`.
    private static func giveClaims(_ entry: inout Entry, _ allClaims: [DatedStatement], on covers: (String) -> Bool) {
        for index in entry.sides.indices {
            let found = claims(about: entry.sides[index].party, allClaims, on: covers)
            if found != entry.sides[index].claims { entry.sides[index].claims = found }
        }
    }

    /// A live recorded dispute's entry, its sides' positions given.
    private static func recordedEntry(
        _ state: DisputeState, _ sides: [(String, [Position])], _ moved: [PositionKey: Adoption],
        _ snapshot: Snapshot, _ allClaims: [DatedStatement]
    ) -> Entry {
        let d = state.dispute
        let shown = sides.map { side($0.0, $0.1, moved, snapshot, allClaims, on: d.covers) }
        let latestStep = d.steps(asOf: snapshot.asOf).last?.on ?? state.current.on
        let stale =
            snapshot.staleness.map { $0.isStale(latestStep, issue: d.issue) } ?? false
            && shown.allSatisfy { $0.positions.allSatisfy(\.stale) }
        let since = d.liveSinceStep(asOf: snapshot.asOf)
        return Entry(
            recorded: true, id: d.id, title: d.title, issue: d.issue, issues: d.issues,
            status: state.current.status.rawValue, since: since?.on,
            sinceIsSourceDate: since?.onIsSourceDate ?? false,
            sides: shown, stale: stale)
    }

    /// An apparent dispute's entry.
    private static func apparentEntry(
        _ a: ApparentDispute, _ moved: [PositionKey: Adoption], _ snapshot: Snapshot, _ issueTitles: [String: String],
        _ allClaims: [DatedStatement]
    ) -> Entry {
        let latest = a.positions.filter { !snapshot.isStale($0) }.compactMap { moved[$0.key]?.statement }.max {
            $1.isLater(than: $0)
        }
        return Entry(
            recorded: false, id: nil, title: issueTitles[a.issue] ?? a.issue, issue: a.issue,
            issues: [a.issue], status: "apparent", since: latest?.effectiveDate ?? a.since,
            sinceIsSourceDate: latest.map { $0.statement.said == nil } ?? false,
            sides: a.positions.map {
                side($0.party, [$0], moved, snapshot, allClaims) { Identifier.issue($0, isWithin: a.issue) }
            }
        )
    }

    /// The recorded disputes resolved or dormant as of the snapshot's date.
    private static func closed(_ snapshot: Snapshot) -> [Closed] {
        snapshot.disputes.filter { !$0.current.status.isLive }.map { state in
            Closed(
                id: state.dispute.id, title: state.dispute.title, issue: state.dispute.issue,
                status: state.current.status.rawValue, on: state.current.on)
        }
    }

    /// The deadlines passed as of the snapshot's date, with their agreements' titles.
    private static func overdue(_ snapshot: Snapshot) -> [Overdue] {
        let titles = Dictionary(snapshot.agreements.map { ($0.agreement.id, $0.agreement.title) }) { a, _ in a }
        return snapshot.deadlines.filter { $0.state == .overdue }.map {
            Overdue(deadline: $0, title: titles[$0.agreement] ?? $0.agreement)
        }
    }

    /// The report's notes, from its entries and overdue commitments.
    private static func notes(
        asOf: CalendarDate?, _ recorded: [Entry], _ apparent: [Entry], _ overdue: [Overdue], _ snapshot: Snapshot
    ) -> [ReportNote] {
        // The notes read the entries in place, in one pass: the statements shown are every
        // position's and claim's (at 100,000 positions, arrays of them were 100 MB; at a million
        // statements, a pass through lazy sequences of them was a tenth of a board made again).
        var imprecise = 0
        var sourceDated = overdue.contains { $0.deadline.setBy.onIsSourceDate }
        var stale = false
        var conditions = false
        func count(_ statement: DatedStatement) {
            if ReportNote.isImprecise(statement) { imprecise += 1 }
            if statement.statement.said == nil { sourceDated = true }
        }
        for entries in [recorded, apparent] {
            for entry in entries {
                if entry.sinceIsSourceDate { sourceDated = true }
                for side in entry.sides {
                    for held in side.positions {
                        if held.stale { stale = true }
                        if !held.conditions.isEmpty { conditions = true }
                        for statement in held.position.alongside { count(statement) }
                        count(held.position.backing)
                        if let moved = held.movedOn, moved.statement.said == nil { sourceDated = true }
                    }
                    for claim in side.claims { count(claim) }
                }
            }
        }
        return [
            ReportNote.date(asOf, .asOf), ReportNote.statements(imprecise: imprecise),
            sourceDated ? .sourceDated : nil, ReportNote.stale(snapshot, anyShown: stale),
            conditions ? .conditions : nil,
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
