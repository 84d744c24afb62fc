import Foundation
import GRDB
import ParleyModel

extension ParleyDatabase {
    /// Makes the SQLite database at `path` a copy of a case held by another backend: `produce`
    /// hands the rows of `tables` (a case's tables, parents first, each row with its row key, so
    /// that statement numbers stay) to the function it is given, and they go in in one write
    /// transaction, all or nothing. The database must be new: no file at `path`, an empty file, or
    /// a Parley database none of whose `tables` holds a row; a database that holds a case is
    /// refused before anything is written to it (``StoreError/holdsCase(path:)``). The tables that
    /// SQLite derives from the case (the search index, the kept positions) are built from the
    /// copied rows before the commit, so the copy is a database like any other. When the copy
    /// fails, a file it made is removed, with SQLite's side files. Returns how many rows each table
    /// received, in the order they arrived.
    ///
    /// For ``CopyPurpose/staging``, what SQLite derives from the case for reading it is left out
    /// (see there): the file is a working copy for a write staged on it, not a database to open.
    public static func fill(
        path: String, tables: [String], for purpose: CopyPurpose = .database,
        from produce: (_ receive: (StoredRows) throws -> Void) throws -> Void
    ) throws -> [(table: String, rows: Int)] {
        let existed = access(path, F_OK) == 0
        if existed { try requireNoCase(at: path, tables: tables) }
        do {
            return try ParleyDatabase(path: path, for: .create).fill(
                path: path, tables: tables, purpose: purpose, from: produce)
        } catch {
            if !existed { remove(at: path) }
            throw error
        }
    }

