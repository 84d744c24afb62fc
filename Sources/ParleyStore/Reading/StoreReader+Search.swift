import GRDB
import ParleyModel

extension StoreReader {
    /// What the full-text indexes find for `query`, best first (SQLite's BM25 rank), at most
    /// `query.limit` hits: statements (with their matched summary and quote), sources (title, and
    /// the passage of their stored text around the matches), and parties, actors and issues (by
    /// name, alias, role or description). A query with nothing to search for is refused.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let expression: String
        do throws(ModelError) { expression = try SearchQuery.ftsExpression(query.text) } catch {
            throw StoreError.invalid([Problem(error)])
        }
        let limit = max(1, query.limit)
        var hits: [SearchHit] = []
        do {
            if query.scopes.contains(.statements) { hits += try statementHits(expression, query, limit: limit) }
            if query.scopes.contains(.sources) { hits += try sourceHits(expression, query, limit: limit) }
            if query.scopes.contains(.entities) { hits += try entityHits(expression, query, limit: limit) }
        } catch let error as DatabaseError where error.message?.contains("fts5") == true {
            throw StoreError.invalid([Problem(.unsearchable(query.text, detail: error.message ?? ""))])
        }
        return Array(hits.sorted { $0.rank < $1.rank }.prefix(limit))
    }

    /// The marks SQLite puts around matched words.
    private static let marks = "char(2), char(3)"

    private func statementHits(_ expression: String, _ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        var conditions = ["statement_search MATCH ?"]
        var arguments: StatementArguments = [expression]
        if !query.includeRetracted { conditions.append("s.retracted_at IS NULL") }
        if let party = query.party {
            let pk = try db.pk(.party, party)
            conditions.append("(s.party_pk = ? OR s.about_pk = ?)")
            arguments += [pk, pk]
        }
        if let issue = query.issue {
            let subtree = db.issueSubtree("s.issue_pk", canonical: try db.canonicalIssue(issue))
            conditions.append(subtree.sql)
            arguments += subtree.arguments
        }
        if let since = query.since {
            conditions.append("s.said_key >= ?")
            arguments += [since.startKey]
        }
        if let until = query.until {
            conditions.append("s.said_key <= ?")
            arguments += [until.endKey]
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.rowid AS pk, bm25(statement_search) AS rank,
                       highlight(statement_search, 0, \(Self.marks)) AS summary,
                       highlight(statement_search, 1, \(Self.marks)) AS quote
                FROM statement_search f JOIN statement s ON s.pk = f.rowid
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY rank LIMIT ?
                """, arguments: arguments + [limit])
        guard !rows.isEmpty else { return [] }
        let numbers = rows.map { String($0["pk"] as Int64) }.joined(separator: ",")
        var statements: [Int64: DatedStatement] = [:]
        for dated in try db.fetchStatements(
            StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?))", arguments: ["[\(numbers)]"])
        {
            statements[dated.sequence] = dated
        }
        return rows.compactMap { row in
            guard let dated = statements[row["pk"]] else { return nil }
            return SearchHit(
                record: .statement(dated),
                matches: Self.matches([("summary", row["summary"]), ("quote", row["quote"])]),
                rank: row["rank"])
        }
    }

    private func sourceHits(_ expression: String, _ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        var conditions = ["source_search MATCH ?"]
        var arguments: StatementArguments = [expression]
        if let since = query.since {
            conditions.append("src.published_key >= ?")
            arguments += [since.startKey]
        }
        if let until = query.until {
            conditions.append("src.published_key <= ?")
            arguments += [until.endKey]
        }
        // With a party or an issue, the sources that report statements of it.
        var reports: [String] = []
        var reportArguments: StatementArguments = []
        if let party = query.party {
            let pk = try db.pk(.party, party)
            reports.append("(s.party_pk = ? OR s.about_pk = ?)")
            reportArguments += [pk, pk]
        }
        if let issue = query.issue {
            let subtree = db.issueSubtree("s.issue_pk", canonical: try db.canonicalIssue(issue))
            reports.append(subtree.sql)
            reportArguments += subtree.arguments
        }
        if !reports.isEmpty {
            conditions.append(
                "EXISTS (SELECT 1 FROM statement s WHERE s.source_pk = src.pk AND \(reports.joined(separator: " AND ")))"
            )
            arguments += reportArguments
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT src.id AS id, bm25(source_search) AS rank, highlight(source_search, 0, \(Self.marks)) AS title,
                       snippet(source_search, 1, \(Self.marks), '…', 24) AS text
                FROM source_search f JOIN source src ON src.pk = f.rowid
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY rank LIMIT ?
                """, arguments: arguments + [limit])
        return try rows.map { row in
            var source = try self.source(row["id"])
            source.text = nil
            return SearchHit(
                record: .source(source), matches: Self.matches([("title", row["title"]), ("text", row["text"])]),
                rank: row["rank"])
        }
    }

    private func entityHits(_ expression: String, _ query: SearchQuery, limit: Int) throws -> [SearchHit] {
        var conditions = ["entity_search MATCH ?"]
        var arguments: StatementArguments = [expression]
        var kinds: [String] = []
        if let party = query.party {
            let pk = try db.pk(.party, party)
            kinds.append(
                """
                f.rowid = ? * 4 + \(SearchIndex.partyCode)
                OR (f.rowid % 4 = \(SearchIndex.actorCode)
                    AND f.rowid / 4 IN (SELECT pk FROM actor WHERE party_pk = ?))
                """)
            arguments += [pk, pk]
        }
        if let issue = query.issue {
            let subtree = db.issueSubtree("f.rowid / 4", canonical: try db.canonicalIssue(issue))
            kinds.append("(f.rowid % 4 = \(SearchIndex.issueCode) AND \(subtree.sql))")
            arguments += subtree.arguments
        }
        if !kinds.isEmpty { conditions.append("(" + kinds.joined(separator: " OR ") + ")") }
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.rowid AS key, bm25(entity_search) AS rank, highlight(entity_search, 0, \(Self.marks)) AS name,
                       highlight(entity_search, 1, \(Self.marks)) AS aliases,
                       snippet(entity_search, 2, \(Self.marks), '…', 24) AS about
                FROM entity_search f
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY rank LIMIT ?
                """, arguments: arguments + [limit])
        return try rows.compactMap { row in
            let key: Int64 = row["key"]
            let pk = key / 4
            let record: SearchHit.Record
            let fields: (name: String, aliases: String, about: String)
            switch Int(key % 4) {
            case SearchIndex.partyCode:
                record = .party(try party(try db.id(.party, pk: pk)))
                fields = ("name", "aliases", "about")
            case SearchIndex.actorCode:
                record = .actor(try actor(try db.id(.actor, pk: pk)))
                fields = ("name", "aliases", "role")
            case SearchIndex.issueCode:
                record = .issue(try issue(try db.id(.issue, pk: pk)))
                fields = ("title", "id and aliases", "description")
            default: return nil
            }
            return SearchHit(
                record: record,
                matches: Self.matches([
                    (fields.name, row["name"]), (fields.aliases, row["aliases"]), (fields.about, row["about"]),
                ]), rank: row["rank"])
        }
    }

    /// The fields whose text has a matched word in it.
    private static func matches(_ fields: [(String, String?)]) -> [SearchHit.Match] {
        fields.compactMap { field, text in
            guard let text, text.contains(SearchQuery.matchStart) else { return nil }
            return SearchHit.Match(field: field, marked: text)
        }
    }
}
