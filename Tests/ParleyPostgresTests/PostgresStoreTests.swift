import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres
#endif

@Suite("PostgreSQL addresses")
struct PostgresAddressTests {
    @Test("an address is read into its parts, and shown without its password")
    func parts() throws {
        let address = try PostgresAddress(
            parsing: "postgres://ana:s%40cret@db.example.org:6543/talks?sslmode=require", environment: [:])
        #expect(address.user == "ana" && address.password == "s@cret" && address.host == "db.example.org")
        #expect(address.port == 6543 && address.database == "talks" && address.tls == .require)
        #expect(address.description == "postgres://ana@db.example.org:6543/talks?sslmode=require")
        #expect(!address.description.contains("cret"))
    }

    @Test("the user and password may come from PGUSER and PGPASSWORD; the port defaults to 5432")
    func environment() throws {
        let address = try PostgresAddress(
            parsing: "postgresql://localhost/talks", environment: ["PGUSER": "ana", "PGPASSWORD": "pw"])
        #expect(address.user == "ana" && address.password == "pw" && address.port == 5432)
    }

    @Test(
        "a malformed address is refused, naming the part, never echoing the password",
        arguments: [
            ("postgres://ana:hunter2@db/", "names no database"),
            ("postgres://ana:hunter2@:5432/talks", "names no host"),
            ("postgres://ana:hunter2@db:99999/talks", "port must be a number"),
            ("postgres://ana:hunter2@db/talks?sslmode=maybe", "unknown option 'sslmode=maybe'"),
            ("postgres://ana:hunter2@db", "names no database"),
        ])
    func malformed(_ text: String, _ expected: String) throws {
        let error = #expect(throws: StoreError.self) { _ = try DatabaseAddress(text) }
        let message = error?.localizedDescription ?? ""
        #expect(message.contains(expected), "\(message)")
        #expect(!message.contains("hunter2"), "\(message)")
    }

    @Test("a path is an SQLite file; only a postgres:// or postgresql:// address is PostgreSQL")
    func backends() throws {
        #expect(try DatabaseAddress("talks.sqlite") == .sqlite(path: "talks.sqlite"))
        #expect(try DatabaseAddress("postgres-notes.sqlite") == .sqlite(path: "postgres-notes.sqlite"))
        guard case .postgres = try DatabaseAddress("PostgreSQL://a@b/c") else {
            Issue.record("postgresql:// in capitals is PostgreSQL")
            return
        }
    }
}

