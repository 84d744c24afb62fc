import Foundation
import GRDB
import ParleyModel

/// A Parley database: SQLite, migrated when opened, so that an unmigrated database never exists.
///
/// All access goes through ``read(_:)`` and ``write(_:)``: everything done inside one call is one
/// transaction. A read sees one consistent state of the database however long it takes, even
/// while another process commits; a write is all or nothing.
public struct ParleyDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (and migrates) the database at `path`. With `create`, a missing file is created;
    /// without it, a missing file is an error. A file that is not a Parley database, or that
    /// a newer Parley wrote, is refused before anything is written to it.
    public init(path: String, create: Bool = false) throws {
        let exists = access(path, F_OK) == 0
        if !exists && !create { throw StoreError.noDatabase(path: path) }
        writer = try Self.mapping {
            let queue: DatabaseQueue
            do {
                // Opening writes nothing; the file is inspected on this same connection before
                // anything may be written to it.
                queue = try DatabaseQueue(path: path, configuration: Self.configuration())
                if exists { try queue.read { db in try Self.inspect(db, path: path) } }
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
            {
                throw StoreError.notParleyDatabase(path: path, reason: .notSQLite)
            }
            // WAL lets readers and a writer work at once; the mode is stored in the file, so it is
            // set once, when the database is new (GRDB's own WAL set-up writes on every open).
            try queue.writeWithoutTransaction { db in
                if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
            try Self.migrate(queue)
            return queue
        }
    }

    /// An empty in-memory database, migrated; what `--casefile` and the tests use.
    public init() throws {
        writer = try Self.mapping {
            let queue = try DatabaseQueue(configuration: Self.configuration())
            try Self.migrate(queue)
            return queue
        }
    }

    /// Runs `body` in one read transaction: every query in it sees the same state of the
    /// database, whatever other connections commit meanwhile.
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try Self.mapping { try writer.read { db in try body(StoreReader(db: db)) } }
    }

    /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
    public func write<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        try Self.mapping { try writer.write { db in try body(StoreWriter(db: db)) } }
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several `parley` processes may write at once: wait for the lock rather than fail.
        config.busyMode = .timeout(30)
        // In WAL mode NORMAL is durable across application crashes and saves a sync per commit.
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        return config
    }

    private static func migrate(_ writer: some DatabaseWriter) throws {
        let migrator = Self.migrator
        let done = try writer.read { db in try migrator.hasCompletedMigrations(db) }
        if !done { try migrator.migrate(writer) }
    }

    /// Refuses, without writing, a file that is not Parley's or is from a newer Parley.
    private static func inspect(_ db: Database, path: String) throws {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID != parleyApplicationID {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if appID == 0 && tables == 0 { return }  // an empty SQLite file: fine to set up
            throw StoreError.notParleyDatabase(
                path: path, reason: appID == 0 ? .otherApplication : .applicationID(appID))
        }
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(Set(migrator.migrations)).sorted()
        if !unknown.isEmpty { throw StoreError.newerDatabase(path: path, unknownMigrations: unknown) }
    }

    /// Runs `body`, turning SQLite's errors into ``StoreError``s, so that no front end needs to
    /// know SQLite's result codes.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(error)
        }
    }
}

extension StoreError {
    /// The store's error for an SQLite failure.
    init(_ error: DatabaseError) {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_READONLY: self = .readOnly(detail: detail)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .cannotOpen(detail: detail)
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(detail: detail)
        default: self = .unexpected(code: error.extendedResultCode.rawValue, detail: "\(error)")
        }
    }
}
