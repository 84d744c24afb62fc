import ParleyModel

/// What changed between two dates: positions new, or moved (each move named: softened, hardened,
/// reversed, clarified, restated, claim denied…); agreements new or moved; commitments that became
/// overdue; disputes opened, changed or closed; apparent disputes that appeared or went away.
public struct DiffReport: Report, Hashable, KnowingReport, TextStreaming {
    public var diff: SnapshotDiff
    /// When each position shown was adopted (the statement at which its party took up the labels
    /// it holds), by the index of its change in `diff.positions`: at the diff's earlier date
    /// (positions before) and its later date (positions after); nil where none was found.
    public var movedBefore: [LastMoved?]
    public var movedAfter: [LastMoved?]
    /// How positions at the later date are aged, when they are.
    public var staleness: Staleness?
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    /// The date of the statement at which a position was adopted, and whether that date is its
    /// source's (the statement gave none): all a diff shows of it.
    public struct LastMoved: Hashable, Sendable {
        public var on: CalendarDate
        public var isSourceDate: Bool

        /// What a diff shows of `adoption`.
        public init(_ adoption: Adoption) {
            on = adoption.statement.effectiveDate
            isSourceDate = adoption.statement.statement.said == nil
        }
    }

    /// Builds the report; `adoptions` is asked, per date and a few thousand positions at a time,
    /// when the positions shown were adopted (the store's ``adoptions(of:asOf:)``).
    public init(
        diff: SnapshotDiff, staleness: Staleness? = nil,
        adoptions: ([Position], CalendarDate) throws -> [PositionKey: Adoption] = { _, _ in [:] }
    ) rethrows {
        var shown = Shown(from: diff.from, to: diff.to)
        var batch: [SnapshotDiff.PositionChange] = []
        for change in diff.positions {
            batch.append(change)
            if batch.count == PositionsReport.adoptionsAsked {
                try shown.add(batch, adoptions)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try shown.add(batch, adoptions)
        self.init(diff: diff, staleness: staleness, shown: shown)
    }

    private init(diff: SnapshotDiff, staleness: Staleness?, shown: Shown) {
        self.diff = diff
        self.staleness = staleness
        movedBefore = shown.movedBefore
        movedAfter = shown.movedAfter
        notes = [
            ReportNote.date(diff.from, .from), ReportNote.date(diff.to, .to),
            ReportNote.statements(imprecise: shown.imprecise),
            shown.sourceDated
                ? .sourceDated
                : ReportNote.sourceDated(
                    statements: [DatedStatement](),
                    steps: diff.agreements.lazy.flatMap { $0.steps.lazy.map(\.onIsSourceDate) }),
            .diffComparesEndpoints,
        ].compactMap { $0 }
    }

    /// What the report keeps of the changes shown, gathered a batch at a time: when each position
    /// was adopted, and what the notes count.
    private struct Shown {
        let from: CalendarDate
        let to: CalendarDate
        var movedBefore: [LastMoved?] = []
        var movedAfter: [LastMoved?] = []
        var imprecise = 0
        var sourceDated = false

        init(from: CalendarDate, to: CalendarDate) {
            self.from = from
            self.to = to
        }

        /// Asks `adoptions` about the batch's positions (so that the moves, each with its
        /// statement, of every position are never held at once) and keeps what is shown of them.
        mutating func add(
            _ batch: [SnapshotDiff.PositionChange],
            _ adoptions: ([Position], CalendarDate) throws -> [PositionKey: Adoption]
        ) rethrows {
            guard !batch.isEmpty else { return }
            let before = try adoptions(batch.compactMap(\.before), from)
            let after = try adoptions(batch.map(\.after), to)
            for change in batch {
                movedBefore.append(change.before.flatMap { before[$0.key] }.map(LastMoved.init))
                movedAfter.append(after[change.after.key].map(LastMoved.init))
                if ReportNote.isImprecise(change.after.backing) { imprecise += 1 }
                if let before = change.before, before.backing.statement.said == nil { sourceDated = true }
                if change.after.backing.statement.said == nil { sourceDated = true }
            }
        }
    }

    /// A diff report made from positions that arrive one at a time (``SnapshotDiff/Merge``):
    /// the positions of the first date, then those of the second, each in issue, then party
    /// order. `adoptions` is asked a few thousand changes at a time, as they come.
    public struct Builder {
        private var merge: SnapshotDiff.Merge
        private var shown: Shown
        private var batch: [SnapshotDiff.PositionChange] = []
        private let staleness: Staleness?
        private let adoptions: ([Position], CalendarDate) throws -> [PositionKey: Adoption]

        /// A report on what changed from `before` to `after` (snapshots whose positions are
        /// ignored; see ``SnapshotDiff/Merge``), positions at the later date aged by `staleness`.
        public init(
            from before: Snapshot, to after: Snapshot, claims: [DatedStatement], staleness: Staleness?,
            adoptions: @escaping ([Position], CalendarDate) throws -> [PositionKey: Adoption]
        ) {
            merge = SnapshotDiff.Merge(from: before, to: after, claims: claims)
            shown = Shown(from: before.asOf ?? .earliest, to: after.asOf ?? .latest)
            self.staleness = staleness
            self.adoptions = adoptions
        }

        /// A position at the first date.
        public mutating func earlier(_ position: Position) { merge.earlier(position) }

        /// A position at the second date.
        public mutating func later(_ position: Position) throws {
            guard let change = merge.later(position) else { return }
            batch.append(change)
            if batch.count == PositionsReport.adoptionsAsked {
                try shown.add(batch, adoptions)
                batch.removeAll(keepingCapacity: true)
            }
        }

        /// The report, once every position of both dates was given.
        public mutating func finish() throws -> DiffReport {
            try shown.add(batch, adoptions)
            batch.removeAll()
            return DiffReport(diff: merge.finish(), staleness: staleness, shown: shown)
        }
    }

    var heading: String { "Changes from \(diff.from) to \(diff.to)" + knownSuffix }

    /// `Moves: 3 softened, 1 hardened, 1 reversed, 2 restated`, or nil when no position changed.
    var summary: String? { Move.summary(diff.moves).map { "Moves: " + $0 + "." } }

    /// The documented name of a position's change: the move (`softened`, `restated`…), or `new`.
    static func change(_ change: SnapshotDiff.PositionChange) -> String { change.move?.rawValue ?? "new" }

    /// Whether a position at the later date is stale.
    func isStale(_ position: Position) -> Bool {
        staleness?.isStale(position.backing.effectiveDate, issue: position.issue) ?? false
    }

    /// `softened: exempt → joint`, `new: x`, `restated: x`, `claim denied: x`.
    func positionLine(_ change: SnapshotDiff.PositionChange) -> String {
        let stale = isStale(change.after) ? " (stale)" : ""
        let after = Describe.labels(change.after)
        guard let move = change.move else { return "new: \(after)\(stale)" }
        guard let before = change.before, change.kind == .changed else { return "\(move.words): \(after)\(stale)" }
        return "\(move.words): \(Describe.labels(before)) → \(after)\(stale)"
    }

    static func agreementLine(_ change: SnapshotDiff.AgreementChange) -> String {
        let steps = change.steps.map { "\($0.status.rawValue) \(Describe.on($0))" }.joined(separator: ", ")
        switch change.kind {
        case .new: return "new, now \(change.after.status.rawValue)" + (steps.isEmpty ? "" : " (steps: \(steps))")
        case .statusChanged:
            return "status \(change.before?.status.rawValue ?? "") → \(change.after.status.rawValue)"
                + (steps.isEmpty ? "" : " (steps: \(steps))")
        case .restated: return "\(change.after.status.rawValue) again (steps: \(steps))"
        }
    }

    static func disputeLine(_ change: SnapshotDiff.DisputeChange) -> String {
        switch change.kind {
        case .opened: return "opened on \(change.after.on)"
        case .statusChanged:
            let before = change.before?.status.rawValue ?? ""
            return "status \(before) → \(change.after.status.rawValue) on \(change.after.on)"
        case .closed: return "\(change.after.status.rawValue) on \(change.after.on)"
        }
    }

    /// "went away on border/crossings", or "went stale on …" when the sides still differ on
    /// positions too old to count.
    static func gone(_ a: ApparentDispute, _ diff: SnapshotDiff) -> String {
        diff.apparentWentStale.contains(a.issue)
            ? "went stale on \(a.issue): the sides still differ, on positions older than the staleness window"
            : "went away on \(a.issue)"
    }

    /// The sides of an apparent dispute: `ostrana closed-crossings vs valdoria open-crossings`.
    static func sides(_ a: ApparentDispute) -> String {
        a.positions.map { "\($0.party) \($0.stance)" }.joined(separator: " vs ")
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }

    public func write(in format: TextFormat, to lines: inout TextLines) { format.write(self, to: &lines) }
}
