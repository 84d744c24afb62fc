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
    public var positions: PositionChanges
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
    public var moves: [Move] { positions.moves }

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
        var merge = Merge(from: before, to: after, claims: claims)
        for position in before.positions { merge.earlier(position) }
        for position in after.positions { _ = merge.later(position) }
        self = merge.finish()
    }

    /// The diff made from its parts (see ``Merge``).
    fileprivate init(
        from before: Snapshot, to after: Snapshot, positions: PositionChanges, apparentAppeared: [ApparentDispute],
        apparentGone: [ApparentDispute], apparentWentStale: Set<String>
    ) {
        let fromDate = before.asOf ?? .earliest
        let toDate = after.asOf ?? .latest
        self.from = fromDate
        self.to = toDate
        self.positions = positions
        self.apparentAppeared = apparentAppeared
        self.apparentGone = apparentGone
        self.apparentWentStale = apparentWentStale

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

        let wasOverdue = Set(
            before.deadlines.filter { $0.state == .overdue }.map { "\($0.agreement) \($0.term ?? "")" })
        becameOverdue = after.deadlines.filter {
            $0.state == .overdue && !wasOverdue.contains("\($0.agreement) \($0.term ?? "")")
        }
    }
}

extension SnapshotDiff {
    /// A diff made from positions that arrive one at a time (as a store reads them), rather than
    /// from two snapshots holding every position: the positions at the first date are kept
    /// packed (``Packed``), those at the second are compared as they come, and only the changes
    /// are kept, packed too. Positions come in issue, then party order (a snapshot's order), all
    /// of the first date's (``earlier(_:)``) before any of the second's (``later(_:)``).
    public struct Merge {
        private let before: Snapshot
        private let after: Snapshot
        private let unaged: Snapshot
        private let liveBefore: [DisputeState]
        private let liveAfter: [DisputeState]
        private let unagedLive: [DisputeState]
        private var claimsAbout: [PositionKey: [DatedStatement]] = [:]
        /// The first date's positions, packed, and where each pair's begins.
        private var earlierPacked = Packed()
        /// Ordered by key once the second date's begin (they usually come so).
        private var earlierAt: [(key: PositionKey, offset: Int)] = []
        /// The positions of the issue being read, with where each was packed (first date only).
        private var group: [Position] = []
        private var groupOffsets: [Int] = []
        private var readingLater = false
        /// The first date's apparent disputes: the issue and where its positions were packed.
        private var oldApparent: [(issue: String, offsets: [Int])] = []
        private var oldIssues: Set<String> = []
        private var newIssues: Set<String> = []
        private var stillDiffer: Set<String> = []
        private var appeared: [ApparentDispute] = []
        private var changes = PositionChanges()

        /// A merge of `before` (the first date) into `after` (the second), whose positions are
        /// ignored: theirs are the agreements, disputes, relations and ages. `claims` as for
        /// ``SnapshotDiff/init(from:to:claims:)``.
        public init(from before: Snapshot, to after: Snapshot, claims: [DatedStatement] = []) {
            self.before = before
            self.after = after
            var unaged = after
            unaged.staleness = nil
            self.unaged = unaged
            liveBefore = before.disputes.filter { $0.current.status.isLive }
            liveAfter = after.disputes.filter { $0.current.status.isLive }
            unagedLive = liveAfter
            for claim in claims.sorted(by: { $1.isLater(than: $0) }) {
                guard let about = claim.statement.about else { continue }
                claimsAbout[PositionKey(party: about, issue: claim.statement.issue), default: []].append(claim)
            }
        }

        /// A position at the first date.
        public mutating func earlier(_ position: Position) {
            if let last = group.last, last.issue != position.issue { closeEarlierIssue() }
            earlierPacked.write(position)
            let offset = earlierPacked.close()
            earlierAt.append((position.key, offset))
            group.append(position)
            groupOffsets.append(offset)
        }

        private mutating func closeEarlierIssue() {
            guard let issue = group.first?.issue else { return }
            if before.apparentDispute(on: issue, group[...], live: liveBefore) != nil {
                oldApparent.append((issue, groupOffsets))
                oldIssues.insert(issue)
            }
            group.removeAll(keepingCapacity: true)
            groupOffsets.removeAll(keepingCapacity: true)
        }

