import ParleyModel

/// The store contract for questions: what the use cases ask of one read transaction, whatever
/// the backend (SQLite's ``StoreReader``, or PostgreSQL's reader in ParleyPostgres). Every query
/// here answers with model values, so a report assembled from one backend's answers is, byte
/// for byte, the report assembled from the other's; the conformance suite
/// (Tests/ParleyPostgresTests) holds both to that.
///
/// The contract grows a question at a time, as the PostgreSQL backend learns to answer it; the
/// use cases that ask only these questions work on both backends.
public protocol CaseReader {
    /// This reader, seeing the case as it was recorded by `moment` (nil: as it is).
    func knowing(_ moment: KnownAsOf?) throws -> Self
    /// When the view of a moment reaches back past an import whose file kept no earlier values of
    /// corrected statements: the time of that import; nil otherwise.
    var knownImportedAfter: String? { get }
    /// Every (party, issue) position as of `date` (nil: everything recorded), narrowed to a
    /// party and an issue subtree, ordered by issue, then party.
    func positions(asOf date: CalendarDate?, party: String?, issue: String?) throws -> [Position]
    /// The positions as of `date` of exactly the (party, issue) pairs `keys` (those that have one):
    /// the positions conditions name, read together.
    func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position]
    /// For each position, the statement at which its party adopted the labels it holds as of
    /// `date` (when the side last moved), and the label it held before.
    func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: Adoption]
    /// The label relations and orders of the whole case.
    func labelRelationSet() throws -> LabelRelations
    /// How positions are aged as of `date` (nil: from the latest source's date).
    func staleness(asOf date: CalendarDate?, window: StaleWindow) throws -> Staleness?
    /// Every issue's title by id.
    func issueTitles() throws -> [String: String]
    /// Every agreement with its parties, mediators and history, by id.
    func agreements() throws -> [Agreement]
}

extension CaseReader {
    /// One ``positions(asOf:party:issue:)`` per pair, for a backend that has no query for several.
    public func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position] {
        try keys.flatMap { key in
            try positions(asOf: date, party: key.party, issue: key.issue).filter { $0.key == key }
        }
    }
}

/// A backend's read transactions (see ``CaseReader``).
public protocol CaseStore: Sendable {
    /// Runs `body` in one read transaction: every question in it sees one state of the case.
    func readCase<T>(_ body: (any CaseReader) throws -> T) throws -> T
}

extension StoreReader: CaseReader {}

extension ParleyDatabase: CaseStore {
    public func readCase<T>(_ body: (any CaseReader) throws -> T) throws -> T {
        try read { try body($0) }
    }
}
