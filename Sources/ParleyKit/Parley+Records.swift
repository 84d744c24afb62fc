import ParleyModel
import ParleyStore

/// A statement to record, as a front end receives it: the party may be left to the actor's,
/// and the number and recording time are Parley's to set. `via` names who relayed it; `about`
/// the party it is a claim about, when it is not the speaker's own position; `conditions` the
/// positions it depends on.
public struct NewStatement: Hashable, Sendable {
    /// The statement as given; an empty party is the actor's.
    public var statement: Statement

    public init(
        party: String? = nil, actor: String? = nil, issue: String, kind: StatementKind, stance: String, summary: String,
        quote: String? = nil, said: CalendarDate? = nil, source: String, via: String? = nil, about: String? = nil,
        conditions: [Condition] = []
    ) {
        statement = Statement(
            party: party ?? "", actor: actor, issue: issue, kind: kind, stance: stance, summary: summary, quote: quote,
            said: said, source: source, via: via, about: about, conditions: conditions)
    }

    /// The statement whose fields have the values given as text (a kind by its name, a date as
    /// written); a field a statement must have that is not given is an error, except the party,
    /// which may be the actor's. The first field in error is thrown (see ``problems(_:)`` for all).
    public init(_ values: [Statement.Field: String]) throws(Statement.FieldError) {
        let read = Self.reading(values)
        if let first = read.problems.first { throw first }
        self = read.statement
    }

    /// Every field in error among `values`, in the order of ``Statement/Field``: a kind or date
    /// that is not one, a field a statement must have that is not given. Empty when
    /// ``init(_:)`` would succeed.
    public static func problems(_ values: [Statement.Field: String]) -> [Statement.FieldError] {
        reading(values).problems
    }

    private static func reading(_ values: [Statement.Field: String]) -> (
        statement: NewStatement, problems: [Statement.FieldError]
    ) {
        var new = NewStatement(issue: "", kind: .assertion, stance: "", summary: "", source: "")
        var problems: [Statement.FieldError] = []
        for field in Statement.Field.allCases {
            if let text = values[field] {
                do { try new.statement.set(field, text) } catch { problems.append(error) }
            } else if !field.isOptional && field != .party {
                problems.append(Statement.FieldError(field, .missingField(field.rawValue)))
            }
        }
        return (new, problems)
    }
}

/// The statements of a batch that could not be recorded (see ``Parley/record(batch:)``): each
/// one refused, by its place in the batch, and why. Nothing of the batch was recorded.
public struct StatementBatchError: Error {
    /// Each refused statement's place in the batch (from 0) and why: the error
    /// ``Parley/record(_:newLabelConfirmed:)`` gives for it. In the order of the batch, never empty.
    public var problems: [(index: Int, error: any Error)]
}

extension Parley {
    /// Adds a party.
    public func add(_ party: Party) throws {
        try writing { writer in
            try writer.addParty(party)
            try writer.log(added(.party, party.id, party.fields))
        }
    }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws {
        try writing { writer in
            try writer.addActor(actor)
            try writer.log(added(.actor, actor.id, actor.fields))
        }
    }

    /// Adds an issue; a nested issue's parent must exist.
    public func add(_ issue: Issue) throws {
        try writing { writer in
            try writer.addIssue(issue)
            try writer.log(added(.issue, issue.id, Array(issue.fields.dropFirst())))
        }
    }

    /// Adds a source.
    public func add(_ source: Source) throws {
        try writing { writer in
            try writer.addSource(source, today: clock.today)
            try writer.log(added(.source, source.id, source.fields))
        }
    }

    /// Records a statement; the receipt says whether its stance label is new on the issue and
    /// which labels are already used there. Unless `newLabelConfirmed`, a new label close to one
    /// already used on the issue is refused before anything is written (it is usually a typo).
    @discardableResult
    public func record(_ new: NewStatement, newLabelConfirmed: Bool = true) throws -> StatementReceipt {
        let recordedAt = clock.timestamp
        return try writing { writer in
            try record(new, newLabelConfirmed: newLabelConfirmed, recordedAt: recordedAt, by: writer)
        }
    }

