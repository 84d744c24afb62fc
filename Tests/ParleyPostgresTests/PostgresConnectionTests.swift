import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Synchronization
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// A store's connections: several, so that a reader does not wait behind a writer, and made
    /// again when the PostgreSQL server ends them, so that a server process outlives them.
    @Suite(
        "PostgreSQL connections", .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresConnectionTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        @Test("connections the database server ended are made again: the next read and write work")
        func endedConnections() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                let store = try PostgresStore(address: parsed, for: .existing)
                let parley = try Parley.open(database: address, for: .write, clock: Self.clock, user: "ana")
                try parley.add(Party(id: "north", name: "Northland", kind: .state))
                #expect(try store.knownChangeVersion() == 1)
                // Every connection to the database but the one asking is ended, as a restart ends them.
                let ended = try PostgresStore.administered(
                    parsed,
                    """
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                    """)
                #expect(ended >= 1)
                try parley.add(Party(id: "south", name: "Southland", kind: .state))
                #expect(try store.knownChangeVersion() == 2)
                try store.writeCase { writer in
                    try writer.addIssue(Issue(id: "water", title: "Sharing the river"))
                    try writer.log(
                        LogEntry(at: "2026-02-01T10:00:00Z", by: "ana", action: .add, kind: .issue, record: "water"))
                }
                #expect(try parley.changeVersion() == 3)
            }
        }

        @Test("a read runs while a write transaction is open on the same store: readers do not wait behind a writer")
        func readBesideWrite() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let started = DispatchSemaphore(value: 0)
                let release = DispatchSemaphore(value: 0)
                let writing = DispatchGroup()
                DispatchQueue.global().async(group: writing) {
                    _ = try? store.write { session in
                        try session.execute(
                            "INSERT INTO change_log (at, by, action) VALUES ('2026-02-01T10:00:00Z', 'x', 'add')")
                        started.signal()
                        // Held open until the read is done, or 10 s.
                        _ = release.wait(timeout: .now() + 10)
                    }
                }
                started.wait()
                let clock = ContinuousClock()
                var seen = -1
                let took = try clock.measure {
                    seen = try store.read { try $0.rows("SELECT count(*) FROM change_log").first?.int(0) ?? -1 }
                }
                release.signal()
                writing.wait()
                #expect(took < .seconds(5), "the read waited for the write to end")
                #expect(seen == 0, "the read does not see the uncommitted write")
                #expect(try store.read { try $0.rows("SELECT count(*) FROM change_log").first?.int(0) } == 1)
            }
        }
    }
#endif
