import ParleyModel
import ParleyReports
import ParleyStore
import Synchronization

/// The disputes board and the positions as of now (``Parley/disputesReport(asOf:staleAfter:knownAsOf:)``
/// and ``Parley/positionsReport(asOf:party:issue:staleAfter:knownAsOf:)`` without a date, a
/// narrowing or a moment), kept between reads and brought up to date by re-deriving only what the
/// writes since changed.
///
/// What costs is reading every (party, issue) position: at a million statements, 10,000 pairs
/// with their backing statements. A write changes a few pairs, and the store says which, whatever
/// the backend (``ParleyStore/CaseReader/positionChanges(since:)``: SQLite from its change log and
/// the pairs its triggers file, PostgreSQL from its change log alone, so a write by another server
/// or process on the same database is seen as well as this one's), so the positions of those pairs are
/// read again and the others kept, as are the moves ("since when") of the pairs not changed and
/// the claims while no claim changed. Agreements, disputes, label relations, titles and ages are
/// read whole each time (they are small). When they are as the last board was made with, the
/// board is made again from the last one (``ParleyReports/DisputesReport/init(updating:earlierClaims:changed:snapshot:issueTitles:adoptions:claims:)``):
/// only the disputes that show a changed pair are worked out again, as a full derivation works
/// them out; the tests hold the two equal after every kind of write.
///
/// Every answer comes from one read transaction that starts after the call: it shows every write
/// committed before the call, as a report derived from scratch would. Calls are made one at a
/// time, so a second caller finds the positions the first brought up to date.
final class DisputesBoard: Sendable {
    /// A board made, with what it was made from besides the positions.
    private struct Made {
        var staleAfter: StaleWindow
        var report: DisputesReport
        var disputes: [DisputeState]
        var relations: LabelRelations
        var staleness: Staleness?
        var titles: [String: String]
        var claims: [DatedStatement]
    }

    /// What is kept: as of change-log version `version`, every pair's position (ordered by
    /// pair, as snapshots keep them), the moves asked for so far, the last claims read, and the
    /// last board made, with the pairs changed since and whether a claim changed since.
    private struct Kept {
        var version: Int64
        var positions: [Position]
        var adoptions: [PositionKey: Adoption?] = [:]
        var claims: (parties: [String], issues: [String], found: [DatedStatement])? = nil
        var board: Made? = nil
        /// The version `board` was made at.
        var boardVersion: Int64? = nil
        var changedSinceBoard: Set<PositionKey> = []
        var claimsChangedSinceBoard = false

        init(version: Int64, positions: [Position]) {
            self.version = version
            let inOrder = zip(positions, positions.dropFirst()).allSatisfy { $0.key < $1.key }
            self.positions = inOrder ? positions : positions.sorted { $0.key < $1.key }
        }

        /// The moves of `positions`: kept ones, and the others read (and kept).
        mutating func adoptions(of positions: [Position], _ reader: any CaseReader) throws -> [PositionKey: Adoption] {
            let missing = positions.filter { adoptions[$0.key] == nil }
            let found = try reader.adoptions(of: missing, asOf: nil)
            for position in missing { adoptions[position.key] = .some(found[position.key]) }
            var result: [PositionKey: Adoption] = [:]
            for position in positions {
                if let adoption = adoptions[position.key] ?? nil { result[position.key] = adoption }
            }
            return result
        }

        /// The place of `key` among the positions: where its position is, or would be.
        func place(of key: PositionKey) -> (index: Int, found: Bool) {
            let low = positions.insertionIndex(of: key) { $0.key }
            return (low, low < positions.endIndex && positions[low].key == key)
        }
    }

    /// At most this many pairs changed since the last board for it to be made again from it;
    /// more (an import), and the board is derived whole.
    static let updatable = 2_000

    private let kept = Mutex<Kept?>(nil)

    init() {}

