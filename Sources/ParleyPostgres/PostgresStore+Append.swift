#if PostgreSQL
    import ParleyModel
    import ParleyStore

    extension PostgresStore {
        /// Appends `batches` (rows of case tables, each with its columns) in one write transaction,
        /// as a write made by Parley: after the writers before it (the writers' lock), only if the
        /// change log still ends at `version` (the case the rows were made against), the identity
        /// sequences following, the new change-log version announced. What a statements import
        /// staged in SQLite sends: the importer's rules decide there, and here the rows go in.
        public func append(_ batches: [StoredRows], ifChangeVersionIs version: Int64) throws {
            try write { session in
                try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.logLock)])
                let now = try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.decode(Int64.self) ?? 0
                guard now == version else {
                    throw StoreError.invalid([
                        Problem(
                            .conflict(
                                .statement, record: "the case",
                                detail: "another write changed it while the file was read; run the import again"))
                    ])
                }
                for batch in batches where !batch.rows.isEmpty {
                    try session.copy(into: batch.table, columns: batch.columns, rows: batch.rows)
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
            }
        }
    }
#endif
