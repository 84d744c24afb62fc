import Foundation
import GRDB
import ParleyModel

/// What Parley tells the analyst after recording a statement, so that stance labels get reused.
public struct StatementReceipt: Hashable, Sendable {
    /// The row key of the new statement.
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

extension ParleyDatabase {
    // MARK: - Validation shared by the write methods

    static func check(_ problems: [Problem]) throws {
        if !problems.isEmpty { throw StoreError.invalid(problems) }
    }

    static func fieldProblems(id: String?, kind: String, texts: [(String, String)]) -> [Problem] {
        var problems: [Problem] = []
        if let id {
            do { try Identifier.validate(id, kind: kind) } catch {
                problems.append(Problem(path: "\(kind).id", message: error.localizedDescription))
            }
        }
        for (field, value) in texts where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(Problem(path: "\(kind).\(field)", message: "\(field) must not be empty"))
        }
        return problems
    }

    /// The current time as an ISO 8601 UTC timestamp, or `PARLEY_NOW` when set (for reproducible runs).
    static func now() -> String {
        if let fixed = ProcessInfo.processInfo.environment["PARLEY_NOW"], !fixed.isEmpty { return fixed }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }

    // MARK: - Parties, actors, issues, sources

    /// Adds a party; its id must be new.
    public func add(_ party: Party) throws {
        try Self.check(Self.fieldProblems(id: party.id, kind: "party", texts: [("name", party.name)]))
        try writer.write { db in try db.insert(party) }
    }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws {
        try Self.check(Self.fieldProblems(id: actor.id, kind: "actor", texts: [("name", actor.name)]))
        try writer.write { db in try db.insert(actor) }
    }

    /// Adds an issue; a nested issue's parent must already exist.
    public func add(_ issue: Issue) throws {
        try Self.check(Self.fieldProblems(id: issue.id, kind: "issue", texts: [("title", issue.title)]))
        try writer.write { db in try db.insert(issue) }
    }

    /// Adds a source.
    public func add(_ source: Source) throws {
        try Self.check(Self.fieldProblems(id: source.id, kind: "source", texts: [("title", source.title)]))
        try writer.write { db in try db.insert(source) }
    }

    // MARK: - Statements

    /// Records a statement. When `statement.actor` is set and `party` is empty, the party is the
    /// actor's. A statement identical to a recorded one is refused.
    @discardableResult
    public func add(_ statement: ParleyModel.Statement) throws -> StatementReceipt {
        var statement = statement
        var problems = Self.fieldProblems(id: nil, kind: "statement", texts: [("summary", statement.summary)])
        if !Identifier.isValid(statement.stance) {
            problems.append(Problem(path: "statement.stance", message: "'\(statement.stance)' is not a valid stance label: \(Identifier.rule)"))
        }
        try Self.check(problems)
        if statement.recordedAt == nil { statement.recordedAt = Self.now() }
        let recorded = statement
        return try writer.write { db in
            let issuePK = try db.pk(.issue, recorded.issue)
            let labels = try db.stanceLabels(issuePK: issuePK)
            let (sequence, party) = try db.insert(recorded)
            let isNew = !labels.contains(recorded.stance)
            let nearMisses = isNew
                ? labels.filter { Suggestions.editDistance(Array($0), Array(recorded.stance)) <= 2 } : []
            return StatementReceipt(sequence: sequence, party: party, isNewLabel: isNew, existingLabels: labels, nearMisses: nearMisses)
        }
    }

    // MARK: - Agreements and disputes

    /// Adds an agreement with its first history step(s).
    public func add(_ agreement: Agreement) throws {
        try Self.check(Self.agreementProblems(agreement))
        try writer.write { db in try db.insert(agreement) }
    }

    /// Appends a dated, sourced status step to an agreement.
    public func appendStep(_ step: AgreementStep, toAgreement id: String) throws {
        try writer.write { db in
            let pk = try db.pk(.agreement, id)
            try db.insertStep(step, into: .agreement, ownerPK: pk)
        }
    }