    /// The board as of now from `parley`'s backend, aged against `staleAfter`.
    func report(_ parley: Parley, staleAfter: StaleWindow) throws -> DisputesReport {
        try withCurrent(parley) { state, reader in
            if let made = state.board, state.boardVersion == state.version, made.staleAfter == staleAfter {
                return made.report
            }
            let snapshot = try reader.caseSnapshot(asOf: nil, positions: state.positions, staleAfter: staleAfter)
            let titles = try reader.issueTitles()
            var used: [DatedStatement] = []
            func claims(_ parties: [String], _ issues: [String]) throws -> [DatedStatement] {
                if let kept = state.claims, kept.parties == parties, kept.issues == issues {
                    used = kept.found
                    return kept.found
                }
                let found = try reader.claims(about: parties, on: issues, asOf: nil)
                state.claims = (parties, issues, found)
                used = found
                return found
            }
            var report: DisputesReport? = nil
            if let made = state.board, made.staleAfter == staleAfter, !state.claimsChangedSinceBoard,
                state.changedSinceBoard.count <= Self.updatable, made.disputes == snapshot.disputes,
                made.relations == snapshot.relations, made.staleness == snapshot.staleness, made.titles == titles
            {
                report = try DisputesReport(
                    updating: made.report, earlierClaims: made.claims, changed: state.changedSinceBoard,
                    snapshot: snapshot, issueTitles: titles, adoptions: { try state.adoptions(of: $0, reader) },
                    claims: claims)
            }
            let made =
                try report
                ?? DisputesReport(
                    snapshot: snapshot, issueTitles: titles, adoptions: { try state.adoptions(of: $0, reader) },
                    claims: claims)
            state.board = Made(
                staleAfter: staleAfter, report: made, disputes: snapshot.disputes, relations: snapshot.relations,
                staleness: snapshot.staleness, titles: titles, claims: used)
            state.boardVersion = state.version
            state.changedSinceBoard = []
            state.claimsChangedSinceBoard = false
            return made
        }
    }

    /// Every position as of now from `parley`'s backend, aged against `staleAfter`.
    func positionsReport(_ parley: Parley, staleAfter: StaleWindow) throws -> PositionsReport {
        try withCurrent(parley) { state, reader in
            try Parley.positions(
                reader, asOf: nil, party: nil, issue: nil, staleAfter: staleAfter, all: state.positions,
                adoptions: { try state.adoptions(of: $0, reader) })
        }
    }

    /// `body` with the kept state brought up to the version a new read transaction sees, one
    /// caller at a time; what `body` adds to the state is kept.
    private func withCurrent<T: Sendable>(_ parley: Parley, _ body: (inout Kept, any CaseReader) throws -> T)
        throws -> T
    {
        try kept.withLock { kept in
            let (state, result) = try parley.reading { reader in
                var state = try Self.current(kept, reader)
                let result = try body(&state, reader)
                return (state, result)
            }
            kept = state
            return result
        }
    }

    /// `kept` brought up to the version `reader` sees: the positions of the pairs changed since
    /// read again (every position when anything may have changed, or nothing was kept).
    private static func current(_ kept: Kept?, _ reader: any CaseReader) throws -> Kept {
        let version = try reader.changeVersion()
        guard var state = kept,
            case .pairs(let pairs, let claimsChanged) = try reader.positionChanges(since: kept?.version ?? 0)
        else {
            return Kept(version: version, positions: try reader.positions(asOf: nil, party: nil, issue: nil))
        }
        guard version != state.version else { return state }
        for key in pairs {
            let place = state.place(of: key)
            if place.found { state.positions.remove(at: place.index) }
            state.adoptions[key] = nil
        }
        for position in try reader.positions(asOf: nil, of: Array(pairs)) {
            let place = state.place(of: position.key)
            if place.found {
                state.positions[place.index] = position
            } else {
                state.positions.insert(position, at: place.index)
            }
        }
        state.changedSinceBoard.formUnion(pairs)
        if claimsChanged {
            state.claims = nil
            state.claimsChangedSinceBoard = true
        }
        state.version = version
        return state
    }
}
