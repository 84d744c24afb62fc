import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Synchronization
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// Bounded waits on PostgreSQL: a `COPY` whose connection is lost ends with an error instead of
    /// waiting for ever, and a statement that runs longer than the statement timeout (a server's
    /// default, or `PARLEY_POSTGRES_STATEMENT_TIMEOUT`) is cancelled, writing nothing.
    @Suite(
        "PostgreSQL waits that end", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresTimeoutTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        /// Whether every table of the case in `address` is empty.
        func empty(_ address: String) throws -> Bool {
            let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
            return try store.read { session in
                try PostgresSchema.tables.allSatisfy { try session.rows("SELECT 1 FROM \($0) LIMIT 1").isEmpty }
            }
        }

        @Test("a connection ended in the middle of an import's COPY: a clear error at once, and nothing written")
        func connectionEndedDuringCopy() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                // Each statement row takes the server 0.3 s: the fixture's COPY of them runs for seconds.
                try PostgresStore.administer(
                    parsed,
                    [
                        """
                        CREATE FUNCTION parley.slow() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN PERFORM pg_sleep(0.3); RETURN NEW; END $$
                        """,
                        "CREATE TRIGGER slow BEFORE INSERT ON parley.statement FOR EACH ROW EXECUTE FUNCTION parley.slow()",
                    ])
                // Another connection ends the backend running the COPY as soon as it runs.
                let ended = Atomic<Int>(0)
                let endedAt = Mutex<ContinuousClock.Instant?>(nil)
                let watcher = DispatchGroup()
                DispatchQueue.global().async(group: watcher) {
                    let deadline = ContinuousClock.now + .seconds(30)
                    while ContinuousClock.now < deadline {
                        let count =
                            (try? PostgresStore.administered(
                                parsed,
                                """
                                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                                WHERE datname = current_database() AND pid <> pg_backend_pid()
                                  AND state = 'active' AND query ILIKE 'copy%statement%'
                                """)) ?? 0
                        if count > 0 {
                            endedAt.withLock { $0 = .now }
                            ended.store(count, ordering: .sequentiallyConsistent)
                            return
                        }
                        Thread.sleep(forTimeInterval: 0.05)
                    }
                }
                let error = #expect(throws: StoreError.self) {
                    _ = try Parley.importFile(
                        SharedFixture.casefile("fixture.yaml"), as: .casefile, into: address, clock: Self.clock)
                }
                let failedAt = ContinuousClock.now
                watcher.wait()
                #expect(ended.load(ordering: .sequentiallyConsistent) == 1, "no COPY was seen running")
                if let endedAt = endedAt.withLock({ $0 }) {
                    #expect(failedAt - endedAt < .seconds(5), "the import went on waiting after its connection ended")
                }
                #expect(error?.kind == .busy)
                #expect(
                    error?.localizedDescription.contains("the connection to the server was lost") == true,
                    "\(String(describing: error))")
                #expect(error?.localizedDescription.contains("nothing was written") == true)
                #expect(try empty(address))
            }
        }

        @Test("a COPY sent on a connection that has just closed ends with an error, not a wait")
        func copyOnClosedConnection() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                let store = try PostgresStore(address: parsed, for: .existing)
                let started = ContinuousClock.now
                let error = #expect(throws: StoreError.self) {
                    try store.write { session in
                        let pid = try session.rows("SELECT pg_backend_pid()").first?.int(0) ?? 0
                        _ = try PostgresStore.administered(parsed, "SELECT count(pg_terminate_backend(\(pid)))")
                        let deadline = ContinuousClock.now + .seconds(10)
                        while !session.connection.isClosed && ContinuousClock.now < deadline {
                            Thread.sleep(forTimeInterval: 0.02)
                        }
                        try session.copy(
                            into: "party", columns: ["id", "name", "kind"],
                            rows: [[.text("north"), .text("Northland"), .text("state")]])
                    }
                }
                #expect(ContinuousClock.now - started < .seconds(10))
                #expect(error?.kind == .busy, "\(String(describing: error))")
                #expect(try empty(address))
            }
        }

        @Test("a statement longer than the statement timeout is cancelled: a read, and a write stuck behind a lock")
        func statementTimeout() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                let store = try PostgresStore(address: parsed, for: .existing, statementTimeout: .seconds(1))
                let clock = ContinuousClock()
                var error: StoreError?
                let read = clock.measure {
                    error = #expect(throws: StoreError.self) {
                        try store.read { try $0.execute("SELECT pg_sleep(10)") }
                    }
                }
                #expect(read < .seconds(5))
                #expect(error == .postgres(address: parsed.description, .statementTimeout))
                #expect(error?.kind == .busy)
                #expect(error?.localizedDescription.contains("PARLEY_POSTGRES_STATEMENT_TIMEOUT") == true)
                // Another writer holds the writers' lock and does not finish: this write gives up.
                let holding = DispatchSemaphore(value: 0)
                let release = DispatchSemaphore(value: 0)
                let other = try PostgresStore(address: parsed, for: .existing, statementTimeout: nil)
                let writer = DispatchGroup()
                DispatchQueue.global().async(group: writer) {
                    _ = try? other.write { session in
                        try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresStore.logLock)])
                        holding.signal()
                        _ = release.wait(timeout: .now() + 20)
                    }
                }
                holding.wait()
                let write = clock.measure {
                    error = #expect(throws: StoreError.self) {
                        try store.writeCase { try $0.addParty(Party(id: "north", name: "Northland", kind: .state)) }
                    }
                }
                release.signal()
                writer.wait()
                #expect(write < .seconds(5))
                #expect(error == .postgres(address: parsed.description, .statementTimeout))
                #expect(try empty(address))
                // Once the lock is free, the same write goes in.
                try store.writeCase { try $0.addParty(Party(id: "north", name: "Northland", kind: .state)) }
                #expect(try !empty(address))
            }
        }

        @Test("the statement timeout: 60 s for a server, none for a command, or PARLEY_POSTGRES_STATEMENT_TIMEOUT")
        func configuredTimeout() throws {
            let address = try PostgresAddress(parsing: "postgres://parley@localhost/talks")
            func timeout(serving: Bool, _ value: String?) throws -> Duration? {
                try PostgresConnections.configuredStatementTimeout(
                    serving: serving, address: address,
                    environment: value.map { ["PARLEY_POSTGRES_STATEMENT_TIMEOUT": $0] } ?? [:])
            }
            #expect(try timeout(serving: true, nil) == .seconds(60))
            #expect(try timeout(serving: false, nil) == nil)
            #expect(try timeout(serving: true, "2.5") == .milliseconds(2500))
            #expect(try timeout(serving: false, "300") == .seconds(300))
            #expect(try timeout(serving: true, "0") == nil)
            let error = #expect(throws: StoreError.self) { _ = try timeout(serving: true, "2 minutes") }
            #expect(error?.kind == .invalid)
            #expect(
                error?.localizedDescription.contains("PARLEY_POSTGRES_STATEMENT_TIMEOUT is '2 minutes'") == true,
                "\(String(describing: error))")
        }
    }
#endif