        /// A position at the second date, and how it changed since the first (kept in the diff),
        /// or nil when it did not.
        public mutating func later(_ now: Position) -> PositionChange? {
            if !readingLater {
                closeEarlierIssue()
                if zip(earlierAt, earlierAt.dropFirst()).contains(where: { $1.key < $0.key }) {
                    earlierAt.sort { $0.key < $1.key }
                }
                readingLater = true
            }
            if let last = group.last, last.issue != now.issue { closeLaterIssue() }
            group.append(now)
            let offset = earlierOffset(of: now.key)
            let old = offset.map { earlierPacked.position(at: $0) }
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
                from: oldLabels, to: newLabel, on: now.issue, relations: after.relations, claimsSince: since)
            let change = PositionChange(
                kind: kind, party: now.party, issue: now.issue, before: old, after: now, move: named.move,
                deniedClaim: named.deniedClaim)
            changes.append(change, earlier: offset)
            return change
        }

        /// Where the first date's position of `key` was packed, if it had one.
        private func earlierOffset(of key: PositionKey) -> Int? {
            let low = earlierAt.insertionIndex(of: key) { $0.key }
            return low < earlierAt.endIndex && earlierAt[low].key == key ? earlierAt[low].offset : nil
        }

        private mutating func closeLaterIssue() {
            guard let issue = group.first?.issue else { return }
            if let apparent = after.apparentDispute(on: issue, group[...], live: liveAfter) {
                newIssues.insert(issue)
                if !oldIssues.contains(issue) { appeared.append(apparent) }
            }
            if unaged.apparentDispute(on: issue, group[...], live: unagedLive) != nil { stillDiffer.insert(issue) }
            group.removeAll(keepingCapacity: true)
        }

        /// The diff, once every position of both dates was given.
        public mutating func finish() -> SnapshotDiff {
            if readingLater { closeLaterIssue() } else { closeEarlierIssue() }
            changes.earlier = earlierPacked
            let packed = earlierPacked
            let gone = oldApparent.filter { !newIssues.contains($0.issue) }.map { old in
                ApparentDispute(issue: old.issue, positions: old.offsets.map { packed.position(at: $0) })
            }
            return SnapshotDiff(
                from: before, to: after, positions: changes, apparentAppeared: appeared, apparentGone: gone,
                apparentWentStale: Set(gone.map { $0.issue }.filter { stillDiffer.contains($0) }))
        }
    }

    /// The position changes of a diff, packed (see ``Packed``): each is made again, equal, when
    /// read. A collection, so that renderers walk it like an array.
    public struct PositionChanges: RandomAccessCollection, Hashable, Sendable {
        /// The first date's positions the changes name.
        fileprivate var earlier = Packed()
        /// Each change: its kind, move, where its earlier position is, the later one, a denied claim.
        private var packed = Packed()
        private var starts: [Int] = []
        /// Each change's move, 0 for none, else its index in `Move.allCases` plus one.
        private var moveCodes: [UInt8] = []

        /// No changes.
        public init() {}

        fileprivate mutating func append(_ change: PositionChange, earlier offset: Int?) {
            packed.write(Int(Self.kinds.firstIndex(of: change.kind) ?? 0))
            let move = change.move.flatMap { Move.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            moveCodes.append(UInt8(move))
            packed.write(offset.map { $0 + 1 } ?? 0)
            packed.write(change.after)
            packed.write(change.deniedClaim != nil)
            if let claim = change.deniedClaim { packed.write(claim) }
            starts.append(packed.close())
        }

        private static let kinds: [PositionChangeKind] = [.new, .changed, .reaffirmed]

        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count }

        public subscript(index: Int) -> PositionChange {
            var reader = packed.reader(at: starts[index])
            let kind = Self.kinds[reader.int()]
            let offset = reader.int()
            let before = offset == 0 ? nil : earlier.position(at: offset - 1)
            let after = reader.position()
            let claim = reader.bool() ? reader.statement() : nil
            let code = Int(moveCodes[index])
            return PositionChange(
                kind: kind, party: after.party, issue: after.issue, before: before, after: after,
                move: code == 0 ? nil : Move.allCases[code - 1], deniedClaim: claim)
        }

        /// The moves of the changes, in order, without reading the changes.
        public var moves: [Move] { moveCodes.compactMap { $0 == 0 ? nil : Move.allCases[Int($0) - 1] } }
    }
}
