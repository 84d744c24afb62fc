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
/// with their backing statements. A write changes a few pairs, and the store says which
/// (``ParleyStore/StoreReader/positionChanges(since:)``), so the positions of those pairs are
/// read again and the others kept, as are the moves ("since when") of the pairs not changed and
/// the claims while no claim changed. Agreements, disputes, label relations, titles and ages are
/// read whole each time (they are small), and the reports are made from them and the positions as
/// a full derivation makes them: the tests hold the two equal after every kind of write.
///
/// Every answer comes from one read transaction that starts after the call: it shows every write
/// committed before the call, as a report derived from scratch would. Calls are made one at a
/// time, so a second caller finds the positions the first brought up to date.
final class DisputesBoard: Sendable {
    /// What is kept: as of change-log version `version`, every pair's position, the moves asked
    /// for so far, the last claims read, and the last board made.
    private struct Kept {
        var version: Int64
        var positions: [PositionKey: Position]
        var adoptions: [PositionKey: Adoption?] = [:]
        var claims: (parties: [String], issues: [String], found: [DatedStatement])? = nil
        var board: (staleAfter: StaleWindow, report: DisputesReport)? = nil

        /// The moves of `positions`: kept ones, and the others read (and kept).
        mutating func adoptions(of positions: [Position], _ reader: StoreReader) throws -> [PositionKey: Adoption] {
            let missing = positions.filter { adoptions[$0.key] == nil }
            let found = try reader.adoptions(of: missing, asOf: nil)
            for position in missing { adoptions[position.key] = .some(found[position.key]) }
            var result: [PositionKey: Adoption] = [:]
            for position in positions {
                if let adoption = adoptions[position.key] ?? nil { result[position.key] = adoption }
            }
            return result
        }
    }

    private let kept = Mutex<Kept?>(nil)

    init() {}

    /// The board as of now from `database`, aged against `staleAfter`.
    func report(_ database: ParleyDatabase, staleAfter: StaleWindow) throws -> DisputesReport {
        try withCurrent(database) { state, reader in
            if let made = state.board, made.staleAfter == staleAfter { return made.report }
            let snapshot = try reader.snapshot(
                asOf: nil, positions: Array(state.positions.values), staleAfter: staleAfter)
            let report = try DisputesReport(
                snapshot: snapshot, issueTitles: try reader.issueTitles(),
                adoptions: { try state.adoptions(of: $0, reader) },
                claims: { parties, issues in
                    if let kept = state.claims, kept.parties == parties, kept.issues == issues { return kept.found }
                    let found = try reader.claims(about: parties, on: issues, asOf: nil)
                    state.claims = (parties, issues, found)
                    return found
                })
            state.board = (staleAfter, report)
            return report
        }
    }

    /// Every position as of now from `database`, aged against `staleAfter`.
    func positionsReport(_ database: ParleyDatabase, staleAfter: StaleWindow) throws -> PositionsReport {
        try withCurrent(database) { state, reader in
            try Parley.positions(
                reader, asOf: nil, party: nil, issue: nil, staleAfter: staleAfter,
                all: state.positions.values.sorted { $0.key < $1.key },
                adoptions: { try state.adoptions(of: $0, reader) })
        }
    }

    /// `body` with the kept state brought up to the version a new read transaction sees, one
    /// caller at a time; what `body` adds to the state is kept.
    private func withCurrent<T: Sendable>(_ database: ParleyDatabase, _ body: (inout Kept, StoreReader) throws -> T)
        throws -> T
    {
        try kept.withLock { kept in
            let (state, result) = try database.read { reader in
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
    private static func current(_ kept: Kept?, _ reader: StoreReader) throws -> Kept {
        let version = try reader.changeVersion()
        guard var state = kept,
            case .pairs(let pairs, let claimsChanged) = try reader.positionChanges(since: kept?.version ?? 0)
        else {
            let positions = try reader.positions(asOf: nil)
            return Kept(version: version, positions: Dictionary(positions.map { ($0.key, $0) }) { a, _ in a })
        }
        guard version != state.version else { return state }
        for key in pairs {
            state.positions[key] = nil
            state.adoptions[key] = nil
        }
        for position in try reader.positions(asOf: nil, of: Array(pairs)) { state.positions[position.key] = position }
        if claimsChanged { state.claims = nil }
        state.version = version
        state.board = nil
        return state
    }
}
