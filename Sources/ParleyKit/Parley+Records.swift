import ParleyModel
import ParleyStore

/// A statement to record, as a front end receives it: the party may be left to the actor's,
/// and the recording time is Parley's to set.
public struct NewStatement: Hashable, Sendable {
    public var party: String?
    public var actor: String?
    public var issue: String
    public var kind: StatementKind
    public var stance: String
    public var summary: String
    public var quote: String?
    public var said: CalendarDate?
    public var source: String

    public init(
        party: String? = nil, actor: String? = nil, issue: String, kind: StatementKind, stance: String, summary: String,
        quote: String? = nil, said: CalendarDate? = nil, source: String
    ) {
        self.party = party
        self.actor = actor
        self.issue = issue
        self.kind = kind
        self.stance = stance
        self.summary = summary
        self.quote = quote
        self.said = said
        self.source = source
    }
}

extension Parley {
    /// Adds a party.
    public func add(_ party: Party) throws { try store.write { try $0.add(party) } }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws { try store.write { try $0.add(actor) } }

    /// Adds an issue; a nested issue's parent must exist.
    public func add(_ issue: Issue) throws { try store.write { try $0.add(issue) } }

    /// Adds a source.
    public func add(_ source: Source) throws { try store.write { try $0.add(source) } }

    /// Records a statement; the receipt says whether its stance label is new on the issue and
    /// which labels are already used there.
    @discardableResult
    public func record(_ new: NewStatement) throws -> StatementReceipt {
        let recordedAt = clock.timestamp
        return try store.write { writer in
            let party = try writer.reader.party(given: new.party, actor: new.actor)
            return try writer.record(
                Statement(
                    party: party, actor: new.actor, issue: new.issue, kind: new.kind, stance: new.stance,
                    summary: new.summary,
                    quote: new.quote, said: new.said, source: new.source, recordedAt: recordedAt))
        }
    }

    /// Adds an agreement or a dispute with its first step.
    public func add<Status>(_ record: Tracked<Status>) throws { try store.write { try $0.add(record) } }

    /// Appends a dated, sourced status step to the agreement or dispute `id`.
    public func appendStep<Status>(_ step: Step<Status>, to id: String) throws {
        try store.write { try $0.appendStep(step, to: id) }
    }
}
