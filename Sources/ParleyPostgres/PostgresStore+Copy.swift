#if PostgreSQL
    import ParleyModel
    import ParleyStore
    import PostgresNIO

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
                // Servers listening on this database learn of the whole copy at its commit.
                try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(Self.logLock)])
                try session.execute(
                    "SELECT pg_notify($1, (SELECT coalesce(max(pk), 0) FROM change_log)::text)",
                    [.text(Self.changeChannel)])
                return counts
            }
        }

        /// The tables of a case, parents before children: what a whole-database copy moves.
        public static var caseTables: [String] { PostgresSchema.tables }

        /// Calls `body` with the rows of every table of the case (``caseTables``, in that order,
        /// each row with its row key), at most `batch` rows at a time, all read in one read
        /// transaction: the database as it is at one moment, whatever other connections commit
        /// meanwhile. A cursor reads each table, so memory stays bounded whatever its size. What a
        /// whole-database copy out of PostgreSQL reads.
        public func forEachBatch(batch: Int, _ body: (StoredRows) throws -> Void) throws {
            try read { session in
                for table in PostgresSchema.tables {
                    try session.execute("DECLARE parley_copy NO SCROLL CURSOR FOR SELECT * FROM \(table)")
                    while true {
                        let rows = try session.rows("FETCH FORWARD \(batch) FROM parley_copy")
                        guard let first = rows.first else { break }
                        let columns = first.map(\.columnName)
                        try body(StoredRows(table: table, columns: columns, rows: try rows.map(Self.values)))
                        if rows.count < batch { break }
                    }
                    try session.execute("CLOSE parley_copy")
                }
            }
        }

        /// A row's values as any backend holds them. Integers and text in PostgreSQL's binary
        /// form are read from their bytes directly (a copy out reads every cell of the case this
        /// way: through the generic decoding, this was most of a staged import's client CPU);
        /// anything else is decoded by postgres-nio.
        static func values(_ row: PostgresRow) throws -> [StoredValue] {
            var values: [StoredValue] = []
            for cell in row {
                guard let bytes = cell.bytes else {
                    values.append(.null)
                    continue
                }
                if let value = direct(cell.dataType, cell.format, bytes) {
                    values.append(value)
                    continue
                }
                switch cell.dataType {
                case .int8, .int4, .int2: values.append(.integer(try cell.decode(Int64.self)))
                case .float8, .float4: values.append(.real(try cell.decode(Double.self)))
                case .bytea: values.append(.blob(Array(buffer: try cell.decode(ByteBuffer.self))))
                default: values.append(.text(try cell.decode(String.self)))
                }
            }
            return values
        }

        /// A cell's value read from its bytes, for an integer in binary form or text; nil for
        /// any other.
        private static func direct(_ type: PostgresDataType, _ format: PostgresFormat, _ bytes: ByteBuffer)
            -> StoredValue?
        {
            var bytes = bytes
            switch (type, format) {
            case (.int8, .binary) where bytes.readableBytes == 8:
                return bytes.readInteger(as: Int64.self).map { .integer($0) }
            case (.int4, .binary) where bytes.readableBytes == 4:
                return bytes.readInteger(as: Int32.self).map { .integer(Int64($0)) }
            case (.int2, .binary) where bytes.readableBytes == 2:
                return bytes.readInteger(as: Int16.self).map { .integer(Int64($0)) }
            case (.text, _), (.varchar, _):
                return .text(String(buffer: bytes))
            default:
                return nil
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
        func insert(_ batch: StoredRows, session: PostgresSession) throws {
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
