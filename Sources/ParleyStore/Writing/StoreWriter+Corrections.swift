import GRDB
import ParleyModel

extension StoreWriter {
    /// Gives statement `number` the values of `amended` (its number, recording time and any
    /// retraction are kept), checked by the statement rules; returns what changed, old → new. A
    /// retracted statement cannot be amended; an amendment that changes nothing is refused. With
    /// `today`, a said date after it is refused.
    public func amend(
        number: Int64, to amended: ParleyModel.Statement, today: CalendarDate? = nil
    ) throws -> [FieldChange] {
        let current = try reader.statement(number: number).statement
        let changes = try amended.amendment(of: current, number: number)
        let references = DatabaseReferences(db)
        let problems = amended.problems(references: references, today: today)
        try references.rethrowFailure()
        try Self.check(problems)
        let resolved = try db.resolve(amended, references: references)
        if let other = try db.sameStatement(as: amended, resolved, excluding: number) {
            throw StoreError.invalid([Problem(.wouldDuplicate([number, other]))])
        }
        try db.execute(
            sql: """
                UPDATE statement SET party_pk = ?, actor_pk = ?, issue_pk = ?, kind = ?, stance = ?, summary = ?, quote = ?,
                       said = ?, said_key = ?, source_pk = ?, source_key = ?, via = ?, about_pk = ?
                WHERE pk = ?
                """,
            arguments: [
                resolved.party, resolved.actor, resolved.issue, amended.kind.rawValue, amended.stance, amended.summary,
                amended.quote, amended.said?.description, resolved.saidKey, resolved.source, resolved.sourceKey,
                amended.via, resolved.about, number,
            ])
        if amended.conditions != current.conditions {
            try db.setConditions(amended.conditions, of: number, references: references)
        }
        return changes
    }

    /// Retracts statement `number`: it stays on record, marked with `retraction`, and no longer
    /// counts for positions, reports or diffs. Returns the statement as it was.
    @discardableResult
    public func retract(number: Int64, _ retraction: Retraction) throws -> DatedStatement {
        let current = try reader.statement(number: number)
        try retraction.check(.statement, record: "#\(number)", earlier: current.statement.retraction)
        try db.execute(
            sql: "UPDATE statement SET retracted_at = ?, retracted_by = ?, retract_reason = ? WHERE pk = ?",
            arguments: [retraction.at, retraction.by, retraction.reason, number])
        return current
    }

    /// Merges stance label `from` into `to` on `issue` and its sub-issues: every statement that
    /// stands and uses `from` takes `to`, and so do the relations and orders naming it. Returns
    /// the numbers of the statements changed and the relations and orders changed (as the change
    /// log keeps them). Refused when `from` is not used there (with the closest labels), and when
    /// two statements would become the same statement.
    public func relabel(issue: String, from: String, to: String) throws -> (
        numbers: [Int64], relations: [FieldChange]
    ) {
        try Relabelling.checkNewLabel(to)
        let subtree = db.issueSubtree("issue_pk", canonical: try db.canonicalIssue(issue))
        let numbers = try Int64.fetchAll(
            db,
            sql: "SELECT pk FROM statement WHERE stance = ? AND retracted_at IS NULL AND \(subtree.sql) ORDER BY pk",
            arguments: [from] + subtree.arguments)
        if numbers.isEmpty {
            let used = try String.fetchAll(
                db, sql: "SELECT DISTINCT stance FROM statement WHERE retracted_at IS NULL AND \(subtree.sql)",
                arguments: subtree.arguments)
            try Relabelling.checkUsed(from, issue: issue, changed: numbers, used: used)
        }
        let clash = try Row.fetchOne(
            db,
            sql: """
                SELECT a.pk AS a, b.pk AS b FROM statement a JOIN statement b
                  ON b.issue_pk = a.issue_pk AND b.party_pk = a.party_pk AND b.source_pk = a.source_pk
                 AND ifnull(b.said, '') = ifnull(a.said, '') AND ifnull(b.actor_pk, 0) = ifnull(a.actor_pk, 0)
                 AND b.kind = a.kind AND ifnull(b.about_pk, 0) = ifnull(a.about_pk, 0) AND b.stance = ?
                 AND ifnull(b.quote, '') = ifnull(a.quote, '') AND ifnull(b.via, '') = ifnull(a.via, '')
                 AND b.retracted_at IS NULL
                WHERE a.stance = ? AND a.retracted_at IS NULL AND a.\(subtree.sql)
                ORDER BY a.pk, b.pk LIMIT 1
                """,
            arguments: [to, from] + subtree.arguments)
        try Relabelling.checkClash(clash.map { (a: $0["a"], b: $0["b"]) })
        try db.execute(
            sql: "UPDATE statement SET stance = ? WHERE stance = ? AND retracted_at IS NULL AND \(subtree.sql)",
            arguments: [to, from] + subtree.arguments)
        let relations = try db.moveRelations(from: from, to: to, subtree: subtree)
        return (numbers, relations)
    }
}
