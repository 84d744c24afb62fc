import Foundation
import ParleyModel
import ParleyStore

#if PostgreSQL
    import ParleyPostgres
#endif

extension Parley {
    /// The PostgreSQL database at `address`, checked (see ``ParleyPostgres/PostgresStore``); with
    /// `create`, its schema is created when the database has none.
    /// A server (`serving`) has a statement timeout by default (see
    /// ``ParleyPostgres/PostgresStore/init(address:for:serving:)``).
    static func postgresBackend(_ address: PostgresAddress, create: Bool, serving: Bool = false) throws -> Backend {
        #if PostgreSQL
            let store = try PostgresStore(address: address, for: create ? .create : .existing, serving: serving)
            return .contract(store, address: address.description)
        #else
            throw StoreError.postgres(address: address.description, .notBuilt)
        #endif
    }

    /// A number that changes whenever anything in the case changes (the latest change-log
    /// entry's): a report made at one version is the same report while the version stays. Read
    /// from the database, or, on PostgreSQL once ``watchChanges(_:)`` listens, the latest version
    /// announced by any process's write (and this one's own writes), without asking it.
    public func changeVersion() throws -> Int64 {
        #if PostgreSQL
            if case .contract(let store, _) = backend, let store = store as? PostgresStore {
                return try store.knownChangeVersion()
            }
        #endif
        return try lookingUp { try $0.changeVersion() }
    }

    /// For a server that keeps answers by ``changeVersion()``: on PostgreSQL, listens to the
    /// versions every write announces when it commits (`LISTEN`/`NOTIFY`, on a connection of its
    /// own, made again if lost), so that ``changeVersion()`` knows another server's write without
    /// asking the database, and calls `onChange` with each newer version. On SQLite it does
    /// nothing: its version is read from the file, which every process writes. Call it once.
    public func watchChanges(_ onChange: @escaping @Sendable (Int64) -> Void) {
        #if PostgreSQL
            if case .contract(let store, _) = backend, let store = store as? PostgresStore {
                store.listenForChanges(onChange)
            }
        #endif
    }

    /// What setting up a database found.
    public enum Setup: Sendable, Equatable {
        /// There was none: it was created.
        case created
        /// It was there and up to date (an earlier schema is upgraded on the way).
        case current
    }

    /// Creates the database at `path` (an SQLite file, or the schema in an empty PostgreSQL
    /// database at a `postgres://` address), or checks that the one there is a Parley database
    /// this Parley can use, upgrading an earlier schema.
    public static func setUp(database path: String, clock: Clock = .system, user: String = "unknown") throws -> Setup {
        switch try DatabaseAddress(path) {
        case .sqlite(let file):
            let existed = FileManager.default.fileExists(atPath: file)
            _ = try open(database: file, for: .create, clock: clock, user: user)
            return existed ? .current : .created
        case .postgres(let address):
            #if PostgreSQL
                let store = try PostgresStore(address: address, for: .create)
                return store.opening == .created ? .created : .current
            #else
                throw StoreError.postgres(address: address.description, .notBuilt)
            #endif
        }
    }

    /// `path` as it may be shown: a PostgreSQL address without its password, a file path as is.
    public static func shownAddress(_ path: String) -> String {
        guard PostgresAddress.looksLikeOne(path) else { return path }
        return (try? PostgresAddress(parsing: path).description) ?? PostgresAddress.redacted(path)
    }

    /// Copies the whole case in the database at `source` into the empty database at `target`:
    /// every table (records, steps, statements with their numbers, the change log, tokens and
    /// sessions), in one transaction on the target, from one moment of the source. Returns how
    /// many rows each table received. From SQLite into PostgreSQL (a database made with `init`),
    /// or from PostgreSQL into a new SQLite file (or one that holds no case), whose search index
    /// and kept positions are built from the copied rows. A failed copy leaves the target as it
    /// was, and removes an SQLite file it made.
    public static func copyDatabase(from source: String, to target: String) throws -> [(table: String, rows: Int)] {
        let from = try DatabaseAddress(source)
        let to = try DatabaseAddress(target)
        switch (from, to) {
        case (.sqlite(let file), .postgres(let address)):
            #if PostgreSQL
                let database = try ParleyDatabase(path: file, for: .read)
                let store = try PostgresStore(address: address, for: .existing)
                return try store.copyAll(from: database)
            #else
                throw StoreError.postgres(address: address.description, .notBuilt)
            #endif
        case (.postgres(let address), .sqlite(let file)):
            #if PostgreSQL
                let store = try PostgresStore(address: address, for: .existing)
                return try ParleyDatabase.fill(path: file, tables: PostgresStore.caseTables) { receive in
                    try store.forEachBatch(batch: 10_000, receive)
                }
            #else
                throw StoreError.postgres(address: address.description, .notBuilt)
            #endif
        case (.postgres(let address), .postgres):
            throw StoreError.postgres(
                address: address.description,
                .unsupported(what: "copying between two PostgreSQL databases (pg_dump copies one)"))
        case (.sqlite, .sqlite(let file)):
            throw StoreError.postgres(
                address: file, .unsupported(what: "copying between two SQLite files (a backup copies one)"))
        }
    }
}
