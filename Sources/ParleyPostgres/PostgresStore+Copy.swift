#if PostgreSQL
    import ParleyModel
    import ParleyStore

    extension PostgresStore {
        /// How many rows of each table a copy wrote, in the order the tables were filled.
        public typealias CopyCounts = [(table: String, rows: Int)]

        /// Copies the whole case in the SQLite database `source` (every table: records, steps,
        /// statements, the change log, tokens and sessions, with their row keys, so that statement
        /// numbers stay) into this database, which must hold no case yet. One read transaction on
        /// the source, one transaction here: all or nothing, and the source may be written meanwhile.
        /// The rows go in with COPY, PostgreSQL's bulk load.
        public func copyAll(from source: ParleyDatabase) throws -> CopyCounts {
            try write { session in
                try requireEmpty(session)
                // Rows arrive table by table, parents first; a table that refers to itself (an issue's
                // parent) is checked at commit.
                try session.execute("SET CONSTRAINTS ALL DEFERRED")
                var counts: CopyCounts = []
                // One COPY per 10,000 rows: few round trips, and a bounded buffer.
                try source.forEachBatch(of: PostgresSchema.tables, batch: 10_000) { batch in
                    try insert(batch, session: session)
                    if counts.last?.table == batch.table {
                        counts[counts.count - 1].rows += batch.rows.count
                    } else {
                        counts.append((batch.table, batch.rows.count))
                    }
                }
                // New rows take row keys after the copied ones.
                for table in PostgresSchema.tables where PostgresSchema.keyed.contains(table) {
                    try session.execute(
                        """
                        SELECT setval(pg_get_serial_sequence('\(PostgresSchema.namespace).\(table)', 'pk'),
                                      coalesce(max(pk), 0) + 1, false) FROM \(table)
                        """)
                }
                return counts
            }
        }

        /// Refuses a database that holds any row of a case (a token or a session too).
        func requireEmpty(_ session: PostgresSession) throws {
            for table in PostgresSchema.tables {
                if try session.rows("SELECT 1 FROM \(table) LIMIT 1").first != nil {
                    throw StoreError.postgres(address: address.description, .notEmpty)
                }
            }
        }

        /// Refuses a database that holds a case already, before anything is done (an import into
        /// PostgreSQL stages the case first, then copies it: see ``copyAll(from:)``).
        public func requireEmpty() throws {
            try read { try requireEmpty($0) }
        }

        /// Sends one batch of rows: with COPY, except the pairs of `position_key`, which the
        /// statements' trigger has already partly filled (COPY cannot skip a row that is there).
        private func insert(_ batch: StoredRows, session: PostgresSession) throws {
            let width = batch.columns.count
            guard width > 0, !batch.rows.isEmpty else { return }
            if batch.table != "position_key" {
                try session.copy(into: batch.table, columns: batch.columns, rows: batch.rows)
                return
            }
            let rowsPerStatement = max(1, 60000 / width)
            var start = 0
            while start < batch.rows.count {
                let rows = batch.rows[start..<min(batch.rows.count, start + rowsPerStatement)]
                var binds: [StoredValue] = []
                binds.reserveCapacity(rows.count * width)
                var tuples: [String] = []
                for row in rows {
                    let first = binds.count
                    binds.append(contentsOf: row)
                    tuples.append("(" + (1...width).map { "$\(first + $0)" }.joined(separator: ",") + ")")
                }
                let columns = batch.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                // The statement trigger has already filled position_key; the copied rows add the
                // pairs that no standing statement has any more.
                try session.execute(
                    "INSERT INTO \(batch.table) (\(columns)) VALUES " + tuples.joined(separator: ",")
                        + " ON CONFLICT DO NOTHING", binds)
                start += rows.count
            }
        }
    }
#endif
