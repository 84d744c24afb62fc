import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The PostgreSQL server these tests use: `PARLEY_TEST_POSTGRES` names it (an address whose role
/// may create databases; `Scripts/with-postgres` starts one and sets it), as for the root package's
/// PostgreSQL suite. Without the server package's PostgreSQL trait, or without a server, the suite
/// is skipped with the reason shown; with `PARLEY_POSTGRES_REQUIRED=1` (CI) a missing one fails.
enum PostgresServer {
    static let environment = ProcessInfo.processInfo.environment
    static var address: String? { environment["PARLEY_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 } }
    static var built: Bool {
        #if PostgreSQL
            return true
        #else
            return false
        #endif
    }
    static var available: Bool { built && address != nil }
    static var skipReason: Comment {
        built
            ? "PARLEY_TEST_POSTGRES is not set: parley-server on PostgreSQL is not tested (Scripts/with-postgres swift test --traits PostgreSQL runs it)"
            : "built without the PostgreSQL trait: parley-server on PostgreSQL is not tested (swift test --traits PostgreSQL)"
    }
    static var required: Bool { environment["PARLEY_POSTGRES_REQUIRED"] == "1" }

    /// The machine's psql, to make and drop the tests' databases.
    static let psql = URL(
        fileURLWithPath: (environment["PARLEY_POSTGRES_BIN"] ?? "/usr/lib/postgresql/15/bin") + "/psql")

    /// A new database on the test server (its address, password and all), dropped when `body` ends.
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let admin = try #require(address)
        let name = "parley_server_\(getpid())_\(UUID().uuidString.prefix(8).lowercased())"
        let made = try run(psql, [admin, "-qc", "CREATE DATABASE \(name)"])
        try #require(made.status == 0, "psql could not make a database: \(made.stderr)")
        defer { _ = try? run(psql, [admin, "-qc", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"]) }
        guard let slash = admin.lastIndex(of: "/") else { throw URLError(.badURL) }
        return try await body(admin[..<slash] + "/" + name)
    }
}

/// A case in a PostgreSQL database, worked on with the real `parley` command.
struct PostgresCase {
    let database: String

    @discardableResult
    func parley(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let output = try run(Binaries.parley, arguments + ["--db", database])
        #expect(
            output.status == 0, "parley \(arguments.joined(separator: " ")) failed: \(output.stderr)",
            sourceLocation: sourceLocation)
        return output.stdout
    }

    func token(_ name: String, role: String) throws -> String {
        try parley(["token", "add", "--name", name, "--role", role]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `Case.small()`'s case, made in PostgreSQL.
    static func small(_ database: String) throws -> PostgresCase {
        let test = PostgresCase(database: database)
        try test.parley(["init"])
        try test.parley(["party", "add", "--id", "north", "--name", "Northland", "--kind", "state"])
        try test.parley(["party", "add", "--id", "south", "--name", "Southland", "--kind", "state"])
        try test.parley(["issue", "add", "--id", "water", "--title", "Sharing the river"])
        try test.parley(["source", "add", "--id", "gazette", "--title", "The Gazette", "--published", "2020-05-01"])
        try test.parley(["source", "add", "--id", "bulletin", "--title", "The Bulletin", "--published", "2021-03-01"])
        try test.parley([
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "share-equally",
            "--summary", "The river must be shared equally.", "--source", "gazette",
        ])
        try test.parley([
            "add", "--party", "south", "--issue", "water", "--kind", "rejection", "--stance", "share-by-need",
            "--summary", "Shares must follow need.", "--source", "bulletin",
        ])
        return test
    }
}

@Suite("parley-server on PostgreSQL", .serialized)
struct PostgresServerTests {
    @Test("a run that requires PostgreSQL (CI) has it, built in and given")
    func required() throws {
        if PostgresServer.required {
            #expect(
                PostgresServer.built, "PARLEY_POSTGRES_REQUIRED=1 but the server was built without the PostgreSQL trait"
            )
            #expect(PostgresServer.address != nil, "PARLEY_POSTGRES_REQUIRED=1 but PARLEY_TEST_POSTGRES is not set")
        } else if !PostgresServer.available {
            // Shown in the test output: the PostgreSQL side was not tested.
            print("parley-server on PostgreSQL skipped: \(PostgresServer.skipReason)")
        }
    }

    @Test(
        "two servers on one database: a write through either is seen by the next request to the other; tokens and sign-in cookies work on both",
        .enabled(if: PostgresServer.available, PostgresServer.skipReason))
    func twoServers() async throws {
        try await PostgresServer.withDatabase { address in
            let test = try PostgresCase.small(address)
            // Tokens made by another process (the command line) before the servers start.
            let viewer = try test.token("reader", role: "viewer")
            let editor = try test.token("desk", role: "editor")
            let a = try RunningServer(database: address)
            let b = try RunningServer(database: address)
            #expect(!a.logged.contains(address), "the password is not in what the server prints")
            for server in [a, b] {
                #expect(try await server.get("/api/v1/positions", token: viewer).status == 200)
                #expect(try await server.get("/api/v1/positions", token: viewer + "x").status == 401)
                #expect(try await server.get("/", token: viewer).status == 200)
            }
            // Both keep the positions; each write through one is seen by the next request to the other.
            let stances = ["share-by-need", "joint-commission", "seasonal-quotas"]
            for (index, stance) in stances.enumerated() {
                let (writer, reader) = index % 2 == 0 ? (a, b) : (b, a)
                let recorded = try await writer.post(
                    "/api/v1/statements", token: editor,
                    json: [
                        "party": "north", "issue": "water", "kind": "proposal", "stance": stance,
                        "summary": "North proposes \(stance).", "said": "2021-02-2\(index)", "source": "bulletin",
                        "new_label": true,
                    ])
                #expect(recorded.status == 201, "\(recorded.body)")
                let seen = try await reader.get("/api/v1/positions", token: viewer)
                #expect(seen.body.contains("\"\(stance)\""), "the other server answered with what it had kept")
                let page = try await reader.get("/", token: viewer)
                #expect(page.status == 200)
            }
            // A write by a third process, the command line, is seen by both.
            try test.parley(["retract", "1", "--reason", "misattributed"])
            for server in [a, b] {
                let statements = try await server.get("/api/v1/statements", token: viewer)
                #expect(!statements.body.contains("The river must be shared equally."), "\(statements.body)")
            }
            // A browser signs in through one server; its cookie works on the other, and signing out
            // there ends it on both.
            let session = try a.session(editor)
            let cookie = ["Cookie": "parley_session=\(session)"]
            #expect(try b.raw("GET", "/", headers: cookie).status == 200)
            let signedIn = try b.raw("GET", "/signin", headers: cookie)
            #expect(signedIn.body.contains("Signed in as <strong>desk</strong>"))
            let formToken = try #require(captures(#"name="form_token" value="([^"]+)""#, in: signedIn.body).first)
            let out = try b.raw(
                "POST", "/signout",
                headers: cookie.merging([
                    "Content-Type": "application/x-www-form-urlencoded", "Origin": b.origin,
                    "Sec-Fetch-Site": "same-origin",
                ]) { $1 }, body: "form_token=\(formToken)")
            #expect(out.status == 303, "\(out.body)")
            #expect(try a.raw("GET", "/", headers: cookie).status == 401)
            // A token revoked by the command line is refused by both from the next request on.
            try test.parley(["token", "revoke", "--name", "reader"])
            for server in [a, b] {
                #expect(try await server.get("/api/v1/positions", token: viewer).status == 401)
            }
        }
    }

    @Test(
        "an unreachable server, a refused password or another schema version stops parley-server with the CLI's words, and no password",
        .enabled(if: PostgresServer.available, PostgresServer.skipReason))
    func refusedDatabases() async throws {
        try await PostgresServer.withDatabase { address in
            let test = try PostgresCase.small(address)
            let unreachable = try run(Binaries.server, ["--db", "postgres://ana:hunter2secret@127.0.0.1:1/case"])
            let wrongPassword = try run(
                Binaries.server,
                [
                    "--db",
                    address.replacingOccurrences(
                        of: #":[^:@/]+@"#, with: ":hunter2secret@", options: .regularExpression),
                ])
            #expect(
                try run(PostgresServer.psql, [address, "-qc", "INSERT INTO parley.schema_version VALUES (99)"]).status
                    == 0)
            let newer = try run(Binaries.server, ["--db", address])
            let cli = try run(Binaries.parley, ["report", "positions", "--db", address])
            for (output, words) in [
                (unreachable, "no PostgreSQL server answered"), (wrongPassword, "refused user"),
                (newer, "schema version 99"),
            ] {
                #expect(output.status == 1)
                #expect(output.stdout.isEmpty)
                #expect(output.stderr.hasPrefix("parley-server: error: cannot use postgres://"), "\(output.stderr)")
                #expect(output.stderr.contains(words), "\(output.stderr)")
                #expect(output.stderr.split(separator: "\n").count == 1, "one line, no stack trace: \(output.stderr)")
                #expect(!output.stderr.contains("hunter2secret"))
                #expect(!output.stderr.contains(address))
            }
            // The command line's message for the same database, word for word after its prefix.
            #expect(
                cli.stderr.replacingOccurrences(of: "parley: error: ", with: "")
                    == newer.stderr.replacingOccurrences(of: "parley-server: error: ", with: ""))
            _ = test
        }
    }
}