    /// Opens a recorded dispute with its first history step(s).
    public func add(_ dispute: Dispute) throws {
        try Self.check(Self.disputeProblems(dispute))
        try writer.write { db in try db.insert(dispute) }
    }

    /// Appends a dated, sourced status step to a dispute.
    public func appendStep(_ step: DisputeStep, toDispute id: String) throws {
        try writer.write { db in
            let pk = try db.pk(.dispute, id)
            try db.insertStep(step, into: .dispute, ownerPK: pk)
        }
    }

    static func agreementProblems(_ a: Agreement) -> [Problem] {
        accordProblems(kind: "agreement", noun: "an agreement", id: a.id, title: a.title, parties: a.parties, steps: a.history.count)
    }

    static func disputeProblems(_ d: Dispute) -> [Problem] {
        accordProblems(kind: "dispute", noun: "a dispute", id: d.id, title: d.title, parties: d.parties, steps: d.history.count)
    }

    /// What agreements and disputes must both have: a valid id, a title, two parties, a first step.
    private static func accordProblems(kind: String, noun: String, id: String, title: String, parties: [String], steps: Int) -> [Problem] {
        var problems = fieldProblems(id: id, kind: kind, texts: [("title", title)])
        if Set(parties).count < 2 {
            problems.append(Problem(path: "\(kind).parties", message: "\(noun) needs at least two parties"))
        }
        if steps == 0 {
            problems.append(Problem(path: "\(kind).history", message: "\(noun) needs a first dated status step"))
        }
        return problems
    }
}

// MARK: - Row-level inserts, used by the write methods and by casefile import

