#if PostgreSQL
    import Dispatch
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO
    import Synchronization

    /// The connections a ``PostgresStore``'s transactions run on: at most `limit` at once, each
    /// made when a transaction needs one and none is idle (a command-line process, which runs one
    /// transaction at a time, never has more than one), and kept for the next.
    ///
    /// A connection that was closed while it waited (the PostgreSQL server restarted), or that a
    /// transaction found broken, is dropped, and the next transaction makes a new one: so a
    /// long-running process (the server) outlives a restart of its database. While the database
    /// cannot be reached, making one fails at once with ``PostgresProblem/unreachable(detail:)``
    /// (or after the connect timeout, for a host that does not answer at all), never waits for it.
    final class PostgresConnections: Sendable {
        let address: PostgresAddress
        let limit: Int
        /// How long the server lets one statement of these connections run (nil: no limit).
        let statementTimeout: Duration?
        /// One permit per connection in use; a transaction waits for one when all are taken.
        private let permits: DispatchSemaphore
        private let idle: Mutex<[PostgresConnection]>

        /// A connection taken for one transaction; `reused` when it was kept from an earlier one
        /// (and so may have been closed by the server since, unseen).
        struct Lease {
            let connection: PostgresConnection
            let reused: Bool
        }

        /// The pool of `address`, holding `first` (the connection the schema was checked on).
        init(address: PostgresAddress, limit: Int, statementTimeout: Duration?, first: PostgresConnection) {
            self.address = address
            self.statementTimeout = statementTimeout
            self.limit = max(1, limit)
            permits = DispatchSemaphore(value: self.limit)
            idle = Mutex([first])
        }

        /// How many connections a store keeps at most: `PARLEY_POSTGRES_CONNECTIONS`, or 4.
        static var configuredLimit: Int {
            ProcessInfo.processInfo.environment["PARLEY_POSTGRES_CONNECTIONS"].flatMap { Int($0) }.map { max(1, $0) }
                ?? 4
        }

        /// The statement timeout a process asks for: `PARLEY_POSTGRES_STATEMENT_TIMEOUT` in
        /// `environment`, a number of seconds (0: none), when it is set; otherwise 60 seconds for a
        /// server (`serving`: a request never waits on the database for ever, a lock held by a
        /// stuck writer included) and none for a command (an import or copy of a large case may
        /// take minutes, and its user sees it run). A value that is not a number of seconds is an
        /// error naming it.
        static func configuredStatementTimeout(
            serving: Bool, address: PostgresAddress,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) throws -> Duration? {
            guard let text = environment[statementTimeoutVariable] else { return serving ? .seconds(60) : nil }
            guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), seconds >= 0, seconds.isFinite
            else {
                throw StoreError.postgres(
                    address: address.description, .invalidSetting(name: statementTimeoutVariable, value: text))
            }
            return seconds == 0 ? nil : .milliseconds(max(1, Int64((seconds * 1000).rounded())))
        }

        /// The environment variable that sets the statement timeout.
        static let statementTimeoutVariable = "PARLEY_POSTGRES_STATEMENT_TIMEOUT"

        /// An open connection for one transaction: an idle one, or a new one (`fresh`: always a new
        /// one). Waits while `limit` are in use. Give it back with ``giveBack(_:healthy:)``.
        func take(fresh: Bool = false) throws -> Lease {
            permits.wait()
            if !fresh {
                while let connection = idle.withLock({ $0.popLast() }) {
                    if !connection.isClosed { return Lease(connection: connection, reused: true) }
                    Self.close(connection)
                }
            }
            do {
                return Lease(
                    connection: try PostgresStore.open(address, statementTimeout: statementTimeout), reused: false)
            } catch {
                permits.signal()
                throw error
            }
        }

        /// Ends a lease: the connection is kept for the next transaction when `healthy` and still
        /// open, closed otherwise.
        func giveBack(_ lease: Lease, healthy: Bool) {
            if healthy && !lease.connection.isClosed {
                idle.withLock { $0.append(lease.connection) }
            } else {
                Self.close(lease.connection)
            }
            permits.signal()
        }

        /// Closes the idle connections (the store is going away: none is leased).
        func closeAll() {
            let connections = idle.withLock { idle in
                defer { idle = [] }
                return idle
            }
            for connection in connections { try? connection.close().wait() }
        }

        /// Closes `connection` without waiting (it may be broken), keeping it alive until it is closed.
        private static func close(_ connection: PostgresConnection) {
            connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }
#endif
