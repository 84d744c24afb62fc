#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresReader {
        /// What PostgreSQL's full-text search finds for `query`, best first, at most `query.limit`
        /// hits: the same records, fields and filters as SQLite's search
        /// (``ParleyStore/StoreReader/search(_:)``), over the words schema version 2 indexes
        /// (``PostgresSchema/searched``), ranked by `ts_rank` (negated: lower is better, as SQLite's
        /// BM25), the matched words marked by `ts_headline`. The query is the one SQLite is given
        /// (``ParleyModel/SearchQuery/ftsExpression(_:)``), read back into a `tsquery`: each quoted
        /// word or phrase a phrase, `word*` a prefix, NOT binding tighter than AND (or nothing),
        /// AND than OR, as in FTS5.
        public func search(_ query: SearchQuery) throws -> [SearchHit] {
            let expression: String
            do throws(ModelError) { expression = try SearchQuery.ftsExpression(query.text) } catch {
                throw StoreError.invalid([Problem(error)])
            }
            var binds: [StoredValue] = []
            let (tsquery, terms) = try Self.tsquery(expression, text: query.text, binds: &binds)
            let marking = Marking(terms: terms)
            let limit = max(1, query.limit)
            var hits: [SearchHit] = []
            if query.scopes.contains(.statements) {
                hits += try statementHits(tsquery, marking, binds, query, limit: limit)
            }
            if query.scopes.contains(.sources) { hits += try sourceHits(tsquery, marking, binds, query, limit: limit) }
            if query.scopes.contains(.entities) { hits += try entityHits(tsquery, marking, binds, query, limit: limit) }
            return Array(hits.sorted { $0.rank < $1.rank }.prefix(limit))
        }

        /// The FTS5 expression `expression` as a `tsquery` expression in SQL, its words appended
        /// to `binds`, and the terms (words, phrases, prefixes) not under a NOT, as `tsquery`
        /// expressions. A NOT without a word before it, or two operators in a row, is refused as
        /// FTS5 refuses them.
        static func tsquery(_ expression: String, text: String, binds: inout [StoredValue]) throws -> (
            String, [String]
        ) {
            enum Token: Equatable {
                case term(String, prefix: Bool)
                case and, or, not
            }
            var tokens: [Token] = []
            var characters = Array(expression)
            characters.append(" ")
            var index = 0
            while index < characters.count {
                let character = characters[index]
                if character == " " {
                    index += 1
                } else if character == "\"" {
                    var word = ""
                    index += 1
                    while index < characters.count {
                        if characters[index] == "\"" {
                            if index + 1 < characters.count, characters[index + 1] == "\"" {
                                word.append("\"")
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        word.append(characters[index])
                        index += 1
                    }
                    let prefix = index < characters.count && characters[index] == "*"
                    if prefix { index += 1 }
                    tokens.append(.term(word, prefix: prefix))
                } else {
                    var word = ""
                    while index < characters.count, characters[index] != " " {
                        word.append(characters[index])
                        index += 1
                    }
                    tokens.append(word == "OR" ? .or : word == "NOT" ? .not : .and)
                }
            }
            func refuse(_ detail: String) -> StoreError {
                StoreError.invalid([Problem(.unsearchable(text, detail: detail))])
            }
            func sql(_ word: String, prefix: Bool) -> String {
                let words = word.map { PostgresSchema.joiners.contains($0) ? " " : String($0) }.joined()
                if prefix {
                    // A prefix of a phrase: its words in a row, the last a prefix, each quoted for
                    // to_tsquery (a quote doubled, a backslash escaped).
                    let parts = words.split(whereSeparator: \.isWhitespace).map {
                        "'" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
                            + "'"
                    }
                    guard !parts.isEmpty else { return "''::tsquery" }
                    binds.append(.text(parts.joined(separator: " <-> ") + ":*"))
                    return "to_tsquery(\(PostgresSchema.searchConfiguration), $\(binds.count))"
                }
                binds.append(.text(words))
                return "phraseto_tsquery(\(PostgresSchema.searchConfiguration), $\(binds.count))"
            }
            // OR of ANDs of (term NOT term NOT …).
            var groups: [[String]] = [[]]
            var positives: [String] = []
            var pending: Token?
            for token in tokens {
                switch token {
                case .term(let word, let prefix):
                    let term = sql(word, prefix: prefix)
                    if pending == .not {
                        guard let last = groups[groups.count - 1].popLast() else {
                            throw refuse("NOT needs a word before it")
                        }
                        groups[groups.count - 1].append("(\(last) && !!\(term))")
                    } else if pending == .or {
                        groups.append([term])
                        positives.append(term)
                    } else {
                        groups[groups.count - 1].append(term)
                        positives.append(term)
                    }
                    pending = nil
                case .and, .or, .not:
                    if pending != nil || groups[groups.count - 1].isEmpty {
                        throw refuse("an operator needs a word on each side")
                    }
                    pending = token
                }
            }
            return (
                "(" + groups.map { "(" + $0.joined(separator: " && ") + ")" }.joined(separator: " || ") + ")", positives
            )
        }

        /// How a field's matches are marked: like FTS5's `highlight`, which marks the instances
        /// of the query's words and phrases in each field whether or not that field alone
        /// satisfies the query, only the terms (not under NOT) that the field itself holds are
        /// marked in it; `ts_headline` then marks every word of those terms.
        struct Marking {
            var terms: [String]

            /// The `tsquery` of the terms field `text` (an SQL expression) holds.
            func query(for text: String) -> String {
                guard !terms.isEmpty else { return "''::tsquery" }
                let words = PostgresSchema.words(text)
                return "("
                    + terms.map { "(CASE WHEN \(words) @@ \($0) THEN \($0) ELSE ''::tsquery END)" }.joined(
                        separator: " || ")
                    + ")"
            }
        }

        /// The options of a field marked whole, and of a long text cut to the passage around its
        /// matches (FTS5's `snippet(…, 24)`: at most 24 words).
        private static let whole = "'StartSel=\"\u{2}\", StopSel=\"\u{3}\", HighlightAll=true'"
        private static let passage =
            "'StartSel=\"\u{2}\", StopSel=\"\u{3}\", MaxFragments=1, MaxWords=24, MinWords=12, FragmentDelimiter=\"…\"'"

        /// `column`'s text, its joiners made spaces as they are indexed, with its matches marked.
        private static func marked(_ column: String, _ marking: Marking, options: String) -> String {
            "ts_headline(\(PostgresSchema.searchConfiguration), \(PostgresSchema.split(column)), "
                + "\(marking.query(for: column)), \(options))"
        }

        private static func words(_ table: String) -> String {
            PostgresSchema.searched.first { $0.table == table }?.words ?? "NULL"
        }

        /// The text ts_headline marked (of `original` with its joiners made spaces) with the original
        /// characters put back; a passage is found in the text and, like FTS5's, begun or ended
        /// with `…` where it does not begin or end the text.
        static func restoring(_ marked: String?, from original: String?, passage: Bool = false) -> String? {
            guard let marked, let original else { return nil }
            let marks: Set<Character> = ["\u{2}", "\u{3}"]
            let plain = String(marked.filter { !marks.contains($0) })
            let split = String(original.map { PostgresSchema.joiners.contains($0) ? " " : $0 })
            guard let range = split.range(of: plain) else { return marked }
            var source = original[range].makeIterator()
            var result = String(marked.map { marks.contains($0) ? $0 : (source.next() ?? $0) })
            if passage {
                if range.lowerBound != split.startIndex { result = "…" + result }
                if range.upperBound != split.endIndex { result += "…" }
            }
            return result
        }

        private func statementHits(
            _ tsquery: String, _ marking: Marking, _ binds: [StoredValue], _ query: SearchQuery, limit: Int
        )
            throws -> [SearchHit]
        {
            var binds = binds
            var conditions = ["\(Self.words("statement")) @@ q.query"]
            if !query.includeRetracted { conditions.append("s.retracted_at IS NULL") }
            if let party = query.party {
                binds.append(.integer(try pk(.party, party)))
                conditions.append("(s.party_pk = $\(binds.count) OR s.about_pk = $\(binds.count))")
            }
            if let issue = query.issue { conditions.append(try issueSubtree("s.issue_pk", issue, binds: &binds)) }
            if let since = query.since {
                binds.append(.integer(Int64(since.startKey)))
                conditions.append("s.said_key >= $\(binds.count)")
            }
            if let until = query.until {
                binds.append(.integer(Int64(until.endKey)))
                conditions.append("s.said_key <= $\(binds.count)")
            }
            binds.append(.integer(Int64(limit)))
            let rows = try session.rows(
                """
                WITH q AS (SELECT \(tsquery) AS query)
                SELECT s.pk, -ts_rank(\(Self.words("statement")), q.query)::float8 AS rank, s.summary, s.quote,
                       \(Self.marked("s.summary", marking, options: Self.whole)),
                       CASE WHEN s.quote IS NULL THEN NULL ELSE \(Self.marked("s.quote", marking, options: Self.whole)) END
                FROM statement s, q
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY rank, s.pk LIMIT $\(binds.count)
                """, binds)
            let found = try statements(numbers: Set(try rows.map { try $0.decode((Int64, Double).self).0 }))
            return try rows.compactMap { row in
                let (pk, rank, summary, quote, markedSummary, markedQuote) = try row.decode(
                    (Int64, Double, String, String?, String, String?).self)
                guard let dated = found[pk] else { return nil }
                return SearchHit(
                    record: .statement(dated),
                    matches: Self.matches([
                        ("summary", Self.restoring(markedSummary, from: summary)),
                        ("quote", Self.restoring(markedQuote, from: quote)),
                    ]), rank: rank)
            }
        }

        private func sourceHits(
            _ tsquery: String, _ marking: Marking, _ binds: [StoredValue], _ query: SearchQuery, limit: Int
        ) throws
            -> [SearchHit]
        {
            var binds = binds
            var conditions = ["\(Self.words("source")) @@ q.query"]
            if let since = query.since {
                binds.append(.integer(Int64(since.startKey)))
                conditions.append("src.published_key >= $\(binds.count)")
            }
            if let until = query.until {
                binds.append(.integer(Int64(until.endKey)))
                conditions.append("src.published_key <= $\(binds.count)")
            }
            // With a party or an issue, the sources that report statements of it.
            var reports: [String] = []
            if let party = query.party {
                binds.append(.integer(try pk(.party, party)))
                reports.append("(s.party_pk = $\(binds.count) OR s.about_pk = $\(binds.count))")
            }
            if let issue = query.issue { reports.append(try issueSubtree("s.issue_pk", issue, binds: &binds)) }
            if !reports.isEmpty {
                conditions.append(
                    "EXISTS (SELECT 1 FROM statement s WHERE s.source_pk = src.pk AND \(reports.joined(separator: " AND ")))"
                )
            }
            binds.append(.integer(Int64(limit)))
            let rows = try session.rows(
                """
                WITH q AS (SELECT \(tsquery) AS query)
                SELECT src.id, -ts_rank(\(Self.words("source")), q.query)::float8 AS rank, src.title, src.text,
                       \(Self.marked("src.title", marking, options: Self.whole)),
                       CASE WHEN src.text IS NULL THEN NULL ELSE \(Self.marked("src.text", marking, options: Self.passage)) END
                FROM source src, q
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY rank, src.pk LIMIT $\(binds.count)
                """, binds)
            return try rows.map { row in
                let (id, rank, title, text, markedTitle, markedText) = try row.decode(
                    (String, Double, String, String?, String, String?).self)
                var source = try self.source(id)
                source.text = nil
                return SearchHit(
                    record: .source(source),
                    matches: Self.matches([
                        ("title", Self.restoring(markedTitle, from: title)),
                        ("text", Self.restoring(markedText, from: text, passage: true)),
                    ]), rank: rank)
            }
        }

        private func entityHits(
            _ tsquery: String, _ marking: Marking, _ binds: [StoredValue], _ query: SearchQuery, limit: Int
        ) throws
            -> [SearchHit]
        {
            let queryBinds = binds
            var binds = binds
            // Which kinds are looked at: all, or with a party its own record and its actors, with
            // an issue that issue and those below it (either, when both are given).
            var partyFilter = "TRUE"
            var actorFilter = "TRUE"
            var issueFilter = "TRUE"
            if query.party != nil || query.issue != nil {
                (partyFilter, actorFilter, issueFilter) = ("FALSE", "FALSE", "FALSE")
            }
            if let party = query.party {
                binds.append(.integer(try pk(.party, party)))
                partyFilter = "t.pk = $\(binds.count)"
                actorFilter = "t.party_pk = $\(binds.count)"
            }
            if let issue = query.issue { issueFilter = try issueSubtree("t.pk", issue, binds: &binds) }
            let aliases =
                "rtrim(coalesce((SELECT string_agg(a.value, ' ') FROM jsonb_array_elements_text(t.aliases::jsonb) a(value)), ''))"
            let issueAliases =
                "rtrim(t.id || ' ' || coalesce((SELECT string_agg(a.value, ' ') FROM jsonb_array_elements_text(t.aliases::jsonb) a(value)), ''))"
            func part(_ table: String, _ name: String, _ aliases: String, _ about: String, _ filter: String) -> String {
                """
                SELECT '\(table)' AS kind, t.id, -ts_rank(\(Self.words(table)), q.query)::float8 AS rank,
                       \(name) AS name, \(aliases) AS aliases, \(about) AS about
                FROM \(table) t, q WHERE \(filter) AND \(Self.words(table)) @@ q.query
                """
            }
            binds.append(.integer(Int64(limit)))
            let rows = try session.rows(
                """
                WITH q AS (SELECT \(tsquery) AS query)
                SELECT kind, id, rank, name, aliases, about FROM (
                    \(part("party", "t.name", aliases, "NULL::text", partyFilter))
                    UNION ALL
                    \(part("actor", "t.name", aliases, "t.role", actorFilter))
                    UNION ALL
                    \(part("issue", "t.title", issueAliases, "t.description", issueFilter))
                ) found
                ORDER BY rank, kind, id LIMIT $\(binds.count)
                """, binds)
            var hits: [SearchHit] = []
            for row in rows {
                let (kind, id, rank, name, aliasText, about) = try row.decode(
                    (String, String, Double, String, String, String?).self)
                let record: SearchHit.Record
                let fields: (name: String, aliases: String, about: String)
                switch kind {
                case "party":
                    guard let party = try parties().first(where: { $0.id == id }) else { continue }
                    record = .party(party)
                    fields = ("name", "aliases", "about")
                case "actor":
                    guard let actor = try actors().first(where: { $0.id == id }) else { continue }
                    record = .actor(actor)
                    fields = ("name", "aliases", "role")
                default:
                    record = .issue(try issue(id))
                    fields = ("title", "id and aliases", "description")
                }
                let texts: [String?] = [name, aliasText, about]
                var marks: [String?] = []
                for (index, text) in texts.enumerated() {
                    guard let text else {
                        marks.append(nil)
                        continue
                    }
                    let options = index == 2 ? Self.passage : Self.whole
                    let marked = try session.rows(
                        "SELECT \(Self.marked("$\(queryBinds.count + 1)::text", marking, options: options))",
                        queryBinds + [.text(text)]
                    ).first?.decode(String.self)
                    marks.append(Self.restoring(marked, from: text, passage: index == 2))
                }
                hits.append(
                    SearchHit(
                        record: record,
                        matches: Self.matches([
                            (fields.name, marks[0]), (fields.aliases, marks[1]), (fields.about, marks[2]),
                        ]), rank: rank))
            }
            return hits
        }

        /// The fields whose text has a matched word in it.
        private static func matches(_ fields: [(String, String?)]) -> [SearchHit.Match] {
            fields.compactMap { field, text in
                guard let text, text.contains(SearchQuery.matchStart) else { return nil }
                return SearchHit.Match(field: field, marked: text)
            }
        }
    }
#endif
