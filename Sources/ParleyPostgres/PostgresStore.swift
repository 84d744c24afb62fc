#if PostgreSQL
    import Dispatch
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO
    import Synchronization

    /// A Parley case in a PostgreSQL database, whose schema is checked (and created or upgraded)
    /// when it is opened, so that a database of another Parley's schema is refused before anything
    /// is written to it.
    ///
    /// Everything goes through ``read(_:)`` and ``write(_:)``: a read is one repeatable-read
    /// transaction (one consistent state however long it takes, as on SQLite), a write one
    /// transaction, all or nothing. Each runs on a connection of its own, from a few the store
    /// keeps (``PostgresConnections``: a server's readers do not wait behind a write), made again
    /// when the PostgreSQL server ended them (a restart). Calls block the calling thread (never
    /// call them on a SwiftNIO event loop), as the SQLite store's do.
    public final class PostgresStore: Sendable {
        /// The database's address (``PostgresAddress/description`` never shows the password).
        public let address: PostgresAddress
        /// The connections transactions run on.
        let connections: PostgresConnections
        /// The change-log version as this process knows it (see ``knownChangeVersion()``).
        let versions = ChangeVersions()

        /// How a database is opened.
        public enum Access: Sendable {
            /// To read or write a case that is there: a database without Parley's schema is refused.
            case existing
            /// To create the schema in an empty database (or check that the one there is current).
            case create
        }

        /// Whether opening found the schema there, created it, or upgraded it.
        public enum Opening: Sendable, Equatable {
            case current
            case created
            case upgraded(from: Int)
        }

        /// What opening did to the schema.
        public let opening: Opening

        static let logger: Logger = {
            var logger = Logger(label: "parley.postgres")
            // postgres-nio logs at debug and trace; nothing of it is shown, and Parley's own messages
            // name the address without its password.
            logger.logLevel = .critical
            return logger
        }()

        /// How long one statement may run before the server cancels it (PostgreSQL's
        /// `statement_timeout`, set on every connection the store makes); nil: as long as it takes.
        public let statementTimeout: Duration?

        /// Connects to `address` and checks its schema, as ``init(address:for:statementTimeout:)``
        /// does, with the statement timeout a process of its kind has
        /// (``PostgresConnections/configuredStatementTimeout(serving:address:environment:)``).
        public convenience init(address: PostgresAddress, for access: Access, serving: Bool = false) throws {
            try self.init(
                address: address, for: access,
                statementTimeout: try PostgresConnections.configuredStatementTimeout(serving: serving, address: address)
            )
        }

        /// Connects to `address` and checks its schema: creates it (``Access/create``) in a database
        /// without one, upgrades an earlier version, and refuses another application's schema or a
        /// newer version, naming the versions. Every statement is cancelled by the server after
        /// `statementTimeout` (nil: none).
        public init(address: PostgresAddress, for access: Access, statementTimeout: Duration?) throws {
            self.address = address
            self.statementTimeout = statementTimeout
            let connection = try Self.open(address, statementTimeout: statementTimeout)
            do {
                opening = try Self.prepareSchema(connection, address: address, access: access)
            } catch {
                try? connection.close().wait()
                throw error
            }
            connections = PostgresConnections(
                address: address, limit: PostgresConnections.configuredLimit, statementTimeout: statementTimeout,
                first: connection)
        }

        deinit {
            versions.stop()
            connections.closeAll()
        }

        /// A connection to `address` whose queries name Parley's tables without their schema, and
        /// whose statements the server cancels after `statementTimeout`.
        static func open(_ address: PostgresAddress, statementTimeout: Duration?) throws -> PostgresConnection {
            let connection = try connect(address)
            do {
                try run(connection, "SET search_path TO \(PostgresSchema.namespace)", address: address)
                if let statementTimeout {
                    let (seconds, attoseconds) = statementTimeout.components
                    let milliseconds = max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
                    try run(connection, "SET statement_timeout = \(milliseconds)", address: address)
                }
                return connection
            } catch {
                try? connection.close().wait()
                throw error
            }
        }

        static func connect(_ address: PostgresAddress) throws -> PostgresConnection {
            let configuration = try configuration(address)
            do {
                return try PostgresConnection.connect(
                    on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 1,
                    logger: logger
                ).wait()
            } catch {
                throw map(error, address: address)
            }
        }

        /// How postgres-nio reaches `address`.
        static func configuration(_ address: PostgresAddress) throws -> PostgresConnection.Configuration {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch address.tls {
                case .disable: tls = .disable
                case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
                case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
                }
            } catch {
                throw StoreError.postgres(address: address.description, .unreachable(detail: "TLS could not be set up"))
            }
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: address.password,
                database: address.database, tls: tls)
            configuration.options.connectTimeout = .seconds(10)
            return configuration
        }

        /// Runs `body` in one read transaction (repeatable read: every query in it sees the same
        /// state of the database, whatever other connections commit meanwhile).
        public func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
            try transaction(writes: false, body)
        }

        /// Runs `body` in one write transaction: if it throws, nothing it did is kept.
        public func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
            try transaction(writes: true, body)
        }

        private func transaction<T>(writes: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
            let (lease, session) = try begun(writes ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(session)
                do {
                    try session.execute("COMMIT")
                } catch let error as StoreError where writes && error.lostConnection {
                    // The COMMIT may have reached the server before the connection broke.
                    if case .postgres(let shown, .connectionLost(let detail)) = error {
                        throw StoreError.postgres(address: shown, .lostWhileCommitting(detail: detail))
                    }
                    throw error
                }
                connections.giveBack(lease, healthy: true)
                // This process's next read knows of its own write at once, announcement or not.
                if let version = session.logged.version { versions.raise(to: version) }
                return result
            } catch {
                // A connection the server ended has had its transaction rolled back there.
                // Asking it to roll back again could wait for ever: the query can be queued on
                // the closing connection and never answered (it hung the connection-lost test in
                // about one run in three). Such a connection is dropped, never kept.
                if (error as? StoreError)?.lostConnection == true || lease.connection.isClosed {
                    connections.giveBack(lease, healthy: false)
                    throw error
                }
                let rolledBack = (try? session.execute("ROLLBACK")) != nil
                connections.giveBack(lease, healthy: rolledBack)
                throw error
            }
        }

        /// A connection with `begin` run on it. A kept connection the server closed while it was
        /// idle (a restart) fails there, before anything was asked of it: the transaction begins
        /// again, once, on a new connection.
        private func begun(_ begin: String) throws -> (PostgresConnections.Lease, PostgresSession) {
            var lease = try connections.take()
            while true {
                let session = PostgresSession(connection: lease.connection, address: address)
                do {
                    try session.execute(begin)
                    return (lease, session)
                } catch {
                    connections.giveBack(lease, healthy: false)
                    guard lease.reused, (error as? StoreError)?.lostConnection == true else { throw error }
                    lease = try connections.take(fresh: true)
                }
            }
        }

        private static func run(_ connection: PostgresConnection, _ sql: String, address: PostgresAddress) throws {
            try PostgresSession(connection: connection, address: address).execute(sql)
        }

        /// Checks, and where asked creates or upgrades, the schema; see ``init(address:for:)``.
        private static func prepareSchema(
            _ connection: PostgresConnection, address: PostgresAddress, access: Access
        ) throws -> Opening {
            let session = PostgresSession(connection: connection, address: address)
            func installed() throws -> Int? {
                let namespace = try session.rows(
                    "SELECT count(*) FROM pg_namespace WHERE nspname = $1", [.text(PostgresSchema.namespace)])
                guard try namespace.first?.int(0) == 1 else { return nil }
                let versionTable = try session.rows(
                    "SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = 'schema_version'",
                    [.text(PostgresSchema.namespace)])
                guard try versionTable.first?.int(0) == 1 else {
                    throw StoreError.postgres(address: address.description, .foreignSchema)
                }
                return try session.rows("SELECT coalesce(max(version), 0) FROM schema_version").first?.int(0) ?? 0
            }
            let found = try installed()
            if let found, found > PostgresSchema.latest || found < 1 {
                throw StoreError.postgres(
                    address: address.description, .schemaVersion(found: found, known: PostgresSchema.latest))
            }
            if found == PostgresSchema.latest { return .current }
            if found == nil && access != .create {
                throw StoreError.postgres(address: address.description, .noSchema)
            }
            // Create or upgrade, in one transaction (PostgreSQL's DDL is transactional: all or
            // nothing), under a lock, so that two Parleys opening one new database at once do not
            // both create it.
            try session.execute("BEGIN")
            do {
                try session.execute("SELECT pg_advisory_xact_lock(\(advisoryLock))")
                let now = try installed()
                if let now, now > PostgresSchema.latest || now < 1 {
                    throw StoreError.postgres(
                        address: address.description, .schemaVersion(found: now, known: PostgresSchema.latest))
                }
                if now == nil {
                    try session.execute("CREATE SCHEMA \(PostgresSchema.namespace)")
                    try session.execute(
                        """
                        CREATE TABLE schema_version (
                            version integer PRIMARY KEY,
                            applied_at timestamptz NOT NULL DEFAULT now()
                        )
                        """)
                }
                let start = now ?? 0
                for version in (start + 1)...PostgresSchema.latest {
                    for statement in PostgresSchema.versions[version - 1] { try session.execute(statement) }
                    try session.execute("INSERT INTO schema_version(version) VALUES ($1)", [.integer(Int64(version))])
                }
                try session.execute("COMMIT")
                return now.map { $0 == PostgresSchema.latest ? .current : .upgraded(from: $0) } ?? .created
            } catch {
                // As in `transaction`: never roll back on a connection the server ended.
                if case .postgres(_, .connectionLost) = error as? StoreError { throw error }
                try? session.execute("ROLLBACK")
                throw error
            }
        }

        /// The advisory lock key schema changes hold ("Prly").
        static let advisoryLock: Int64 = 0x5072_6C79

        /// The advisory lock key a write holds from its change-log entry to its commit ("Prlw"):
        /// see ``PostgresWriter/log(_:)``.
        static let logLock: Int64 = 0x5072_6C77

        /// The channel every write announces its change-log version on (`NOTIFY`, with the version
        /// as the payload), when it commits: the servers of one database listen to it to drop
        /// the answers they kept of an older version.
        public static let changeChannel = "parley_change"

        /// The store's error for a failure of postgres-nio: what happened, in words that carry no
        /// password and no query text.
        static func map(_ error: any Error, address: PostgresAddress) -> StoreError {
            if let error = error as? StoreError { return error }
            let shown = address.description
            if error is ConnectionClosed {
                return .postgres(address: shown, .connectionLost(detail: "the connection closed"))
            }
            guard let error = error as? PSQLError else {
                return .postgres(address: shown, .unreachable(detail: Self.describe(error)))
            }
            switch error.code {
            case .server:
                let state = error.serverInfo?[.sqlState] ?? "?????"
                let message = error.serverInfo?[.message] ?? "no message"
                switch state {
                case "28P01", "28000": return .postgres(address: shown, .authenticationRefused(user: address.user))
                case "3D000": return .postgres(address: shown, .noSuchDatabase(name: address.database))
                case "57P01", "57P02", "57P03": return .postgres(address: shown, .connectionLost(detail: message))
                case "57014" where message.contains("statement timeout"):
                    return .postgres(address: shown, .statementTimeout)
                default:
                    if state.hasPrefix("08") { return .postgres(address: shown, .connectionLost(detail: message)) }
                    return .postgres(address: shown, .server(state: state, message: message))
                }
            case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
                return .postgres(address: shown, .authenticationRefused(user: address.user))
            case .connectionError:
                return .postgres(
                    address: shown, .unreachable(detail: error.underlying.map(Self.describe) ?? "no answer"))
            case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
                return .postgres(address: shown, .connectionLost(detail: "\(error.code)"))
            case .sslUnsupported:
                return .postgres(address: shown, .unreachable(detail: "the server does not offer TLS"))
            default:
                return .postgres(address: shown, .server(state: "\(error.code)", message: "client-side failure"))
            }
        }

        /// A short description of a connection failure (NIO's errors name the address and the
        /// system's reason, never a password).
        private static func describe(_ error: any Error) -> String {
            if let error = error as? NIOConnectionError {
                if error.dnsAAAAError != nil && error.dnsAError != nil { return "unknown host \(error.host)" }
                if let first = error.connectionErrors.first { return "\(first.error)" }
                return "cannot connect to \(error.host):\(error.port)"
            }
            return String(describing: error)
        }
    }

    /// One transaction's queries (see ``PostgresStore/read(_:)`` and ``PostgresStore/write(_:)``).
    public struct PostgresSession {
        let connection: PostgresConnection
        let address: PostgresAddress
        /// The change-log version this transaction's entries took (``PostgresWriter/log(_:)``).
        let logged = LoggedVersion()

        /// Runs one statement (with `$1`, `$2`… bound to `binds`) and returns its rows.
        public func rows(_ sql: String, _ binds: [StoredValue] = []) throws -> [PostgresRow] {
            var bindings = PostgresBindings(capacity: binds.count)
            for value in binds {
                switch value {
                case .null: bindings.appendNull()
                case .integer(let number): bindings.append(number)
                case .real(let number): bindings.append(number)
                case .text(let text): bindings.append(text)
                case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
                }
            }
            do {
                let answer = connection.query(
                    PostgresQuery(unsafeSQL: sql, binds: bindings), logger: PostgresStore.logger)
                return try Self.wait(for: answer, on: connection).rows
            } catch {
                throw PostgresStore.map(error, address: address)
            }
        }

        /// The answer, or ``ConnectionClosed`` once the connection is closed without it (seen
        /// within a quarter of a second). postgres-nio never answers a query written to a
        /// connection that closed a moment before (the server restarting): the write fails without
        /// reaching the part that would fail the query, so waiting for the answer alone would wait
        /// for ever.
        static func wait<T: Sendable>(for answer: EventLoopFuture<T>, on connection: PostgresConnection) throws -> T {
            let done = DispatchSemaphore(value: 0)
            answer.whenComplete { _ in done.signal() }
            try wait(for: done, on: connection)
            return try answer.wait()
        }

        /// Waits until `done` is signalled, or throws ``ConnectionClosed`` once `connection` is
        /// closed without it (seen within a quarter of a second).
        static func wait(for done: DispatchSemaphore, on connection: PostgresConnection) throws {
            while done.wait(timeout: .now() + .milliseconds(250)) == .timedOut {
                guard connection.isClosed else { continue }
                // A failure on its way when the connection closed still gets a moment to arrive.
                if done.wait(timeout: .now() + .milliseconds(100)) == .success { return }
                throw ConnectionClosed()
            }
        }

        /// Runs one statement for its effect.
        public func execute(_ sql: String, _ binds: [StoredValue] = []) throws {
            _ = try rows(sql, binds)
        }
    }

    /// The connection closed while a query waited for its answer (see ``PostgresSession/wait(for:on:)``).
    struct ConnectionClosed: Error {}

    extension StoreError {
        /// Whether the connection broke off (its transaction, if any, ended with it on the server).
        var lostConnection: Bool {
            switch self {
            case .postgres(_, .connectionLost), .postgres(_, .lostWhileCommitting): return true
            default: return false
            }
        }
    }

    extension PostgresRow {
        /// Column `index` as an integer (any of PostgreSQL's integer types).
        func int(_ index: Int) throws -> Int {
            Int(try makeRandomAccess()[index].decode(Int64.self))
        }
    }
#endif

#if PostgreSQL
    extension PostgresStore {
        /// Runs `statements` one by one outside any transaction on a connection of their own, with no
        /// schema check: for administration (`CREATE DATABASE` and `DROP DATABASE`, which cannot run in
        /// a transaction), as the tests use it.
        static func administer(_ address: PostgresAddress, _ statements: [String]) throws {
            let connection = try connect(address)
            defer { try? connection.close().wait() }
            let session = PostgresSession(connection: connection, address: address)
            for statement in statements { try session.execute(statement) }
        }

        /// The integer the one-row, one-column `query` answers, asked as ``administer(_:_:)`` asks.
        static func administered(_ address: PostgresAddress, _ query: String) throws -> Int {
            let connection = try connect(address)
            defer { try? connection.close().wait() }
            return try PostgresSession(connection: connection, address: address).rows(query).first?.int(0) ?? 0
        }
    }
#endif
