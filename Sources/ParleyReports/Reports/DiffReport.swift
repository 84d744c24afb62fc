import ParleyModel

/// What changed between two dates: positions new, or moved (each move named: softened, hardened,
/// reversed, clarified, restated, claim denied…); agreements new or moved; commitments that became
/// overdue; disputes opened, changed or closed; apparent disputes that appeared or went away.
public struct DiffReport: Report, Hashable, KnowingReport {
    public var diff: SnapshotDiff
    /// The statement at which each position shown was adopted, at the diff's earlier date
    /// (positions before) and its later date (positions after).
    public var movedBefore: [PositionKey: DatedStatement]
    public var movedAfter: [PositionKey: DatedStatement]
    /// How positions at the later date are aged, when they are.
    public var staleness: Staleness?
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    /// Builds the report; `adoptions` is asked, per date and a few thousand positions at a time,
    /// when the positions shown were adopted (the store's ``adoptions(of:asOf:)``).
    public init(
        diff: SnapshotDiff, staleness: Staleness? = nil,
        adoptions: ([Position], CalendarDate) throws -> [PositionKey: Adoption] = { _, _ in [:] }
    ) rethrows {
        self.diff = diff
        self.staleness = staleness
        // Asked a few thousand positions at a time, so that the moves (each with its statement)
        // of every position are never held twice over.
        var movedBefore: [PositionKey: DatedStatement] = [:]
        var movedAfter: [PositionKey: DatedStatement] = [:]
        let changes = diff.positions
        var start = changes.startIndex
        while start < changes.endIndex {
            let end = min(start + PositionsReport.adoptionsAsked, changes.endIndex)
            for (key, adoption) in try adoptions(changes[start..<end].compactMap(\.before), diff.from) {
                movedBefore[key] = adoption.statement
            }
            start = end
        }
        start = changes.startIndex
        while start < changes.endIndex {
            let end = min(start + PositionsReport.adoptionsAsked, changes.endIndex)
            for (key, adoption) in try adoptions(changes[start..<end].map(\.after), diff.to) {
                movedAfter[key] = adoption.statement
            }
            start = end
        }
        self.movedBefore = movedBefore
        self.movedAfter = movedAfter
        let shown = changes.lazy.flatMap { [$0.before?.backing, $0.after.backing].lazy.compactMap { $0 } }
        notes = [
            ReportNote.date(diff.from, .from), ReportNote.date(diff.to, .to),
            ReportNote.statements(changes.lazy.map(\.after.backing)),
            ReportNote.sourceDated(
                statements: shown, steps: diff.agreements.lazy.flatMap { $0.steps.lazy.map(\.onIsSourceDate) }),
            .diffComparesEndpoints,
        ].compactMap { $0 }
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
}
