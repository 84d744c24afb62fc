#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore

    extension PostgresStore {
        /// Makes in this database, in one write transaction, what a write staged in `staged` did:
        /// `staged` is a copy of this case (made while the change log ended at `version`) in which
        /// ``ParleyStore/ParleyDatabase/captureChanges(of:)`` noted which rows the write added,
        /// changed and removed, and `footprint` what it wrote and read
        /// (``ParleyStore/ParleyDatabase/capturedFootprint(of:)``). The rows follow as a write made
        /// by Parley: after the writers before it (the writers' lock), the identity sequences
        /// following, the new change-log version announced. What an import into PostgreSQL sends:
        /// the one importer's rules decide in `staged`, and here the rows go in.
        ///
        /// Other writes may have reached the case since the copy was made. Each of their change-log
        /// entries is held against the footprint (``ParleyStore/StagedFootprint/conflict(with:now:then:addsSame:)``);
        /// when none changes what the staged write read or would have done, its rows go in after
        /// them, their row keys (statement numbers, the change-log entry's number) following the
        /// keys those writes took, as SQLite numbers a write made after them. Returns nil when the
        /// rows went in; otherwise why they cannot, worded, with nothing written: the write must
        /// be made again on a new copy. The (party, issue) pairs of the statements the rows add,
        /// change or remove are filed under the write's change-log version (`import_pairs`), for
        /// a kept board to follow them (``PostgresReader/positionChanges(since:)``).
        public func follow(_ staged: ParleyDatabase, madeAt version: Int64, footprint: StagedFootprint) throws
            -> String?
        {
            try write { session in
                try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.logLock)])
                let now = try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.decode(Int64.self) ?? 0
                var current = footprint.highest
                if now != version {
                    guard now > version else { return "the change log is shorter than when the copy was made" }
                    for table in footprint.highest.keys.sorted() {
                        current[table] =
                            try session.rows("SELECT coalesce(max(pk), 0) FROM \(table)").first?.decode(Int64.self) ?? 0
                    }
                    if let conflict = try conflict(
                        since: version, of: footprint, staged: staged, current: current, session: session)
                    {
                        return conflict
                    }
                }
                // Rows arrive table by table, parents first; a table that refers to itself (an
                // issue's parent) is checked at commit.
                try session.execute("SET CONSTRAINTS ALL DEFERRED")
                // The pairs of the statements added, changed (before and after) or removed.
                var pairs = Set<Int64>()
                try staged.forEachCapturedChange(of: PostgresSchema.tables, batch: 10_000) { changed in
                    let rows = now == version ? changed.rows : Self.following(changed.rows, footprint, current)
                    if rows.table == "statement" {
                        try Self.collectPairs(of: changed, rows, into: &pairs, session: session)
                    }
                    switch changed.change {
                    case .added:
                        try insert(rows, session: session)
                    case .removed:
                        let match = changed.key.enumerated().map { "\"\($1)\" = $\($0 + 1)" }
                        for row in rows.rows {
                            try session.execute(
                                "DELETE FROM \(rows.table) WHERE " + match.joined(separator: " AND "), row)
                        }
                    case .changed:
                        let keyed = rows.columns.enumerated().filter { changed.key.contains($0.element) }
                        let others = rows.columns.enumerated().filter { !changed.key.contains($0.element) }
                        guard !others.isEmpty else { return }
                        let set = others.enumerated().map { "\"\($1.element)\" = $\($0 + 1)" }
                        let match = keyed.enumerated().map { "\"\($1.element)\" = $\(others.count + $0 + 1)" }
                        let sql =
                            "UPDATE \(rows.table) SET \(set.joined(separator: ", ")) WHERE "
                            + match.joined(separator: " AND ")
                        for row in rows.rows {
                            try session.execute(sql, others.map { row[$0.offset] } + keyed.map { row[$0.offset] })
                        }
                    }
                }
                for table in PostgresSchema.tables where PostgresSchema.keyed.contains(table) {
                    try session.execute(
                        """
                        SELECT setval(pg_get_serial_sequence('\(PostgresSchema.namespace).\(table)', 'pk'),
                                      coalesce(max(pk), 0) + 1, false) FROM \(table)
                        """)
                }
                let latest =
                    try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.decode(Int64.self) ?? 0
                if latest != now {
                    try session.execute(
                        "INSERT INTO import_pairs (version, pairs) VALUES ($1, $2::bigint[])",
                        [.integer(latest), .text("{" + pairs.sorted().map(String.init).joined(separator: ",") + "}")])
                    session.logged.set(latest)
                    try session.execute("SELECT pg_notify($1, $2)", [.text(Self.changeChannel), .text(String(latest))])
                }
                return nil
            }
        }

        /// Why the writes logged after `version` change what the staged write read or would have
        /// done, entry by entry, the first found; nil when none does.
        private func conflict(
            since version: Int64, of footprint: StagedFootprint, staged: ParleyDatabase, current: [String: Int64],
            session: PostgresSession
        ) throws -> String? {
            if let numbering = footprint.numbering(current: current) { return numbering }
            let columns = StatementKeys.identityColumns.map { "\"\($0)\"" }.joined(separator: ", ")
            func now(_ number: Int64) throws -> StatementKeys? {
                guard
                    let row = try session.rows(
                        "SELECT party_pk, issue_pk, (retracted_at IS NULL)::int, \(columns) FROM statement WHERE pk = $1",
                        [.integer(number)]
                    ).first
                else { return nil }
                let values = try Self.values(row)
                guard case .integer(let party) = values[0], case .integer(let issue) = values[1] else { return nil }
                return StatementKeys(
                    party: party, issue: issue, identity: Array(values[3...]), standing: values[2] == .integer(1))
            }
            let decoder = JSONDecoder()
            for row in try session.rows(
                "SELECT pk, at, by, action, kind, record, reason, changes FROM change_log WHERE pk > $1 ORDER BY pk",
                [.integer(version)])
            {
                let (pk, at, by, action, kind, record, reason, changes) = try row.decode(
                    (Int64, String, String, String, String?, String?, String?, String).self)
                guard
                    let entry = try? LogEntry(
                        stored: pk, at: at, by: by, action: action, kind: kind, record: record, reason: reason,
                        changes: changes, decoder: decoder)
                else { return "change-log entry \(pk) is of a kind this Parley does not know (\(action))" }
                if let conflict = try footprint.conflict(
                    with: entry, now: now, then: staged.statementKeys, addsSame: staged.addedStatement(sameAs:))
                {
                    return "\(conflict) (by \(by) at \(at))"
                }
            }
            return nil
        }

        /// Adds to `pairs` (`party_pk << 32 | issue_pk`) the pairs of the statements in `changed`
        /// (`rows`, its keys as the case has them): an added row's, a changed row's as it was (read
        /// here, before it is changed) and as it is, a removed row's as it was.
        private static func collectPairs(
            of changed: ChangedRows, _ rows: StoredRows, into pairs: inout Set<Int64>, session: PostgresSession
        ) throws {
            guard let pk = rows.columns.firstIndex(of: "pk") else { return }
            if changed.change != .removed,
                let party = rows.columns.firstIndex(of: "party_pk"), let issue = rows.columns.firstIndex(of: "issue_pk")
            {
                for row in rows.rows {
                    if case .integer(let p) = row[party], case .integer(let i) = row[issue] {
                        pairs.insert(p << 32 | i)
                    }
                }
            }
            guard changed.change != .added else { return }
            let numbers = rows.rows.compactMap { row -> String? in
                if case .integer(let number) = row[pk] { return String(number) }
                return nil
            }
            for row in try session.rows(
                "SELECT (party_pk::bigint << 32) | issue_pk FROM statement WHERE pk = ANY($1::bigint[])",
                [.text("{" + numbers.joined(separator: ",") + "}")])
            {
                pairs.insert(try row.decode(Int64.self))
            }
        }

        /// `rows` with the staged write's own row keys, and the references to them, following the
        /// case's highest keys `current` (``ParleyStore/StagedFootprint/key(_:of:after:)``).
        static func following(_ rows: StoredRows, _ footprint: StagedFootprint, _ current: [String: Int64])
            -> StoredRows
        {
            let references = footprint.references[rows.table] ?? [:]
            let targets: [(Int, String)] = rows.columns.enumerated().compactMap { index, column in
                if column == "pk", footprint.highest[rows.table] != nil { return (index, rows.table) }
                return references[column].map { (index, $0) }
            }
            guard !targets.isEmpty else { return rows }
            var moved = rows
            for row in moved.rows.indices {
                for (index, table) in targets {
                    if case .integer(let key) = moved.rows[row][index] {
                        moved.rows[row][index] = .integer(footprint.key(key, of: table, after: current))
                    }
                }
            }
            return moved
        }
    }
#endif
