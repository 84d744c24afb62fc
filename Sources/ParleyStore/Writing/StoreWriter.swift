import Foundation
import GRDB
import ParleyModel

/// The writes of one write transaction (see ``ParleyDatabase/write(_:)``), each named for what
/// it does. If anything in the transaction throws, none of its writes is kept.
public struct StoreWriter {
    let db: Database

    init(db: Database) { self.db = db }

    /// The queries of this transaction: they see its writes so far.
    public var reader: StoreReader { StoreReader(db: db) }
}

/// What Parley tells the analyst after recording a statement, so that stance labels get reused.
public struct StatementReceipt: Hashable, Sendable {
    /// The new statement's number.
    public var sequence: Int64
    /// The party the statement was recorded for (the actor's, when only the actor was given).
    public var party: String
    /// Whether the stance label had never been used on this issue before.
    public var isNewLabel: Bool
    /// The labels already used on the issue before this statement, most used first.
    public var existingLabels: [String]
    /// Existing labels that look like a typo of the new one.
    public var nearMisses: [String]
}

extension StoreWriter {
    // MARK: - Parties, actors, issues, sources

    /// Adds a party; its id must be new.
    public func add(_ party: Party) throws {
        try Self.check(Self.problems(id: party.id, kind: .party, texts: [("name", party.name)], aliases: party.aliases))
        try db.insert(party)
    }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws {
        try Self.check(
            Self.problems(
                id: actor.id, kind: .actor, texts: [("name", actor.name)], optional: [("role", actor.role)],
                aliases: actor.aliases))
        try db.insert(actor)
    }

    /// Adds an issue; a nested issue's parent must already exist.
    public func add(_ issue: Issue) throws {
        try Self.check(
            Self.problems(
                id: issue.id, kind: .issue, texts: [("title", issue.title)],
                optional: [("description", issue.description)]))
        try db.insert(issue)
    }

    /// Adds a source.
    public func add(_ source: Source) throws {
        var problems = Self.problems(
            id: source.id, kind: .source, texts: [("title", source.title)],
            optional: [("publisher", source.publisher), ("url", source.url)])
        if let error = ModelError.text(source.text, field: "text", limit: Limits.sourceTextBytes) {
            problems.append(Problem(error))
        }
        try Self.check(problems)
        try db.insert(source)
    }

    // MARK: - Statements

    /// Records a statement after checking it with the statement rules (every problem at once).
    /// A statement identical to a recorded one is refused. `statement.recordedAt` must be set.
    @discardableResult
    public func record(_ statement: ParleyModel.Statement) throws -> StatementReceipt {
        let references = DatabaseReferences(db)
        let problems = statement.problems(references: references)
        try references.rethrowFailure()
        try Self.check(problems)
        let issuePK = try references.pk(.issue, statement.issue)
        let labels = try db.stanceLabels(issuePK: issuePK)
        let sequence = try db.insert(statement, references: references)
        let isNew = !labels.contains(statement.stance)
        let nearMisses =
            isNew ? labels.filter { Suggestions.editDistance(Array($0), Array(statement.stance)) <= 2 } : []
        return StatementReceipt(
            sequence: sequence, party: statement.party, isNewLabel: isNew, existingLabels: labels,
            nearMisses: nearMisses)
    }

    // MARK: - Agreements and disputes

    /// Adds an agreement or a dispute with its first history step(s).
    public func add<Status>(_ record: Tracked<Status>) throws {
        try Self.check(Self.problems(record))
        try db.insert(record)
    }

    /// Appends a dated, sourced status step to the agreement or dispute `id`.
    public func appendStep<Status>(_ step: Step<Status>, to id: String) throws {
        try Self.check(ModelError.text(step.note, field: "note").map { [Problem($0)] } ?? [])
        try db.insertStep(step, ownerPK: try db.pk(Status.record, id))
    }

    // MARK: - Checks of single records

    static func check(_ problems: [Problem]) throws {
        if !problems.isEmpty { throw StoreError.invalid(problems) }
    }

    /// The problems of a single record's id, its required texts (not blank, not too long), its
    /// optional texts (not too long) and its aliases.
    static func problems(
        id: String, kind: RecordKind, texts: [(String, String)], optional: [(String, String?)] = [],
        aliases: [String] = []
    ) -> [Problem] {
        var problems: [Problem] = []
        do { try Identifier.validate(id, kind: kind) } catch { problems.append(Problem(error)) }
        for (field, value) in texts + aliases.map({ ("alias", $0) }) {
            if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                problems.append(Problem(.emptyField(field)))
            }
            if let error = ModelError.text(value, field: field) { problems.append(Problem(error)) }
        }
        for (field, value) in optional {
            if let error = ModelError.text(value, field: field) { problems.append(Problem(error)) }
        }
        return problems
    }

    /// What agreements and disputes must have: a valid id, a title, two parties, a first step.
    static func problems<Status>(_ record: Tracked<Status>) -> [Problem] {
        let kind = Tracked<Status>.kind
        var problems = problems(
            id: record.id, kind: kind, texts: [("title", record.title)], optional: [("terms", record.terms)])
        for step in record.history {
            if let error = ModelError.text(step.note, field: "note") { problems.append(Problem(error)) }
        }
        if Set(record.parties).count < 2 { problems.append(Problem(.tooFewParties(kind))) }
        if record.history.isEmpty { problems.append(Problem(.noHistory(kind))) }
        return problems
    }
}