#if PostgreSQL
    @Suite(
        "The PostgreSQL backend against a real server",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresStoreTests {
        func message(_ body: () throws -> Void) -> String {
            do {
                try body()
                return "(no error)"
            } catch {
                return error.localizedDescription
            }
        }

        @Test("the test server is PostgreSQL 15 or later")
        func serverVersion() throws {
            try PostgresTestServer.withDatabase { address in
                let version = try PostgresStore.administered(
                    try PostgresAddress(parsing: address), "SELECT current_setting('server_version_num')::int")
                #expect(version >= 150000)
            }
        }

        @Test("init creates the schema in an empty database; a second init finds it current")
        func initTwice() throws {
            try PostgresTestServer.withDatabase { address in
                #expect(try Parley.setUp(database: address) == .created)
                #expect(try Parley.setUp(database: address) == .current)
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let versions = try store.read {
                    try $0.rows("SELECT version FROM schema_version").map { try $0.int(0) }
                }
                #expect(versions == Array(1...PostgresSchema.latest))
            }
        }

        @Test("a wrong password is refused as such, and no message shows it")
        func wrongPassword() throws {
            try PostgresTestServer.withDatabase { address in
                var parsed = try PostgresAddress(parsing: address)
                parsed.password = "not-the-password-42"
                let text =
                    "postgres://\(parsed.user):not-the-password-42@\(parsed.host):\(parsed.port)/\(parsed.database)"
                let shown = message { _ = try Parley.setUp(database: text) }
                #expect(shown.contains("refused user '\(parsed.user)'"), "\(shown)")
                #expect(!shown.contains("not-the-password-42"), "\(shown)")
            }
        }

        @Test("no server at the address: unreachable, said so")
        func unreachable() throws {
            let shown = message { _ = try Parley.setUp(database: "postgres://ana:pw@127.0.0.1:1/talks") }
            #expect(shown.contains("no PostgreSQL server answered"), "\(shown)")
            #expect(!shown.contains(":pw@"), "\(shown)")
        }

        @Test("a database that does not exist is named")
        func noSuchDatabase() throws {
            try PostgresTestServer.withDatabase { address in
                let missing = address.replacingOccurrences(of: "/parley_test_", with: "/parley_missing_")
                let shown = message { _ = try Parley.setUp(database: missing) }
                #expect(shown.contains("has no database 'parley_missing_"), "\(shown)")
            }
        }

        @Test("a newer schema version is refused, naming both versions, and left untouched")
        func newerSchema() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                try PostgresStore.administer(parsed, ["INSERT INTO parley.schema_version(version) VALUES (99)"])
                let shown = message { _ = try Parley.open(database: address, for: .read) }
                #expect(
                    shown.contains("schema version 99, but this Parley knows versions 1 to \(PostgresSchema.latest)"),
                    "\(shown)")
                #expect(message { _ = try Parley.setUp(database: address) } == shown)
            }
        }

        @Test("another application's schema named parley is refused; a database without Parley's is not read")
        func foreignAndMissingSchema() throws {
            try PostgresTestServer.withDatabase { address in
                let read = message { _ = try Parley.open(database: address, for: .read) }
                #expect(read.contains("holds no Parley case yet"), "\(read)")
                let parsed = try PostgresAddress(parsing: address)
                try PostgresStore.administer(parsed, ["CREATE SCHEMA parley", "CREATE TABLE parley.things (x int)"])
                let shown = message { _ = try Parley.setUp(database: address) }
                #expect(shown.contains("has a schema named 'parley' that Parley did not make"), "\(shown)")
            }
        }

        @Test("a copy into a database that holds a case is refused, and changes nothing")
        func copyIntoCase() throws {
            try withCase(SharedFixture.casefile("fixture.yaml"), on: .postgres) { parley, address in
                let before = try parley.positionsReport(asOf: nil).rendered(as: .json, style: ConformanceTests.style)
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let file = folder.appendingPathComponent("other.sqlite").path
                _ = try Parley.open(database: file, for: .create).importCasefile(
                    path: SharedFixture.casefile("negotiation.yaml"))
                let shown = message { _ = try Parley.copyDatabase(from: file, to: address) }
                #expect(shown.contains("already holds a case"), "\(shown)")
                let after = try Parley.open(database: address, for: .read).positionsReport(asOf: nil)
                    .rendered(as: .json, style: ConformanceTests.style)
                #expect(after == before)
            }
        }

        @Test(
            "backup of a PostgreSQL case writes an SQLite file of it, every table and report the same, that copies back"
        )
        func backup() throws {
            let twins = PostgresWriteTests()
            try twins.withTwins { _, postgres, file, _ in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-backup-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                // A file already there is replaced, as on SQLite.
                let backup = folder.appendingPathComponent("backup.sqlite").path
                try "an older copy".write(toFile: backup, atomically: true, encoding: .utf8)
                try postgres.backup(to: backup)
                #expect(try twins.rows(sqlite: backup) == twins.rows(sqlite: file))
                #expect(
                    try twins.reports(Parley.open(database: backup, for: .read))
                        == twins.reports(Parley.open(database: file, for: .read)))
                // One self-contained file: nothing beside it.
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["backup.sqlite"])
                // Put back into an empty PostgreSQL database, it is the case again.
                try PostgresTestServer.withDatabase { restored in
                    _ = try Parley.setUp(database: restored)
                    _ = try Parley.copyDatabase(from: backup, to: restored)
                    try twins.expectSame(file, restored)
                }
                // A folder that is not there: an error, and nothing written.
                let missing = folder.appendingPathComponent("missing/backup.sqlite").path
                #expect(throws: StoreError.self) { try postgres.backup(to: missing) }
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["backup.sqlite"])
            }
        }

        @Test("statements streamed a few at a time are those listed at once, in the same order, as on SQLite")
        func streamedInBatches() throws {
            let generated = GeneratedCase(statementCount: 120, seed: 7)
            let filters = [
                StatementFilter(includeRetracted: true), StatementFilter(party: "belmar", includeClaimsAbout: true),
                StatementFilter(issue: "trade", since: try CalendarDate(parsing: "2018")),
            ]
            let expected = try withCase(generated.build, on: .sqlite) { parley, _ in
                try filters.map { try parley.statements($0).statements.map(\.sequence) }
            }
            try withCase(generated.build, on: .postgres) { _, address in
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let streamed = try store.read { session in
                    try filters.map { filter in
                        var numbers: [Int64] = []
                        try PostgresReader(session: session).forEachStatement(filter, batch: 7) {
                            numbers.append($0.sequence)
                        }
                        return numbers
                    }
                }
                #expect(streamed == expected)
                #expect(expected.allSatisfy { $0.count > 7 }, "each filter takes more than one batch")
            }
        }

        @Test("the copy keeps statement numbers, and new rows take keys after the copied ones")
        func keysAfterCopy() throws {
            try withCase(SharedFixture.casefile("fixture.yaml"), on: .postgres) { _, address in
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let (count, highest, next) = try store.write { session in
                    let count = try session.rows("SELECT count(*) FROM statement").first?.int(0) ?? 0
                    let highest = try session.rows("SELECT max(pk) FROM statement").first?.int(0) ?? 0
                    let next =
                        try session.rows(
                            """
                            INSERT INTO change_log(at, by, action) VALUES ('2030-01-01T00:00:00Z', 'test', 'add') RETURNING pk
                            """
                        ).first?.int(0) ?? 0
                    return (count, highest, next)
                }
                #expect(count > 0 && highest == count)
                let logged = try store.read { try $0.rows("SELECT count(*) FROM change_log").first?.int(0) ?? 0 }
                #expect(next == logged, "the new change-log row comes after the copied ones")
            }
        }
    }
#endif
