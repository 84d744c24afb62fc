/// A party's stance on an issue as of a date: derived from its latest statements, never stored.
/// It holds every label the party stated on the latest date it spoke on the issue (the president
/// and the foreign ministry on one day), compatible ones together; two labels of one date that
/// conflict are an internal contradiction (see ``Contradictions``).
public struct Position: Hashable, Sendable {
    public var party: String
    public var issue: String
    /// The statement that backs the position: the latest on or before the date (said date, then
    /// source date, then recording).
    public var backing: DatedStatement
    /// The party's other statements that stand and were said on the same date as ``backing``,
    /// earliest first.
    public var alongside: [DatedStatement]

    /// The position one statement backs alone.
    public init(backing: DatedStatement) {
        self.init(backing: backing, alongside: [])
    }

    /// The position `backing` backs, with the party's other statements of its date.
    public init(backing: DatedStatement, alongside: [DatedStatement]) {
        self.party = backing.statement.party
        self.issue = backing.statement.issue
        self.backing = backing
        self.alongside = alongside
    }

    /// The position that `statements` (one party's own statements on one issue that stand, in any
    /// order) make: the latest, and the others said on its date. Nil for none.
    public init?(statements: [DatedStatement]) {
        guard var latest = statements.first else { return nil }
        for statement in statements.dropFirst() where statement.isLater(than: latest) { latest = statement }
        self.init(
            backing: latest,
            alongside: Self.standing(with: latest, among: statements, date: \.effectiveDate).filter { $0 != latest }
                .sorted { $1.isLater(than: $0) })
    }

    /// Which of `statements` (one party's own statements on one issue that stand) stand with
    /// `latest` in its position: those said on its date as written ("June 2008" and "30 June 2008"
    /// end on one day but are not one date). The one statement of the rule, which the store's
    /// position index asks too; `date` is a statement's said date (else its source's).
    public static func standing<Element, Written: Equatable>(
        with latest: Element, among statements: some Sequence<Element>, date: (Element) throws -> Written
    ) rethrows -> [Element] {
        let said = try date(latest)
        return try statements.filter { try date($0) == said }
    }

    /// The stance label of the latest statement.
    public var stance: String { backing.statement.stance }

    /// Every statement that backs the position, earliest first, the backing one last.
    public var statements: [DatedStatement] { alongside + [backing] }

    /// The labels held, each once, in the order they were stated (the backing statement's last).
    public var labels: [String] {
        // One statement (most positions): its label, without gathering the statements.
        if alongside.isEmpty { return [backing.statement.stance] }
        var seen: Set<String> = []
        var labels = statements.reversed().map(\.statement.stance).filter { seen.insert($0).inserted }
        labels.reverse()
        return labels
    }

    /// Whether the position holds `label` or a label on its side.
    public func holds(_ label: String, relations: LabelRelations) -> Bool {
        labels.contains { relations.sameSide($0, label, on: issue) }
    }
}

/// An agreement or a dispute and the step of its history in force as of a date.
public struct TrackedState<Status: StepStatus>: Hashable, Sendable {
    public var record: Tracked<Status>
    /// The step in force on the date.
    public var current: Step<Status>
    /// The date the state is taken at; nil means "everything recorded".
    public var asOf: CalendarDate?

    public init(record: Tracked<Status>, current: Step<Status>, asOf: CalendarDate?) {
        self.record = record
        self.current = current
        self.asOf = asOf
    }

    /// The record's state as of `date`, or nil if it did not exist yet. Its step in force is the
    /// last one all sides stand by (one side's later account is kept apart, see
    /// ``Tracked/accounts(asOf:)``), or, when there is none, the latest account.
    public init?(_ record: Tracked<Status>, asOf date: CalendarDate?) {
        guard let step = record.commonStep(asOf: date) else { return nil }
        self.init(record: record, current: step, asOf: date)
    }
}

/// An agreement and the step of its history in force as of a date.
public typealias AgreementState = TrackedState<AgreementStatus>
/// A recorded dispute and the step of its history in force as of a date.
public typealias DisputeState = TrackedState<DisputeStatus>

extension TrackedState where Status == AgreementStatus {
    /// The agreement.
    public var agreement: Agreement { record }
}

extension TrackedState where Status == DisputeStatus {
    /// The dispute.
    public var dispute: Dispute { record }
    /// Since when it has been live without a break; nil when resolved or dormant.
    public var liveSince: CalendarDate? { record.liveSince(asOf: asOf) }
}

/// An issue on which two or more parties hold different stance labels and which no live
/// recorded dispute covers. Derived, never stored.
public struct ApparentDispute: Hashable, Sendable {
    public var issue: String
    /// The diverging positions, ordered by party id.
    public var positions: [Position]

    public init(issue: String, positions: [Position]) {
        self.issue = issue
        self.positions = positions
    }

    /// The latest said date among the diverging positions: when the divergence last moved.
    public var since: CalendarDate? { positions.map(\.backing.effectiveDate).max() }
}

