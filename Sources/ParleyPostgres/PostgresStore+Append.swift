#if PostgreSQL
    import ParleyModel
    import ParleyStore

    extension PostgresStore {
        /// Makes in this database, in one write transaction, what a write staged in `staged` did:
        /// `staged` is a copy of this case (made while the change log ended at `version`) in which
        /// ``ParleyStore/ParleyDatabase/captureChanges(of:)`` noted which rows the write added,
        /// changed and removed. The rows follow as a write made by Parley: after the writers before
        /// it (the writers' lock), only if the change log still ends at `version` (otherwise the
        /// write was made against a case that is no longer this one: nothing is written), the identity
        /// sequences following, the new change-log version announced. What an import into
        /// PostgreSQL sends: the one importer's rules decide in `staged`, and here the rows go in.
        /// Returns false, writing nothing, when the change log no longer ends at `version`.
        public func follow(_ staged: ParleyDatabase, ifChangeVersionIs version: Int64) throws -> Bool {
            try write { session in
                try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.logLock)])
                let now = try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.decode(Int64.self) ?? 0
                guard now == version else { return false }
                // Rows arrive table by table, parents first; a table that refers to itself (an
                // issue's parent) is checked at commit.
                try session.execute("SET CONSTRAINTS ALL DEFERRED")
                try staged.forEachCapturedChange(of: PostgresSchema.tables, batch: 10_000) { changed in
                    let rows = changed.rows
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
                if latest != version {
                    session.logged.set(latest)
                    try session.execute("SELECT pg_notify($1, $2)", [.text(Self.changeChannel), .text(String(latest))])
                }
                return true
            }
        }
    }
#endif
