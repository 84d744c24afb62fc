import ParleyModel

/// What a write's use case looks up in the case, whatever the backend: the records a command's
/// names stand for, and the records a write changes. The write side's counterpart of
/// ``CaseReader``; ``CaseWriter`` asks the same in a write transaction.
public protocol CaseLookup {
    /// Every party's (`.party`) or actor's (`.actor`) id, with the names it also answers to (its
    /// name and its aliases), ordered by id; empty for other kinds.
    func names(of kind: RecordKind) throws -> [(id: String, names: [String])]
    /// What `id` names when it is not an issue's id: the issue it was renamed to, or the issue it
    /// is another name of; nil when it is an issue's id, or names none.
    func issueName(_ id: String) throws -> IssueName?
    /// The source with `id` (an unknown id is a `notFound` error).
    func source(_ id: String) throws -> Source
    /// The party with `id` (an unknown id is a `notFound` error with suggestions).
    func party(_ id: String) throws -> Party
    /// The actor with `id` (an unknown id is a `notFound` error with suggestions).
    func actor(_ id: String) throws -> Actor
    /// The issue `id` names, by its id or an alias (an unknown id is a `notFound` error with
    /// suggestions).
    func issue(_ id: String) throws -> Issue
    /// The statement numbered `number`, retracted or not (`ModelError.noSuchStatement` otherwise).
    func statement(number: Int64) throws -> DatedStatement
    /// The party a new statement is recorded for: the one given, else the actor's (see
    /// ``ParleyModel/Statement/party(given:actor:references:)``).
    func party(given party: String?, actor: String?) throws -> String
    /// The agreement or dispute `id` (an unknown id is a `notFound` error with suggestions).
    func tracked<Status: StepStatus>(_ status: Status.Type, id: String) throws -> Tracked<Status>
    /// Every token, by name, revoked ones included (never their secrets).
    func tokens() throws -> [APIToken]
    /// The token in use whose secret has this digest, if any.
    func token(digest: String) throws -> APIToken?
    /// Whether any token is in use.
    func hasTokens() throws -> Bool
    /// The open session with this digest whose token is still in use, if any.
    func session(digest: String) throws -> StoredSession?
    /// The change-log entries about one record (`#12` for a statement), oldest first.
    func log(of kind: RecordKind, record: String) throws -> [LogEntry]
    /// The stance labels the statements that stand use on `issue` (not its sub-issues), but
    /// statement `except`, most used first.
    func stanceLabels(issue: String, except number: Int64?) throws -> [String]
    /// The number of the latest change-log entry (0 for none). Every write through Parley logs in
    /// its own transaction, and on every backend a later commit has a larger number, so while
    /// this number stays the same so does every report.
    func changeVersion() throws -> Int64
}

