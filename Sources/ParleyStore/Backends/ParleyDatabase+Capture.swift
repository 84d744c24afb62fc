import GRDB
import ParleyModel

/// Rows of one table that a write changed, as ``ParleyDatabase/forEachCapturedChange(batch:_:)``
/// hands them on: what another backend must do to its copy of the table to follow the write.
public struct ChangedRows: Sendable, Equatable {
    /// What happened to the rows.
    public enum Change: Sendable, Equatable {
        /// Rows the write added: `rows` holds them whole.
        case added
        /// Rows that were there and were changed: `rows` holds them whole, as they are now.
        case changed
        /// Rows that were there and were removed: `rows` holds their keys only.
        case removed
    }

    public var change: Change
    /// The columns that tell the table's rows apart (its primary key).
    public var key: [String]
    /// The rows, with their table and columns.
    public var rows: StoredRows

    public init(change: Change, key: [String], rows: StoredRows) {
        self.change = change
        self.key = key
        self.rows = rows
    }
}

extension ParleyDatabase {
    /// Notes, from now on, in this database itself, which rows of `tables` every write adds,
    /// changes or removes: triggers keep the key of each row a write touches, with whether the row
    /// was there before the first write that touched it (a row replaced by `INSERT OR REPLACE`, or
    /// kept by `INSERT OR IGNORE`, counts as there). For a database that stages a write meant for
    /// another backend (a copy of its case): after the write, ``forEachCapturedChange(batch:_:)``
    /// says what to do there. Every table must have a primary key.
    ///
    /// For a table keyed by a row key of SQLite's (`pk`), it also notes the highest key there is
    /// now, and every key above it that a write chose itself rather than left to SQLite (a
    /// statement's number given): ``capturedFootprint(of:)`` reads both, so that another backend
    /// can give the rows SQLite numbered the keys that follow its own highest.
    public func captureChanges(of tables: [String]) throws {
        try Self.mapping {
            try writer.write { db in
                try db.execute(
                    sql: """
                        CREATE TABLE \(Self.highestTable) (tbl TEXT PRIMARY KEY, pk INTEGER NOT NULL) WITHOUT ROWID;
                        CREATE TABLE \(Self.chosenTable) (tbl TEXT NOT NULL, pk INTEGER NOT NULL, PRIMARY KEY (tbl, pk))
                            WITHOUT ROWID;
                        """)
                for table in tables where try Self.hasRowKey(table, in: db) {
                    try db.execute(
                        sql: "INSERT INTO \(Self.highestTable) SELECT ?, coalesce(max(pk), 0) FROM \(table)",
                        arguments: [table])
                    // In a BEFORE INSERT trigger SQLite shows a key it has yet to choose as -1, never
                    // above the highest: only keys the write gave are noted.
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(Self.shadow(table))_chosen BEFORE INSERT ON \(table)
                            WHEN NEW.pk > (SELECT pk FROM \(Self.highestTable) WHERE tbl = '\(table)') BEGIN
                                INSERT OR IGNORE INTO \(Self.chosenTable) VALUES ('\(table)', NEW.pk);
                            END
                            """)
                }
                for table in tables {
                    let key = try Self.key(of: table, in: db)
                    let shadow = Self.shadow(table)
                    let columns = key.map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(
                        sql: """
                            CREATE TABLE \(shadow) (\(columns), existed INTEGER NOT NULL, PRIMARY KEY (\(columns)))
                                WITHOUT ROWID
                            """)
                    func values(_ row: String) -> String { key.map { "\(row).\"\($0)\"" }.joined(separator: ", ") }
                    let same = key.map { "\"\($0)\" = NEW.\"\($0)\"" }.joined(separator: " AND ")
                    // Before an insert, a row with its key is there (one that will be replaced or
                    // kept); a generated key is not known yet, and matches none.
                    try db.execute(
                        sql: """
                            CREATE TRIGGER \(shadow)_before_insert BEFORE INSERT ON \(table) BEGIN
                                INSERT OR IGNORE INTO \(shadow) SELECT \(values("NEW")), 1
                                    WHERE EXISTS (SELECT 1 FROM \(table) WHERE \(same));
                            END;
                            CREATE TRIGGER \(shadow)_insert AFTER INSERT ON \(table) BEGIN
                                INSERT OR IGNORE INTO \(shadow) VALUES (\(values("NEW")), 0);
                            END;
                            CREATE TRIGGER \(shadow)_update AFTER UPDATE ON \(table) BEGIN
                                INSERT OR IGNORE INTO \(shadow) VALUES (\(values("OLD")), 1);
                                INSERT OR IGNORE INTO \(shadow) VALUES (\(values("NEW")), 0);
                            END;
                            CREATE TRIGGER \(shadow)_delete AFTER DELETE ON \(table) BEGIN
                                INSERT OR IGNORE INTO \(shadow) VALUES (\(values("OLD")), 1);
                            END;
                            """)
                }
            }
        }
    }

    /// Calls `body` with what the writes since ``captureChanges(of:)`` did to each table, at
    /// most `batch` rows at a time, all read in one read transaction: first the rows removed,
    /// children's tables first (the reverse of `tables`' order), then the rows changed and added,
    /// parents' tables first (in `tables`' order), each table's changed rows before its added
    /// ones. A row added and removed again is in none; a row changed and changed back is among
    /// the changed.
    public func forEachCapturedChange(
        of tables: [String], batch: Int, _ body: (ChangedRows) throws -> Void
    ) throws {
        try Self.mapping {
            try writer.read { db in
                func send(_ change: ChangedRows.Change, _ table: String, key: [String], sql: String) throws {
                    let statement = try db.makeStatement(sql: sql)
                    let columns = statement.columnNames
                    var rows: [[StoredValue]] = []
                    let cursor = try Row.fetchCursor(statement)
                    while let row = try cursor.next() {
                        rows.append((0..<columns.count).map { StoredValue(row[$0] as DatabaseValue) })
                        if rows.count == batch {
                            try body(
                                ChangedRows(
                                    change: change, key: key,
                                    rows: StoredRows(table: table, columns: columns, rows: rows)))
                            rows.removeAll(keepingCapacity: true)
                        }
                    }
                    if !rows.isEmpty {
                        try body(
                            ChangedRows(
                                change: change, key: key, rows: StoredRows(table: table, columns: columns, rows: rows)))
                    }
                }
                var keys: [String: [String]] = [:]
                for table in tables { keys[table] = try Self.key(of: table, in: db) }
                for table in tables.reversed() {
                    let key = keys[table] ?? []
                    let same = key.map { "t.\"\($0)\" = c.\"\($0)\"" }.joined(separator: " AND ")
                    try send(
                        .removed, table, key: key,
                        sql: """
                            SELECT \(key.map { "c.\"\($0)\"" }.joined(separator: ", ")) FROM \(Self.shadow(table)) c
                            WHERE c.existed = 1 AND NOT EXISTS (SELECT 1 FROM \(table) t WHERE \(same))
                            """)
                }
                for table in tables {
                    let key = keys[table] ?? []
                    let same = key.map { "t.\"\($0)\" = c.\"\($0)\"" }.joined(separator: " AND ")
                    for (change, existed) in [(ChangedRows.Change.changed, 1), (.added, 0)] {
                        try send(
                            change, table, key: key,
                            sql: """
                                SELECT t.* FROM \(Self.shadow(table)) c JOIN \(table) t ON \(same)
                                WHERE c.existed = \(existed)
                                """)
                    }
                }
            }
        }
    }

    /// The table that keeps the keys of `table`'s rows a write touched.
    static func shadow(_ table: String) -> String { "parley_captured_\(table)" }

    /// The table that keeps each row-keyed table's highest key when the capture began.
    static let highestTable = "parley_captured_highest"

    /// The table that keeps the keys above that highest which a write gave its rows itself.
    static let chosenTable = "parley_captured_chosen"

    /// Whether `table`'s primary key is SQLite's row key, named `pk`.
    static func hasRowKey(_ table: String, in db: Database) throws -> Bool {
        let key = try Row.fetchAll(
            db, sql: "SELECT name, type FROM pragma_table_info(?) WHERE pk > 0", arguments: [table])
        return key.count == 1 && (key[0]["name"] as String) == "pk"
            && (key[0]["type"] as String).uppercased() == "INTEGER"
    }

    /// The columns of `table`'s primary key, in the key's order.
    static func key(of table: String, in db: Database) throws -> [String] {
        let key = try String.fetchAll(
            db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", arguments: [table])
        guard !key.isEmpty else {
            throw StoreError.unexpected(code: 0, detail: "table \(table) has no primary key to note changes by")
        }
        return key
    }
}

extension StoredValue {
    /// The value SQLite holds, as any backend holds it.
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }
}
