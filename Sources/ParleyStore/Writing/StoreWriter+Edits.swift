import GRDB
import ParleyModel

extension StoreWriter {
    /// Gives party `party.id` the values of `party`; returns what changed.
    public func update(_ party: Party) throws -> [FieldChange] {
        try Self.check(party.problems())
        let current = try reader.party(party.id)
        let changes = try FieldChange.edit(.party, party.id, from: current.fields, to: party.fields)
        try db.execute(
            sql: "UPDATE party SET name = ?, kind = ?, aliases = ? WHERE id = ?",
            arguments: [party.name, party.kind.rawValue, party.aliases.jsonText, party.id])
        return changes
    }

    /// Gives actor `actor.id` the values of `actor`; returns what changed. Its party cannot
    /// change while statements record the actor for the old party.
    public func update(_ actor: Actor) throws -> [FieldChange] {
        try Self.check(actor.problems())
        let current = try reader.actor(actor.id)
        let changes = try FieldChange.edit(.actor, actor.id, from: current.fields, to: actor.fields)
        let actorPK = try db.pk(.actor, actor.id)
        if actor.party != current.party {
            try current.checkMove(
                to: actor.party,
                statements: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM statement WHERE actor_pk = ?", arguments: [actorPK]) ?? 0)
        }
        try db.execute(
            sql: "UPDATE actor SET name = ?, party_pk = ?, role = ?, aliases = ? WHERE pk = ?",
            arguments: [actor.name, try db.pk(.party, actor.party), actor.role, actor.aliases.jsonText, actorPK])
        return changes
    }

    /// Gives issue `issue.id` the title, description, aliases and staleness window of `issue`;
    /// returns what changed.
    public func update(_ issue: Issue) throws -> [FieldChange] {
        try Self.check(issue.problems())
        let current = try reader.issue(issue.id)
        let changes = try FieldChange.edit(.issue, issue.id, from: current.fields, to: issue.fields)
        try db.checkAliases(issue.aliases, of: current.id)
        try db.execute(
            sql: "UPDATE issue SET title = ?, description = ?, aliases = ?, stale_after = ? WHERE id = ?",
            arguments: [
                issue.title, issue.description, issue.aliases.jsonText, issue.staleAfter?.description, current.id,
            ])
        return changes
    }

    /// Gives source `source.id` the values of `source`; returns what changed. A new published
    /// date moves the statements and status steps that take their date from the source; it is
    /// refused when a statement or step would then be dated after its source.
    public func update(_ source: Source, today: CalendarDate? = nil) throws -> [FieldChange] {
        try Self.check(source.problems(today: today))
        let current = try reader.source(source.id)
        let changes = try FieldChange.edit(.source, source.id, from: current.fields, to: source.fields)
        let sourcePK = try db.pk(.source, source.id)
        try db.execute(
            sql: """
                UPDATE source SET title = ?, publisher = ?, url = ?, published = ?, published_key = ?, reliability = ?,
                       text = ?
                WHERE pk = ?
                """,
            arguments: [
                source.title, source.publisher, source.url, source.published.description, source.published.endKey,
                source.reliability?.rawValue, source.text, sourcePK,
            ])
        if source.published != current.published {
            try refuseDatesAfter(source, sourcePK: sourcePK)
            for table in ["agreement_step", "dispute_step"] {
                try db.execute(
                    sql: "UPDATE \(table) SET \"on\" = ?, on_key = ? WHERE source_pk = ? AND on_from_source = 1",
                    arguments: [source.published.description, source.published.endKey, sourcePK])
            }
            try db.execute(
                sql: """
                    UPDATE statement SET source_key = ?, said_key = CASE WHEN said IS NULL THEN ? ELSE said_key END
                    WHERE source_pk = ?
                    """,
                arguments: [source.published.endKey, source.published.endKey, sourcePK])
        }
        return changes
    }

    /// Refuses a new published date for a source that reports statements said, or steps dated,
    /// after it (the source rule, ``ParleyModel/Source/redatingProblems(statements:steps:)``).
    private func refuseDatesAfter(_ source: Source, sourcePK: Int64) throws {
        let statements = try Row.fetchAll(
            db,
            sql: """
                SELECT pk, said FROM statement WHERE source_pk = ? AND said IS NOT NULL AND said_key > ?
                  AND retracted_at IS NULL ORDER BY pk LIMIT 5
                """, arguments: [sourcePK, source.published.endKey]
        ).map { (number: $0["pk"] as Int64, said: try CalendarDate(parsing: $0["said"])) }
        var steps: [(record: String, on: CalendarDate)] = []
        for table in ["agreement", "dispute"] {
            steps += try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id AS id, st."on" AS "on" FROM \(table)_step st JOIN \(table) r ON r.pk = st.\(table)_pk
                    WHERE st.source_pk = ? AND st.on_from_source = 0 AND st.on_key > ? AND st.retracted_at IS NULL
                    ORDER BY r.id LIMIT 5
                    """, arguments: [sourcePK, source.published.endKey]
            ).map { (record: $0["id"] as String, on: try CalendarDate(parsing: $0["on"])) }
        }
        try Self.check(source.redatingProblems(statements: statements, steps: steps))
    }

    /// Gives issue `old` (an id or alias) the id `new`, and its sub-issues the same new prefix.
    /// Statements, agreements and disputes stay attached; each renamed issue keeps its old id as
    /// an alias, so commands and casefiles that still say it resolve to it. `new` must be free,
    /// its parent must exist, and it cannot be under `old`. Returns the ids renamed, old → new.
    public func renameIssue(_ old: String, to new: String) throws -> [(old: String, new: String)] {
        try IssueRenaming.checkNewID(new)
        let rootPK = try db.pk(.issue, old)
        let root = try db.id(.issue, pk: rootPK)
        var parentPK: Int64?
        if let parent = try IssueRenaming.check(root, to: new) {
            guard let found = try Int64.fetchOne(db, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [parent])
            else { throw IssueRenaming.missingParent(parent, of: new) }
            parentPK = found
        }
        let subtree = try Row.fetchAll(
            db,
            sql:
                "SELECT pk, id, aliases FROM issue WHERE id = ? OR substr(id, 1, length(?) + 1) = ? || '/' ORDER BY id",
            arguments: [root, root, root])
        let renamed = try IssueRenaming.renamed(subtree.map { $0["id"] }, root: root, to: new) { name in
            try
                (Int64.fetchOne(db, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [name])
                ?? db.issueAliasOwner(name)).map { try db.id(.issue, pk: $0) }
        }
        // Parents before children: a child's new id needs its parent's new id in place, and ids
        // are unique at every step.
        for (row, names) in zip(subtree, renamed) {
            let aliases = IssueRenaming.aliases(try [String](jsonText: row["aliases"]), renamed: names)
            try db.execute(
                sql: "UPDATE issue SET id = ?, aliases = ? WHERE pk = ?",
                arguments: [names.new, aliases.jsonText, row["pk"]])
        }
        try db.execute(sql: "UPDATE issue SET parent_pk = ? WHERE pk = ?", arguments: [parentPK, rootPK])
        return renamed
    }
}
