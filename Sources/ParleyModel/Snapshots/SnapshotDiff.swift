/// What changed between two snapshots, per DESIGN.md: positions new, changed or reaffirmed;
/// agreements new or with a changed status; disputes opened, changed or resolved; apparent
/// disputes that appeared or went away. A pure function of the two snapshots.
public struct SnapshotDiff: Hashable, Sendable {
    /// How a (party, issue) position moved between the two dates.
    public enum PositionChangeKind: String, Hashable, Sendable, Codable {
        /// No position at the first date.
        case new
        /// A different stance label at the second date.
        case changed
        /// The same label, restated after the first date.
        case reaffirmed
    }

    /// One (party, issue) pair whose position moved or was restated.
    public struct PositionChange: Hashable, Sendable {
        public var kind: PositionChangeKind
        public var party: String
        public var issue: String
        public var before: Position?
        public var after: Position
        /// What the change was, named from the label relations and the issue's scale: restated,
        /// clarified, softened, reversed…; nil for a first position that denies no claim.
        public var move: Move? = nil
        /// The claim about the party (made between its two positions) that its new words deny.
        public var deniedClaim: DatedStatement? = nil
    }

    /// How an agreement changed.
    public enum AgreementChangeKind: String, Hashable, Sendable, Codable {
        /// It did not exist at the first date.
        case new
        /// Its status at the second date differs.
        case statusChanged = "status-changed"
        /// Same status, but new steps were recorded in between (for example a reaffirmation).
        case restated
    }

    /// One agreement that is new or moved, with the steps dated in the window.
    public struct AgreementChange: Hashable, Sendable {
        public var kind: AgreementChangeKind
        public var agreement: Agreement
        public var before: AgreementStep?
        public var after: AgreementStep
        /// The steps dated after the first date and on or before the second.
        public var steps: [AgreementStep]
    }

    /// How a recorded dispute changed.
    public enum DisputeChangeKind: String, Hashable, Sendable, Codable {
        /// Live at the second date, not live (or absent) at the first.
        case opened
        /// Live at both dates, with a different status (for example open → narrowed).
        case statusChanged = "status-changed"
        /// Live at the first date, resolved or dormant at the second.
        case closed
    }

    /// One recorded dispute that opened, changed or closed.
    public struct DisputeChange: Hashable, Sendable {
        public var kind: DisputeChangeKind
        public var dispute: Dispute
        public var before: DisputeStep?
        public var after: DisputeStep
    }

    public var from: CalendarDate
    public var to: CalendarDate
    public var positions: [PositionChange]
    public var agreements: [AgreementChange]
    public var disputes: [DisputeChange]
    /// Apparent disputes present at the second date but not the first.
    public var apparentAppeared: [ApparentDispute]
    /// Apparent disputes present at the first date but not the second (issue ids).
    public var apparentGone: [ApparentDispute]
    /// The issues among ``apparentGone`` where the parties still differ at the second date, but on
    /// positions too old to count: the dispute went stale, it was not settled.
    public var apparentWentStale: Set<String>
    /// The deadlines overdue at the second date that were not at the first.
    public var becameOverdue: [Deadline] = []

    /// The moves of the positions that changed or were restated, in order, for a summary line.
    public var moves: [Move] { positions.compactMap(\.move) }

    /// Whether nothing changed.
    public var isEmpty: Bool {
        positions.isEmpty && agreements.isEmpty && disputes.isEmpty && apparentAppeared.isEmpty && apparentGone.isEmpty
            && becameOverdue.isEmpty
    }

