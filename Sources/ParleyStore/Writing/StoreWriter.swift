import Foundation
import GRDB
import ParleyModel

/// The writes of one write transaction (see ``ParleyDatabase/write(_:)``), each named for what
/// it does. If anything in the transaction throws, none of its writes is kept.
public struct StoreWriter {
    let db: Database

    /// The queries of this transaction: they see its writes so far.
    public var reader: StoreReader { StoreReader(db: db) }
}

extension StoreWriter {
    // MARK: - Parties, actors, issues, sources

    /// Adds a party; its id must be new.
    public func add(_ party: Party) throws {
        try Self.check(party.problems())
        try db.insert(party)
    }

    /// Adds an actor who speaks for an existing party.
    public func add(_ actor: Actor) throws {
        try Self.check(actor.problems())
        try db.insert(actor)
    }

    /// Adds an issue; a nested issue's parent must already exist.
    public func add(_ issue: Issue) throws {
        try Self.check(issue.problems())
        try db.insert(issue)
    }

    /// Adds a source. With `today`, a published date after it is refused.
    public func add(_ source: Source, today: CalendarDate? = nil) throws {
        try Self.check(source.problems(today: today))
        try db.insert(source)
    }

    // MARK: - Statements

    /// Records a statement after checking it with the statement rules (every problem at once).
    /// A statement identical to one that stands is refused. Unless `newLabelConfirmed`, a stance
    /// label new on the issue and close to one already used there is refused too, before anything
    /// is written: it is usually a typo. `statement.recordedAt` must be set. With `today`, a said
    /// date after it is refused. A batch passes the same `labelCounts` to each of its statements; its
    /// receipts list the issue's labels only for a label new there (the only receipts that show
    /// them).
    @discardableResult
    public func record(
        _ statement: ParleyModel.Statement, newLabelConfirmed: Bool = true, today: CalendarDate? = nil,
        labelCounts: StanceLabelCounts? = nil
    ) throws -> StatementReceipt {
        let references = DatabaseReferences(db)
        let problems = statement.problems(references: references, today: today)
        try references.rethrowFailure()
        try Self.check(problems)
        let issuePK = try references.pk(.issue, statement.issue)
        // nil: the label is used on the issue (a batch did not need to read the others).
        let toCheck: [String]?
        if let labelCounts {
            toCheck = try labelCounts.labels(checking: statement.stance, issuePK: issuePK, in: db)
        } else {
            toCheck = try db.stanceLabels(issuePK: issuePK)
        }
        let labels = toCheck ?? []
        var (isNew, nearMisses) = (false, [String]())
        if let toCheck {
            (isNew, nearMisses) = try statement.stanceLabelCheck(
                labels: toCheck, issue: try db.id(.issue, pk: issuePK), newLabelConfirmed: newLabelConfirmed)
        }
        let sequence = try db.insert(statement, references: references)
        labelCounts?.count(statement.stance, issuePK: issuePK)
        return StatementReceipt(
            sequence: sequence, party: statement.party, isNewLabel: isNew, existingLabels: labels,
            nearMisses: nearMisses)
    }

    /// Labels among `labels` that look like a typo of `label`: within two edits.
    public static func nearMisses(_ label: String, among labels: [String]) -> [String] {
        ParleyModel.Statement.nearMisses(label, among: labels)
    }

    // MARK: - Checks of single records

