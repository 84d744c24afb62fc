import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Synchronization
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// The change-log version servers keep their answers by: announced by every write when it
    /// commits (`NOTIFY`), heard by the processes that listen, without asking the database.
    @Suite(
        "Change-log versions announced on PostgreSQL",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresChangeTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        /// Waits (at most 10 s) until `condition` holds.
        func eventually(_ condition: () throws -> Bool) throws -> Bool {
            let deadline = Date().addingTimeInterval(10)
            while Date() < deadline {
                if try condition() { return true }
                Thread.sleep(forTimeInterval: 0.01)
            }
            return try condition()
        }

        @Test("a listening process hears every other process's write, its own at once, and only the announced ones")
        func announcements() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let writer = try Parley.open(database: address, for: .write, clock: Self.clock, user: "ana")
                try writer.add(Party(id: "north", name: "Northland", kind: .state))
                let server = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let heard = Mutex<[Int64]>([])
                server.listenForChanges { version in heard.withLock { $0.append(version) } }
                #expect(try eventually { heard.withLock { $0 } == [1] }, "the version found when listening starts")
                // Another process's write is announced with its version.
                try writer.add(Party(id: "south", name: "Southland", kind: .state))
                #expect(try eventually { heard.withLock { $0 } == [1, 2] })
                #expect(try server.knownChangeVersion() == 2)
                // A row put in the change log behind Parley's back is not announced: the version
                // known is what was heard, not asked of the database on every call.
                try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing).write { session in
                    try session.execute(
                        "INSERT INTO change_log (at, by, action) VALUES ('2026-02-01T10:00:00Z', 'x', 'add')")
                }
                Thread.sleep(forTimeInterval: 0.2)
                #expect(try server.knownChangeVersion() == 2)
                // This process's own write is known as soon as it commits.
                try server.writeCase { writer in
                    try writer.addIssue(Issue(id: "water", title: "Sharing the river"))
                    try writer.log(
                        LogEntry(at: "2026-02-01T10:00:00Z", by: "ana", action: .add, kind: .issue, record: "water"))
                }
                #expect(try server.knownChangeVersion() == 4)
                // The listening connection lost: the version is read from the database until it is
                // made again, and what was committed meanwhile is caught up.
                let listeners = try PostgresStore.administered(
                    try PostgresAddress(parsing: address),
                    """
                    SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = current_database() AND query LIKE '%FROM parley.change_log'
                    """)
                #expect(listeners == 1)
                try writer.add(Party(id: "east", name: "Eastland", kind: .state))
                // The loss is noticed asynchronously: until then the version heard is answered.
                #expect(try eventually { try server.knownChangeVersion() == 5 })
                #expect(try eventually { heard.withLock { $0.last } == 5 })
                try writer.add(Party(id: "west", name: "Westland", kind: .state))
                #expect(try eventually { try server.knownChangeVersion() == 6 })
                server.stopListening()
            }
        }
    }
#endif
