import ParleyModel

/// Every open dispute as of a date, recorded and apparent, each side with its current stance, the
/// statement that backs it, when it last moved, how old its evidence is, and what other parties
/// claim about it; recorded disputes whose evidence has all gone stale, and closed ones, after;
/// and the commitments overdue as of the date.
public struct DisputesReport: Report, Hashable, KnowingReport, TextStreaming, JSONStreaming {
    /// A party's positions on a disputed issue (and its sub-issues), and claims about it.
    public struct Side: Hashable, Sendable {
        public var party: String
        /// The positions it holds on the issue and its sub-issues, each with its move and age.
        public var positions: [HeldPosition]
        /// What other parties said this party holds on the issue: never its position.
        public var claims: [DatedStatement] = []
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
    /// The apparent disputes, in the order of their issues.
    public var apparent: Entries
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
    /// positions (whole disputes) at a time, and `claims`, once, for the claims about the sides'
    /// parties on the disputed issues (the store's ``claims(about:on:asOf:)``). The entries are
    /// kept as values (a served board reads them on every page; see ``Builder`` for a report
    /// made as the positions are read).
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption],
        claims: (_ parties: [String], _ issues: [String]) throws -> [DatedStatement] = { _, _ in [] }
    ) throws {
        self = try withoutActuallyEscaping(adoptions) { adoptions in
            var builder = Builder(
                state: snapshot, issueTitles: issueTitles, adoptions: adoptions,
                positionsNamed: { keys in keys.compactMap { snapshot.position(party: $0.party, issue: $0.issue) } },
                packed: false)
            for position in snapshot.positions { try builder.add(position) }
            return try builder.finish(claims: claims)
        }
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
                return Self.recordedEntry(live[index], sides, moved, snapshot, judge: snapshot, allClaims)
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
        var found = apparentAgain.map {
            Self.apparentEntry($0, moved, snapshot, judge: snapshot, issueTitles, allClaims)
        }[...]
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
        self.apparent = Entries(apparent)
        closed = Self.closed(snapshot)
        overdue = Self.overdue(snapshot)
        var tally = NoteTally(overdue)
        for entry in recorded { tally.count(entry) }
        for entry in apparent { tally.count(entry) }
        notes = tally.notes(snapshot)
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

    /// A side: the party's positions with their moves, ages (by `state`) and conditions (judged
    /// against `judge`), and the claims about it on the issues `covers` takes.
    private static func side(
        _ party: String, _ positions: [Position], _ moved: [PositionKey: Adoption], _ state: Snapshot,
        judge: Snapshot, _ allClaims: [DatedStatement], on covers: (String) -> Bool
    ) -> Side {
        Side(
            party: party,
            positions: positions.map { HeldPosition($0, adoption: moved[$0.key], state: state, judge: judge) },
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
        _ snapshot: Snapshot, judge: Snapshot, _ allClaims: [DatedStatement]
    ) -> Entry {
        let d = state.dispute
        let shown = sides.map { side($0.0, $0.1, moved, snapshot, judge: judge, allClaims, on: d.covers) }
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
        _ a: ApparentDispute, _ moved: [PositionKey: Adoption], _ snapshot: Snapshot, judge: Snapshot,
        _ issueTitles: [String: String], _ allClaims: [DatedStatement]
    ) -> Entry {
        let latest = a.positions.filter { !snapshot.isStale($0) }.compactMap { moved[$0.key]?.statement }.max {
            $1.isLater(than: $0)
        }
        return Entry(
            recorded: false, id: nil, title: issueTitles[a.issue] ?? a.issue, issue: a.issue,
            issues: [a.issue], status: "apparent", since: latest?.effectiveDate ?? a.since,
            sinceIsSourceDate: latest.map { $0.statement.said == nil } ?? false,
            sides: a.positions.map {
                side($0.party, [$0], moved, snapshot, judge: judge, allClaims) {
                    Identifier.issue($0, isWithin: a.issue)
                }
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

    /// What the report's notes say, gathered entry by entry (the notes read the entries in
    /// place: the statements shown are every position's and claim's, and at 100,000 positions
    /// arrays of them were 100 MB).
    struct NoteTally {
        var imprecise = 0
        var sourceDated: Bool
        var stale = false
        var conditions = false

        /// Nothing counted yet but the commitments `overdue`.
        init(_ overdue: [Overdue]) {
            sourceDated = overdue.contains { $0.deadline.setBy.onIsSourceDate }
        }

        mutating func count(_ statement: DatedStatement) {
            if ReportNote.isImprecise(statement) { imprecise += 1 }
            if statement.statement.said == nil { sourceDated = true }
        }

        /// Counts what `entry` shows: its date, its sides' positions and their claims.
        mutating func count(_ entry: Entry) {
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

        /// The notes of a report as of `state`'s date, aged by it.
        func notes(_ state: Snapshot) -> [ReportNote] {
            [
                ReportNote.date(state.asOf, .asOf), ReportNote.statements(imprecise: imprecise),
                sourceDated ? .sourceDated : nil, ReportNote.stale(state, anyShown: stale),
                conditions ? .conditions : nil,
            ].compactMap { $0 }
        }
    }

    var heading: String { "Open disputes" + (asOf.map { " as of \($0)" } ?? "") + knownSuffix }

    /// The live recorded disputes with fresh evidence, then the apparent ones.
    var open: [Entry] { recorded.filter { !$0.stale } + apparent }
    /// Whether any dispute is open (``open`` is not empty), without gathering them.
    var anyOpen: Bool { recorded.contains { !$0.stale } || !apparent.isEmpty }
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
    static func held(_ held: HeldPosition, _ entry: Entry) -> String {
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

    public func write(in format: TextFormat, to lines: inout TextLines) { format.write(self, to: &lines) }

    /// The JSON, an apparent dispute at a time (at 10M statements they are 137 MB of it).
    public func writeJSON(to sink: (String) -> Void) {
        var rest = self
        rest.apparent = []
        JSONFormat().render(rest).encode(streaming: "apparent", apparent.lazy.map(JSONFormat.entry), to: sink)
        sink("\n")
    }
}

extension DisputesReport {
    /// Entries kept as values, or packed (see `Packed` in ParleyModel), each made again, equal,
    /// when read: at 100,000 positions in apparent disputes, their entries as values were about
    /// 80 MB. A served board keeps values, which its every page reads; a report made once and
    /// written packs them. Two are equal when their entries are, however they are kept.
    public struct Entries: RandomAccessCollection, Hashable, Sendable, ExpressibleByArrayLiteral {
        /// The entries, when kept as values.
        private var values: [Entry]?
        private var packed = Packed()
        private var starts: [Int] = []
        /// The claims of each side of a packed entry, for the entries that show any (written
        /// apart: they are asked for only once every entry is made).
        private var claims: [Int: [[DatedStatement]]] = [:]

        /// Entries kept as values.
        public init(_ entries: [Entry] = []) { values = entries }

        public init(arrayLiteral entries: Entry...) { values = entries }

        /// No entries yet, to be packed as they are appended.
        static func packing() -> Entries {
            var entries = Entries()
            entries.values = nil
            return entries
        }

        mutating func append(_ entry: Entry) {
            if values != nil {
                values?.append(entry)
                return
            }
            packed.write(entry.recorded)
            packed.write(entry.id)
            packed.write(entry.title)
            packed.write(entry.issue)
            packed.write(entry.issues.count)
            for issue in entry.issues { packed.write(issue) }
            packed.write(entry.status)
            packed.write(entry.since)
            packed.write(entry.sinceIsSourceDate)
            packed.write(entry.stale)
            packed.write(entry.sides.count)
            for side in entry.sides {
                packed.write(side.party)
                packed.write(side.positions.count)
                for held in side.positions { packed.write(held) }
            }
            starts.append(packed.close())
            if entry.sides.contains(where: { !$0.claims.isEmpty }) {
                claims[starts.count - 1] = entry.sides.map(\.claims)
            }
        }

        /// Gives the sides of the entry at `index` the claims `sideClaims` (one list per side).
        mutating func give(_ sideClaims: [[DatedStatement]], at index: Int) {
            if values != nil {
                for (side, found) in sideClaims.enumerated() { values?[index].sides[side].claims = found }
            } else if sideClaims.contains(where: { !$0.isEmpty }) {
                claims[index] = sideClaims
            } else {
                claims[index] = nil
            }
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { values?.count ?? starts.count }

        public subscript(index: Int) -> Entry {
            if let values { return values[index] }
            var reader = packed.reader(at: starts[index])
            let recorded = reader.bool()
            let id = reader.optionalString()
            let title = reader.string()
            let issue = reader.string()
            let issues = (0..<reader.int()).map { _ in reader.string() }
            let status = reader.string()
            let since = reader.optionalDate()
            let sinceIsSourceDate = reader.bool()
            let stale = reader.bool()
            let sideClaims = claims[index]
            let sides = (0..<reader.int()).map { side in
                Side(
                    party: reader.string(), positions: (0..<reader.int()).map { _ in reader.held() },
                    claims: sideClaims?[side] ?? [])
            }
            return Entry(
                recorded: recorded, id: id, title: title, issue: issue, issues: issues, status: status, since: since,
                sinceIsSourceDate: sinceIsSourceDate, sides: sides, stale: stale)
        }

        public static func == (lhs: Entries, rhs: Entries) -> Bool {
            if let a = lhs.values, let b = rhs.values { return a == b }
            if lhs.values == nil, rhs.values == nil {
                return lhs.starts == rhs.starts && lhs.claims == rhs.claims && lhs.packed == rhs.packed
            }
            return lhs.elementsEqual(rhs)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            for entry in self { hasher.combine(entry) }
        }
    }

    /// A disputes report made from positions that arrive one at a time, in issue, then party order
    /// (as a store reads them), so that every position is never held at once: each issue's
    /// apparent dispute is found when its positions have passed, and a few thousand positions'
    /// worth (whole disputes) at a time `adoptions` is asked for their moves and their entries
    /// are made (and packed, when asked); the positions of the recorded disputes' sides are kept
    /// as they pass (few), and their entries made at the end. The claims are asked once, at the
    /// end, for the same parties and issues as ``init(snapshot:issueTitles:adoptions:claims:)``
    /// asks.
    public struct Builder {
        private let state: Snapshot
        private let issueTitles: [String: String]
        private let adoptions: ([Position]) throws -> [PositionKey: Adoption]
        private let positionsNamed: ([PositionKey]) throws -> [Position]
        private let chunkSize: Int
        /// The live recorded disputes, each one's parties as of the date, and for each party the
        /// (dispute, side) places it takes among them.
        private let live: [DisputeState]
        private let members: [[String]]
        private let sidesOf: [String: [(dispute: Int, side: Int)]]
        /// Each live dispute's sides' positions so far.
        private var sidePositions: [[[Position]]]
        /// The positions of the issue passing.
        private var group: [Position] = []
        /// Apparent disputes found whose entries are not made yet, and how many positions they show.
        private var pending: [ApparentDispute] = []
        private var pendingPositions = 0
        private var apparent: Entries
        /// Each apparent entry's issue and its sides' parties: what its claims are found by.
        private var apparentSides: [(issue: String, parties: [String])] = []
        private var tally: NoteTally

        /// A report as of `state`'s date, on its disputes and agreements, its positions aged and
        /// compared by its ages and label relations (its positions are ignored). `adoptions` as
        /// for ``DisputesReport/init(snapshot:issueTitles:adoptions:claims:)``; `positionsNamed`
        /// gives the positions of the pairs the conditions of a few thousand positions name
        /// outside them (the store's ``positions(asOf:of:)``). `packed`: the apparent entries
        /// are packed as they are made.
        public init(
            state: Snapshot, issueTitles: [String: String],
            adoptions: @escaping ([Position]) throws -> [PositionKey: Adoption],
            positionsNamed: @escaping ([PositionKey]) throws -> [Position], packed: Bool = true
        ) {
            self.init(
                state: state, issueTitles: issueTitles, adoptions: adoptions, positionsNamed: positionsNamed,
                packed: packed, chunkSize: PositionsReport.adoptionsAsked)
        }

        /// As above, the moves asked about `chunkSize` positions at a time (for tests).
        init(
            state: Snapshot, issueTitles: [String: String],
            adoptions: @escaping ([Position]) throws -> [PositionKey: Adoption],
            positionsNamed: @escaping ([PositionKey]) throws -> [Position], packed: Bool, chunkSize: Int
        ) {
            self.state = state
            self.issueTitles = issueTitles
            self.adoptions = adoptions
            self.positionsNamed = positionsNamed
            self.chunkSize = chunkSize
            live = state.disputes.filter { $0.current.status.isLive }
            members = live.map { $0.dispute.members(asOf: state.asOf).parties }
            var sidesOf: [String: [(dispute: Int, side: Int)]] = [:]
            for (dispute, parties) in members.enumerated() {
                for (side, party) in parties.enumerated() { sidesOf[party, default: []].append((dispute, side)) }
            }
            self.sidesOf = sidesOf
            sidePositions = members.map { Array(repeating: [], count: $0.count) }
            apparent = packed ? .packing() : Entries()
            tally = NoteTally(DisputesReport.overdue(state))
        }

        /// The next position.
        public mutating func add(_ position: Position) throws {
            if let issue = group.first?.issue, issue != position.issue { try endIssue() }
            group.append(position)
            for (dispute, side) in sidesOf[position.party] ?? [] where live[dispute].dispute.covers(position.issue) {
                sidePositions[dispute][side].append(position)
            }
        }

        /// The issue passing is done: its apparent dispute, if it makes one, awaits its entry.
        private mutating func endIssue() throws {
            guard let issue = group.first?.issue else { return }
            if let found = state.apparentDispute(on: issue, group[...], live: live) {
                pending.append(found)
                pendingPositions += found.positions.count
            }
            group.removeAll(keepingCapacity: true)
            if pendingPositions >= chunkSize { try flush() }
        }

        /// The entries of the apparent disputes found and not yet made.
        private mutating func flush() throws {
            guard !pending.isEmpty else { return }
            let shown = pending.flatMap(\.positions)
            let moved = try adoptions(shown)
            let judge = try state.judging(shown, positionsNamed: positionsNamed)
            for found in pending {
                let entry = DisputesReport.apparentEntry(found, moved, state, judge: judge, issueTitles, [])
                tally.count(entry)
                apparent.append(entry)
                apparentSides.append((found.issue, found.positions.map(\.party)))
            }
            pending.removeAll()
            pendingPositions = 0
        }

        /// The report, once every position was given; `claims` is asked for the claims about the
        /// sides' parties on the disputed issues.
        public mutating func finish(claims: (_ parties: [String], _ issues: [String]) throws -> [DatedStatement])
            throws -> DisputesReport
        {
            try endIssue()
            try flush()
            var parties = Set(members.joined())
            for found in apparentSides { parties.formUnion(found.parties) }
            let issues = Set(live.flatMap(\.dispute.issues) + apparentSides.map(\.issue))
            let allClaims = try claims(parties.sorted(), issues.sorted())
            // The recorded disputes' moves a few thousand positions (whole disputes) at a time.
            var recorded: [Entry] = []
            var start = 0
            while start < live.count {
                var end = start
                var count = 0
                while end < live.count, end == start || count < chunkSize {
                    count += sidePositions[end].reduce(0) { $0 + $1.count }
                    end += 1
                }
                let shown = sidePositions[start..<end].flatMap { $0.joined() }
                let moved = try adoptions(shown)
                let judge = try state.judging(shown, positionsNamed: positionsNamed)
                for index in start..<end {
                    let entry = DisputesReport.recordedEntry(
                        live[index], Array(zip(members[index], sidePositions[index])), moved, state, judge: judge,
                        allClaims)
                    tally.count(entry)
                    recorded.append(entry)
                }
                start = end
            }
            // The apparent entries' claims, now that they are known.
            if !allClaims.isEmpty {
                for (index, found) in apparentSides.enumerated() {
                    let sideClaims = found.parties.map { party in
                        DisputesReport.claims(about: party, allClaims) { Identifier.issue($0, isWithin: found.issue) }
                    }
                    guard sideClaims.contains(where: { !$0.isEmpty }) else { continue }
                    for claim in sideClaims.joined() { tally.count(claim) }
                    apparent.give(sideClaims, at: index)
                }
            }
            return DisputesReport(
                asOf: state.asOf, recorded: recorded, apparent: apparent, closed: DisputesReport.closed(state),
                overdue: DisputesReport.overdue(state), notes: tally.notes(state))
        }
    }

    private init(
        asOf: CalendarDate?, recorded: [Entry], apparent: Entries, closed: [Closed], overdue: [Overdue],
        notes: [ReportNote]
    ) {
        self.asOf = asOf
        self.recorded = recorded
        self.apparent = apparent
        self.closed = closed
        self.overdue = overdue
        self.notes = notes
    }
}