    /// Compares two snapshots, `before` at the earlier date and `after` at the later one.
    /// `claims` are claims about parties by others, made on or before the second date: a new
    /// position that does not move but disagrees with one made since the party's previous
    /// position denies it.
    public init(from before: Snapshot, to after: Snapshot, claims: [DatedStatement] = []) {
        let fromDate = before.asOf ?? .earliest
        let toDate = after.asOf ?? .latest
        self.from = fromDate
        self.to = toDate

        var oldPositions: [PositionKey: Position] = [:]
        for position in before.positions { oldPositions[position.key] = position }
        var claimsAbout: [PositionKey: [DatedStatement]] = [:]
        for claim in claims.sorted(by: { $1.isLater(than: $0) }) {
            guard let about = claim.statement.about else { continue }
            claimsAbout[PositionKey(party: about, issue: claim.statement.issue), default: []].append(claim)
        }
        let relations = after.relations
        positions = after.positions.compactMap { now in
            let old = oldPositions[now.key]
            let kind: PositionChangeKind
            if let old {
                if Set(old.labels) != Set(now.labels) {
                    kind = .changed
                } else if now.statements != old.statements {
                    kind = .reaffirmed
                } else {
                    return nil
                }
            } else {
                kind = .new
            }
            let oldLabels = old?.labels ?? []
            let newLabel = now.labels.last { !oldLabels.contains($0) } ?? now.stance
            // Claims made after the party's previous position and not after its new one.
            let since = claimsAbout[now.key, default: []].filter { claim in
                (old.map { claim.isLater(than: $0.backing) } ?? true) && !claim.isLater(than: now.backing)
            }
            let named = Move.classify(
                from: oldLabels, to: newLabel, on: now.issue, relations: relations, claimsSince: since)
            return PositionChange(
                kind: kind, party: now.party, issue: now.issue, before: old, after: now, move: named.move,
                deniedClaim: named.deniedClaim)
        }

        let oldAgreements = Dictionary(before.agreements.map { ($0.agreement.id, $0) }, uniquingKeysWith: { a, _ in a })
        agreements = after.agreements.compactMap { now in
            let steps = now.agreement.history.filter { $0.on.endKey > fromDate.endKey && $0.on.endKey <= toDate.endKey }
            guard let old = oldAgreements[now.agreement.id] else {
                return AgreementChange(
                    kind: .new, agreement: now.agreement, before: nil, after: now.current, steps: steps)
            }
            if old.current.status != now.current.status {
                return AgreementChange(
                    kind: .statusChanged, agreement: now.agreement, before: old.current, after: now.current,
                    steps: steps)
            }
            if !steps.isEmpty {
                return AgreementChange(
                    kind: .restated, agreement: now.agreement, before: old.current, after: now.current, steps: steps)
            }
            return nil
        }

        let oldDisputes = Dictionary(before.disputes.map { ($0.dispute.id, $0) }, uniquingKeysWith: { a, _ in a })
        disputes = after.disputes.compactMap { now in
            let old = oldDisputes[now.dispute.id]
            let wasLive = old?.current.status.isLive ?? false
            let isLive = now.current.status.isLive
            switch (wasLive, isLive) {
            case (false, true):
                return DisputeChange(kind: .opened, dispute: now.dispute, before: old?.current, after: now.current)
            case (true, false):
                return DisputeChange(kind: .closed, dispute: now.dispute, before: old?.current, after: now.current)
            default:
                guard let old, old.current.status != now.current.status else { return nil }
                return DisputeChange(
                    kind: .statusChanged, dispute: now.dispute, before: old.current, after: now.current)
            }
        }

        let oldApparent = before.apparentDisputes
        let newApparent = after.apparentDisputes
        let oldIssues = Set(oldApparent.map(\.issue))
        let newIssues = Set(newApparent.map(\.issue))
        apparentAppeared = newApparent.filter { !oldIssues.contains($0.issue) }
        apparentGone = oldApparent.filter { !newIssues.contains($0.issue) }
        var unaged = after
        unaged.staleness = nil
        let stillDiffer = Set(unaged.apparentDisputes.map(\.issue))
        apparentWentStale = Set(apparentGone.map(\.issue).filter { stillDiffer.contains($0) })
        let wasOverdue = Set(
            before.deadlines.filter { $0.state == .overdue }.map { "\($0.agreement) \($0.term ?? "")" })
        becameOverdue = after.deadlines.filter {
            $0.state == .overdue && !wasOverdue.contains("\($0.agreement) \($0.term ?? "")")
        }
    }
}