// MARK: - Row-level inserts, used by the write methods and by casefile import

extension Database {
    func refuseExisting(_ kind: RecordKind, _ id: String) throws {
        if try exists(kind, id) { throw StoreError.alreadyExists(kind, id: id) }
    }

    func insert(_ party: Party) throws {
        try refuseExisting(.party, party.id)
        try execute(
            sql: "INSERT INTO party (id, name, kind, aliases) VALUES (?, ?, ?, ?)",
            arguments: [party.id, party.name, party.kind.rawValue, party.aliases.jsonText])
    }

    func insert(_ actor: Actor) throws {
        try refuseExisting(.actor, actor.id)
        let partyPK = try pk(.party, actor.party)
        try execute(
            sql: "INSERT INTO actor (id, name, party_pk, role, aliases) VALUES (?, ?, ?, ?, ?)",
            arguments: [actor.id, actor.name, partyPK, actor.role, actor.aliases.jsonText])
    }

    func insert(_ issue: Issue) throws {
        try refuseExisting(.issue, issue.id)
        var parentPK: Int64?
        if let parent = issue.parent {
            guard let found = try Int64.fetchOne(self, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [parent])
            else {
                throw StoreError.invalid([Problem(.missingParent(issue: issue.id, parent: parent))])
            }
            parentPK = found
        }
        try execute(
            sql: "INSERT INTO issue (id, title, description, parent_pk) VALUES (?, ?, ?, ?)",
            arguments: [issue.id, issue.title, issue.description, parentPK])
    }

    func insert(_ source: Source) throws {
        try refuseExisting(.source, source.id)
        try execute(
            sql: """
                INSERT INTO source (id, title, publisher, url, published, published_key, reliability, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                source.id, source.title, source.publisher, source.url, source.published.description,
                source.published.endKey, source.reliability?.rawValue, source.text,
            ])
    }

    /// Inserts a statement whose references the rules have checked; returns its number. A
    /// statement identical to a recorded one is refused.
    func insert(_ statement: Statement, references: DatabaseReferences) throws -> Int64 {
        let partyPK = try references.pk(.party, statement.party)
        let actorPK = try statement.actor.map { try references.pk(.actor, $0) }
        let issuePK = try references.pk(.issue, statement.issue)
        let sourcePK = try references.pk(.source, statement.source)
        guard
            let sourceKey = try Int.fetchOne(
                self, sql: "SELECT published_key FROM source WHERE pk = ?", arguments: [sourcePK]),
            let recordedAt = statement.recordedAt
        else {
            throw StoreError.unexpected(code: 0, detail: "statement without its source's date or a recording time")
        }
        let saidText = statement.said?.description
        let duplicate =
            try Bool.fetchOne(
                self,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM statement WHERE issue_pk = ? AND stance = ? AND party_pk = ?
                                   AND source_pk = ? AND ifnull(said, '') = ?)
                    """,
                arguments: [issuePK, statement.stance, partyPK, sourcePK, saidText ?? ""]) ?? false
        if duplicate {
            throw StoreError.duplicateStatement(
                party: statement.party, issue: statement.issue, stance: statement.stance, said: statement.said,
                source: statement.source)
        }
        try execute(
            sql: """
                INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                                       source_pk, source_key, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                partyPK, actorPK, issuePK, statement.kind.rawValue, statement.stance, statement.summary,
                statement.quote, saidText, statement.said?.endKey ?? sourceKey, sourcePK, sourceKey, recordedAt,
            ])
        return lastInsertedRowID
    }

    func insert<Status>(_ record: Tracked<Status>) throws {
        let table = Status.record.table
        try refuseExisting(Status.record, record.id)
        let issuePK = try pk(.issue, record.issue)
        try execute(
            sql: "INSERT INTO \(table) (id, title, issue_pk, terms) VALUES (?, ?, ?, ?)",
            arguments: [record.id, record.title, issuePK, record.terms])
        let ownerPK = lastInsertedRowID
        let members = record.parties.map { ($0, "party") } + record.mediators.map { ($0, "mediator") }
        for (index, (party, role)) in members.enumerated() {
            try execute(
                sql: "INSERT OR IGNORE INTO \(table)_party (\(table)_pk, party_pk, role, position) VALUES (?, ?, ?, ?)",
                arguments: [ownerPK, try pk(.party, party), role, index])
        }
        for step in record.history { try insertStep(step, ownerPK: ownerPK) }
    }

    /// Appends a step to a history, refusing one dated definitely before the last recorded step.
    func insertStep<Status>(_ step: Step<Status>, ownerPK: Int64) throws {
        let table = Status.record.table
        let lastOn = try String.fetchOne(
            self, sql: "SELECT \"on\" FROM \(table)_step WHERE \(table)_pk = ? ORDER BY pk DESC LIMIT 1",
            arguments: [ownerPK])
        if let lastOn {
            let last = try CalendarDate(parsing: lastOn)
            if step.on.endKey < last.startKey {
                throw StoreError.invalid([Problem(.stepBeforeLast(on: step.on, last: last))])
            }
        }
        let sourcePK = try pk(.source, step.source)
        try execute(
            sql:
                """
                INSERT INTO \(table)_step (\(table)_pk, status, "on", on_key, source_pk, note) VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [ownerPK, step.status.rawValue, step.on.description, step.on.endKey, sourcePK, step.note])
    }
}
