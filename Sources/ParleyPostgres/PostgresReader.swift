#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresStore: CaseStore {
        public func readCase<T>(_ body: (any CaseReader) throws -> T) throws -> T {
            try read { session in
                // No JIT compilation in a read: the reports' queries are many short index seeks
                // whose estimated cost passes jit_above_cost, and compiling them took longer than
                // running them (at 100,000 statements, `report disputes` cost the server 0.69 s
                // of CPU with JIT and 0.42 s without; BENCHMARKS.md, "Issue 24").
                try session.execute("SET LOCAL jit = off")
                return try body(PostgresReader(session: session))
            }
        }
    }

    /// The questions of one PostgreSQL read transaction (the store contract, ``CaseReader``): the
    /// SQLite reader's queries in PostgreSQL's SQL, answering with the same model values.
    public struct PostgresReader: CaseReader {
        let session: PostgresSession

        /// The case as recorded by a moment, when this reader was asked to see it (see
        /// ``knowing(_:)``).
        var known: KnownView? = nil
        /// What the statement queries read as `statement`: the table, or the statements as the
        /// case held them at the moment this reader knows (``knownStatementTable()``).
        var statementTable = "statement"

        public init(session: PostgresSession) {
            self.session = session
        }

        /// ``PostgresStatements/all`` reading ``statementTable``.
        var allStatements: String {
            PostgresStatements.select + " FROM \(statementTable) s " + PostgresStatements.joins
        }

        public func issueTitles() throws -> [String: String] {
            var titles: [String: String] = [:]
            for row in try session.rows("SELECT id, title FROM issue") {
                let (id, title) = try row.decode((String, String).self)
                titles[id] = title
            }
            return titles
        }

        public func labelRelationSet() throws -> LabelRelations {
            LabelRelations(try labelRelations(issue: nil), orders: try labelOrders(issue: nil))
        }

        public func labelRelations(issue: String?) throws -> [LabelRelation] {
            if let known { return known.relations(within: try issue.map(canonicalIssue)) }
            var binds: [StoredValue] = []
            let filter = try issue.map { " WHERE " + (try issueSubtree("r.issue_pk", $0, binds: &binds)) } ?? ""
            return try session.rows(
                """
                SELECT i.id, r.a, r.b, r.kind FROM label_relation r JOIN issue i ON i.pk = r.issue_pk\(filter)
                ORDER BY i.id, r.a, r.b
                """, binds
            ).map { row in
                let (issue, a, b, kind) = try row.decode((String, String, String, String).self)
                return LabelRelation(issue: issue, a, b, kind: try LabelRelation.Kind.parse(kind))
            }
        }

        public func labelOrders(issue: String?) throws -> [LabelOrder] {
            if let known { return known.orders(within: try issue.map(canonicalIssue)) }
            var binds: [StoredValue] = []
            let filter = try issue.map { " WHERE " + (try issueSubtree("r.issue_pk", $0, binds: &binds)) } ?? ""
            return try session.rows(
                """
                SELECT i.id, r.harder, r.softer FROM label_order r JOIN issue i ON i.pk = r.issue_pk\(filter)
                ORDER BY i.id, r.harder, r.softer
                """, binds
            ).map { row in
                let (issue, harder, softer) = try row.decode((String, String, String).self)
                return LabelOrder(issue: issue, harder: harder, softer: softer)
            }
        }

        public func labelUse(issue: String) throws -> [(issue: String, label: String, count: Int)] {
            var binds: [StoredValue] = []
            let subtree = try issueSubtree("s.issue_pk", issue, binds: &binds)
            return try session.rows(
                """
                SELECT i.id, s.stance, count(*) AS n FROM statement s JOIN issue i ON i.pk = s.issue_pk
                WHERE s.retracted_at IS NULL AND \(subtree)
                GROUP BY i.id, s.stance ORDER BY i.id, n DESC, s.stance
                """, binds
            ).map { row in
                let (issue, label, count) = try row.decode((String, String, Int64).self)
                return (issue, label, Int(count))
            }
        }

        public func staleness(asOf date: CalendarDate?, window: StaleWindow) throws -> Staleness? {
            let reference: CalendarDate
            if let date {
                reference = date
            } else if let known {
                var dates: [String: CalendarDate] = [:]
                for row in try session.rows("SELECT id, published FROM source") {
                    let (id, published) = try row.decode((String, String).self)
                    dates[id] = try CalendarDate(parsing: published)
                }
                guard let latest = known.latestPublished(dates) else { return nil }
                reference = latest
            } else {
                guard
                    let latest = try session.rows("SELECT published FROM source ORDER BY published_key DESC LIMIT 1")
                        .first
                else { return nil }
                reference = try CalendarDate(parsing: try latest.decode(String.self))
            }
            var windows: [String: StaleWindow] = [:]
            for row in try session.rows("SELECT id, stale_after FROM issue WHERE stale_after IS NOT NULL") {
                let (id, text) = try row.decode((String, String).self)
                windows[id] = try StaleWindow(parsing: text)
            }
            for (issue, window) in known?.windows ?? [:] { windows[issue] = window }
            return Staleness(reference: reference, window: window, issueWindows: windows)
        }

        public func positions(asOf date: CalendarDate?, party: String?, issue: String?) throws -> [Position] {
            try positions(asOf: date, party: party, issue: issue, pairs: nil)
        }

        /// The positions of exactly the pairs `keys` (those that have one), in one query: what a
        /// kept board reads again after a write (``ParleyStore/CaseReader/positionChanges(since:)``).
        public func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position] {
            guard !keys.isEmpty else { return [] }
            return try positions(asOf: date, party: nil, issue: nil, pairs: keys)
        }

        /// ``positions(asOf:party:issue:)``, narrowed to `pairs` when given.
        private func positions(asOf date: CalendarDate?, party: String?, issue: String?, pairs wanted: [PositionKey]?)
            throws -> [Position]
        {
            var conditions: [String] = []
            var binds: [StoredValue] = [.integer(Int64((date ?? .latest).endKey))]
            if let party {
                binds.append(.integer(try pk(.party, party)))
                conditions.append("k.party_pk = $\(binds.count)")
            }
            if let issue {
                conditions.append(try issueSubtree("k.issue_pk", issue, binds: &binds))
            }
            if let wanted {
                binds.append(.text(Self.textArray(wanted.map(\.party))))
                binds.append(.text(Self.textArray(wanted.map(\.issue))))
                conditions.append(
                    """
                    (k.party_pk, k.issue_pk) IN (
                        SELECT p.pk, i.pk FROM unnest($\(binds.count - 1)::text[], $\(binds.count)::text[]) w(party, issue)
                        JOIN party p ON p.id = w.party JOIN issue i ON i.id = w.issue)
                    """)
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            // The pairs with a statement; as known at a moment, also those of the statements it
            // puts back (a correction may have moved one to another pair since).
            let pairs =
                known == nil
                ? "position_key"
                : "(SELECT party_pk, issue_pk FROM position_key UNION SELECT party_pk, issue_pk FROM \(statementTable) z)"
            // Per pair, the latest date said by then (a seek on the position index), then that
            // day's statements (a seek each: `LATERAL … OFFSET 0`, as a plain join PostgreSQL
            // estimated one row for it and joined party, issue and actor by nested loops over
            // sequential scans), kept apart so that the joins below are hashed once, not per pair.
            let sql = """
                WITH latest AS MATERIALIZED (
                    SELECT k.party_pk AS party_pk, k.issue_pk AS issue_pk,
                           (SELECT x.said_key FROM \(statementTable) x
                            WHERE x.party_pk = k.party_pk AND x.issue_pk = k.issue_pk AND x.said_key <= $1
                              AND x.retracted_at IS NULL AND x.about_pk IS NULL
                            ORDER BY x.said_key DESC LIMIT 1) AS said_key
                    FROM \(pairs) k\(filter)
                ),
                day AS MATERIALIZED (
                    SELECT x.* FROM latest l CROSS JOIN LATERAL (
                        SELECT x.* FROM \(statementTable) x
                        WHERE x.party_pk = l.party_pk AND x.issue_pk = l.issue_pk AND x.said_key = l.said_key
                          AND x.retracted_at IS NULL AND x.about_pk IS NULL
                        OFFSET 0) x
                )
                \(PostgresStatements.select)
                FROM day s
                \(PostgresStatements.joins)
                ORDER BY i.id, p.id, s.said_key, s.source_key, s.pk
                """
            var byPair: [PositionKey: [DatedStatement]] = [:]
            var order: [PositionKey] = []
            for dated in try fetch(sql, binds) {
                let key = dated.key
                if byPair[key] == nil { order.append(key) }
                byPair[key, default: []].append(dated)
            }
            return order.compactMap { byPair[$0].flatMap(Position.init(statements:)) }
        }

        public func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: Adoption] {
            guard !positions.isEmpty else { return [:] }
            // Each shown position: its backing statement, and its labels between commas (labels
            // are slugs, which hold no comma), as two arrays read side by side.
            let numbers = "{" + positions.map { String($0.backing.sequence) }.joined(separator: ",") + "}"
            let labels =
                "{" + positions.map { "\",\($0.labels.joined(separator: ",")),\"" }.joined(separator: ",") + "}"
            // Per position, seeks on the position index: its pair (by the backing statement's
            // number), its last statement with a label it does not hold (the previous label), and
            // the first statement after that one (the adoption). Each is a `LATERAL` subquery: as
            // scalar subqueries PostgreSQL hashed the whole statement table for every call (a few
            // thousand positions at a time) and ran the "previous" subquery twice per position.
            let sql = """
                WITH shown AS (SELECT u.spk, u.labels FROM unnest($1::bigint[], $2::text[]) AS u(spk, labels))
                \(PostgresStatements.select), px.stance
                FROM shown sh CROSS JOIN LATERAL (
                    SELECT c.party_pk, c.issue_pk FROM \(statementTable) c WHERE c.pk = sh.spk OFFSET 0) c
                LEFT JOIN LATERAL (
                    SELECT x.said_key, x.source_key, x.pk, x.stance FROM \(statementTable) x
                    WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= $3
                      AND x.retracted_at IS NULL AND x.about_pk IS NULL
                      AND strpos(sh.labels, ',' || x.stance || ',') = 0
                    ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) px ON true
                CROSS JOIN LATERAL (
                    SELECT m.* FROM \(statementTable) m
                    WHERE m.party_pk = c.party_pk AND m.issue_pk = c.issue_pk AND m.said_key <= $3
                      AND m.retracted_at IS NULL AND m.about_pk IS NULL
                      AND (m.said_key, m.source_key, m.pk)
                        > (coalesce(px.said_key, 0), coalesce(px.source_key, 0), coalesce(px.pk, 0))
                    ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) s
                \(PostgresStatements.joins)
                """
            var result: [PositionKey: Adoption] = [:]
            let binds: [StoredValue] = [.text(numbers), .text(labels), .integer(Int64((date ?? .latest).endKey))]
            for row in try session.rows(sql, binds) {
                let dated = try dated(row)
                let previous = try row.makeRandomAccess()[PostgresStatements.columnCount].decode(String?.self)
                result[dated.key] = Adoption(statement: dated, previousLabel: previous)
            }
            return result
        }

        public func agreements() throws -> [Agreement] { try tracked() }

        public func disputes() throws -> [Dispute] { try tracked() }

        /// Every agreement or every dispute (by the status type asked for), ordered by id: one query
        /// for the records, one for their parties and mediators, one for the parties joining and
        /// leaving, one for the issues they cover, one for their histories. `issue` keeps those on
        /// that issue or below it (by any of the issues they cover), `party` those it takes part in
        /// (as a party or a mediator), `ids` those with these ids.
        public func tracked<Status: StepStatus>(
            _ status: Status.Type = Status.self, issue: String? = nil, party: String? = nil, ids: [String]? = nil
        ) throws -> [Tracked<Status>] {
            let records = try allTracked(status, issue: issue, party: party, ids: ids)
            return known?.tracked(records) ?? records
        }

        /// ``tracked(_:issue:party:ids:)`` as the records are now.
        private func allTracked<Status: StepStatus>(
            _ status: Status.Type, issue: String?, party: String?, ids: [String]?
        ) throws -> [Tracked<Status>] {
            let table = Status.record.rawValue
            var conditions: [String] = []
            var binds: [StoredValue] = []
            if let ids {
                let list = String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)
                binds.append(.text(list))
                conditions.append("r.id IN (SELECT jsonb_array_elements_text($\(binds.count)::jsonb))")
            }
            if let issue {
                let subtree = try issueSubtree("r.issue_pk", issue, binds: &binds)
                let more = try issueSubtree("x.issue_pk", issue, binds: &binds)
                conditions.append(
                    "(\(subtree) OR EXISTS (SELECT 1 FROM \(table)_issue x WHERE x.\(table)_pk = r.pk AND \(more)))")
            }
            if let party {
                binds.append(.integer(try pk(.party, party)))
                conditions.append(
                    "EXISTS (SELECT 1 FROM \(table)_party m WHERE m.\(table)_pk = r.pk AND m.party_pk = $\(binds.count))"
                )
            }
            // The chosen records' row keys, which the member and step queries are narrowed to.
            func chosen(_ column: String) -> String {
                conditions.isEmpty
                    ? ""
                    : " WHERE \(column) IN (SELECT r.pk FROM \(table) r WHERE \(conditions.joined(separator: " AND ")))"
            }
            var parties: [Int64: [String]] = [:]
            var mediators: [Int64: [String]] = [:]
            for row in try session.rows(
                """
                SELECT m.\(table)_pk, p.id, m.role FROM \(table)_party m JOIN party p ON p.pk = m.party_pk\(chosen("m.\(table)_pk"))
                ORDER BY m.\(table)_pk, m.position
                """, binds)
            {
                let (owner, party, role) = try row.decode((Int64, String, String).self)
                if role == "mediator" {
                    mediators[owner, default: []].append(party)
                } else {
                    parties[owner, default: []].append(party)
                }
            }
            var changes: [Int64: [(party: String, role: String, change: String)]] = [:]
            for row in try session.rows(
                """
                SELECT m.step_pk, p.id, m.role, m.change FROM \(table)_step_party m JOIN party p ON p.pk = m.party_pk
                JOIN \(table)_step st ON st.pk = m.step_pk\(chosen("st.\(table)_pk"))
                ORDER BY m.step_pk, m.role, p.id
                """, binds)
            {
                let (step, party, role, change) = try row.decode((Int64, String, String, String).self)
                changes[step, default: []].append((party, role, change))
            }
            var moreIssues: [Int64: [String]] = [:]
            for row in try session.rows(
                """
                SELECT x.\(table)_pk, i.id FROM \(table)_issue x JOIN issue i ON i.pk = x.issue_pk\(chosen("x.\(table)_pk"))
                ORDER BY x.\(table)_pk, x.position
                """, binds)
            {
                let (owner, issue) = try row.decode((Int64, String).self)
                moreIssues[owner, default: []].append(issue)
            }
            var steps: [Int64: [Step<Status>]] = [:]
            for row in try session.rows(
                """
                SELECT st.pk, st.\(table)_pk, st.status, st."on", src.id, st.note, st.retracted_at, st.retracted_by,
                       st.retract_reason, st.on_from_source, acc.id, st.due, st.term, st.recorded_at
                FROM \(table)_step st JOIN source src ON src.pk = st.source_pk
                LEFT JOIN party acc ON acc.pk = st.according_to_pk\(chosen("st.\(table)_pk"))
                ORDER BY st.\(table)_pk, st.seq
                """, binds)
            {
                let (pk, owner, status, on, source, note, retractedAt) = try row.decode(
                    (Int64, Int64, String, String, String, String?, String?).self)
                let cells = row.makeRandomAccess()
                let retractedBy = try cells[7].decode(String?.self)
                let retractReason = try cells[8].decode(String?.self)
                let onFromSource = try cells[9].decode(Int64.self)
                let accordingTo = try cells[10].decode(String?.self)
                let due = try cells[11].decode(String?.self)
                let term = try cells[12].decode(String?.self)
                let recordedAt = try cells[13].decode(String?.self)
                let members = changes[pk] ?? []
                func parties(_ role: String, _ change: String) -> [String] {
                    members.filter { $0.role == role && $0.change == change }.map(\.party)
                }
                steps[owner, default: []].append(
                    Step(
                        status: try Status.parse(status), on: try CalendarDate(parsing: on), source: source, note: note,
                        addParties: parties("party", "join"), removeParties: parties("party", "leave"),
                        addMediators: parties("mediator", "join"), removeMediators: parties("mediator", "leave"),
                        retraction: retractedAt.map {
                            Retraction(at: $0, by: retractedBy ?? "", reason: retractReason ?? "")
                        }, accordingTo: accordingTo, onIsSourceDate: onFromSource != 0,
                        due: try due.map { try CalendarDate(parsing: $0) }, term: term, recordedAt: recordedAt))
            }
            return try session.rows(
                """
                SELECT r.pk, r.id, r.title, i.id, r.terms, r.package
                FROM \(table) r JOIN issue i ON i.pk = r.issue_pk\(chosen("r.pk")) ORDER BY r.id
                """, binds
            ).map { row in
                let (pk, id, title, issue, terms, package) = try row.decode(
                    (Int64, String, String, String, String?, String?).self)
                return Tracked(
                    id: id, title: title, issue: issue, moreIssues: moreIssues[pk] ?? [], terms: terms,
                    parties: parties[pk] ?? [], mediators: mediators[pk] ?? [], history: steps[pk] ?? [],
                    package: package)
            }
        }

        // MARK: - Ids

        /// The row key of the record with `id` (an issue also answers to its aliases), or a
        /// `notFound` error with the closest ids.
        func pk(_ kind: RecordKind, _ id: String) throws -> Int64 {
            if let row = try session.rows("SELECT pk FROM \(kind.rawValue) WHERE id = $1", [.text(id)]).first {
                return try row.decode(Int64.self)
            }
            if kind == .issue,
                let row = try session.rows(
                    "SELECT i.pk FROM issue i, jsonb_array_elements_text(i.aliases::jsonb) a(value) WHERE a.value = $1 LIMIT 1",
                    [.text(id)]
                ).first
            {
                return try row.decode(Int64.self)
            }
            throw StoreError.notFound(kind, id: id, suggestions: try suggestions(kind, for: id))
        }

        /// Up to three ids of `kind` close to `id`, ranked as the SQLite store ranks them
        /// (``Suggestions/records(for:ids:aliasMatches:aliases:)``).
        func suggestions(_ kind: RecordKind, for id: String) throws -> [String] {
            let table = kind.rawValue
            let ids = try session.rows("SELECT id FROM \(table)").map { try $0.decode(String.self) }
            guard kind == .party || kind == .actor else { return Suggestions.records(for: id, ids: ids) }
            let matches = try session.rows(
                """
                SELECT t.id FROM \(table) t, jsonb_array_elements_text(t.aliases::jsonb) a(value)
                WHERE lower(a.value) = lower($1)
                """, [.text(id)]
            ).map { try $0.decode(String.self) }
            let aliases = try session.rows(
                "SELECT t.id, a.value FROM \(table) t, jsonb_array_elements_text(t.aliases::jsonb) a(value) ORDER BY t.id"
            ).map { row in
                let (owner, alias) = try row.decode((String, String).self)
                return (owner: owner, alias: alias)
            }
            return Suggestions.records(for: id, ids: ids, aliasMatches: matches, aliases: aliases)
        }

        /// The id as stored of the issue `id` names (its id or one of its aliases), or a `notFound`
        /// error with the closest ids.
        func canonicalIssue(_ id: String) throws -> String {
            let issuePK = try pk(.issue, id)
            guard let row = try session.rows("SELECT id FROM issue WHERE pk = $1", [.integer(issuePK)]).first else {
                throw StoreError.notFound(.issue, id: id, suggestions: [])
            }
            return try row.decode(String.self)
        }

        /// The condition "issue row key `column` is `issue` or below it", its value appended to
        /// `binds`. `asList` gives the issues' keys as an array, which PostgreSQL can seek an index
        /// with (`column = ANY(…)`), where `IN (SELECT …)` is a join it plans on its own.
        func issueSubtree(_ column: String, _ issue: String, binds: inout [StoredValue], asList: Bool = false) throws
            -> String
        {
            binds.append(.text(try canonicalIssue(issue)))
            let n = binds.count
            let subtree = "SELECT pk FROM issue WHERE id = $\(n) OR substr(id, 1, length($\(n)) + 1) = $\(n) || '/'"
            return asList ? "\(column) = ANY(ARRAY(\(subtree)))" : "\(column) IN (\(subtree))"
        }
    }

    /// The statement columns every statement query selects (in this order), and the joins that give
    /// them: ParleyStore's `StatementQuery` in PostgreSQL's SQL.
    enum PostgresStatements {
        static let select = """
            SELECT s.pk, p.id, a.id, i.id, s.kind, s.stance, s.summary, s.quote, s.said, src.id, s.recorded_at,
                   src.published, s.retracted_at, s.retracted_by, s.retract_reason, s.via, ab.id,
                   (SELECT string_agg(coalesce(cp.id || ':', '') || ci.id || '=' || c.label, '; ' ORDER BY c.position)
                    FROM statement_condition c JOIN issue ci ON ci.pk = c.issue_pk LEFT JOIN party cp ON cp.pk = c.party_pk
                    WHERE c.statement_pk = s.pk)
            """
        static let joins = """
            JOIN party p ON p.pk = s.party_pk
            LEFT JOIN actor a ON a.pk = s.actor_pk
            JOIN issue i ON i.pk = s.issue_pk
            JOIN source src ON src.pk = s.source_pk
            LEFT JOIN party ab ON ab.pk = s.about_pk
            """

        /// `SELECT … FROM statement s JOIN …`: add `WHERE` and `ORDER BY`.
        static let all = select + " FROM statement s " + joins

        /// How many columns ``select`` selects.
        static let columnCount = 18

        /// Runs a statement query and decodes its rows.
        static func fetch(_ session: PostgresSession, _ sql: String, _ binds: [StoredValue]) throws -> [DatedStatement]
        {
            try session.rows(sql, binds).map(decode)
        }

        static func decode(_ row: PostgresRow) throws -> DatedStatement {
            let c = row.makeRandomAccess()
            let number = try c[0].decode(Int64.self)
            let said = try c[8].decode(String?.self).map { try CalendarDate(parsing: $0) }
            let published = try CalendarDate(parsing: try c[11].decode(String.self))
            let retractedAt = try c[12].decode(String?.self)
            let retractedBy = try c[13].decode(String?.self)
            let retractReason = try c[14].decode(String?.self)
            let statement = Statement(
                number: number, party: try c[1].decode(String.self), actor: try c[2].decode(String?.self),
                issue: try c[3].decode(String.self), kind: try StatementKind.parse(try c[4].decode(String.self)),
                stance: try c[5].decode(String.self), summary: try c[6].decode(String.self),
                quote: try c[7].decode(String?.self), said: said, source: try c[9].decode(String.self),
                recordedAt: try c[10].decode(String.self),
                retraction: retractedAt.map { Retraction(at: $0, by: retractedBy ?? "", reason: retractReason ?? "") },
                via: try c[15].decode(String?.self), about: try c[16].decode(String?.self),
                conditions: try c[17].decode(String?.self).flatMap(Condition.list) ?? [])
            return DatedStatement(
                statement: statement, effectiveDate: said ?? published, sourceDate: published, sequence: number)
        }
    }
#endif
