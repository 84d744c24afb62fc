/// A party's stance on an issue as of a date: derived from its latest statement, never stored.
public struct Position: Hashable, Sendable {
    public var party: String
    public var issue: String
    /// The statement that backs the position (the latest on or before the date).
    public var backing: DatedStatement

    public init(backing: DatedStatement) {
        self.party = backing.statement.party
        self.issue = backing.statement.issue
        self.backing = backing
    }

    /// The stance label held.
    public var stance: String { backing.statement.stance }
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

    /// The record's state as of `date`, or nil if it did not exist yet.
    public init?(_ record: Tracked<Status>, asOf date: CalendarDate?) {
        guard let step = record.step(asOf: date) else { return nil }
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

    public init(
        asOf: CalendarDate?, positions: [Position], agreements: [AgreementState], disputes: [DisputeState],
        relations: LabelRelations = LabelRelations(), staleness: Staleness? = nil
    ) {
        self.asOf = asOf
        self.positions = positions.sorted { ($0.issue, $0.party) < ($1.issue, $1.party) }
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
    }

    /// The position of `party` on `issue`, if it has one.
    public func position(party: String, issue: String) -> Position? {
        positions.first { $0.party == party && $0.issue == issue }
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

    /// Whether the parties that hold positions in `positions` are on more than one side: their
    /// labels differ and are not recorded as compatible. Stale positions do not count.
    public func diverges(_ positions: [Position], on issue: String) -> Bool {
        Set(positions.filter { !isStale($0) }.map { relations.side(of: $0.stance, on: issue) }).count > 1
    }

    /// Issues where parties are on different sides (different labels, not compatible, counting
    /// only positions that are not stale) and no live recorded dispute covers the issue (a
    /// recorded dispute covers its issues and every sub-issue). All positions are shown.
    public var apparentDisputes: [ApparentDispute] {
        let live = disputes.filter { $0.current.status.isLive }
        return positionsByIssue.compactMap { group in
            guard diverges(group.positions, on: group.issue), !live.contains(where: { $0.record.covers(group.issue) })
            else { return nil }
            return ApparentDispute(issue: group.issue, positions: group.positions)
        }
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

extension Position {
    /// The position's (party, issue) key.
    public var key: PositionKey { PositionKey(party: party, issue: issue) }
}

extension DatedStatement {
    /// The (party, issue) pair the statement is about.
    public var key: PositionKey { PositionKey(party: statement.party, issue: statement.issue) }
}
