import GRDB
import ParleyModel

extension StoreWriter {
    /// Records that labels `relation.labels` on `relation.issue` are the same side (compatible),
    /// opposite sides, or independent aspects; returns the kind recorded before, if the pair was
    /// related. Both labels must be in use on the issue (a guard against typos), and the relation
    /// must agree with the others and with the issue's scale: labels opposed, independent or
    /// ordered, directly or through compatible ones, cannot be made compatible, and so on.
    @discardableResult
    public func relate(_ relation: LabelRelation) throws -> LabelRelation.Kind? {
        let (a, b) = relation.labels
        let (issuePK, issue) = try checkedLabels([a, b], on: relation.issue)
        let previous = try db.relation(issuePK: issuePK, a, b)
        try reader.labelRelationSet().checkRelating(relation, issue: issue, previous: previous)
        try db.insert(LabelRelation(issue: issue, a, b, kind: relation.kind), issuePK: issuePK)
        return previous
    }

    /// Records that each order's harder label demands more than its softer one on the issue's
    /// scale (a scale `A B C` is A harder than B, B than C); returns the orders that were not
    /// recorded yet. Every label must be in use on the issue; an order that contradicts the
    /// relations or the scale recorded (labels of one side or independent, a circle) is refused.
    @discardableResult
    public func order(_ orders: [LabelOrder]) throws -> [LabelOrder] {
        guard let first = orders.first else { throw StoreError.invalid([Problem(.shortScale([]))]) }
        let (issuePK, issue) = try checkedLabels(orders.flatMap { [$0.harder, $0.softer] }, on: first.issue)
        let new = try reader.labelRelationSet().ordersToAdd(orders, issue: issue)
        for order in new {
            try db.execute(
                sql: "INSERT INTO label_order (issue_pk, harder, softer) VALUES (?, ?, ?)",
                arguments: [issuePK, order.harder, order.softer])
        }
        return new
    }

    /// Removes what is recorded between two labels on an issue: their relation, and their order
    /// either way. Returns what was removed; refused when nothing is recorded between them.
    @discardableResult
    public func unrelate(issue: String, _ first: String, _ second: String) throws -> (
        relation: LabelRelation.Kind?, orders: [LabelOrder]
    ) {
        let issuePK = try db.pk(.issue, issue)
        let id = try db.id(.issue, pk: issuePK)
        let (a, b) = first < second ? (first, second) : (second, first)
        let removed = try reader.labelRelationSet().removal(of: a, b, on: id)
        try db.execute(
            sql: "DELETE FROM label_relation WHERE issue_pk = ? AND a = ? AND b = ?", arguments: [issuePK, a, b])
        try db.execute(
            sql:
                "DELETE FROM label_order WHERE issue_pk = ? AND ((harder = ? AND softer = ?) OR (harder = ? AND softer = ?))",
            arguments: [issuePK, a, b, b, a])
        return removed
    }

    /// The issue's row key and id, once every label is checked: valid, two or more different
    /// ones, each in use on the issue.
    private func checkedLabels(_ labels: [String], on issue: String) throws -> (Int64, String) {
        try LabelRelations.checkNamed(labels)
        let issuePK = try db.pk(.issue, issue)
        let id = try db.id(.issue, pk: issuePK)
        try LabelRelations.checkInUse(labels, used: try db.stanceLabels(issuePK: issuePK), on: id)
        return (issuePK, id)
    }
}

extension StoreReader {
    /// The label relations recorded on `issue` and its sub-issues (all when nil), by issue then
    /// label: as they were at the moment this reader knows, if it knows one.
    public func labelRelations(issue: String? = nil) throws -> [LabelRelation] {
        guard let known else { return try labelRelations(issue: issue, current: true) }
        return known.relations(within: try issue.map { try db.canonicalIssue($0) })
    }

    /// The label orders recorded on `issue` and its sub-issues (all when nil), by issue, then the
    /// harder label, then the softer: as they were at the moment this reader knows, if it knows one.
    public func labelOrders(issue: String? = nil) throws -> [LabelOrder] {
        guard let known else { return try labelOrders(issue: issue, current: true) }
        return known.orders(within: try issue.map { try db.canonicalIssue($0) })
    }

    /// The label relations and orders of the whole case, as one value.
    public func labelRelationSet() throws -> LabelRelations {
        LabelRelations(try labelRelations(), orders: try labelOrders())
    }

    func labelOrders(issue: String? = nil, current: Bool) throws -> [LabelOrder] {
        var sql =
            "SELECT i.id AS issue, r.harder AS harder, r.softer AS softer FROM label_order r JOIN issue i ON i.pk = r.issue_pk"
        var arguments: StatementArguments = []
        if let issue {
            let subtree = db.issueSubtree("r.issue_pk", canonical: try db.canonicalIssue(issue))
            sql += " WHERE " + subtree.sql
            arguments = subtree.arguments
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY i.id, r.harder, r.softer", arguments: arguments).map { row in
            LabelOrder(issue: row["issue"], harder: row["harder"], softer: row["softer"])
        }
    }

