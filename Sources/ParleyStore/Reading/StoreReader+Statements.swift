import GRDB
import ParleyModel

extension StoreReader {
    /// Statements matching the filter, in date order (said date, then source date, then recording).
    /// With a party, its own statements and its claims about others are looked up apart (and, in
    /// a history, the claims about it), so that each part uses its index.
    /// As known at this reader's moment, if it knows one (see ``knowing(_:)``).
    public func statements(_ filter: StatementFilter = StatementFilter()) throws -> [DatedStatement] {
        var result: [DatedStatement] = []
        try forEachStatement(filter) { result.append($0) }
        return result
    }

    /// Calls `body` with each statement matching the filter, in date order, one at a time: memory
    /// stays flat however many there are.
    public func forEachStatement(
        _ filter: StatementFilter = StatementFilter(), _ body: (DatedStatement) throws -> Void
    ) throws {
        let query = try statementQuery(filter)
        // The statements the case known at a moment holds otherwise, merged in date order.
        var pending = try restored(matching: filter)
        try db.forEachStatement(query.sql, arguments: query.arguments) { dated in
            while let next = pending.first, dated.isLater(than: next) {
                try body(next)
                pending.removeFirst()
            }
            try body(dated)
        }
        for dated in pending { try body(dated) }
    }

    /// The statements as they were at this reader's moment that the filter takes, in date order.
    private func restored(matching filter: StatementFilter) throws -> [DatedStatement] {
        guard let known, !known.restored.isEmpty else { return [] }
        let issue = try filter.issue.map { try db.canonicalIssue($0) }
        let party = try filter.party.map { try db.id(.party, pk: try db.pk(.party, $0)) }
        let about = try filter.about.map { try db.id(.party, pk: try db.pk(.party, $0)) }
        return known.restored.values.filter { dated in
            let s = dated.statement
            if !filter.includeRetracted && s.isRetracted { return false }
            if let party, s.party != party && !(filter.includeClaimsAbout && s.about == party) { return false }
            if let about, s.about != about { return false }
            if let issue, !Identifier.issue(s.issue, isWithin: issue) { return false }
            if let source = filter.source, s.source != source { return false }
            if let since = filter.since, dated.effectiveDate.endKey < since.startKey { return false }
            if let until = filter.until, dated.effectiveDate.endKey > until.endKey { return false }
            return true
        }.sorted { $1.isLater(than: $0) }
    }

    /// The query for `statements(_:)`.
    private func statementQuery(_ filter: StatementFilter) throws -> (sql: String, arguments: StatementArguments) {
        let selection = try statementSelection(filter)
        return (StatementQuery.all + selection.sql + " ORDER BY s.said_key, s.source_key, s.pk", selection.arguments)
    }

    /// The `WHERE` clause (on `statement s`) that selects the statements matching the filter, as
    /// the database holds them (known at this reader's moment, less the ones it restores).
    private func statementSelection(_ filter: StatementFilter) throws -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = filter.includeRetracted ? [] : [StatementQuery.standing]
        var arguments: StatementArguments = []
        // Alternatives, each with its own arguments; a statement matching any is listed.
        var branches: [(sql: String, arguments: StatementArguments)] = []
        if let party = filter.party {
            let pk = try db.pk(.party, party)
            branches = [
                ("s.party_pk = ? AND s.about_pk IS NULL", [pk]), ("s.party_pk = ? AND s.about_pk IS NOT NULL", [pk]),
            ]
            if filter.includeClaimsAbout { branches.append(("s.about_pk = ?", [pk])) }
        }
        if let about = filter.about {
            conditions.append("s.about_pk = ?")
            arguments += [try db.pk(.party, about)]
        }
        if let issue = filter.issue {
            let subtree = db.issueSubtree("s.issue_pk", canonical: try db.canonicalIssue(issue))
            conditions.append(subtree.sql)
            arguments += subtree.arguments
        }
        if let source = filter.source {
            conditions.append("s.source_pk = ?")
            arguments += [try db.pk(.source, source)]
        }
        if let since = filter.since {
            conditions.append("s.said_key >= ?")
            arguments += [since.startKey]
        }
        if let until = filter.until {
            conditions.append("s.said_key <= ?")
            arguments += [until.endKey]
        }
        let known = knownFilter("s")
        if !known.sql.isEmpty {
            conditions.append(String(known.sql.dropFirst(" AND ".count)))
            arguments += known.arguments
        }
        guard !branches.isEmpty else {
            return (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "), arguments)
        }
        var union: [String] = []
        var unionArguments: StatementArguments = []
        for branch in branches {
            union.append("SELECT s.pk FROM statement s WHERE " + ([branch.sql] + conditions).joined(separator: " AND "))
            unionArguments += branch.arguments + arguments
        }
        return (" WHERE s.pk IN (" + union.joined(separator: " UNION ALL ") + ")", unionArguments)
    }

    /// The ids of the parties, issues or sources (`kind`) that the statements matching the filter
    /// name, each once: read as SQL's `DISTINCT` ids, no statement decoded. As known at this
    /// reader's moment, if it knows one.
    public func ids(_ kind: RecordKind, namedBy filter: StatementFilter) throws -> Set<String> {
        let column: String
        let field: KeyPath<Statement, String>
        switch kind {
        case .party: (column, field) = ("party_pk", \.party)
        case .issue: (column, field) = ("issue_pk", \.issue)
        case .source: (column, field) = ("source_pk", \.source)
        default: throw StoreError.unexpected(code: 0, detail: "statements name no \(kind.singular) by a column")
        }
        let selection = try statementSelection(filter)
        var ids = Set(
            try String.fetchAll(
                db,
                sql: "SELECT DISTINCT x.id FROM statement s JOIN \(kind.table) x ON x.pk = s.\(column)" + selection.sql,
                arguments: selection.arguments))
        for dated in try restored(matching: filter) { ids.insert(dated.statement[keyPath: field]) }
        return ids
    }
}

extension StoreReader {
    /// The statement numbered `number`, retracted or not.
    public func statement(number: Int64) throws -> DatedStatement {
        if let found = try db.fetchStatements(StatementQuery.all + " WHERE s.pk = ?", arguments: [number]).first {
            return found
        }
        throw ModelError.noSuchStatement(number, highest: try highestStatementNumber())
    }

    /// The highest statement number there is, if any.
    public func highestStatementNumber() throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT max(pk) FROM statement")
    }
}