    /// Writes a self-contained SQLite copy of a case another backend holds to `path`, replacing
    /// any file there, as ``backup(to:)`` writes SQLite's: `produce` hands the rows of `tables`
    /// over as ``fill(path:tables:from:)`` takes them (all read at one moment, by the backend), the
    /// copy is made beside `path` (an ordinary Parley database, its search index and kept positions
    /// built, without a write-ahead log beside it) and renamed over it, so `path` is never half
    /// written. Returns how many rows each table received.
    public static func backup(
        to path: String, tables: [String], from produce: (_ receive: (StoredRows) throws -> Void) throws -> Void
    ) throws -> [(table: String, rows: Int)] {
        let temporary = path + ".parley-\(getpid()).tmp"
        remove(at: temporary)
        do {
            let counts = try fill(path: temporary, tables: tables, from: produce)
            try Self.mapping {
                let copy = try DatabaseQueue(path: temporary)
                try copy.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                }
                try copy.close()
            }
            guard rename(temporary, path) == 0 else {
                throw StoreError.cannotOpen(
                    detail: "cannot put the copy at \(path): \(String(cString: strerror(errno)))")
            }
            return counts
        } catch {
            remove(at: temporary)
            throw error
        }
    }

    /// Refuses, without writing to it (an earlier Parley's database is not even upgraded), a
    /// Parley database at `path` that holds a row of any of `tables`. A file that is not a Parley
    /// database is left to the opening, which refuses it in its own words.
    private static func requireNoCase(at path: String, tables: [String]) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let holdsCase: Bool
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            holdsCase = try queue.read { db in
                guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == parleyApplicationID else { return false }
                for table in tables where try db.tableExists(table) {
                    if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true { return true }
                }
                return false
            }
        } catch is DatabaseError {
            return
        }
        if holdsCase { throw StoreError.holdsCase(path: path) }
    }

    /// The copy itself, in one write transaction on this (new) database.
    private func fill(
        path: String, tables: [String], purpose: CopyPurpose,
        from produce: (_ receive: (StoredRows) throws -> Void) throws -> Void
    ) throws -> [(table: String, rows: Int)] {
        try write { writer in
            let db = writer.db
            // Another process may have written meanwhile.
            for table in tables {
                if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table))") == true {
                    throw StoreError.holdsCase(path: path)
                }
            }
            // Rows arrive table by table, parents first; a table that refers to itself (an issue's
            // parent) is checked at commit.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            // The triggers that derive from each new statement would fire once per row: the copied
            // position_key rows are all its pairs, and the search index and the kept positions are
            // built in one pass below. They are put back before the commit.
            let lifted = try ["statement_position_key", "position_stale_insert", "statement_search_insert"]
                .compactMap { try Self.liftTrigger($0, in: db) }
            // A staging copy goes without the derived tables, and builds its one unique index on
            // statements after the rows are in (a sort, not a search per row).
            let identity = purpose == .staging ? try Self.prepareStaging(db) : nil
            var counts: [(table: String, rows: Int)] = []
            try produce { batch in
                guard !batch.rows.isEmpty else { return }
                let columns = batch.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                let marks = Array(repeating: "?", count: batch.columns.count).joined(separator: ", ")
                let insert = try db.cachedStatement(sql: "INSERT INTO \(batch.table) (\(columns)) VALUES (\(marks))")
                for row in batch.rows {
                    try insert.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                }
                if counts.last?.table == batch.table {
                    counts[counts.count - 1].rows += batch.rows.count
                } else {
                    counts.append((batch.table, batch.rows.count))
                }
            }
            if let identity {
                try db.execute(sql: identity)
                // Only the trigger that keeps position_key (a table of the case) comes back.
                for trigger in lifted where trigger.contains("statement_position_key") { try db.execute(sql: trigger) }
                return counts
            }
            try db.execute(sql: "INSERT INTO statement_search(statement_search) VALUES ('rebuild')")
            for trigger in lifted { try db.execute(sql: trigger) }
            // Every pair's positions are derived before the commit (see `write(_:)`).
            try PositionSpans.markAll(in: db)
            return counts
        }
    }

    /// Takes out of a new database what a staging copy goes without (``CopyPurpose/staging``): the
    /// triggers that keep the search index and mark positions to derive, the kept positions'
    /// table (so that the bulk importer works out no spans, and no write derives any), and the
    /// statement indexes only readers use. Drops the unique index on statements too, and returns
    /// its SQL, to make it again once the rows are in.
    private static func prepareStaging(_ db: Database) throws -> String? {
        for trigger in try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'trigger'
                AND (name LIKE '%\\_search\\_%' ESCAPE '\\' OR name LIKE 'position\\_stale\\_%' ESCAPE '\\')
                """)
        {
            try db.execute(sql: "DROP TRIGGER \(trigger)")
        }
        try db.execute(sql: "DROP TABLE IF EXISTS position_span")
        for index in [
            "statement_position", "statement_said", "statement_source", "statement_about", "statement_retracted",
            "statement_recorded",
        ] {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
        }
        let identity = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'statement_identity'")
        if identity != nil { try db.execute(sql: "DROP INDEX statement_identity") }
        return identity
    }
}

/// What a copy of a case into an SQLite file is for (``ParleyDatabase/fill(path:tables:for:from:)``).
public enum CopyPurpose: Sendable {
    /// An ordinary Parley database: its search index and kept positions built from the rows.
    case database
    /// A working copy on which a write is staged and whose changed rows are then sent elsewhere
    /// (an import into PostgreSQL), removed afterwards: it goes without what only SQLite's readers
    /// use (the search index, the kept positions and the position changes filed for a kept board,
    /// the statement indexes of reports), which no row sent back comes from. Every table of the
    /// case, and every index and rule a write checks (unique ids, a statement recorded once,
    /// foreign keys), is as in any database, so the write decides as it would there.
    case staging
}

extension StoredValue {
    /// The value as SQLite stores it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let number): return number.databaseValue
        case .real(let number): return number.databaseValue
        case .text(let text): return text.databaseValue
        case .blob(let bytes): return Data(bytes).databaseValue
        }
    }
}