    func labelRelations(issue: String? = nil, current: Bool) throws -> [LabelRelation] {
        var sql =
            "SELECT i.id AS issue, r.a AS a, r.b AS b, r.kind AS kind FROM label_relation r JOIN issue i ON i.pk = r.issue_pk"
        var arguments: StatementArguments = []
        if let issue {
            let subtree = db.issueSubtree("r.issue_pk", canonical: try db.canonicalIssue(issue))
            sql += " WHERE " + subtree.sql
            arguments = subtree.arguments
        }
        return try Row.fetchAll(db, sql: sql + " ORDER BY i.id, r.a, r.b", arguments: arguments).map { row in
            LabelRelation(issue: row["issue"], row["a"], row["b"], kind: try LabelRelation.Kind.parse(row["kind"]))
        }
    }

    /// The stance labels used on `issue` and its sub-issues, with how many statements that stand
    /// use each: by issue, most used first.
    public func labelUse(issue: String) throws -> [(issue: String, label: String, count: Int)] {
        let subtree = db.issueSubtree("s.issue_pk", canonical: try db.canonicalIssue(issue))
        return try Row.fetchAll(
            db,
            sql: """
                SELECT i.id AS issue, s.stance AS label, count(*) AS n FROM statement s JOIN issue i ON i.pk = s.issue_pk
                WHERE s.retracted_at IS NULL AND \(subtree.sql)
                GROUP BY s.issue_pk, s.stance ORDER BY i.id, n DESC, s.stance
                """, arguments: subtree.arguments
        ).map { ($0["issue"], $0["label"], $0["n"]) }
    }
}

extension Database {
    func relation(issuePK: Int64, _ a: String, _ b: String) throws -> LabelRelation.Kind? {
        try String.fetchOne(
            self, sql: "SELECT kind FROM label_relation WHERE issue_pk = ? AND a = ? AND b = ?",
            arguments: [issuePK, a, b]
        ).map { try LabelRelation.Kind.parse($0) }
    }

    /// Inserts or replaces a label relation.
    func insert(_ relation: LabelRelation, issuePK: Int64? = nil) throws {
        try execute(
            sql: "INSERT OR REPLACE INTO label_relation (issue_pk, a, b, kind) VALUES (?, ?, ?, ?)",
            arguments: [
                try issuePK ?? pk(.issue, relation.issue), relation.labels.0, relation.labels.1, relation.kind.rawValue,
            ])
    }

    /// After label `from` became `to` on the issues of `subtree`, the relations and orders that
    /// named `from` name `to` (the relabelling rule, ``ParleyModel/Relabelling``). Returns what
    /// changed, as the change log keeps it.
    @discardableResult
    func moveRelations(from: String, to: String, subtree: (sql: String, arguments: StatementArguments)) throws
        -> [FieldChange]
    {
        let relations = try Row.fetchAll(
            self,
            sql: """
                SELECT i.id AS issue, r.a AS a, r.b AS b, r.kind AS kind
                FROM label_relation r JOIN issue i ON i.pk = r.issue_pk
                WHERE r.\(subtree.sql) ORDER BY r.issue_pk, r.a, r.b
                """,
            arguments: subtree.arguments
        ).map { LabelRelation(issue: $0["issue"], $0["a"], $0["b"], kind: try LabelRelation.Kind.parse($0["kind"])) }
        let orders = try Row.fetchAll(
            self,
            sql: """
                SELECT i.id AS issue, r.harder AS harder, r.softer AS softer
                FROM label_order r JOIN issue i ON i.pk = r.issue_pk
                WHERE r.\(subtree.sql) ORDER BY r.issue_pk, r.harder, r.softer
                """,
            arguments: subtree.arguments
        ).map { LabelOrder(issue: $0["issue"], harder: $0["harder"], softer: $0["softer"]) }
        let moves = Relabelling.moves(from: from, to: to, relations: relations, orders: orders)
        for relation in moves.deletedRelations {
            try execute(
                sql: "DELETE FROM label_relation WHERE issue_pk = ? AND a = ? AND b = ?",
                arguments: [try pk(.issue, relation.issue), relation.labels.0, relation.labels.1])
        }
        for relation in moves.insertedRelations { try insert(relation) }
        for order in moves.deletedOrders {
            try execute(
                sql: "DELETE FROM label_order WHERE issue_pk = ? AND harder = ? AND softer = ?",
                arguments: [try pk(.issue, order.issue), order.harder, order.softer])
        }
        for order in moves.insertedOrders {
            try execute(
                sql: "INSERT INTO label_order (issue_pk, harder, softer) VALUES (?, ?, ?)",
                arguments: [try pk(.issue, order.issue), order.harder, order.softer])
        }
        return moves.changes
    }
}
