import ParleyModel

/// A position as a report shows it (a row of ``PositionsReport``, a side of a dispute in
/// ``DisputesReport``), with the statement at which its label was adopted.
public struct HeldPosition: Hashable, Sendable {
    public var position: Position
    public var movedOn: DatedStatement?
    /// Days since its latest statement, when ages are measured.
    public var ageDays: Int?
    /// Older than the staleness window: shown, but not alone making a row diverge or an apparent
    /// dispute.
    public var stale: Bool
    /// The move by which the party came to hold it (softened, reversed…), and the label it held
    /// before; nil for its first word on the issue.
    public var move: Move?
    public var movedFrom: String?
    /// The conditions its statements set, with whether each holds as of the date.
    public var conditions: [ConditionState]

    /// A position held, adopted at `movedOn`, aged `ageDays`.
    public init(
        position: Position, movedOn: DatedStatement?, ageDays: Int? = nil, stale: Bool = false, move: Move? = nil,
        movedFrom: String? = nil, conditions: [ConditionState] = []
    ) {
        self.position = position
        self.movedOn = movedOn
        self.ageDays = ageDays
        self.stale = stale
        self.move = move
        self.movedFrom = movedFrom
        self.conditions = conditions
    }

    /// `position` with what `adoption` says of its move, aged and judged by `state`, its
    /// conditions judged against `judge` (a snapshot holding the positions they name).
    init(_ position: Position, adoption: Adoption?, state: Snapshot, judge: Snapshot) {
        self.init(
            position: position, movedOn: adoption?.statement, ageDays: state.age(position),
            stale: state.isStale(position), move: adoption?.move(relations: state.relations),
            movedFrom: adoption?.previousLabel, conditions: judge.conditions(of: position.statements))
    }
}

extension Packed {
    /// Writes `held` (read back by ``Packed/Reader/held()``).
    mutating func write(_ held: HeldPosition) {
        write(held.position)
        // Usually the statement that backs the position is the one it was adopted at.
        let code = held.movedOn == nil ? 0 : held.movedOn == held.position.backing ? 1 : 2
        write(code)
        if code == 2, let movedOn = held.movedOn { write(movedOn) }
        write(held.ageDays)
        write(held.stale)
        write(held.move)
        write(held.movedFrom)
        write(held.conditions)
    }
}

extension Packed.Reader {
    /// A position held, as ``Packed/write(_:)-HeldPosition`` wrote it.
    mutating func held() -> HeldPosition {
        let shown = position()
        let code = int()
        let movedOn = code == 0 ? nil : code == 1 ? shown.backing : statement()
        return HeldPosition(
            position: shown, movedOn: movedOn, ageDays: optionalInt(), stale: bool(), move: move(),
            movedFrom: optionalString(), conditions: conditions())
    }
}

extension Snapshot {
    /// What the conditions of `chunk`'s statements are judged against: a snapshot as of this one's
    /// date with `chunk`'s positions and those of the pairs they name outside it, which
    /// `positionsNamed` gives (none when no statement sets a condition).
    func judging(_ chunk: [Position], positionsNamed: ([PositionKey]) throws -> [Position]) throws -> Snapshot {
        let named = Snapshot.conditionKeys(of: chunk)
        let inChunk = named.isEmpty ? [] : Set(chunk.map(\.key))
        let elsewhere = named.filter { !inChunk.contains($0) }
        return Snapshot(
            asOf: asOf, positions: named.isEmpty ? [] : chunk + (try positionsNamed(elsewhere)),
            agreements: [AgreementState](), disputes: [DisputeState](), relations: relations)
    }
}
