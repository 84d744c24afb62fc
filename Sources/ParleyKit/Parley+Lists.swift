import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
    /// The ids of every record of `kind`, sorted (for completing them on the command line).
    public func ids(_ kind: RecordKind) throws -> [String] {
        try reading { reader in
            switch kind {
            case .party: return try reader.parties().map(\.id)
            case .actor: return try reader.actors().map(\.id)
            case .issue: return try reader.issues().map(\.id)
            case .source: return try reader.sources(includeText: false).map(\.id)
            case .agreement: return try reader.agreements().map(\.id)
            case .dispute: return try reader.disputes().map(\.id)
            default: return []
            }
        }
    }

    /// Every party, by id.
    public func parties() throws -> RecordList<Party> { RecordList(try reading { try $0.parties() }) }

    /// Every actor, by id.
    public func actors() throws -> RecordList<Actor> { RecordList(try reading { try $0.actors() }) }

    /// Every issue, by id, so that sub-issues follow their parent.
    public func issues() throws -> RecordList<Issue> { RecordList(try reading { try $0.issues() }) }

    /// Every source, by id, without their stored texts.
    public func sources() throws -> RecordList<Source> {
        RecordList(try reading { try $0.sources(includeText: false) })
    }

    /// The parties with a standing statement of their own on `issue` or its sub-issues (every
    /// party without it), by id.
    public func parties(onIssue issue: String?) throws -> RecordList<Party> {
        guard let issue else { return try parties() }
        let parties = try reading { reader in
            let speaking = try reader.ids(.party, namedBy: StatementFilter(issue: issue))
            return try reader.parties().filter { speaking.contains($0.id) }
        }
        return RecordList(parties, emptyMessage: "No party has a statement on \(issue).")
    }

    /// The issues `party` has a standing statement of its own on (every issue without it), by id
    /// as ``issues()`` orders them. A statement on a sub-issue lists the sub-issue, not its parent.
    public func issues(party: String?) throws -> RecordList<Issue> {
        guard let party else { return try issues() }
        let issues = try reading { reader in
            let spokenOn = try reader.ids(.issue, namedBy: StatementFilter(party: party))
            return try reader.issues().filter { spokenOn.contains($0.id) }
        }
        return RecordList(issues, emptyMessage: "\(party) has no statement on any issue.")
    }

    /// The sources that `filter` takes, by id, without their stored texts: published in its
    /// period, and (with a party or an issue) reporting a standing statement by that party or on
    /// that issue (or its sub-issues). The period must end after it starts.
    public func sources(_ filter: SourceFilter) throws -> RecordList<Source> {
        try Self.checkPeriod(since: filter.since, until: filter.until)
        let sources = try reading { reader in
            let reporting =
                filter.party == nil && filter.issue == nil
                ? nil
                : try reader.ids(.source, namedBy: StatementFilter(party: filter.party, issue: filter.issue))
            return try reader.sources(includeText: false).filter { source in
                if let since = filter.since, source.published.endKey < since.startKey { return false }
                if let until = filter.until, source.published.endKey > until.endKey { return false }
                return reporting.map { $0.contains(source.id) } ?? true
            }
        }
        return RecordList(sources, emptyMessage: filter == SourceFilter() ? nil : "No source matches.")
    }

    /// Every agreement or every dispute (by the status type asked for), by id, with its latest status.
    public func list<Status: StepStatus>(_ status: Status.Type) throws -> RecordList<Tracked<Status>> {
        RecordList(try reading { try $0.tracked(status, issue: nil, party: nil, ids: nil) })
    }

    /// The stance labels used on an issue and its sub-issues, by issue and most used first, with
    /// the labels recorded as the same side or opposite sides.
    public func labels(issue: String) throws -> RecordList<StanceLabel> {
        let (canonical, labels) = try reading { reader in
            (
                try reader.issue(issue).id,
                StanceLabel.list(
                    try reader.labelUse(issue: issue), relations: try reader.labelRelations(issue: issue),
                    orders: try reader.labelOrders(issue: issue))
            )
        }
        return RecordList(
            labels, title: "Stance labels on \(canonical)", emptyMessage: "No statements on \(canonical) yet.")
    }
}
