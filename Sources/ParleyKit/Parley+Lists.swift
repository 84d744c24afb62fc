import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
    /// The ids of every record of `kind`, sorted (for completing them on the command line).
    public func ids(_ kind: RecordKind) throws -> [String] {
        try store.read { reader in
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
    public func parties() throws -> RecordList<Party> { RecordList(try store.read { try $0.parties() }) }

    /// Every actor, by id.
    public func actors() throws -> RecordList<Actor> { RecordList(try store.read { try $0.actors() }) }

    /// Every issue, by id, so that sub-issues follow their parent.
    public func issues() throws -> RecordList<Issue> { RecordList(try store.read { try $0.issues() }) }

    /// Every source, by id, without their stored texts.
    public func sources() throws -> RecordList<Source> {
        RecordList(try store.read { try $0.sources(includeText: false) })
    }

    /// Every agreement or every dispute (by the status type asked for), by id, with its latest status.
    public func list<Status: StepStatus>(_ status: Status.Type) throws -> RecordList<Tracked<Status>> {
        RecordList(try store.read { try $0.tracked(status) })
    }

    /// The stance labels used on an issue and its sub-issues, by issue and most used first, with
    /// the labels recorded as the same side or opposite sides.
    public func labels(issue: String) throws -> RecordList<StanceLabel> {
        let (canonical, labels) = try store.read { reader in
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
