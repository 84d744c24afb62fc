import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
    /// Every open dispute as of `date` (nil: everything recorded), recorded and apparent, each
    /// side with its stance, backing statement and last move; closed disputes briefly.
    public func disputesReport(asOf date: CalendarDate?) throws -> DisputesReport {
        try store.read { reader in
            try DisputesReport(snapshot: try reader.snapshot(asOf: date), issueTitles: try reader.issueTitles()) {
                try reader.adoptions(of: $0, asOf: date)
            }
        }
    }

    /// Each party's stance on each issue as of `date`, narrowed to a party and an issue subtree.
    public func positionsReport(asOf date: CalendarDate?, party: String? = nil, issue: String? = nil) throws
        -> PositionsReport
    {
        try store.read { reader in
            let positions = try reader.positions(asOf: date, party: party, issue: issue)
            let snapshot = Snapshot(
                asOf: date, positions: positions, agreements: [AgreementState](), disputes: [DisputeState]())
            return PositionsReport(snapshot: snapshot, issueTitles: try reader.issueTitles())
        }
    }

    /// Each agreement as of `date`, with its parties, status and history.
    public func agreementsReport(asOf date: CalendarDate?) throws -> AgreementsReport {
        try store.read { reader in
            AgreementsReport(
                snapshot: Snapshot(asOf: date, positions: [], agreements: try reader.agreements(), disputes: []))
        }
    }

    /// Everything on an issue and its sub-issues in date order, narrowed to one party.
    public func history(issue: String, party: String? = nil, includeRetracted: Bool = false) throws -> HistoryReport {
        try store.read { reader in
            let canonical = try reader.issue(issue).id
            return HistoryReport(
                issue: canonical, party: party,
                statements: try reader.statements(
                    StatementFilter(party: party, issue: canonical, includeRetracted: includeRetracted)),
                agreements: try reader.tracked(issue: canonical, party: party),
                disputes: try reader.tracked(issue: canonical, party: party))
        }
    }

    /// What changed between two dates.
    public func diff(from: CalendarDate, to: CalendarDate) throws -> DiffReport {
        try store.read { reader in
            DiffReport(diff: SnapshotDiff(from: try reader.snapshot(asOf: from), to: try reader.snapshot(asOf: to)))
        }
    }

    /// What two sources report, per party and issue.
    public func sourceDiff(_ first: String, _ second: String) throws -> SourceDiffReport {
        try store.read { reader in
            SourceDiffReport(
                diff: SourceDiff(
                    first: first, second: second,
                    firstStatements: try reader.statements(StatementFilter(source: first)),
                    secondStatements: try reader.statements(StatementFilter(source: second))))
        }
    }

    /// The statements matching `filter`, in date order.
    public func statements(_ filter: StatementFilter = StatementFilter()) throws -> StatementsReport {
        StatementsReport(statements: try store.read { try $0.statements(filter) })
    }
}