/// The store contract for writes: what the use cases ask of one write transaction, whatever the
/// backend (SQLite's ``StoreWriter``, or PostgreSQL's writer in ParleyPostgres). Each write is
/// checked by the rules of ParleyModel (the record's own rules, and the write rules of
/// ParleyModel/Rules/WriteRules.swift, which compare it with the case), the same ones on every
/// backend, so that a write refused on one is refused on the other with the same error; the
/// backend reads what the rules need, stores what they allow, and keeps its own derived tables.
/// Anything thrown in the transaction leaves the case as it was.
///
/// The use cases add the change log's entry (``log(_:)``) in the same transaction, so that every
/// backend's log holds the same rows for the same writes.
public protocol CaseWriter: CaseLookup {
    /// Adds a party; its id must be new.
    func addParty(_ party: Party) throws
    /// Adds an actor who speaks for an existing party; its id must be new.
    func addActor(_ actor: Actor) throws
    /// Adds an issue; its id must be new (not another issue's alias either), its aliases free, and
    /// a nested issue's parent must exist.
    func addIssue(_ issue: Issue) throws
    /// Adds a source; its id must be new. With `today`, a published date after it is refused.
    func addSource(_ source: Source, today: CalendarDate?) throws
    /// Records `statement` (its party resolved, its recording time set), checked by the statement
    /// rules (every problem at once); a statement identical to one that stands is refused, and so,
    /// unless `newLabelConfirmed`, is a new stance label close to one used on the issue. With
    /// `today`, a said date after it is refused.
    func recordStatement(_ statement: ParleyModel.Statement, newLabelConfirmed: Bool, today: CalendarDate?) throws
        -> StatementReceipt
    /// Gives statement `number` the values of `amended`, checked as a new statement is; returns
    /// the fields that changed, old → new.
    func amendStatement(number: Int64, to amended: ParleyModel.Statement, today: CalendarDate?) throws -> [FieldChange]
    /// Retracts statement `number`; returns it as it was.
    func retractStatement(number: Int64, _ retraction: Retraction) throws -> DatedStatement
    /// Adds an agreement or a dispute with its first step(s).
    func addTracked<Status: StepStatus>(_ record: Tracked<Status>, today: CalendarDate?) throws
    /// Records a step of the agreement or dispute `id` where it belongs in its history; returns
    /// its place (from 1).
    func addStep<Status: StepStatus>(_ step: Step<Status>, to id: String, today: CalendarDate?) throws -> Int
    /// Retracts step `number` (from 1, in history order) of the agreement or dispute `id`; returns
    /// the step as retracted.
    func retractStep<Status: StepStatus>(_ status: Status.Type, number: Int, of id: String, _ retraction: Retraction)
        throws -> Step<Status>
    /// Records how two stance labels on an issue relate (checked by the label rules: both in use
    /// there, consistent with the relations and the scale recorded); returns the issue's id as
    /// stored and the kind the pair had before, if any.
    func relateLabels(_ relation: LabelRelation) throws -> (issue: String, previous: LabelRelation.Kind?)
    /// Records orders on one issue's scale, harder label first; returns the issue's id as stored
    /// and the orders that were new.
    func orderLabels(_ orders: [LabelOrder]) throws -> (issue: String, added: [LabelOrder])
    /// Removes the relation, and the orders either way, between two labels on an issue; returns
    /// the issue's id as stored and what was removed.
    func unrelateLabels(issue: String, _ a: String, _ b: String) throws -> (
        issue: String, relation: LabelRelation.Kind?, orders: [LabelOrder]
    )
    /// Gives party `party.id` the values of `party`; returns what changed (an edit that changes
    /// nothing is refused).
    func update(_ party: Party) throws -> [FieldChange]
    /// Gives actor `actor.id` the values of `actor`; returns what changed. Its party cannot change
    /// while statements record the actor for the old one.
    func update(_ actor: Actor) throws -> [FieldChange]
    /// Gives issue `issue.id` the title, description, aliases (free ones) and staleness window of
    /// `issue`; returns what changed.
    func update(_ issue: Issue) throws -> [FieldChange]
    /// Gives source `source.id` the values of `source`; returns what changed. A new published date
    /// moves the statements and steps that take their date from the source, and is refused when one
    /// said or dated after it reports the source. With `today`, a published date after it is refused.
    func update(_ source: Source, today: CalendarDate?) throws -> [FieldChange]
    /// Gives issue `old` (an id or alias) the id `new`, and its sub-issues the new prefix, each
    /// keeping its old id as an alias (checked by ``ParleyModel/IssueRenaming``); returns the ids
    /// renamed, old → new, parents first.
    func renameIssue(_ old: String, to new: String) throws -> [(old: String, new: String)]
    /// Merges stance label `from` into `to` on `issue` and its sub-issues, statements and label
    /// relations and orders alike (checked by ``ParleyModel/Relabelling``); returns the numbers of
    /// the statements changed and the relations and orders changed, as the change log keeps them.
    func relabel(issue: String, from: String, to: String) throws -> (numbers: [Int64], relations: [FieldChange])
    /// Puts agreements `ids` into package `package` (nil: out of theirs); returns each agreement
    /// whose package changed, with the one it was in (a link that changes none is refused).
    func link(_ ids: [String], package: String?) throws -> [(id: String, was: String?)]
    /// Appends `entry` to the change log.
    func log(_ entry: LogEntry) throws
    /// Stores a token by the digest of its secret (checked by ``ParleyModel/APIToken/checkNew(nameTaken:)``).
    func addToken(_ token: APIToken, digest: String) throws
    /// Revokes the token named `name` (one in use) and ends its open sessions.
    func revokeToken(named name: String, at time: String) throws
    /// Starts a session for the token in use whose secret has `tokenDigest`, filed under the
    /// digest of the session's id; nil (and nothing written) when no such token is in use.
    /// Sessions that have ended, or started before `expiredBefore`, are deleted.
    func startSession(digest: String, tokenDigest: String, at time: String, expiredBefore cutoff: String) throws
        -> APIToken?
    /// Notes that the session with this digest was used at `time`.
    func touchSession(digest: String, at time: String) throws
    /// Ends the session with this digest (signing out); nothing happens if it has ended already.
    func endSession(digest: String, at time: String) throws
}