    /// Records a batch of statements in one transaction: each is checked as
    /// ``record(_:newLabelConfirmed:)`` checks it and logged as it logs it, and either all are
    /// recorded or none. Every statement is checked, also after one is refused: a
    /// ``StatementBatchError`` lists all that cannot be recorded, and nothing is written then.
    public func record(batch: [(statement: NewStatement, newLabelConfirmed: Bool)]) throws -> [StatementReceipt] {
        let recordedAt = clock.timestamp
        return try writing { writer in
            let recorded = record(batch, recordedAt: recordedAt, by: writer)
            if !recorded.problems.isEmpty { throw StatementBatchError(problems: recorded.problems) }
            return recorded.receipts
        }
    }

    /// The statements of `batch` that ``record(batch:)`` would refuse, with why, in the order of
    /// the batch; nothing is written. For a front end that found some of a batch's statements
    /// wrong before it could build them, so that it can report the others' problems with theirs.
    public func problems(inBatch batch: [(statement: NewStatement, newLabelConfirmed: Bool)]) throws -> [(
        index: Int, error: any Error
    )] {
        /// Thrown to roll the check back.
        struct Checked: Error {}
        let recordedAt = clock.timestamp
        var problems: [(index: Int, error: any Error)] = []
        do {
            try writing { writer -> Void in
                problems = record(batch, recordedAt: recordedAt, by: writer).problems
                throw Checked()
            }
        } catch is Checked {}
        return problems
    }

    /// Records `statements` by `writer`, each as ``record(_:newLabelConfirmed:)`` records and logs
    /// it, going on after one is refused so that every problem is found: the receipts of those
    /// recorded, and each refused one's place and error. The one write path of statements given
    /// together (a batch, a reviewed article); the caller throws, so that nothing is kept, when
    /// any was refused. An issue's labels are read once, then counted as the statements add to them.
    func record(
        _ statements: some Sequence<(statement: NewStatement, newLabelConfirmed: Bool)>, recordedAt: String,
        by writer: any CaseWriter
    ) -> (receipts: [StatementReceipt], problems: [(index: Int, error: any Error)]) {
        let labelCounts = StanceLabelCounts()
        var receipts: [StatementReceipt] = []
        var problems: [(index: Int, error: any Error)] = []
        receipts.reserveCapacity(statements.underestimatedCount)
        for (index, item) in statements.enumerated() {
            do {
                receipts.append(
                    try record(
                        item.statement, newLabelConfirmed: item.newLabelConfirmed, recordedAt: recordedAt, by: writer,
                        labelCounts: labelCounts))
            } catch {
                problems.append((index, error))
            }
        }
        return (receipts, problems)
    }

    /// Records and logs one statement by `writer`; a batch on SQLite passes its label counts.
    private func record(
        _ new: NewStatement, newLabelConfirmed: Bool, recordedAt: String, by writer: any CaseWriter,
        labelCounts: StanceLabelCounts? = nil
    ) throws -> StatementReceipt {
        var statement = new.statement
        statement.party = try writer.party(
            given: statement.party.isEmpty ? nil : statement.party, actor: statement.actor)
        statement.recordedAt = recordedAt
        var receipt: StatementReceipt
        if let labelCounts, let sqlite = writer as? StoreWriter {
            receipt = try sqlite.record(
                statement, newLabelConfirmed: newLabelConfirmed, today: clock.today, labelCounts: labelCounts)
        } else {
            receipt = try writer.recordStatement(statement, newLabelConfirmed: newLabelConfirmed, today: clock.today)
            // A batch's receipt lists the issue's labels only for a label new there, whatever the
            // backend (SQLite's batch does not read them otherwise).
            if labelCounts != nil && !receipt.isNewLabel { receipt.existingLabels = [] }
        }
        try writer.log(added(.statement, "#\(receipt.sequence)", statement.fields))
        return receipt
    }

    /// Adds an agreement or a dispute with its first step. A step marked as dated by its source
    /// takes the source's published date.
    public func add<Status>(_ record: Tracked<Status>) throws {
        let now = clock.timestamp
        try writing { writer in
            var record = record
            record.history = try record.history.map { step in
                var step = try Self.dated(step, by: writer)
                step.recordedAt = now
                return step
            }
            try writer.addTracked(record, today: clock.today)
            try writer.log(
                added(
                    Status.record, record.id,
                    [
                        ("title", record.title), ("issue", record.issue),
                        ("issues", record.moreIssues.isEmpty ? nil : record.issues.joined(separator: ", ")),
                        ("terms", record.terms),
                        ("parties", record.parties.joined(separator: ", ")),
                        ("mediators", record.mediators.isEmpty ? nil : record.mediators.joined(separator: ", ")),
                        ("package", record.package),
                    ] + Self.fields(of: record.history[0])))
        }
    }

