import ParleyModel
import ParleyStore

/// A statement to record, as a front end receives it: the party may be left to the actor's,
/// and the number and recording time are Parley's to set.
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
    public func add(_ party: Party) throws {
        try store.write { writer in
            try writer.add(party)
            try writer.log(added(.party, party.id, party.fields))
        }
    }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws {
        try store.write { writer in
            try writer.add(actor)
            try writer.log(added(.actor, actor.id, actor.fields))
        }
    }

    /// Adds an issue; a nested issue's parent must exist.
    public func add(_ issue: Issue) throws {
        try store.write { writer in
            try writer.add(issue)
            try writer.log(added(.issue, issue.id, Array(issue.fields.dropFirst())))
        }
    }

    /// Adds a source.
    public func add(_ source: Source) throws {
        try store.write { writer in
            try writer.add(source)
            try writer.log(added(.source, source.id, source.fields))
        }
    }

    /// Records a statement; the receipt says whether its stance label is new on the issue and
    /// which labels are already used there. Unless `newLabelConfirmed`, a new label close to one
    /// already used on the issue is refused before anything is written (it is usually a typo).
    @discardableResult
    public func record(_ new: NewStatement, newLabelConfirmed: Bool = true) throws -> StatementReceipt {
        let recordedAt = clock.timestamp
        return try store.write { writer in
            let party = try writer.reader.party(given: new.party, actor: new.actor)
            let statement = Statement(
                party: party, actor: new.actor, issue: new.issue, kind: new.kind, stance: new.stance,
                summary: new.summary,
                quote: new.quote, said: new.said, source: new.source, recordedAt: recordedAt)
            let receipt = try writer.record(statement, newLabelConfirmed: newLabelConfirmed)
            try writer.log(added(.statement, "#\(receipt.sequence)", statement.fields))
            return receipt
        }
    }

    /// Adds an agreement or a dispute with its first step.
    public func add<Status>(_ record: Tracked<Status>) throws {
        try store.write { writer in
            try writer.add(record)
            try writer.log(
                added(
                    Status.record, record.id,
                    [
                        ("title", record.title), ("issue", record.issue), ("terms", record.terms),
                        ("parties", record.parties.joined(separator: ", ")),
                        ("mediators", record.mediators.isEmpty ? nil : record.mediators.joined(separator: ", ")),
                    ] + Self.fields(of: record.history[0])))
        }
    }

    /// Records a dated, sourced step of the agreement or dispute `id`, where it belongs in the
    /// history (steps may be recorded in any order); returns its place in the history (from 1).
    @discardableResult
    public func appendStep<Status>(_ step: Step<Status>, to id: String) throws -> Int {
        try store.write { writer in
            let place = try writer.appendStep(step, to: id)
            try writer.log(
                entry(
                    .step, Status.record, id,
                    changes: Self.fields(of: step).compactMap { field, value in
                        value.map { FieldChange(field: field, old: nil, new: $0) }
                    }))
            return place
        }
    }

    /// The status in force on `date` for the agreement or dispute `id` (what a step that only
    /// changes members keeps).
    public func status<Status: StepStatus>(of id: String, _ type: Status.Type, asOf date: CalendarDate) throws
        -> Status?
    {
        try store.read { reader in
            let record = try reader.tracked(Status.self, id: id)
            return (record.step(asOf: date) ?? record.history.first { $0.retraction == nil })?.status
        }
    }

    static func fields<Status>(of step: Step<Status>) -> [(String, String?)] {
        func list(_ parties: [String]) -> String? { parties.isEmpty ? nil : parties.joined(separator: ", ") }
        return [
            ("status", step.status.rawValue), ("on", step.on.description), ("source", step.source), ("note", step.note),
            ("add_parties", list(step.addParties)), ("remove_parties", list(step.removeParties)),
            ("add_mediators", list(step.addMediators)), ("remove_mediators", list(step.removeMediators)),
        ]
    }
}
