import ParleyModel

/// The store contract for questions: what the use cases ask of one read transaction, whatever
/// the backend (SQLite's ``StoreReader``, or PostgreSQL's reader in ParleyPostgres). Every query
/// here answers with model values, so a report assembled from one backend's answers is, byte
/// for byte, the report assembled from the other's; the conformance suite
/// (Tests/ParleyPostgresTests) holds both to that.
///
/// The contract grows a question at a time, as the PostgreSQL backend learns to answer it; the
/// use cases that ask only these questions work on both backends: so far the disputes,
/// positions, agreements and contradictions reports, the diffs, histories, statement listings,
/// labels, record lists, the change log, the casefile export and the quotation check. Both see
/// the case as recorded by a moment (``knowing(_:)``) from one construction of what differed then
/// (`KnownView`, built from the change log and the statements it touches, whichever backend
/// answers those questions).
public protocol CaseReader {
    /// This reader, seeing the case as it was recorded by `moment` (nil: as it is).
    func knowing(_ moment: KnownAsOf?) throws -> Self
    /// When the view of a moment reaches back past an import whose file kept no earlier values of
    /// corrected statements: the time of that import; nil otherwise.
    var knownImportedAfter: String? { get }
    /// Every (party, issue) position as of `date` (nil: everything recorded), narrowed to a
    /// party and an issue subtree, ordered by issue, then party.
    func positions(asOf date: CalendarDate?, party: String?, issue: String?) throws -> [Position]
    /// Calls `body` with each position of ``positions(asOf:party:issue:)``, in its order, as it
    /// is made: for a report over every position that need not hold them all.
    func forEachPosition(
        asOf date: CalendarDate?, party: String?, issue: String?, _ body: (Position) throws -> Void
    ) throws
    /// The positions as of `date` of exactly the (party, issue) pairs `keys` (those that have one):
    /// the positions conditions name, read together.
    func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position]
    /// For each position, the statement at which its party adopted the labels it holds as of
    /// `date` (when the side last moved), and the label it held before.
    func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: Adoption]
    /// The label relations and orders of the whole case.
    func labelRelationSet() throws -> LabelRelations
    /// The label relations recorded on `issue` and its sub-issues (all when nil), by issue, then
    /// label.
    func labelRelations(issue: String?) throws -> [LabelRelation]
    /// The label orders recorded on `issue` and its sub-issues (all when nil), by issue, then the
    /// harder label, then the softer.
    func labelOrders(issue: String?) throws -> [LabelOrder]
    /// The stance labels used on `issue` and its sub-issues, with how many statements that stand
    /// use each: by issue, most used first.
    func labelUse(issue: String) throws -> [(issue: String, label: String, count: Int)]
    /// How positions are aged as of `date` (nil: from the latest source's date).
    func staleness(asOf date: CalendarDate?, window: StaleWindow) throws -> Staleness?
    /// Every issue's title by id.
    func issueTitles() throws -> [String: String]
    /// Every agreement with its parties, mediators and history, by id.
    func agreements() throws -> [Agreement]
    /// Every recorded dispute with its parties and history, by id.
    func disputes() throws -> [Dispute]
    /// Every agreement or every dispute (by the status type asked for), ordered by id: those on
    /// `issue` or below it (by any issue they cover), those `party` takes part in, those with
    /// `ids`; nil narrows nothing.
    func tracked<Status: StepStatus>(_ status: Status.Type, issue: String?, party: String?, ids: [String]?) throws
        -> [Tracked<Status>]
    /// The issue `id` names (its id or one of its aliases), or a `notFound` error with the
    /// closest ids.
    func issue(_ id: String) throws -> Issue
    /// Every party, ordered by id.
    func parties() throws -> [Party]
    /// Every actor, ordered by id.
    func actors() throws -> [Actor]
    /// Every issue, ordered by id (so sub-issues follow their parent).
    func issues() throws -> [Issue]
    /// Every source, ordered by id; `includeText` loads the full texts too.
    func sources(includeText: Bool) throws -> [Source]
    /// The source with `id`, with its text, or a `notFound` error.
    func source(_ id: String) throws -> Source
    /// The ids of the parties, issues or sources (`kind`) that the statements matching `filter`
    /// name, each once.
    func ids(_ kind: RecordKind, namedBy filter: StatementFilter) throws -> Set<String>
    /// The statements matching `filter`, in date order (said date, then source date, then number).
    func statements(_ filter: StatementFilter) throws -> [DatedStatement]
    /// Calls `body` with each statement matching `filter`, in the order of
    /// ``statements(_:)``, a batch at most in memory at a time: for exports of any size.
    func forEachStatement(_ filter: StatementFilter, _ body: (DatedStatement) throws -> Void) throws
    /// The claims about `parties` (by other parties) on `issues` and their sub-issues as of
    /// `date`: the latest that stands per speaker, party spoken about and issue, ordered by the
    /// party spoken about, the issue, then the speaker.
    func claims(about parties: [String], on issues: [String], asOf date: CalendarDate?) throws -> [DatedStatement]
    /// Every claim about a party by another that stands, said on or before `date` (nil:
    /// everything), in date order.
    func claims(asOf date: CalendarDate?) throws -> [DatedStatement]
    /// The statement pairs that may contradict each other as of `date`, on `issue` (an id as
    /// stored) and its sub-issues when given: which they are is the model's question
    /// (``ParleyModel/Contradictions``).
    func contradictionCandidates(asOf date: CalendarDate?, issue: String?) throws -> ContradictionCandidates
    /// Every statement, retracted ones too, in the casefile's order: by said date, issue, party,
    /// source, stance, then number (what ``casefile()`` exports).
    func casefileStatements() throws -> [ParleyModel.Statement]
    /// What the full-text search finds for `query`, best first, at most `query.limit` hits, each
    /// with its matched fields marked (``ParleyModel/SearchQuery/matchStart``). Each backend
    /// searches with its own engine (SQLite's FTS5, PostgreSQL's text search): the same records
    /// and fields, the same filters, but the ranking, and where the engines' stemmers and accent
    /// folding differ the words found, are each engine's (README, PostgreSQL).
    func search(_ query: SearchQuery) throws -> [SearchHit]
    /// The change log, oldest first; `since` keeps the entries made on or after the start of
    /// that date (UTC).
    func log(since: CalendarDate?) throws -> [LogEntry]
    /// The number of the latest change-log entry (0 for none): every write logs in its own
    /// transaction, so while it stays, every report does.
    func changeVersion() throws -> Int64
    /// What changed in positions (as of now) since change-log version `version`: the pairs the
    /// writes after it changed (each entry read by ``LoggedPositionChange``), or
    /// ``CaseChanges/everything`` when a write may have changed any or the backend cannot say
    /// which (what a kept board, ``ParleyKit``'s `DisputesBoard`, is brought up to date by).
    func positionChanges(since version: Int64) throws -> CaseChanges
    /// Whether a write after change-log version `version` may have changed what the case's
    /// parties, actors, issues and sources are called or which there are (each entry read by
    /// ``CaseChanges/mayRename(_:_:)``): what a server that keeps their names between pages asks.
    func namesChanged(since version: Int64) throws -> Bool
}