/// A backend that takes writes through the store contract (see ``CaseWriter``).
public protocol CaseWriteStore: CaseStore {
    /// Runs `body` in one read transaction, for the look-ups a command makes before it writes.
    func lookUp<T>(_ body: (any CaseLookup) throws -> T) throws -> T
    /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
    func writeCase<T>(_ body: (any CaseWriter) throws -> T) throws -> T
}

extension StoreReader: CaseLookup {
    public func names(of kind: RecordKind) throws -> [(id: String, names: [String])] {
        switch kind {
        case .party: return try parties().map { ($0.id, [$0.name] + $0.aliases) }
        case .actor: return try actors().map { ($0.id, [$0.name] + $0.aliases) }
        default: return []
        }
    }
}

extension StoreWriter: CaseWriter {
    public func names(of kind: RecordKind) throws -> [(id: String, names: [String])] { try reader.names(of: kind) }
    public func issueName(_ id: String) throws -> IssueName? { try reader.issueName(id) }
    public func source(_ id: String) throws -> Source { try reader.source(id) }
    public func party(_ id: String) throws -> Party { try reader.party(id) }
    public func actor(_ id: String) throws -> Actor { try reader.actor(id) }
    public func issue(_ id: String) throws -> Issue { try reader.issue(id) }
    public func statement(number: Int64) throws -> DatedStatement { try reader.statement(number: number) }
    public func party(given party: String?, actor: String?) throws -> String {
        try reader.party(given: party, actor: actor)
    }
    public func tracked<Status: StepStatus>(_ status: Status.Type, id: String) throws -> Tracked<Status> {
        try reader.tracked(status, id: id)
    }
    public func tokens() throws -> [APIToken] { try reader.tokens() }
    public func token(digest: String) throws -> APIToken? { try reader.token(digest: digest) }
    public func hasTokens() throws -> Bool { try reader.hasTokens() }
    public func session(digest: String) throws -> StoredSession? { try reader.session(digest: digest) }
    public func changeVersion() throws -> Int64 { try reader.changeVersion() }
    public func log(of kind: RecordKind, record: String) throws -> [LogEntry] {
        try reader.log(of: kind, record: record)
    }
    public func stanceLabels(issue: String, except number: Int64?) throws -> [String] {
        try reader.stanceLabels(issue: issue, except: number)
    }
    public func addToken(_ token: APIToken, digest: String) throws { try add(token, digest: digest) }

    public func addParty(_ party: Party) throws { try add(party) }
    public func addActor(_ actor: Actor) throws { try add(actor) }
    public func addIssue(_ issue: Issue) throws { try add(issue) }
    public func addSource(_ source: Source, today: CalendarDate?) throws { try add(source, today: today) }

    public func recordStatement(_ statement: ParleyModel.Statement, newLabelConfirmed: Bool, today: CalendarDate?)
        throws
        -> StatementReceipt
    {
        try record(statement, newLabelConfirmed: newLabelConfirmed, today: today, labelCounts: nil)
    }

    public func amendStatement(number: Int64, to amended: ParleyModel.Statement, today: CalendarDate?) throws
        -> [FieldChange]
    {
        try amend(number: number, to: amended, today: today)
    }

    public func retractStatement(number: Int64, _ retraction: Retraction) throws -> DatedStatement {
        try retract(number: number, retraction)
    }

    public func addTracked<Status: StepStatus>(_ record: Tracked<Status>, today: CalendarDate?) throws {
        try add(record, today: today)
    }

    public func addStep<Status: StepStatus>(_ step: Step<Status>, to id: String, today: CalendarDate?) throws -> Int {
        try appendStep(step, to: id, today: today)
    }

    public func relateLabels(_ relation: LabelRelation) throws -> (issue: String, previous: LabelRelation.Kind?) {
        let previous = try relate(relation)
        return (try reader.issue(relation.issue).id, previous)
    }

    public func orderLabels(_ orders: [LabelOrder]) throws -> (issue: String, added: [LabelOrder]) {
        let added = try order(orders)
        return (try reader.issue(orders.first?.issue ?? "").id, added)
    }

    public func unrelateLabels(issue: String, _ a: String, _ b: String) throws -> (
        issue: String, relation: LabelRelation.Kind?, orders: [LabelOrder]
    ) {
        let removed = try unrelate(issue: issue, a, b)
        return (try reader.issue(issue).id, removed.relation, removed.orders)
    }
}

extension ParleyDatabase: CaseWriteStore {
    public func lookUp<T>(_ body: (any CaseLookup) throws -> T) throws -> T {
        try read { try body($0) }
    }

    public func writeCase<T>(_ body: (any CaseWriter) throws -> T) throws -> T {
        try write { try body($0) }
    }
}