    static func check(_ problems: [Problem]) throws {
        if !problems.isEmpty { throw StoreError.invalid(problems) }
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
        if let owner = try issueAliasOwner(issue.id) {
            throw StoreError.invalid([Problem(.aliasTaken(issue.id, by: try id(.issue, pk: owner)))])
        }
        try refuseExisting(.issue, issue.id)
        try checkAliases(issue.aliases, of: issue.id)
        var parentPK: Int64?
        if let parent = issue.parent {
            guard let found = try Int64.fetchOne(self, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [parent])
            else {
                throw StoreError.invalid([Problem(.missingParent(issue: issue.id, parent: parent))])
            }
            parentPK = found
        }
        try execute(
            sql:
                "INSERT INTO issue (id, title, description, parent_pk, aliases, stale_after) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                issue.id, issue.title, issue.description, parentPK, issue.aliases.jsonText,
                issue.staleAfter?.description,
            ])
    }

    /// Refuses aliases that are another issue's id or alias.
    func checkAliases(_ aliases: [String], of issue: String) throws {
        for alias in aliases where alias != issue {
            let owner =
                try String.fetchOne(self, sql: "SELECT id FROM issue WHERE id = ?", arguments: [alias])
                ?? issueAliasOwner(alias).map { try id(.issue, pk: $0) }
            if let owner, owner != issue { throw StoreError.invalid([Problem(.aliasTaken(alias, by: owner))]) }
        }
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

    /// The row keys and dates a statement's fields resolve to.
    struct ResolvedStatement {
        var party, issue, source: Int64
        var actor: Int64?
        var about: Int64?
        var sourceKey: Int
        var saidKey: Int { said?.endKey ?? sourceKey }
        var said: CalendarDate?
    }

    func resolve(_ statement: Statement, references: DatabaseReferences) throws -> ResolvedStatement {
        let sourcePK = try references.pk(.source, statement.source)
        guard
            let sourceKey = try Int.fetchOne(
                cachedStatement(sql: "SELECT published_key FROM source WHERE pk = ?"), arguments: [sourcePK])
        else {
            throw StoreError.unexpected(code: 0, detail: "a source without its published date")
        }
        return ResolvedStatement(
            party: try references.pk(.party, statement.party), issue: try references.pk(.issue, statement.issue),
            source: sourcePK, actor: try statement.actor.map { try references.pk(.actor, $0) },
            about: try statement.about.map { try references.pk(.party, $0) }, sourceKey: sourceKey, said: statement.said
        )
    }

    /// The number of a statement that stands and is the same statement as `statement` (party,
    /// actor, issue, kind, stance, said date, source and the party it is about), other than
    /// `excluding`.
    func sameStatement(as statement: Statement, _ resolved: ResolvedStatement, excluding: Int64? = nil) throws -> Int64?
    {
        try Int64.fetchOne(
            cachedStatement(
                sql: """
                    SELECT pk FROM statement WHERE issue_pk = ? AND stance = ? AND party_pk = ? AND source_pk = ?
                    AND ifnull(said, '') = ? AND ifnull(actor_pk, 0) = ? AND kind = ? AND ifnull(about_pk, 0) = ?
                    AND ifnull(quote, '') = ? AND ifnull(via, '') = ?
                    AND retracted_at IS NULL AND pk IS NOT ? LIMIT 1
                    """),
            arguments: [
                resolved.issue, statement.stance, resolved.party, resolved.source, statement.said?.description ?? "",
                resolved.actor ?? 0, statement.kind.rawValue, resolved.about ?? 0, statement.quote ?? "",
                statement.via ?? "", excluding,
            ])
    }

    /// Replaces the conditions of statement `number` with `conditions` (whose references the
    /// rules have checked).
    func setConditions(_ conditions: [Condition], of number: Int64, references: DatabaseReferences) throws {
        try execute(sql: "DELETE FROM statement_condition WHERE statement_pk = ?", arguments: [number])
        for (position, condition) in conditions.enumerated() {
            try execute(
                sql:
                    "INSERT INTO statement_condition (statement_pk, position, party_pk, issue_pk, label) VALUES (?, ?, ?, ?, ?)",
                arguments: [
                    number, position, try condition.party.map { try references.pk(.party, $0) },
                    try references.pk(.issue, condition.issue), condition.label,
                ])
        }
    }

    /// Inserts a statement whose references the rules have checked, under its own number when it
    /// has one; returns its number. A statement identical to one that stands is refused.
    func insert(_ statement: Statement, references: DatabaseReferences) throws -> Int64 {
        let resolved = try resolve(statement, references: references)
        guard let recordedAt = statement.recordedAt else {
            throw StoreError.unexpected(code: 0, detail: "a statement without its recording time")
        }
        if statement.retraction == nil, try sameStatement(as: statement, resolved) != nil {
            throw statement.duplicateError
        }
        if let number = statement.number,
            try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM statement WHERE pk = ?)", arguments: [number])
                == true
        {
            throw StoreError.invalid([
                Problem(.conflict(.statement, record: "#\(number)", detail: "the number is taken"))
            ])
        }
        // Cached: a batch inserts many statements with one compiled statement.
        try cachedStatement(
            sql: """
                INSERT INTO statement (pk, party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                                       source_pk, source_key, recorded_at, retracted_at, retracted_by, retract_reason,
                                       via, about_pk)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                statement.number, resolved.party, resolved.actor, resolved.issue, statement.kind.rawValue,
                statement.stance, statement.summary, statement.quote, statement.said?.description, resolved.saidKey,
                resolved.source, resolved.sourceKey, recordedAt, statement.retraction?.at, statement.retraction?.by,
                statement.retraction?.reason, statement.via, resolved.about,
            ])
        let number = lastInsertedRowID
        if !statement.conditions.isEmpty { try setConditions(statement.conditions, of: number, references: references) }
        return number
    }
}
