import GRDB
import ParleyModel

extension StoreWriter {
    /// Records that labels `relation.labels` on `relation.issue` are the same side (compatible)
    /// or opposite sides; returns the kind recorded before, if the pair was related. Both labels
    /// must be in use on the issue (a guard against typos), and the relation must not contradict
    /// the others: labels opposed, directly or through compatible ones, cannot be made compatible.
    @discardableResult
    public func relate(_ relation: LabelRelation) throws -> LabelRelation.Kind? {
        let (a, b) = relation.labels
        if a == b { throw StoreError.invalid([Problem(.relateToItself(a))]) }
        for label in [a, b] where !Identifier.isValid(label) {
            throw StoreError.invalid([Problem(.invalidStance(label))])
        }
        let issuePK = try db.pk(.issue, relation.issue)
        let issue = try db.id(.issue, pk: issuePK)
        let used = try db.stanceLabels(issuePK: issuePK)
        var problems: [Problem] = []
        for label in [a, b] where !used.contains(label) {
            problems.append(
                Problem(.unknownLabel(label, issue: issue, suggestions: Suggestions.closest(to: label, among: used))))
        }
        try Self.check(problems)
        var others = try reader.labelRelations().filter { !($0.issue == issue && $0.labels == relation.labels) }
        let previous = try db.relation(issuePK: issuePK, a, b)
        others.append(LabelRelation(issue: issue, a, b, kind: relation.kind))
        let sides = LabelRelations(others)
        for other in sides.all where other.issue == issue && other.kind == .opposed {
            if sides.side(of: other.labels.0, on: issue) == sides.side(of: other.labels.1, on: issue) {
                throw StoreError.invalid([
                    Problem(
                        .relationContradicts(
                            a, b, issue: issue,
                            recorded: relation.kind == .compatible ? "opposed" : "compatible"))
                ])
            }
        }
        if previous == relation.kind {
            throw StoreError.invalid([Problem(.nothingToChange(.issue, record: "\(issue) ('\(a)' and '\(b)')"))])
        }
        try db.insert(LabelRelation(issue: issue, a, b, kind: relation.kind), issuePK: issuePK)
        return previous
    }

    /// Removes the relation between two labels on an issue; returns the kind it was.
    @discardableResult
    public func unrelate(issue: String, _ first: String, _ second: String) throws -> LabelRelation.Kind {
        let issuePK = try db.pk(.issue, issue)
        let (a, b) = first < second ? (first, second) : (second, first)
        guard let previous = try db.relation(issuePK: issuePK, a, b) else {
            throw StoreError.invalid([Problem(.noRelation(a, b, issue: try db.id(.issue, pk: issuePK)))])
        }
        try db.execute(
            sql: "DELETE FROM label_relation WHERE issue_pk = ? AND a = ? AND b = ?", arguments: [issuePK, a, b])
        return previous
    }
}

extension StoreReader {
    /// The label relations recorded on `issue` and its sub-issues (all when nil), by issue then label.
    public func labelRelations(issue: String? = nil) throws -> [LabelRelation] {
        var sql =
            "SELECT i.id AS issue, r.a AS a, r.b AS b, r.kind AS kind FROM label_relation r JOIN issue i ON i.pk = r.issue_pk"
        var arguments: StatementArguments = []
        if let issue {
            let subtree = try db.issueSubtree("r.issue_pk", issue)
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
        let subtree = try db.issueSubtree("s.issue_pk", issue)
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

    /// After label `from` became `to` on the issues `issuePKs`, the relations that named `from`
    /// name `to`; a relation of `to` with itself goes, and one already recorded for the new pair
    /// is kept.
    func moveRelations(from: String, to: String, subtree: (sql: String, arguments: StatementArguments)) throws {
        let rows = try Row.fetchAll(
            self,
            sql: "SELECT issue_pk, a, b, kind FROM label_relation WHERE (a = ? OR b = ?) AND \(subtree.sql)",
            arguments: [from, from] + subtree.arguments)
        for row in rows {
            let (a, b): (String, String) = (row["a"], row["b"])
            try execute(
                sql: "DELETE FROM label_relation WHERE issue_pk = ? AND a = ? AND b = ?",
                arguments: [row["issue_pk"], a, b])
            let other = a == from ? b : a
            guard other != to else { continue }
            let (x, y) = other < to ? (other, to) : (to, other)
            try execute(
                sql: "INSERT OR IGNORE INTO label_relation (issue_pk, a, b, kind) VALUES (?, ?, ?, ?)",
                arguments: [row["issue_pk"], x, y, row["kind"]])
        }
    }
}
