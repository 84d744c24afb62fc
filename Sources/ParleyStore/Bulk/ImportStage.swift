import Foundation
import GRDBSQLite
import ParleyModel

/// The statements of a bulk import, parsed, checked and resolved to row keys before the database
/// is locked, kept in a scratch SQLite file of their own (a hidden file beside the database, removed
/// when the stage is) so that neither memory nor the database grows with the file meanwhile. Each row holds
/// the values of the statement insert's parameters, in order, and where its record is in the CSV
/// file (to read it again when it meets a conflict or has conditions), and the number it will be
/// given if nothing else is recorded meanwhile (`pk`: a number the file gives, else one past the
/// highest so far, as SQLite numbers rows), which the position index worked out beforehand names
/// (``ImportSpans``).
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
                                 \(values.joined(separator: ", ")), pk INTEGER NOT NULL);
            CREATE TABLE span_change (party INTEGER NOT NULL, issue INTEGER NOT NULL, said_key INTEGER NOT NULL,
                                      moved_pk INTEGER, moved_row INTEGER, previous_label TEXT,
                                      change INTEGER NOT NULL);
            CREATE TABLE recheck (party INTEGER NOT NULL, issue INTEGER NOT NULL);
            BEGIN;
            """)
        guard
            sqlite3_prepare_v2(
                connection,
                "INSERT INTO staged VALUES (?, ?, ?, \(values.map { _ in "?" }.joined(separator: ", ")), ?)", -1,
                &insert, nil) == SQLITE_OK
        else {
            defer { close() }
            throw failure()
        }
    }

    deinit { close() }

    /// The statement to bind a staged row's values to: parameter 1 is the record's line, 2 its
    /// file offset, 3 whether it has conditions, 4 to 21 the insert's parameters and 22 the number
    /// the row will be given.
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
    /// line, 1 the offset, 2 whether it has conditions and 3 to 20 the insert's parameters.
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

    /// A statement on the scratch file.
    func prepare(_ sql: String) throws -> StageQuery {
        var handle: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &handle, nil) == SQLITE_OK else { throw failure() }
        return StageQuery(handle: handle, stage: self)
    }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(connection, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    fileprivate func failure() -> StoreError {
        if let connection {
            let code = sqlite3_extended_errcode(connection)
            if code & 0xFF == SQLITE_FULL || code == 778 { return .diskFull }  // 778: SQLITE_IOERR_WRITE
        }
        let detail = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
        return .cannotOpen(detail: "the import's scratch file \(path): \(detail)")
    }
}

/// A statement on an ``ImportStage``'s scratch file, finalized when dropped.
final class StageQuery {
    private let handle: OpaquePointer?
    private let stage: ImportStage

    fileprivate init(handle: OpaquePointer?, stage: ImportStage) {
        self.handle = handle
        self.stage = stage
    }

    deinit { sqlite3_finalize(handle) }

    /// Steps once: true when a row is there to read.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw stage.failure()
        }
    }

    /// Makes the statement ready to run again (bindings kept).
    func reset() { sqlite3_reset(handle) }

    /// Binds parameter `index` (from 1).
    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Binds parameter `index` (from 1); SQLite copies the text.
    func bind(_ index: Int32, _ text: String?) {
        if let text {
            sqlite3_bind_text(handle, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// Runs a statement that returns no rows with `values` as its parameters.
    func run(_ values: Int64?...) throws {
        reset()
        for (index, value) in values.enumerated() { bind(Int32(index + 1), value) }
        guard sqlite3_step(handle) == SQLITE_DONE else { throw stage.failure() }
    }

    /// Runs the span-change insert with these parameters (see ``ImportSpans``).
    func run(
        _ party: Int64, _ issue: Int64, _ key: Int64, _ moved: Int64?, _ row: Int64?, _ label: String?, _ change: Int64
    )
        throws
    {
        reset()
        bind(1, party)
        bind(2, issue)
        bind(3, key)
        bind(4, moved)
        bind(5, row)
        bind(6, label)
        bind(7, change)
        guard sqlite3_step(handle) == SQLITE_DONE else { throw stage.failure() }
    }

    /// Column `column` (from 0) of the current row.
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    /// Column `column` (from 0) of the current row, nil when NULL.
    func text(_ column: Int32) -> String? { sqlite3_column_text(handle, column).map { String(cString: $0) } }

    /// Whether column `column` (from 0) of the current row is NULL.
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
}
