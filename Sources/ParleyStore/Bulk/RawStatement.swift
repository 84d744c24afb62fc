import GRDB
import GRDBSQLite

/// A compiled statement driven through SQLite's C interface, for the loops that write one row at a
/// time by the hundred thousand (bulk import, the position index), where binding through GRDB's
/// arguments costs more than the write.
struct RawStatement {
    let handle: OpaquePointer?
    private let db: Database
    /// Kept so that the handle lives as long as this value.
    private let statement: GRDB.Statement

    init(_ statement: GRDB.Statement, in db: Database) {
        handle = statement.sqliteStatement
        self.db = db
        self.statement = statement
    }

    /// Binds `text` (SQLite copies it), or NULL when there is none.
    func bind(_ index: Int32, _ text: String?) {
        if let text {
            sqlite3_bind_text(handle, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// SQLite's error for a step that answered `code`.
    func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }
}
