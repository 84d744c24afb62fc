import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
    /// Every open dispute as of `date` (nil: everything recorded), recorded and apparent, each
    /// side with its stance, backing statement, last move and age, and the claims others make
    /// about it; stale and closed disputes after. Positions older than `staleAfter` (or their
    /// issue's window) are stale. The board as of now is kept between reads by a serving case
    /// (``DisputesBoard``), on every backend.
    public func disputesReport(
        asOf date: CalendarDate?, staleAfter: StaleWindow = .standard, knownAsOf: KnownAsOf? = nil
    ) throws -> DisputesReport {
        // The board as of now is kept (when serving), and a write re-derives only the pairs it
        // changed.
        if date == nil, knownAsOf == nil, let board {
            return try board.report(self, staleAfter: staleAfter)
        }
        return try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) { reader in
                // The apparent disputes are found issue by issue as the store reads the positions,
                // and their entries packed: every position is never held at once.
                var report = DisputesReport.Builder(
                    state: try reader.caseState(asOf: date, staleAfter: staleAfter),
                    issueTitles: try reader.issueTitles(),
                    adoptions: { try reader.adoptions(of: $0, asOf: date) },
                    positionsNamed: { try reader.positions(asOf: date, of: $0) })
                try reader.forEachPosition(asOf: date, party: nil, issue: nil) { try report.add($0) }
                return try report.finish { try reader.claims(about: $0, on: $1, asOf: date) }
            }
        }
    }

    /// Each party's stance on each issue as of `date`, narrowed to a party and an issue subtree,
    /// with when it was adopted and how old its evidence is.
    public func positionsReport(
        asOf date: CalendarDate?, party: String? = nil, issue: String? = nil, staleAfter: StaleWindow = .standard,
        knownAsOf: KnownAsOf? = nil
    ) throws -> PositionsReport {
        // Every position as of now is kept with the board (when serving), and a write re-derives
        // only the pairs it changed.
        if date == nil, party == nil, issue == nil, knownAsOf == nil, let board {
            return try board.positionsReport(self, staleAfter: staleAfter)
        }
        return try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) {
                try Self.positions($0, asOf: date, party: party, issue: issue, staleAfter: staleAfter)
            }
        }
    }

    static func positions(
        _ reader: any CaseReader, asOf date: CalendarDate?, party: String?, issue: String?, staleAfter: StaleWindow
    ) throws -> PositionsReport {
        try positions(
            reader, asOf: date, party: party, issue: issue, staleAfter: staleAfter, all: nil,
            adoptions: { try reader.adoptions(of: $0, asOf: date) })
    }

    /// ``positions(_:asOf:party:issue:staleAfter:)`` with the positions already read when `all`
    /// is given (every position, kept by the board), and the moves from `adoptions`. Otherwise
    /// the positions are made into rows a few thousand at a time, as the store reads them.
    static func positions(
        _ reader: any CaseReader, asOf date: CalendarDate?, party: String?, issue: String?, staleAfter: StaleWindow,
        all: [Position]?, adoptions: ([Position]) throws -> [PositionKey: Adoption]
    ) throws -> PositionsReport {
        let state = Snapshot(
            asOf: date, positions: [Position](), agreements: [AgreementState](), disputes: [DisputeState](),
            relations: try reader.labelRelationSet(), staleness: try reader.staleness(asOf: date, window: staleAfter))
        let titles = try reader.issueTitles()
        return try withoutActuallyEscaping(adoptions) { adoptions in
            // Conditions are judged against the positions they name, read a few thousand
            // positions' conditions at a time.
            var report = PositionsReport.Builder(
                state: state, issueTitles: titles, adoptions: adoptions,
                positionsNamed: { try reader.positions(asOf: date, of: $0) })
            if let all {
                for position in all { try report.add(position) }
            } else {
                try reader.forEachPosition(asOf: date, party: party, issue: issue) { try report.add($0) }
            }
            return try report.finish()
        }
    }

    /// An issue's page: where each party stands on the issue and its sub-issues as of `date`,
    /// and its history, read together (one read: the two agree even while another process writes).
    public func issueOverview(_ issue: String, asOf date: CalendarDate?, knownAsOf: KnownAsOf? = nil) throws -> (
        positions: PositionsReport, history: HistoryReport
    ) {
        try reading { reader in
            // One view of the moment for both reports: making it reads every correction after it.
            let reader = try reader.knowing(knownAsOf)
            return (
                try reader.marking(knownAsOf) {
                    try Self.positions($0, asOf: date, party: nil, issue: issue, staleAfter: .standard)
                },
                try reader.marking(knownAsOf) {
                    try Self.history($0, issue: issue, party: nil, includeRetracted: false)
                }
            )
        }
    }

    /// A party's page: its positions as of `date`, and what it has said (and what others claim
    /// it holds) up to then, read together.
    public func partyOverview(_ party: String, asOf date: CalendarDate?, knownAsOf: KnownAsOf? = nil) throws -> (
        positions: PositionsReport, statements: StatementsReport
    ) {
        try reading { reader in
            let reader = try reader.knowing(knownAsOf)
            let claimsAndOwn = StatementFilter(party: party, until: date, includeClaimsAbout: true)
            return (
                try reader.marking(knownAsOf) {
                    try Self.positions($0, asOf: date, party: party, issue: nil, staleAfter: .standard)
                },
                StatementsReport(statements: try reader.statements(claimsAndOwn))
            )
        }
    }

    /// Each agreement as of `date`, with its parties, status, history, and each side's account
    /// where they differ.
    public func agreementsReport(asOf date: CalendarDate?, knownAsOf: KnownAsOf? = nil) throws -> AgreementsReport {
        try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) { reader in
                AgreementsReport(
                    snapshot: Snapshot(
                        asOf: date, positions: [], agreements: try reader.agreements(), disputes: [],
                        staleness: try reader.staleness(asOf: date, window: .standard)))
            }
        }
    }

    /// Contradictions as of `date` (nil: everything recorded) on `issue` and its sub-issues:
    /// sources that differ on what a party said on a day, claims about a party that its own words
    /// contradict, agreements whose parties' accounts disagree.
    public func contradictions(
        asOf date: CalendarDate?, issue: String? = nil, knownAsOf: KnownAsOf? = nil
    ) throws -> ContradictionsReport {
        try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) { reader in
                let canonical = try issue.map { try reader.issue($0).id }
                let candidates = try reader.contradictionCandidates(asOf: date, issue: canonical)
                return ContradictionsReport(
                    asOf: date, issue: canonical,
                    contradictions: Contradictions.find(
                        sameDayPairs: candidates.sameDayPairs, actorPairs: candidates.actorPairs,
                        claimPairs: candidates.claimPairs,
                        agreements: try reader.tracked(AgreementStatus.self, issue: canonical, party: nil, ids: nil),
                        relations: try reader.labelRelationSet(), asOf: date))
            }
        }
    }

    /// Everything on an issue and its sub-issues in date order, narrowed to one party.
    public func history(
        issue: String, party: String? = nil, includeRetracted: Bool = false, knownAsOf: KnownAsOf? = nil
    ) throws -> HistoryReport {
        try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) {
                try Self.history($0, issue: issue, party: party, includeRetracted: includeRetracted)
            }
        }
    }

    static func history(
        _ reader: any CaseReader, issue: String, party: String?, includeRetracted: Bool
    ) throws -> HistoryReport {
        let found = try reader.issue(issue)
        let canonical = found.id
        return HistoryReport(
            issue: canonical, party: party,
            statements: try reader.statements(
                StatementFilter(
                    party: party, issue: canonical, includeRetracted: includeRetracted, includeClaimsAbout: true)),
            agreements: try reader.tracked(AgreementStatus.self, issue: canonical, party: party, ids: nil),
            disputes: try reader.tracked(DisputeStatus.self, issue: canonical, party: party, ids: nil),
            staleAfter: found.staleAfter ?? .standard,
            relations: try reader.labelRelationSet())
    }

    /// What changed between two dates.
    public func diff(
        from: CalendarDate, to: CalendarDate, staleAfter: StaleWindow = .standard, knownAsOf: KnownAsOf? = nil
    ) throws -> DiffReport {
        try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) { reader in
                // The positions of the two dates are merged as they are read, pair by pair: the
                // first date's kept packed, only the changes kept of the second's.
                let later = try reader.caseState(asOf: to, staleAfter: staleAfter)
                var report = DiffReport.Builder(
                    from: try reader.caseState(asOf: from, staleAfter: staleAfter), to: later,
                    claims: try reader.claims(asOf: to), staleness: later.staleness
                ) { try reader.adoptions(of: $0, asOf: $1) }
                try reader.forEachPosition(asOf: from, party: nil, issue: nil) { report.earlier($0) }
                try reader.forEachPosition(asOf: to, party: nil, issue: nil) { try report.later($0) }
                return try report.finish()
            }
        }
    }

    /// What two sources report, per party and issue.
    public func sourceDiff(_ first: String, _ second: String, knownAsOf: KnownAsOf? = nil) throws -> SourceDiffReport {
        try reading { reader in
            try reader.reporting(knownAsOf: knownAsOf) { reader in
                SourceDiffReport(
                    diff: SourceDiff(
                        first: first, second: second,
                        firstStatements: try reader.statements(StatementFilter(source: first)),
                        secondStatements: try reader.statements(StatementFilter(source: second))))
            }
        }
    }

    /// Calls `body` with each statement matching `filter`, in date order, one at a time (from one
    /// read transaction): for exports of any size.
    public func forEachStatement(
        _ filter: StatementFilter = StatementFilter(), knownAsOf: KnownAsOf? = nil,
        _ body: (DatedStatement) throws -> Void
    ) throws {
        try Self.checkPeriod(since: filter.since, until: filter.until)
        try reading { try $0.knowing(knownAsOf).forEachStatement(filter, body) }
    }

    /// What the full-text search finds for `query`, best first. A search asks for 1 to
    /// ``Limits/searchHits`` hits, in a period that ends after it starts.
    public func search(_ query: SearchQuery) throws -> SearchReport {
        try Self.checkPeriod(since: query.since, until: query.until)
        guard (1...Limits.searchHits).contains(query.limit) else {
            throw ModelError.searchLimit(query.limit, most: Limits.searchHits)
        }
        return SearchReport(query: query.text, hits: try reading { try $0.search(query) })
    }

    /// The statements matching `filter`, in date order; its period must end after it starts.
    public func statements(_ filter: StatementFilter = StatementFilter(), knownAsOf: KnownAsOf? = nil) throws
        -> StatementsReport
    {
        try Self.checkPeriod(since: filter.since, until: filter.until)
        return StatementsReport(statements: try reading { try $0.knowing(knownAsOf).statements(filter) })
    }

    /// Refuses a period whose end is before its start (the end of `until`'s period before the
    /// start of `since`'s: `--since 2021-12 --until 2021-12` is December).
    static func checkPeriod(since: CalendarDate?, until: CalendarDate?) throws {
        if let since, let until, until.endKey < since.startKey {
            throw ModelError.untilBeforeSince(since: since, until: until)
        }
    }
}

extension CaseReader {
    /// The report `body` reads with this reader seeing the case as it was recorded by `moment`
    /// (nil: as it is), marked with that moment: how every report use case honours `knownAsOf`.
    func reporting<R: KnowingReport>(knownAsOf moment: KnownAsOf?, _ body: (Self) throws -> R) throws -> R {
        try knowing(moment).marking(moment, body)
    }

    /// The report `body` reads with this reader, which already sees the case as recorded by
    /// `moment` (``knowing(_:)``), marked with that moment: for a use case that reads several
    /// reports from one view.
    func marking<R: KnowingReport>(_ moment: KnownAsOf?, _ body: (Self) throws -> R) rethrows -> R {
        try body(self).known(as: moment, importedAfter: knownImportedAfter)
    }
}
