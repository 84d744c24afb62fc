#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresReader {
        public func issue(_ id: String) throws -> Issue {
            let issuePK = try pk(.issue, id)
            guard
                let row = try session.rows(
                    "SELECT id, title, description, aliases, stale_after FROM issue WHERE pk = $1", [.integer(issuePK)]
                ).first
            else { throw StoreError.notFound(.issue, id: id, suggestions: []) }
            return try Self.issue(row)
        }

        public func parties() throws -> [Party] {
            try session.rows("SELECT id, name, kind, aliases FROM party ORDER BY id").map { row in
                let (id, name, kind, aliases) = try row.decode((String, String, String, String).self)
                return Party(id: id, name: name, kind: try PartyKind.parse(kind), aliases: try Self.list(aliases))
            }
        }

        public func actors() throws -> [Actor] {
            try session.rows(
                """
                SELECT a.id, a.name, p.id, a.role, a.aliases FROM actor a JOIN party p ON p.pk = a.party_pk
                ORDER BY a.id
                """
            ).map { row in
                let (id, name, party, role, aliases) = try row.decode((String, String, String, String?, String).self)
                return Actor(id: id, name: name, party: party, role: role, aliases: try Self.list(aliases))
            }
        }

        public func issues() throws -> [Issue] {
            try session.rows("SELECT id, title, description, aliases, stale_after FROM issue ORDER BY id").map(
                Self.issue)
        }

        /// An issue from its row (id, title, description, aliases, stale_after).
        static func issue(_ row: PostgresRow) throws -> Issue {
            let (id, title, description, aliases, staleAfter) = try row.decode(
                (String, String, String?, String, String?).self)
            return Issue(
                id: id, title: title, description: description, aliases: try list(aliases),
                staleAfter: try staleAfter.map { try StaleWindow(parsing: $0) })
        }

        public func sources(includeText: Bool) throws -> [Source] {
            try sources(matching: nil, includeText: includeText)
        }

        public func source(_ id: String) throws -> Source {
            guard let source = try sources(matching: try pk(.source, id), includeText: true).first else {
                throw StoreError.notFound(.source, id: id, suggestions: [])
            }
            return source
        }

        /// The sources (the one with row key `pk`, or all), ordered by id.
        private func sources(matching pk: Int64?, includeText: Bool) throws -> [Source] {
            try session.rows(
                """
                SELECT id, title, publisher, url, published, reliability, \(includeText ? "text" : "NULL::text")
                FROM source\(pk == nil ? "" : " WHERE pk = $1") ORDER BY id
                """, pk.map { [.integer($0)] } ?? []
            ).map { row in
                let (id, title, publisher, url, published, reliability, text) = try row.decode(
                    (String, String, String?, String?, String, String?, String?).self)
                return Source(
                    id: id, title: title, publisher: publisher, url: url,
                    published: try CalendarDate(parsing: published),
                    reliability: try reliability.map(Reliability.parse), text: text)
            }
        }

        public func ids(_ kind: RecordKind, namedBy filter: StatementFilter) throws -> Set<String> {
            let column: String
            switch kind {
            case .party: column = "party_pk"
            case .issue: column = "issue_pk"
            case .source: column = "source_pk"
            default: throw StoreError.unexpected(code: 0, detail: "statements name no \(kind.singular) by a column")
            }
            let selection = try statementSelection(filter)
            return Set(
                try session.rows(
                    "SELECT DISTINCT x.id FROM \(statementTable) s JOIN \(kind.rawValue) x ON x.pk = s.\(column)"
                        + (selection.conditions.isEmpty
                            ? "" : " WHERE " + selection.conditions.joined(separator: " AND ")),
                    selection.binds
                ).map { try $0.decode(String.self) })
        }

        /// `ids` (slugs: no quote, comma or backslash) as a PostgreSQL text array literal.
        static func textArray(_ ids: [String]) -> String {
            "{" + ids.map { "\"\($0)\"" }.joined(separator: ",") + "}"
        }

        /// A list stored as a JSON array (aliases); the schema's CHECK keeps it valid.
        static func list(_ json: String) throws -> [String] {
            try JSONDecoder().decode([String].self, from: Data(json.utf8))
        }

        public func statements(_ filter: StatementFilter) throws -> [DatedStatement] {
            var result: [DatedStatement] = []
            try forEachStatement(filter) { result.append($0) }
            return result
        }

        /// Read a batch at a time, each batch the next rows after the last one read (by said
        /// date, source date and number, the order of the statement index), all in this reader's
        /// one transaction.
        public func forEachStatement(_ filter: StatementFilter, _ body: (DatedStatement) throws -> Void) throws {
            try forEachStatement(filter, batch: 5_000, body)
        }

        /// ``forEachStatement(_:_:)`` reading `batch` rows at a time.
        func forEachStatement(_ filter: StatementFilter, batch: Int, _ body: (DatedStatement) throws -> Void) throws {
            let selection = try statementSelection(filter)
            var after: (said: Int64, source: Int64, number: Int64)?
            while true {
                var binds = selection.binds
                var conditions = selection.conditions
                if let after {
                    binds += [.integer(after.said), .integer(after.source), .integer(after.number)]
                    let n = binds.count
                    conditions.append("(s.said_key, s.source_key, s.pk) > ($\(n - 2), $\(n - 1), $\(n))")
                }
                let rows = try session.rows(
                    PostgresStatements.select + ", s.said_key, s.source_key FROM \(statementTable) s "
                        + PostgresStatements.joins
                        + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                        + " ORDER BY s.said_key, s.source_key, s.pk LIMIT \(batch)", binds)
                for row in rows {
                    let dated = try dated(row)
                    let cells = row.makeRandomAccess()
                    after = (
                        try cells[PostgresStatements.columnCount].decode(Int64.self),
                        try cells[PostgresStatements.columnCount + 1].decode(Int64.self), dated.sequence
                    )
                    try body(dated)
                }
                if rows.count < batch { return }
            }
        }

        /// The conditions (on `statement s`) that select the statements matching `filter`, and
        /// their values.
        private func statementSelection(_ filter: StatementFilter) throws -> (
            conditions: [String], binds: [StoredValue]
        ) {
            var conditions: [String] = filter.includeRetracted ? [] : ["s.retracted_at IS NULL"]
            var binds: [StoredValue] = []
            if let party = filter.party {
                binds.append(.integer(try pk(.party, party)))
                let n = binds.count
                // Its own statements and its claims about others, and, in a history, claims about it:
                // in a history as two arms that each name the index that finds them (its own words
                // on the position index, the claims on the claims' index); as one OR PostgreSQL read
                // every statement on the issue and kept the party's (21,000 pages at 1M statements).
                conditions.append(
                    filter.includeClaimsAbout
                        ? "((s.party_pk = $\(n) AND s.about_pk IS NULL)"
                            + " OR (s.about_pk IS NOT NULL AND (s.party_pk = $\(n) OR s.about_pk = $\(n))))"
                        : "s.party_pk = $\(n)")
            }
            if let about = filter.about {
                binds.append(.integer(try pk(.party, about)))
                conditions.append("s.about_pk = $\(binds.count)")
            }
            if let issue = filter.issue {
                conditions.append(try issueSubtree("s.issue_pk", issue, binds: &binds, asList: true))
            }
            if let source = filter.source {
                binds.append(.integer(try pk(.source, source)))
                conditions.append("s.source_pk = $\(binds.count)")
            }
            if let since = filter.since {
                binds.append(.integer(Int64(since.startKey)))
                conditions.append("s.said_key >= $\(binds.count)")
            }
            if let until = filter.until {
                binds.append(.integer(Int64(until.endKey)))
                conditions.append("s.said_key <= $\(binds.count)")
            }
            return (conditions, binds)
        }

        public func claims(asOf date: CalendarDate?) throws -> [DatedStatement] {
            try fetch(
                allStatements + """
                     WHERE s.about_pk IS NOT NULL AND s.retracted_at IS NULL AND s.said_key <= $1
                     ORDER BY s.said_key, s.source_key, s.pk
                    """, [.integer(Int64((date ?? .latest).endKey))])
        }

        public func claims(about parties: [String], on issues: [String], asOf date: CalendarDate?) throws
            -> [DatedStatement]
        {
            guard !parties.isEmpty, !issues.isEmpty else { return [] }
            // The issues' ids as stored (an alias names its issue; an unknown id is refused), all
            // looked up at once: a board asks about every issue with a position.
            let stored = Set(
                try session.rows("SELECT id FROM issue WHERE id = ANY($1::text[])", [.text(Self.textArray(issues))])
                    .map { try $0.decode(String.self) })
            var canonical: [String] = []
            for issue in issues {
                if stored.contains(issue) {
                    canonical.append(issue)
                } else if let row = try session.rows(
                    "SELECT id FROM issue WHERE pk = $1", [.integer(try pk(.issue, issue))]
                ).first {
                    canonical.append(try row.decode(String.self))
                }
            }
            let partyPKs = try parties.map { String(try pk(.party, $0)) }
            let binds: [StoredValue] = [
                .integer(Int64((date ?? .latest).endKey)), .text(Self.textArray(canonical)),
                .text("{" + partyPKs.joined(separator: ",") + "}"),
            ]
            return try fetch(
                allStatements + """
                     WHERE s.retracted_at IS NULL AND s.about_pk IS NOT NULL AND s.said_key <= $1
                      AND s.issue_pk IN (
                        SELECT i.pk FROM issue i, unnest($2::text[]) q(id)
                        WHERE i.id = q.id OR substr(i.id, 1, length(q.id) + 1) = q.id || '/')
                      AND s.about_pk = ANY($3::bigint[])
                      AND NOT EXISTS (
                        SELECT 1 FROM \(statementTable) later
                        WHERE later.party_pk = s.party_pk AND later.about_pk = s.about_pk AND later.issue_pk = s.issue_pk
                          AND later.retracted_at IS NULL AND later.said_key <= $1
                          AND (later.said_key, later.source_key, later.pk) > (s.said_key, s.source_key, s.pk))
                    ORDER BY ab.id, i.id, p.id
                    """, binds)
        }

        /// The pairs as SQLite's reader finds them (``ParleyStore/StoreReader/contradictionCandidates(asOf:issue:)``),
        /// with PostgreSQL's own means: the days with more than one statement by grouping, the
        /// consecutive statements of a party on an issue by a window function, the claims and
        /// the own words near them by a join on the claims' index.
        public func contradictionCandidates(asOf date: CalendarDate?, issue: String?) throws
            -> ContradictionCandidates
        {
            let until = Int64((date ?? .latest).endKey)
            // The own statements that stand, said by then, on the issue and below it.
            var binds: [StoredValue] = [.integer(until)]
            var own = "s.retracted_at IS NULL AND s.about_pk IS NULL AND s.said_key <= $1"
            if let issue { own += " AND " + (try issueSubtree("s.issue_pk", issue, binds: &binds)) }
            var candidates = ContradictionCandidates()

            // One party's own statements on one issue and said date, with different labels.
            let sameDay = try fetch(
                """
                WITH days AS (
                    SELECT s.party_pk, s.issue_pk, s.said_key FROM \(statementTable) s WHERE \(own)
                    GROUP BY s.party_pk, s.issue_pk, s.said_key HAVING count(*) > 1
                )
                \(PostgresStatements.select)
                FROM days d JOIN \(statementTable) s
                  ON s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk AND s.said_key = d.said_key
                 AND s.retracted_at IS NULL AND s.about_pk IS NULL
                \(PostgresStatements.joins)
                WHERE s.said IS NOT NULL
                ORDER BY s.pk
                """, binds)
            candidates.sameDayPairs = ContradictionCandidates.sameDayPairs(sameDay)

            // Consecutive statements of one party on one issue, on different days within the
            // window, with different labels: those of two different actors.
            var consecutive: [(Int64, Int64)] = []
            for row in try session.rows(
                """
                WITH runs AS (
                    SELECT s.pk, s.said_key, s.stance, lag(s.pk) OVER w AS previous_pk,
                           lag(s.said_key) OVER w AS previous_said, lag(s.stance) OVER w AS previous_stance
                    FROM \(statementTable) s WHERE \(own)
                    WINDOW w AS (PARTITION BY s.party_pk, s.issue_pk ORDER BY s.said_key, s.source_key, s.pk)
                )
                SELECT previous_pk, pk, previous_said, said_key FROM runs
                WHERE previous_pk IS NOT NULL AND previous_said <> said_key AND previous_stance <> stance
                """, binds)
            {
                let (previous, number, previousSaid, said) = try row.decode((Int64, Int64, Int64, Int64).self)
                if Days.number(Int(said)) - Days.number(Int(previousSaid)) <= Contradictions.internalWindowDays {
                    consecutive.append((previous, number))
                }
            }
            consecutive.sort { $0.1 < $1.1 }
            let actorStatements = try statements(numbers: Set(consecutive.flatMap { [$0.0, $0.1] }))
            candidates.actorPairs = consecutive.compactMap { pair in
                guard let a = actorStatements[pair.0], let b = actorStatements[pair.1],
                    let x = a.statement.actor, let y = b.statement.actor, x != y
                else { return nil }
                return (a, b)
            }

            // Claims about a party next to the party's own words on the issue within the window,
            // with different labels.
            let window = Contradictions.claimWindowDays
            var claimBinds: [StoredValue] = [.integer(until)]
            var claimFilter = ""
            if let issue { claimFilter = " AND " + (try issueSubtree("a.issue_pk", issue, binds: &claimBinds)) }
            let claimPairs = try session.rows(
                """
                SELECT a.pk, o.pk FROM \(statementTable) a JOIN \(statementTable) o
                  ON o.party_pk = a.about_pk AND o.issue_pk = a.issue_pk AND o.about_pk IS NULL
                 AND o.retracted_at IS NULL AND o.stance <> a.stance AND o.said_key <= $1
                 AND o.said_key BETWEEN \(Self.shifted("a.said_key", -window)) AND \(Self.shifted("a.said_key", window))
                WHERE a.about_pk IS NOT NULL AND a.retracted_at IS NULL AND a.said_key <= $1\(claimFilter)
                ORDER BY a.pk, o.pk
                """, claimBinds
            ).map { try $0.decode((Int64, Int64).self) }
            let claimStatements = try statements(numbers: Set(claimPairs.flatMap { [$0.0, $0.1] }))
            candidates.claimPairs = claimPairs.compactMap { pair in
                claimStatements[pair.0].flatMap { a in claimStatements[pair.1].map { (a, $0) } }
            }
            return candidates
        }

        /// The statements numbered `numbers`, retracted or not, by number.
        func statements(numbers: Set<Int64>) throws -> [Int64: DatedStatement] {
            guard !numbers.isEmpty else { return [:] }
            var found: [Int64: DatedStatement] = [:]
            for dated in try fetch(
                allStatements + " WHERE s.pk = ANY($1::bigint[])",
                [.text("{" + numbers.map(String.init).joined(separator: ",") + "}")])
            {
                found[dated.sequence] = dated
            }
            return found
        }

        /// The day `days` from the yyyymmdd key in `column`, as a key, in SQL.
        static func shifted(_ column: String, _ days: Int) -> String {
            "(to_char(to_date(lpad(\(column)::text, 8, '0'), 'YYYYMMDD') + (\(days)), 'YYYYMMDD')::bigint)"
        }
    }
#endif