extension CaseReader {
    /// One ``positions(asOf:party:issue:)`` per pair, for a backend that has no query for several.
    public func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position] {
        try keys.flatMap { key in
            try positions(asOf: date, party: key.party, issue: key.issue).filter { $0.key == key }
        }
    }
}

extension CaseReader {
    /// ``forEachPosition(asOf:party:issue:_:)`` for a backend that reads every position first.
    /// They come in a snapshot's order (issue, then party, as Swift orders ids), whatever the
    /// database's collation.
    public func forEachPosition(
        asOf date: CalendarDate?, party: String?, issue: String?, _ body: (Position) throws -> Void
    ) throws {
        for position in Snapshot(
            asOf: date, positions: try positions(asOf: date, party: party, issue: issue),
            agreements: [AgreementState](), disputes: [DisputeState]()
        ).positions {
            try body(position)
        }
    }

    /// As of `date`, everything ``caseSnapshot(asOf:staleAfter:)`` reads but the positions: the
    /// agreements, disputes, label relations and ages (for a report that reads the positions
    /// one at a time).
    public func caseState(asOf date: CalendarDate?, staleAfter: StaleWindow) throws -> Snapshot {
        Snapshot(
            asOf: date, positions: [], agreements: try agreements(), disputes: try disputes(),
            relations: try labelRelationSet(), staleness: try staleness(asOf: date, window: staleAfter))
    }
}

extension CaseReader {
    /// Everything as of `date` (nil: all that is recorded): every position, agreement and dispute,
    /// the label relations, and the positions aged against `staleAfter` (or their issue's own
    /// window). The same questions, in the same order, as ``StoreReader/snapshot(asOf:party:issue:staleAfter:)``.
    public func caseSnapshot(asOf date: CalendarDate?, staleAfter: StaleWindow) throws -> Snapshot {
        try caseSnapshot(
            asOf: date, positions: try positions(asOf: date, party: nil, issue: nil), staleAfter: staleAfter)
    }

    /// ``caseSnapshot(asOf:staleAfter:)`` around positions already read (a kept board's, brought
    /// up to date pair by pair): the agreements, disputes, relations and ages read here.
    public func caseSnapshot(asOf date: CalendarDate?, positions: [Position], staleAfter: StaleWindow) throws
        -> Snapshot
    {
        Snapshot(
            asOf: date, positions: positions, agreements: try agreements(), disputes: try disputes(),
            relations: try labelRelationSet(), staleness: try staleness(asOf: date, window: staleAfter))
    }
}

extension CaseReader {
    /// The whole case as a casefile, in a deterministic order: records by id, statements in
    /// ``casefileStatements()``'s order, histories in recorded order. The same questions, in the
    /// same order, on every backend, so the same case exports to the same bytes.
    public func casefile() throws -> Casefile {
        Casefile(
            parties: try parties(), actors: try actors(), issues: try issues(), sources: try sources(includeText: true),
            statements: try casefileStatements(), labelRelations: try labelRelations(issue: nil),
            labelOrders: try labelOrders(issue: nil), agreements: try agreements(), disputes: try disputes())
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