extension Database {
    func refuseExisting(_ kind: RecordKind, _ id: String) throws {
        if try exists(kind, id) { throw StoreError.alreadyExists(kind: kind.rawValue, id: id) }
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
            guard let found = try Int64.fetchOne(self, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [parent]) else {
                throw StoreError.invalid([Problem(
                    path: "issue.id",
                    message: "the parent issue '\(parent)' of '\(issue.id)' does not exist; add it first with `parley issue add --id \(parent)`")])
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

    /// Inserts a statement after resolving its references; returns its row key and the id of
    /// the party it was recorded for (the actor's, when only the actor was given).
    func insert(_ statement: Statement) throws -> (pk: Int64, party: String) {
        var partyID = statement.party
        var partyPK: Int64?
        var actorPK: Int64?
        if let actor = statement.actor {
            actorPK = try pk(.actor, actor)
            let row = try Row.fetchOne(
                self, sql: "SELECT p.pk, p.id FROM actor a JOIN party p ON p.pk = a.party_pk WHERE a.pk = ?",
                arguments: [actorPK])
            if let row {
                let ownerID: String = row[1]
                if statement.party.isEmpty || statement.party == ownerID {
                    partyPK = row[0]
                    partyID = ownerID
                } else {
                    throw StoreError.invalid([Problem(
                        path: "statement.actor",
                        message: "actor '\(actor)' speaks for '\(ownerID)', not '\(statement.party)'; omit --party or pick the right actor")])
                }
            }
        }
        let resolvedParty = try partyPK ?? pk(.party, statement.party)
        let issuePK = try pk(.issue, statement.issue)
        guard let sourceRow = try Row.fetchOne(
            self, sql: "SELECT pk, published_key FROM source WHERE id = ?", arguments: [statement.source])
        else {
            throw StoreError.notFound(kind: "source", id: statement.source, suggestions: try suggestions(.source, for: statement.source))
        }
        let sourcePK: Int64 = sourceRow[0]
        let sourceKey: Int = sourceRow[1]
        let saidText = statement.said?.description
        let duplicate = try Bool.fetchOne(
            self,
            sql: """
                SELECT EXISTS (SELECT 1 FROM statement WHERE issue_pk = ? AND stance = ? AND party_pk = ?
                               AND source_pk = ? AND ifnull(said, '') = ?)
                """,
            arguments: [issuePK, statement.stance, resolvedParty, sourcePK, saidText ?? ""]) ?? false
        if duplicate {
            throw StoreError.duplicateStatement(
                party: partyID, issue: statement.issue, stance: statement.stance,
                said: saidText ?? "(source date)", source: statement.source)
        }
        try execute(
            sql: """
                INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                                       source_pk, source_key, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                resolvedParty, actorPK, issuePK, statement.kind.rawValue, statement.stance, statement.summary,
                statement.quote, saidText, statement.said?.endKey ?? sourceKey, sourcePK, sourceKey,
                statement.recordedAt ?? ParleyDatabase.now(),
            ])
        return (lastInsertedRowID, partyID)
    }

    /// The stance labels used on an issue, most used first.
    func stanceLabels(issuePK: Int64) throws -> [String] {
        try String.fetchAll(
            self,
            sql: "SELECT stance FROM statement WHERE issue_pk = ? GROUP BY stance ORDER BY count(*) DESC, stance",
            arguments: [issuePK])
    }

    func insert(_ agreement: Agreement) throws {
        try refuseExisting(.agreement, agreement.id)
        let issuePK = try pk(.issue, agreement.issue)
        try execute(
            sql: "INSERT INTO agreement (id, title, issue_pk, terms) VALUES (?, ?, ?, ?)",
            arguments: [agreement.id, agreement.title, issuePK, agreement.terms])
        let agreementPK = lastInsertedRowID
        let members = agreement.parties.map { ($0, "party") } + agreement.mediators.map { ($0, "mediator") }
        for (index, (party, role)) in members.enumerated() {
            let partyPK = try pk(.party, party)
            try execute(
                sql: "INSERT OR IGNORE INTO agreement_party (agreement_pk, party_pk, role, position) VALUES (?, ?, ?, ?)",
                arguments: [agreementPK, partyPK, role, index])
        }
        for step in agreement.history { try insertStep(step, into: .agreement, ownerPK: agreementPK) }
    }

    /// The history tables, and the column that links a step to its agreement or dispute.
    enum StepTable: String {
        case agreement, dispute
        var table: String { rawValue + "_step" }
        var owner: String { rawValue + "_pk" }
    }

    /// Appends a step to a history, refusing one dated definitely before the last recorded step.
    func insertStep(_ step: some DatedStep, into history: StepTable, ownerPK: Int64) throws {
        let lastOn = try String.fetchOne(
            self, sql: "SELECT \"on\" FROM \(history.table) WHERE \(history.owner) = ? ORDER BY pk DESC LIMIT 1", arguments: [ownerPK])
        if let lastOn, let last = try? CalendarDate(parsing: lastOn), step.on.endKey < last.startKey {
            throw StoreError.invalid([Problem(
                path: "\(history.rawValue).on",
                message: "\(step.on) is before the last recorded step (\(last)); steps are kept in the order things happened, so record the earlier step first or check the date")])
        }
        let sourcePK = try pk(.source, step.source)
        try execute(
            sql: "INSERT INTO \(history.table) (\(history.owner), status, \"on\", on_key, source_pk, note) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [ownerPK, step.statusName, step.on.description, step.on.endKey, sourcePK, step.note])
    }

    func insert(_ dispute: Dispute) throws {
        try refuseExisting(.dispute, dispute.id)
        let issuePK = try pk(.issue, dispute.issue)
        try execute(
            sql: "INSERT INTO dispute (id, title, issue_pk) VALUES (?, ?, ?)",
            arguments: [dispute.id, dispute.title, issuePK])
        let disputePK = lastInsertedRowID
        for (index, party) in dispute.parties.enumerated() {
            let partyPK = try pk(.party, party)
            try execute(
                sql: "INSERT OR IGNORE INTO dispute_party (dispute_pk, party_pk, position) VALUES (?, ?, ?)",
                arguments: [disputePK, partyPK, index])
        }
        for step in dispute.history { try insertStep(step, into: .dispute, ownerPK: disputePK) }
    }
}
