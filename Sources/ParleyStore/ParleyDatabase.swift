import Foundation
import GRDB
import ParleyModel

/// A Parley database: one SQLite connection, migrated when opened, so that an unmigrated
/// database never exists. Every write method is one transaction: on any error nothing is written.
public struct ParleyDatabase: Sendable {
    let writer: any DatabaseWriter

    /// Opens (and migrates) the database at `path`. With `create`, a missing file is created;
    /// without it, a missing file is an error. A file that is not a Parley database, or that
    /// a newer Parley wrote, is refused before anything is written to it.
    public init(path: String, create: Bool = false) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        if !exists && !create { throw StoreError.noDatabase(path: path) }
        let queue: DatabaseQueue
        do {
            // Opening writes nothing; the file is inspected on this same connection before
            // anything may be written to it.
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            if exists { try queue.read { db in try Self.inspect(db, path: path) } }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.notParleyDatabase(path: path, reason: "it is not an SQLite file")
        }
        // WAL lets readers and a writer work at once; the mode is stored in the file, so it is set
        // once, when the database is new (GRDB's own WAL set-up writes to the file on every open).
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
        }
        try Self.migrate(queue)
        writer = queue
    }

    /// An empty in-memory database, migrated; what `--casefile` and the tests use.
    public init() throws {
        let queue = try DatabaseQueue(configuration: Self.configuration())
        try Self.migrate(queue)
        writer = queue
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
                path: path,
                reason: appID == 0 ? "it is an SQLite database of another application" : "its application id is \(appID)")
        }
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(Set(migrator.migrations)).sorted()
        if !unknown.isEmpty { throw StoreError.newerDatabase(path: path, unknownMigrations: unknown) }
    }
}
