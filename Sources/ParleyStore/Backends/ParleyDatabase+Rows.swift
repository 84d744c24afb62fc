import GRDB

extension ParleyDatabase {
    /// Calls `body` with the rows of each of `tables` (in that order), at most `batch` rows at a
    /// time, all read in one read transaction: the database as it is at one moment, whatever other
    /// connections write meanwhile. What a whole-database copy to another backend reads.
    public func forEachBatch(of tables: [String], batch: Int, _ body: (StoredRows) throws -> Void) throws {
        try Self.mapping {
            try writer.read { db in
                for table in tables {
                    let statement = try db.makeStatement(sql: "SELECT * FROM \(table)")
                    let columns = statement.columnNames
                    var rows: [[StoredValue]] = []
                    rows.reserveCapacity(batch)
                    let cursor = try Row.fetchCursor(statement)
                    while let row = try cursor.next() {
                        rows.append(
                            (0..<columns.count).map { index in
                                let value: DatabaseValue = row[index]
                                switch value.storage {
                                case .null: return .null
                                case .int64(let value): return .integer(value)
                                case .double(let value): return .real(value)
                                case .string(let value): return .text(value)
                                case .blob(let data): return .blob([UInt8](data))
                                }
                            })
                        if rows.count == batch {
                            try body(StoredRows(table: table, columns: columns, rows: rows))
                            rows.removeAll(keepingCapacity: true)
                        }
                    }
                    if !rows.isEmpty { try body(StoredRows(table: table, columns: columns, rows: rows)) }
                }
            }
        }
    }
}
