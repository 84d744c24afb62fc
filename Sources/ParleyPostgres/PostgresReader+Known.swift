#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresReader {
        /// This reader, seeing the case as it was recorded by `moment`: the view is worked out as
        /// SQLite's reader works it out (ParleyStore's `KnownView`, from the change log after the
        /// moment and the statements it touches), and every statement query then reads
        /// ``statementTable``, the statements as they were, instead of the table.
        public func knowing(_ moment: KnownAsOf?) throws -> PostgresReader {
            guard let moment else { return self }
            var reader = self
            reader.known = try KnownView(
                moment: moment, entries: try log(after: moment.through),
                retractedAfter: { through in
                    Set(
                        try session.rows("SELECT pk FROM statement WHERE retracted_at > $1", [.text(through)]).map {
                            try $0.decode(Int64.self)
                        })
                },
                statementsOfSources: { ids in
                    Set(
                        try session.rows(
                            """
                            SELECT s.pk FROM statement s JOIN source src ON src.pk = s.source_pk
                            WHERE src.id = ANY($1::text[])
                            """, [.text(Self.textArray(ids))]
                        ).map { try $0.decode(Int64.self) })
                },
                recordedBy: { numbers, through in
                    try PostgresStatements.fetch(
                        session, PostgresStatements.all + " WHERE s.pk = ANY($1::bigint[]) AND s.recorded_at <= $2",
                        [.text("{" + numbers.map(String.init).joined(separator: ",") + "}"), .text(through)])
                },
                publishedDates: {
                    var dates: [String: CalendarDate] = [:]
                    for row in try session.rows("SELECT id, published FROM source") {
                        let (id, published) = try row.decode((String, String).self)
                        dates[id] = try CalendarDate(parsing: published)
                    }
                    return dates
                },
                relations: try labelRelations(issue: nil), orders: try labelOrders(issue: nil),
                canonicalIssue: { named in
                    guard let pk = try? pk(.issue, named),
                        let row = try? session.rows("SELECT id FROM issue WHERE pk = $1", [.integer(pk)]).first
                    else { return nil }
                    return try? row.decode(String.self)
                })
            reader.statementTable = try reader.knownStatementTable()
            return reader
        }

        /// The moment this reader sees the case as recorded by, if any.
        public var knownAsOf: KnownAsOf? { known?.moment }

        /// When the view reaches back past an import whose file kept no earlier values of corrected
        /// statements: the time of that import; nil otherwise.
        public var knownImportedAfter: String? { known?.importedAfter }

        /// The change-log entries made after the moment `through` (an ISO 8601 UTC timestamp),
        /// oldest first.
        func log(after through: String) throws -> [LogEntry] {
            try logEntries(where: "WHERE at > $1", [.text(through)])
        }

        /// The statements as the case held them at the view's moment, as a derived table with the
        /// statement table's columns: the rows recorded by then that the view does not put back,
        /// and, for those it does put back, rows with their values then (the columns the queries
        /// select and order by; the statement itself is then taken from the view, see
        /// ``dated(_:)``). The values are written into the SQL as literals, so that the queries
        /// that read this table keep their own numbered parameters.
        func knownStatementTable() throws -> String {
            guard let known else { return "statement" }
            let columns = """
                pk, party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key, source_pk, source_key,
                recorded_at, retracted_at, retracted_by, retract_reason, via, about_pk
                """
            let restored = known.restored.keys.sorted()
            var table = """
                (SELECT \(columns) FROM statement
                 WHERE recorded_at <= \(Self.literal(known.moment.through))
                """
            guard !restored.isEmpty else { return table + ")" }
            table +=
                " AND pk <> ALL (\(Self.literal("{" + restored.map(String.init).joined(separator: ",") + "}"))::bigint[])"
            var rows: [[String: Any]] = []
            for number in restored {
                guard let dated = known.restored[number] else { continue }
                let s = dated.statement
                var row: [String: Any] = [
                    "pk": number, "party_pk": try pk(.party, s.party), "issue_pk": try pk(.issue, s.issue),
                    "kind": s.kind.rawValue, "stance": s.stance, "said_key": dated.effectiveDate.endKey,
                    "source_pk": try pk(.source, s.source), "source_key": dated.sourceDate.endKey,
                    "recorded_at": s.recordedAt ?? "",
                ]
                if let actor = s.actor { row["actor_pk"] = try pk(.actor, actor) }
                if let about = s.about { row["about_pk"] = try pk(.party, about) }
                if let said = s.said { row["said"] = said.description }
                if let at = s.retraction?.at { row["retracted_at"] = at }
                rows.append(row)
            }
            let json = String(
                decoding: try JSONSerialization.data(withJSONObject: rows, options: [.sortedKeys]), as: UTF8.self)
            return table + """

                 UNION ALL
                 SELECT r.pk, r.party_pk, r.actor_pk, r.issue_pk, r.kind COLLATE "C", r.stance COLLATE "C",
                        ''::text COLLATE "C", NULL::text COLLATE "C", r.said COLLATE "C", r.said_key, r.source_pk,
                        r.source_key, r.recorded_at COLLATE "C", r.retracted_at COLLATE "C", NULL::text COLLATE "C",
                        NULL::text COLLATE "C", NULL::text COLLATE "C", r.about_pk
                 FROM jsonb_to_recordset(\(Self.literal(json))::jsonb) AS r(
                     pk bigint, party_pk bigint, actor_pk bigint, issue_pk bigint, kind text, stance text, said text,
                     said_key bigint, source_pk bigint, source_key bigint, recorded_at text, retracted_at text,
                     about_pk bigint))
                """
        }

        /// `text` as an SQL string literal (standard conforming: a quote doubled).
        static func literal(_ text: String) -> String {
            "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        }

        /// The statement in a row of a statement query: as decoded, or, where the case as known at
        /// this reader's moment holds it otherwise, as it was then (the view's own value, the one
        /// SQLite's reader puts back too).
        func dated(_ row: PostgresRow) throws -> DatedStatement {
            let dated = try PostgresStatements.decode(row)
            return known?.restored[dated.sequence] ?? dated
        }

        /// Runs a statement query and decodes its rows (see ``dated(_:)``).
        func fetch(_ sql: String, _ binds: [StoredValue]) throws -> [DatedStatement] {
            try session.rows(sql, binds).map(dated)
        }
    }
#endif
