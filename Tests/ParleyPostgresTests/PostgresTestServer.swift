import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres
#endif

/// The PostgreSQL server the tests use: `PARLEY_TEST_POSTGRES` names it (an address whose role
/// may create databases; `Scripts/with-postgres` starts one and sets it). Each test makes a
/// database of its own there and drops it afterwards. Without the PostgreSQL trait, or without a
/// server, the PostgreSQL side of the suite is skipped with the reason shown; with
/// `PARLEY_POSTGRES_REQUIRED=1` (CI) a missing server fails instead.
enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The server's address, if one is given.
    static var address: String? { environment["PARLEY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }

    static var built: Bool {
        #if PostgreSQL
            return true
        #else
            return false
        #endif
    }

    /// Whether the PostgreSQL tests run.
    static var available: Bool { built && address != nil }

    /// Why they do not.
    static var skipReason: Comment {
        built
            ? "PARLEY_TEST_POSTGRES is not set: the PostgreSQL backend is not tested (Scripts/with-postgres swift test --traits PostgreSQL runs it)"
            : "built without the PostgreSQL trait: the PostgreSQL backend is not tested (swift test --traits PostgreSQL)"
    }

    /// Whether a missing server is a failure rather than a skip (CI).
    static var required: Bool { environment["PARLEY_POSTGRES_REQUIRED"] == "1" }

    private static let counter = Counter()

    /// A new, empty database on the test server, dropped when `body` returns.
    static func withDatabase<T>(_ body: (String) throws -> T) throws -> T {
        #if PostgreSQL
            guard let address else { throw TestSkipped() }
            let admin = try PostgresAddress(parsing: address)
            let name = "parley_test_\(getpid())_\(counter.next())"
            try PostgresStore.administer(admin, ["DROP DATABASE IF EXISTS \(name)", "CREATE DATABASE \(name)"])
            defer { try? PostgresStore.administer(admin, ["DROP DATABASE IF EXISTS \(name) WITH (FORCE)"]) }
            var own = admin
            own.database = name
            // The address as a user would write it, password and all.
            let text =
                "postgres://\(own.user)" + (own.password.map { ":\($0)" } ?? "") + "@\(own.host):\(own.port)/\(name)"
            return try body(text)
        #else
            throw TestSkipped()
        #endif
    }

    struct TestSkipped: Error {}

    final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}

@Suite("The PostgreSQL test server")
struct PostgresTestServerTests {
    @Test("a run that requires PostgreSQL (CI) has it, built in and reachable")
    func requiredServerIsThere() throws {
        guard PostgresTestServer.required else { return }
        #expect(PostgresTestServer.built, "PARLEY_POSTGRES_REQUIRED=1 but the PostgreSQL trait is off")
        #expect(PostgresTestServer.address != nil, "PARLEY_POSTGRES_REQUIRED=1 but PARLEY_TEST_POSTGRES is not set")
    }

    @Test(
        "the PostgreSQL backend is tested in this run",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    func postgresTested() throws {
        // Says, in every run's output, whether the PostgreSQL side of the suite ran (here: yes,
        // and the server takes a new Parley case), or why not (the skip reason).
        let setup = try PostgresTestServer.withDatabase { address in try Parley.setUp(database: address) }
        #expect(setup == .created)
    }

    #if !PostgreSQL
        @Test("without the PostgreSQL trait, a postgres:// address is refused, saying the backend is not built in")
        func notBuilt() throws {
            let error = #expect(throws: StoreError.self) {
                _ = try Parley.open(database: "postgres://someone:secret@127.0.0.1:1/case")
            }
            #expect(error?.localizedDescription.contains("built without its PostgreSQL backend") == true)
            #expect(error?.localizedDescription.contains("secret") == false)
        }
    #endif
}