/// Everything Parley knows as of a date: positions, agreement and dispute states, apparent disputes.
public struct Snapshot: Hashable, Sendable {
    /// The date of the snapshot; nil means "everything recorded".
    public var asOf: CalendarDate?
    /// Every (party, issue) position, ordered by issue then party.
    public var positions: [Position]
    /// Every agreement that existed as of the date, ordered by id.
    public var agreements: [AgreementState]
    /// Every recorded dispute opened as of the date, ordered by id.
    public var disputes: [DisputeState]
    /// Which labels are the same side on which issues.
    public var relations: LabelRelations
    /// Which positions are too old to count on their own; nil: none is.
    public var staleness: Staleness?
    /// The package each agreement in one belongs to, as of the date, by agreement id.
    public var packages: [String: PackageHold] = [:]

    public init(
        asOf: CalendarDate?, positions: [Position], agreements: [AgreementState], disputes: [DisputeState],
        relations: LabelRelations = LabelRelations(), staleness: Staleness? = nil
    ) {
        self.asOf = asOf
        // Positions usually come in this order (the stores read them so): kept as they are, the
        // array is shared with the caller's rather than copied (100,000 positions are 40 MB).
        let inOrder: (Position, Position) -> Bool = { ($0.issue, $0.party) < ($1.issue, $1.party) }
        self.positions =
            zip(positions, positions.dropFirst()).contains { inOrder($1, $0) }
            ? positions.sorted(by: inOrder) : positions
        self.agreements = agreements.sorted { $0.record.id < $1.record.id }
        self.disputes = disputes.sorted { $0.record.id < $1.record.id }
        self.relations = relations
        self.staleness = staleness
    }

    /// Builds a snapshot from positions and the full agreement and dispute records, keeping each
    /// agreement's and dispute's step in force on `asOf`.
    public init(
        asOf: CalendarDate?, positions: [Position], agreements: [Agreement], disputes: [Dispute],
        relations: LabelRelations = LabelRelations(), staleness: Staleness? = nil
    ) {
        self.init(
            asOf: asOf,
            positions: positions,
            agreements: agreements.compactMap { TrackedState($0, asOf: asOf) },
            disputes: disputes.compactMap { TrackedState($0, asOf: asOf) },
            relations: relations, staleness: staleness)
        packages = PackageHold.packages(of: agreements, asOf: asOf)
    }

    /// The deadlines of the agreements as of the date, judged against the date, or for
    /// "everything recorded" against the latest date the case knows (see ``Staleness/reference``).
    public var deadlines: [Deadline] {
        agreements.flatMap { $0.agreement.deadlines(asOf: asOf, reference: asOf ?? staleness?.reference) }
    }

    /// Whether `condition`, set by a statement of `party`, holds: the position it names holds its
    /// label (or one on its side). Nil when that party has no position on the issue.
    public func holds(_ condition: Condition, of party: String) -> Bool? {
        guard let position = position(party: condition.party ?? party, issue: condition.issue) else { return nil }
        return position.holds(condition.label, relations: relations)
    }

    /// The position of `party` on `issue`, if it has one.
    public func position(party: String, issue: String) -> Position? {
        // One binary search (each condition of every shown statement asks: a scan made reports
        // with conditions quadratic in the positions).
        let index = positions.insertionIndex(of: PositionKey(party: party, issue: issue)) { $0.key }
        guard index < positions.endIndex, positions[index].issue == issue, positions[index].party == party else {
            return nil
        }
        return positions[index]
    }

    /// Whether a position rests on evidence older than its issue's window.
    public func isStale(_ position: Position) -> Bool {
        staleness?.isStale(position.backing.effectiveDate, issue: position.issue) ?? false
    }

    /// How many days old a position's evidence is, when ages are measured.
    public func age(_ position: Position) -> Int? {
        staleness?.age(of: position.backing.effectiveDate)
    }

    /// Positions grouped by issue, in issue order.
    public var positionsByIssue: [(issue: String, positions: [Position])] {
        var groups: [(issue: String, positions: [Position])] = []
        for position in positions {
            if groups.last?.issue == position.issue {
                groups[groups.count - 1].positions.append(position)
            } else {
                groups.append((position.issue, [position]))
            }
        }
        return groups
    }

    /// Whether two of the parties that hold positions in `positions` disagree: a label of one
    /// and a label of the other are on different sides and not recorded as independent. Stale
    /// positions do not count.
    public func diverges(_ positions: [Position], on issue: String) -> Bool {
        // Each fresh position's labels worked out once, not once per pair compared.
        let fresh = positions.filter { !isStale($0) }.map { (party: $0.party, labels: $0.labels) }
        for (i, a) in fresh.enumerated() {
            for b in fresh[(i + 1)...] where a.party != b.party {
                for x in a.labels {
                    if b.labels.contains(where: { relations.conflict(x, $0, on: issue) }) { return true }
                }
            }
        }
        return false
    }