    /// Records a dated, sourced step of the agreement or dispute `id`, where it belongs in the
    /// history (steps may be recorded in any order); returns its place in the history (from 1).
    /// A step marked as dated by its source takes the source's published date.
    @discardableResult
    public func appendStep<Status>(_ step: Step<Status>, to id: String) throws -> Int {
        try writing { writer in try append(try Self.dated(step, by: writer), to: id, writer).place }
    }

    /// Records a step of `id` where it belongs in its history, dated `on` or, without it, by its
    /// source, with `status` or, without one, the status in force on its date (a step that only
    /// changes who takes part): the one rule, for every front end. `details` fills in the rest
    /// of the step (its note, who joins or leaves, ...) and must not read the case. Returns its
    /// place in the history (from 1) and the step as recorded.
    @discardableResult
    public func appendStep<Status: StepStatus>(
        status: Status?, on: CalendarDate?, source: String, to id: String,
        _ details: (inout Step<Status>) throws -> Void = { _ in }
    ) throws -> (place: Int, step: Step<Status>) {
        try writing { writer in
            let date = try on ?? writer.source(source).published
            guard let status = try status ?? Self.status(of: id, Status.self, asOf: date, in: writer) else {
                throw ModelError.noStatusToKeep(record: id, on: date)
            }
            var step = Step(status: status, on: date, source: source, onIsSourceDate: on == nil)
            try details(&step)
            return try append(step, to: id, writer)
        }
    }

    /// Appends the step (its date already its source's when it has none), recorded now, and logs
    /// it; returns its place and the step as recorded.
    private func append<Status>(_ step: Step<Status>, to id: String, _ writer: any CaseWriter) throws
        -> (place: Int, step: Step<Status>)
    {
        var step = step
        step.recordedAt = clock.timestamp
        let place = try writer.addStep(step, to: id, today: clock.today)
        try writer.log(
            entry(
                .step, Status.record, id,
                changes: Self.fields(of: step).compactMap { field, value in
                    value.map { FieldChange(field: field, old: nil, new: $0) }
                }))
        return (place, step)
    }

    /// The published date of source `id`: the date of a step or statement dated by its source.
    public func sourceDate(_ id: String) throws -> CalendarDate {
        try lookingUp { try $0.source(id).published }
    }

    /// The status in force on `date` for the agreement or dispute `id` (what a step that only
    /// changes members keeps).
    public func status<Status: StepStatus>(of id: String, _ type: Status.Type, asOf date: CalendarDate) throws
        -> Status?
    {
        try lookingUp { try Self.status(of: id, type, asOf: date, in: $0) }
    }

    static func status<Status: StepStatus>(
        of id: String, _ type: Status.Type, asOf date: CalendarDate, in reader: any CaseLookup
    ) throws -> Status? {
        let record = try reader.tracked(Status.self, id: id)
        return (record.step(asOf: date) ?? record.history.first { $0.retraction == nil })?.status
    }

    /// The step with its source's published date when it is marked as dated by its source.
    static func dated<Status>(_ step: Step<Status>, by reader: any CaseLookup) throws -> Step<Status> {
        guard step.onIsSourceDate else { return step }
        var step = step
        step.on = try reader.source(step.source).published
        return step
    }

    static func fields<Status>(of step: Step<Status>) -> [(String, String?)] {
        func list(_ parties: [String]) -> String? { parties.isEmpty ? nil : parties.joined(separator: ", ") }
        return [
            ("status", step.status.rawValue),
            ("on", step.on.description + (step.onIsSourceDate ? " (source date)" : "")),
            ("according_to", step.accordingTo), ("source", step.source), ("term", step.term),
            ("due", step.due?.description), ("note", step.note),
            ("add_parties", list(step.addParties)), ("remove_parties", list(step.removeParties)),
            ("add_mediators", list(step.addMediators)), ("remove_mediators", list(step.removeMediators)),
        ]
    }
}
