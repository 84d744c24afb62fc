import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
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

    /// The stance labels used on an issue, most used first.
    public func labels(issue: String) throws -> RecordList<StanceLabel> {
        let labels = try store.read { try $0.stanceLabels(issue: issue) }
        return RecordList(
            labels.map(StanceLabel.init), title: "Stance labels on \(issue)",
            emptyMessage: "No statements on \(issue) yet.")
    }
}