    /// Issues where parties are on different sides (different labels, not compatible, counting
    /// only positions that are not stale) and no live recorded dispute covers the issue (a
    /// recorded dispute covers its issues and every sub-issue). All positions are shown.
    public var apparentDisputes: [ApparentDispute] {
        let live = disputes.filter { $0.current.status.isLive }
        // Issue by issue, without grouping every position first (a copy of them all).
        var found: [ApparentDispute] = []
        var first = positions.startIndex
        while first < positions.endIndex {
            let issue = positions[first].issue
            var last = first + 1
            while last < positions.endIndex, positions[last].issue == issue { last += 1 }
            if let apparent = apparentDispute(on: issue, positions[first..<last], live: live) { found.append(apparent) }
            first = last
        }
        return found
    }

    /// The apparent dispute on `issue` (one of ``apparentDisputes``), if there is one: for a
    /// board brought up to date after a write on the issue.
    public func apparentDispute(on issue: String) -> ApparentDispute? {
        // The positions are ordered by issue: the issue's are one run of them.
        let low = positions.insertionIndex(of: PositionKey(party: "", issue: issue)) { $0.key }
        var last = low
        while last < positions.endIndex, positions[last].issue == issue { last += 1 }
        return apparentDispute(
            on: issue, positions[low..<last], live: disputes.filter { $0.current.status.isLive })
    }

    /// The apparent dispute `group` (the positions on `issue`) makes, unless no two of them
    /// diverge or one of `live` (the live recorded disputes) covers the issue: for a report that
    /// reads the positions issue by issue.
    public func apparentDispute(on issue: String, _ group: ArraySlice<Position>, live: [DisputeState])
        -> ApparentDispute?
    {
        guard !group.isEmpty else { return nil }
        let positions = Array(group)
        guard diverges(positions, on: issue), !live.contains(where: { $0.record.covers(issue) }) else { return nil }
        return ApparentDispute(issue: issue, positions: positions)
    }
}

/// A (party, issue) pair: the key of a position.
public struct PositionKey: Hashable, Sendable, Comparable {
    public var party: String
    public var issue: String

    public init(party: String, issue: String) {
        self.party = party
        self.issue = issue
    }

    public static func < (lhs: PositionKey, rhs: PositionKey) -> Bool {
        (lhs.issue, lhs.party) < (rhs.issue, rhs.party)
    }
}

extension RandomAccessCollection where Index == Int {
    /// Where `key` is, or would go, in a collection ordered by ``PositionKey`` (issue, then
    /// party), `keyOf` giving each element's key: the first element whose key is not below `key`.
    /// An empty party gives an issue's first place.
    @inlinable
    public func insertionIndex(of key: PositionKey, keyOf: (Element) -> PositionKey) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let middle = (low + high) / 2
            if keyOf(self[middle]) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

extension Position {
    /// The position's (party, issue) key.
    public var key: PositionKey { PositionKey(party: party, issue: issue) }
}

extension DatedStatement {
    /// The (party, issue) pair the statement is about.
    public var key: PositionKey { PositionKey(party: statement.party, issue: statement.issue) }
}

/// A condition a statement sets, with whether it holds as of a snapshot's date.
public struct ConditionState: Hashable, Sendable {
    /// The statement that sets it.
    public var statement: Int64
    /// The condition, its party named (the speaker's own when the statement left it out).
    public var condition: Condition
    /// Whether the named party's position then holds the label (or one of its side); nil when
    /// that party has no position on the issue.
    public var holds: Bool?

    public init(statement: Int64, condition: Condition, holds: Bool?) {
        self.statement = statement
        self.condition = condition
        self.holds = holds
    }

    /// `holds`, `does not hold`, `no position`.
    public var words: String {
        switch holds {
        case true?: return "holds"
        case false?: return "does not hold"
        case nil: return "no position"
        }
    }
}

extension Snapshot {
    /// The conditions the statements set, each with whether it holds as of the snapshot's date.
    public func conditions(of statements: [DatedStatement]) -> [ConditionState] {
        statements.flatMap { dated in
            dated.statement.conditions.map { condition in
                var named = condition
                named.party = condition.party ?? dated.statement.party
                return ConditionState(
                    statement: dated.sequence, condition: named, holds: holds(condition, of: dated.statement.party))
            }
        }
    }

    /// The (party, issue) pairs the conditions of the statements backing `positions` name.
    public static func conditionKeys(of positions: [Position]) -> [PositionKey] {
        // Most positions rest on statements without conditions: their statements are not gathered.
        let setting = positions.filter { position in
            !position.backing.statement.conditions.isEmpty
                || position.alongside.contains { !$0.statement.conditions.isEmpty }
        }
        return setting.isEmpty ? [] : conditionKeys(of: setting.lazy.flatMap(\.statements))
    }

    /// The (party, issue) pairs the statements' conditions name, for looking their positions up.
    public static func conditionKeys(of statements: some Sequence<DatedStatement>) -> [PositionKey] {
        var keys: Set<PositionKey> = []
        for dated in statements {
            for condition in dated.statement.conditions {
                keys.insert(PositionKey(party: condition.party ?? dated.statement.party, issue: condition.issue))
            }
        }
        return keys.sorted()
    }
}
