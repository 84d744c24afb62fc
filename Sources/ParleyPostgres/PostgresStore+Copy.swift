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
        public func copyAll(from source: ParleyDatabase) throws -> CopyCounts {
            try write { session in
                for table in PostgresSchema.tables {
                    if try session.rows("SELECT 1 FROM \(table) LIMIT 1").first != nil {
                        throw StoreError.postgres(address: address.description, .notEmpty)
                    }
                }
                // Rows arrive table by table, parents first; a table that refers to itself (an issue's
                // parent) is checked at commit.
                try session.execute("SET CONSTRAINTS ALL DEFERRED")
                var counts: CopyCounts = []
                // PostgreSQL takes at most 65535 values in one statement.
                try source.forEachBatch(of: PostgresSchema.tables, batch: 2000) { batch in
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

        /// Inserts one batch of rows, as one statement.
        private func insert(_ batch: StoredRows, session: PostgresSession) throws {
            let width = batch.columns.count
            guard width > 0, !batch.rows.isEmpty else { return }
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
                let conflict = batch.table == "position_key" ? " ON CONFLICT DO NOTHING" : ""
                try session.execute(
                    "INSERT INTO \(batch.table) (\(columns)) VALUES " + tuples.joined(separator: ",") + conflict, binds)
                start += rows.count
            }
        }
    }
#endif
