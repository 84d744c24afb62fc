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
    /// A served database's checkpoints, run beside its writes (``WALCheckpointer``); nil otherwise.
    let checkpointer: WALCheckpointer?

    /// How a database file is opened.
    /// What the database is opened for (``DatabaseAccess``).
    public typealias Access = DatabaseAccess

    /// Removes the database file at `path` and SQLite's side files (`-wal`, `-shm`,
    /// `-journal`): for a database that a write just created and that must not outlive its
    /// failure.
    public static func remove(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// Opens (and migrates) the database at `path`. A file that is not a Parley database, or that
    /// a newer Parley wrote, is refused before anything is written to it.
    public init(path: String, for purpose: Access = .write) throws {
        let exists = access(path, F_OK) == 0
        var file = stat()
        // SQLite would open a FIFO and wait on it forever, and a device or folder is no database.
        if exists, stat(path, &file) == 0, (file.st_mode & S_IFMT) != S_IFREG {
            throw StoreError.notAFile(path: path)
        }
        if !exists {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var info = stat()
            if stat(folder, &info) != 0 || (info.st_mode & S_IFMT) != S_IFDIR {
                throw StoreError.noFolder(path: path, folder: folder)
            }
            if purpose != .create { throw StoreError.noDatabase(path: path) }
        }
        var checkpointer: WALCheckpointer? = nil
        writer = try Self.mapping {
            var config = Self.configuration()
            config.readonly = purpose == .read
            let queue: DatabaseQueue
            let pending: Bool
            do {
                // Opening writes nothing; the file is inspected on this same connection before
                // anything may be written to it.
                (queue, pending) = try Self.open(path, configuration: config, reading: purpose == .read)
            } catch let error as DatabaseError
                where error.resultCode == .SQLITE_NOTADB || error.resultCode == .SQLITE_CORRUPT
            {
                throw StoreError.notParleyDatabase(path: path, reason: .notSQLite)
            }
            if purpose == .serve {
                try Self.prepareForWriting(queue)
                try queue.close()
                let pool = try DatabasePool(path: path, configuration: Self.configuration())
                checkpointer = WALCheckpointer(path: path, configuration: Self.configuration())
                checkpointer?.install(on: pool)
                return pool
            }
            guard purpose == .read else {
                try Self.prepareForWriting(queue)
                return queue
            }
            guard pending else { return queue }
            // A database from an earlier Parley is upgraded before it is read, which needs write
            // access; without it, say so.
            try queue.close()
            do {
                let writable = try DatabaseQueue(path: path, configuration: Self.configuration())
                try Self.prepareForWriting(writable)
                return writable
            } catch let error as DatabaseError
                where [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM].contains(error.resultCode)
            {
                throw StoreError.needsUpgrade(path: path)
            }
        }
        self.checkpointer = checkpointer
    }

    /// A connection to the file at `path`, and whether migrations are pending (see
    /// ``inspect(_:path:reading:)``).
    private static func open(_ path: String, configuration: Configuration, reading: Bool) throws -> (
        DatabaseQueue, Bool
    ) {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return (queue, try queue.read { db in try inspect(db, path: path, reading: reading) })
        } catch let error as DatabaseError
            where reading && [.SQLITE_READONLY, .SQLITE_CANTOPEN].contains(error.resultCode)
            && access(path + "-wal", F_OK) != 0
        {
            // A WAL database in a folder nobody may write to (an archive on a read-only mount),
            // without its -shm file: SQLite cannot make one to read it. With no -wal file nothing
            // is pending, so the file alone is the database: opened immutable, it is read without
            // a -shm file and without locks.
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            return (queue, try queue.read { db in try inspect(db, path: path, reading: reading) })
        }
    }

    /// `path` as an SQLite URI that opens it read-only and immutable.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(encoded)?mode=ro&immutable=1"
    }

    /// Puts a read-write connection in WAL mode and migrates its database.
    private static func prepareForWriting(_ queue: DatabaseQueue) throws {
        // WAL lets readers and a writer work at once; the mode is stored in the file, so it is
        // set once, when the database is new (GRDB's own WAL set-up writes on every open).
        try queue.writeWithoutTransaction { db in
            if try String.fetchOne(db, sql: "PRAGMA journal_mode") != "wal" {
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
        }
        try migrate(queue)
    }

    /// An empty in-memory database, migrated; what `--casefile` and the tests use.
    public init() throws {
        checkpointer = nil
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

    /// Runs `body` in one write transaction: if it throws, nothing it did is kept. The positions
    /// of the pairs it changed are recomputed before the commit (see `PositionSpans`).
    public func write<T>(_ body: (StoreWriter) throws -> T) throws -> T {
        guard WriteTimeline.isRecording else {
            return try Self.mapping {
                try writer.write { db in
                    let result = try body(StoreWriter(db: db))
                    try PositionSpans.refresh(db)
                    return result
                }
            }
        }
        let asked = WriteTimeline.Stamp.now()
        var began = asked
        var bodyDone = asked
        let result = try Self.mapping {
            try writer.write { db in
                began = .now()
                let result = try body(StoreWriter(db: db))
                try PositionSpans.refresh(db)
                bodyDone = .now()
                return result
            }
        }
        WriteTimeline.keep(WriteTimeline(asked: asked, began: began, bodyDone: bodyDone, committed: .now()))
        return result
    }

    /// Copies the whole database, as it is at one moment, into a new self-contained file at
    /// `path` with SQLite's online backup: other connections may keep writing meanwhile. The copy
    /// is written beside `path` and renamed over it, so `path` is never half written.
    public func backup(to path: String) throws {
        let temporary = path + ".parley-\(getpid()).tmp"
        unlink(temporary)
        do {
            try Self.mapping {
                let destination = try DatabaseQueue(path: temporary)
                try writer.backup(to: destination)
                try destination.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                }
                try destination.close()
            }
            guard rename(temporary, path) == 0 else {
                throw StoreError.cannotOpen(
                    detail: "cannot put the copy at \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
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
        if !done {
            try migrator.migrate(writer)
            // The schema's version, for tools (and Parleys) that check it rather than the
            // migration ids.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = \(migrator.migrations.count)")
            }
        }
    }

    /// Refuses, without writing, a file that is not Parley's or is from a newer Parley; returns
    /// whether migrations are pending. `reading` refuses an empty file too.
    private static func inspect(_ db: Database, path: String, reading: Bool) throws -> Bool {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        if appID != parleyApplicationID {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if appID == 0 && tables == 0 {
                // An empty SQLite file: fine to set up for a write, nothing to read.
                if reading { throw StoreError.notParleyDatabase(path: path, reason: .empty) }
                return true
            }
            throw StoreError.notParleyDatabase(
                path: path, reason: appID == 0 ? .otherApplication : .applicationID(appID))
        }
        let applied = try migrator.appliedIdentifiers(db)
        let unknown = applied.subtracting(Set(migrator.migrations)).sorted()
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if !unknown.isEmpty || version > migrator.migrations.count {
            throw StoreError.newerDatabase(
                path: path, unknownMigrations: unknown.isEmpty ? ["schema version \(version)"] : unknown)
        }
        return applied.count < migrator.migrations.count
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
        // A write cut short: past the file-size limit (`ulimit -f`, EFBIG), or a disk that filled
        // in the middle of it. Nothing was committed, as with a full disk.
        case .SQLITE_IOERR where error.extendedResultCode == .SQLITE_IOERR_WRITE: self = .diskFull
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .damaged(detail: detail)
        default: self = .unexpected(code: error.extendedResultCode.rawValue, detail: "\(error)")
        }
    }
}
