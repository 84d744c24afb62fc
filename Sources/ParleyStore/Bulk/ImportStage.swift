import Foundation
import GRDBSQLite
import ParleyModel

/// The statements of a bulk import, parsed, checked and resolved to row keys before the database
/// is locked, kept in a scratch SQLite file of their own (a hidden file beside the database, removed
/// when the stage is) so that neither memory nor the database grows with the file meanwhile. Each row holds
/// the values of the statement insert's parameters, in order, and where its record is in the CSV
/// file (to read it again when it meets a conflict or has conditions).
final class ImportStage {
    /// How many parameters the statement insert has (see `ParleyDatabase.importStatements`).
    static let columns: Int32 = 18
    private var connection: OpaquePointer?
    private var insert: OpaquePointer?
    private let path: String

    /// A stage beside the database at `database` (on the disk the import will fill anyway), or in
    /// the temporary folder for a database in memory.
    init(beside database: String) throws {
        let name = "parley-import-\(getpid())-\(UUID().uuidString).sqlite"
        path =
            database.isEmpty || database.hasPrefix(":memory:") || database.hasPrefix("file:")
            ? NSTemporaryDirectory() + name
            : URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("." + name).path
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            defer { close() }
            throw failure()
        }
        let values = (1...Self.columns).map { "v\($0)" }
        // No journal and no syncs: the file lives as long as this import and is never read after a crash.
        try execute(
            """
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;
            CREATE TABLE staged (line INTEGER NOT NULL, offset INTEGER NOT NULL, conditions INTEGER NOT NULL,
                                 \(values.joined(separator: ", ")));
            BEGIN;
            """)
        guard
            sqlite3_prepare_v2(
                connection,
                "INSERT INTO staged VALUES (?, ?, ?, \(values.map { _ in "?" }.joined(separator: ", ")))", -1,
                &insert, nil) == SQLITE_OK
        else {
            defer { close() }
            throw failure()
        }
    }

    deinit { close() }

    /// The statement to bind a staged row's values to: parameter 1 is the record's line, 2 its
    /// file offset, 3 whether it has conditions, and 4 on the insert's parameters.
    var row: OpaquePointer? { insert }

    /// Keeps the row bound to ``row``.
    func add() throws {
        let code = sqlite3_step(insert)
        sqlite3_reset(insert)
        guard code == SQLITE_DONE else { throw failure() }
    }

    /// Commits the rows added; call once, before ``eachRow(_:)``.
    func seal() throws {
        sqlite3_finalize(insert)
        insert = nil
        try execute("COMMIT")
    }

    /// Calls `body` with each staged row in the order added, as a statement whose column 0 is the
    /// line, 1 the offset, 2 whether it has conditions and 3 on the insert's parameters.
    func eachRow(_ body: (OpaquePointer?) throws -> Void) throws {
        var select: OpaquePointer?
        guard
            sqlite3_prepare_v2(connection, "SELECT * FROM staged ORDER BY rowid", -1, &select, nil) == SQLITE_OK
        else { throw failure() }
        defer { sqlite3_finalize(select) }
        while true {
            let code = sqlite3_step(select)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure() }
            try body(select)
        }
    }

    /// Closes the scratch file and removes it.
    func close() {
        if insert != nil { sqlite3_finalize(insert) }
        insert = nil
        if connection != nil { sqlite3_close_v2(connection) }
        connection = nil
        unlink(path)
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    private func failure() -> StoreError {
        if let connection {
            let code = sqlite3_extended_errcode(connection)
            if code & 0xFF == SQLITE_FULL || code == 778 { return .diskFull }  // 778: SQLITE_IOERR_WRITE
        }
        let detail = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
        return .cannotOpen(detail: "the import's scratch file \(path): \(detail)")
    }
}
