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
        if exists { try Self.inspect(path: path) }
        var config = Self.configuration()
        config.journalMode = .wal
        let queue = try DatabaseQueue(path: path, configuration: config)
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
        return config
    }

    private static func migrate(_ writer: some DatabaseWriter) throws {
        let migrator = Self.migrator
        let done = try writer.read { db in try migrator.hasCompletedMigrations(db) }
        if !done { try migrator.migrate(writer) }
    }

    /// Refuses, without writing, a file that is not SQLite, not Parley's, or from a newer Parley.
    private static func inspect(path: String) throws {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? NSNumber, size.intValue == 0 { return }  // empty: a new database
        var config = configuration()
        config.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            try queue.read { db in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                if appID != parleyApplicationID {
                    if appID == 0 && tables == 0 { return }  // an empty SQLite file: fine to set up
                    throw StoreError.notParleyDatabase(
                        path: path,
                        reason: appID == 0 ? "it is an SQLite database of another application" : "its application id is \(appID)")
                }
                let known = Set(Self.migrator.migrations)
                let applied = try migrator.appliedIdentifiers(db)
                let unknown = applied.subtracting(known).sorted()
                if !unknown.isEmpty { throw StoreError.newerDatabase(path: path, unknownMigrations: unknown) }
            }
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT {
            throw StoreError.notParleyDatabase(path: path, reason: "it is not an SQLite file")
        }
    }
}
