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

    /// The test server's `pg_ctl` (`Scripts/with-postgres` sets `PARLEY_TEST_POSTGRES_CTL`), to stop
    /// and start it under a running parley-server.
    static var control: URL? {
        environment["PARLEY_TEST_POSTGRES_CTL"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    }
    static var restartable: Bool { available && control != nil }
    static var restartSkipReason: Comment {
        available
            ? "PARLEY_TEST_POSTGRES_CTL is not set: a restart of PostgreSQL is not tested (Scripts/with-postgres sets it)"
            : skipReason
    }

    /// Runs the test server's `pg_ctl` with `arguments` (`stop -m fast`, `start`), which must succeed.
    static func control(_ arguments: [String]) throws {
        let output = try run(try #require(control), arguments)
        try #require(output.status == 0, "pg_ctl \(arguments.joined(separator: " ")) failed: \(output.stderr)")
    }

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

    /// `Case.small()`'s case, made in PostgreSQL.
    static func small(_ database: String) throws -> PostgresCase {
        let test = PostgresCase(database: database)
        try test.fillSmall()
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
        "two servers under writes, one killed with SIGKILL: no acknowledged write is lost, and the other goes on",
        .enabled(if: PostgresServer.available, PostgresServer.skipReason))
    func killedUnderWrites() async throws {
        try await PostgresServer.withDatabase { address in
            let test = try PostgresCase.small(address)
            let editor = try test.token("desk", role: "editor")
            let a = try RunningServer(database: address)
            let b = try RunningServer(database: address)
            let pid = a.process.processIdentifier
            // Four writers each send 15 statements, alternating between the servers; the first
            // server is killed once ten writes have been acknowledged.
            let acknowledged = try await withThrowingTaskGroup(of: [Int].self) { group in
                let counter = AcknowledgedCount()
                for writer in 0..<4 {
                    group.addTask {
                        var numbers: [Int] = []
                        for index in 0..<15 {
                            let server = (writer + index) % 2 == 0 ? a : b
                            let stance = "quota-\(writer)-\(index)"
                            guard
                                let answer = try? await server.post(
                                    "/api/v1/statements", token: editor,
                                    json: [
                                        "party": "south", "issue": "water", "kind": "proposal", "stance": stance,
                                        "summary": "South proposes \(stance).", "source": "bulletin", "new_label": true,
                                    ])
                            else { continue }
                            // Only a 201 acknowledges a write; the killed server's refusals do not.
                            if answer.status == 201, let number = (answer.json as? [String: Any])?["number"] as? Int {
                                numbers.append(number)
                                if await counter.add() == 10 { kill(pid, SIGKILL) }
                            }
                        }
                        return numbers
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            a.process.waitUntilExit()
            #expect(a.process.terminationReason == .uncaughtSignal, "the first server was killed")
            #expect(acknowledged.count >= 30, "the other server took its writers' statements")
            // Every acknowledged statement is in the database, as the command line and the
            // surviving server read it, and the survivor still writes.
            let listed = try test.parley(["statements", "--format", "json"])
            let numbers = Set(captures(#""number" : (\d+)"#, in: listed).compactMap(Int.init))
            #expect(Set(acknowledged).isSubset(of: numbers), "lost: \(Set(acknowledged).subtracting(numbers).sorted())")
            let after = try await b.post(
                "/api/v1/statements", token: editor,
                json: [
                    "party": "north", "issue": "water", "kind": "proposal", "stance": "after-the-crash",
                    "summary": "North proposes a new start.", "source": "bulletin", "new_label": true,
                ])
            #expect(after.status == 201, "\(after.body)")
            let survivor = try await b.get("/api/v1/statements", token: editor)
            #expect(survivor.body.contains("after-the-crash"))
            for number in acknowledged { #expect(survivor.body.contains("\"number\" : \(number),")) }
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

extension PostgresServerTests {
    @Test(
        "PostgreSQL restarted under a running server: meanwhile 503 naming the database, at once; afterwards the next requests work, and no acknowledged write is lost",
        .enabled(if: PostgresServer.restartable, PostgresServer.restartSkipReason))
    func databaseRestart() async throws {
        try await PostgresServer.withDatabase { address in
            let test = try PostgresCase.small(address)
            let editor = try test.token("desk", role: "editor")
            let server = try RunningServer(database: address)
            #expect(try await server.get("/api/v1/positions", token: editor).status == 200)
            func statement(_ stance: String) -> [String: Any] {
                [
                    "party": "south", "issue": "water", "kind": "proposal", "stance": stance,
                    "summary": "South proposes \(stance).", "source": "bulletin", "new_label": true,
                ]
            }
            // Two writers write all along, the database stopped and started again under them.
            let running = Running()
            let writers = Task {
                try await withThrowingTaskGroup(of: [Written].self) { group in
                    for writer in 0..<2 {
                        group.addTask {
                            var written: [Written] = []
                            var index = 0
                            while await running.on {
                                let stance = "restart-\(writer)-\(index)"
                                let start = Date()
                                let answer = try await server.post(
                                    "/api/v1/statements", token: editor, json: statement(stance))
                                written.append(
                                    Written(stance: stance, answer: answer, seconds: Date().timeIntervalSince(start)))
                                index += 1
                                try await Task.sleep(for: .milliseconds(20))
                            }
                            return written
                        }
                    }
                    return try await group.reduce(into: []) { $0 += $1 }
                }
            }
            try await Task.sleep(for: .milliseconds(500))
            try PostgresServer.control(["stop", "-m", "fast"])
            // While it is down: reads, writes and pages are refused at once with 503, naming the
            // database without its password.
            let start = Date()
            let read = try await server.get("/api/v1/positions", token: editor)
            let write = try await server.post("/api/v1/statements", token: editor, json: statement("in-the-outage"))
            let page = try await server.get("/", token: editor)
            #expect(Date().timeIntervalSince(start) < 10, "the requests waited for the database")
            let password = try #require(
                captures(#"postgres://[^:]+:([^@]+)@"#, in: address).first, "the test address has a password")
            // The address as the server shows it: without the password.
            let shown = address.replacingOccurrences(of: ":\(password)@", with: "@")
            for answer in [read, write, page] {
                // The JSON answers write a slash as \/.
                let text = answer.body.replacingOccurrences(of: "\\/", with: "/")
                #expect(answer.status == 503, "\(text)")
                #expect(text.contains("cannot use \(shown): "), "\(text)")
                #expect(!text.contains(password))
            }
            #expect(read.contentType == "application/problem+json")
            #expect((read.json as? [String: Any])?["type"] as? String == "/problems/busy", "\(read.body)")
            #expect(Self.notWritten(write), "\(write.body)")
            try await Task.sleep(for: .milliseconds(500))
            try PostgresServer.control(["start"])
            // Back: the next requests work, with the same server process.
            #expect(try await server.get("/api/v1/positions", token: editor).status == 200)
            let after = try await server.post("/api/v1/statements", token: editor, json: statement("after-restart"))
            #expect(after.status == 201, "\(after.body)")
            #expect(try await server.get("/", token: editor).status == 200)
            try await Task.sleep(for: .milliseconds(300))
            await running.stop()
            let written = try await writers.value
            #expect(server.process.isRunning)
            // Every answer was a success or a 503, none took long; every acknowledged write is
            // there, and none refused with "nothing was written" is.
            let listed = try test.parley(["statements", "--format", "json"])
            let numbers = Set(captures(#""number" : (\d+)"#, in: listed).compactMap(Int.init))
            #expect(written.contains { $0.answer.status == 503 }, "a write was sent while the database was down")
            for write in written {
                #expect([201, 503].contains(write.answer.status), "\(write.answer.status): \(write.answer.body)")
                #expect(write.seconds < 10, "a write waited \(write.seconds) s")
                if write.answer.status == 201 {
                    let number = (write.answer.json as? [String: Any])?["number"] as? Int
                    #expect(number.map(numbers.contains) == true, "acknowledged \(write.stance) is missing")
                } else if Self.notWritten(write.answer) {
                    #expect(!listed.contains("\"\(write.stance)\""), "\(write.stance) was refused, yet kept")
                }
            }
            #expect(!listed.contains("\"in-the-outage\""))
            #expect(listed.contains("\"after-restart\""))
        }
    }

    /// Whether a refused write's answer says that nothing of it was written: the database did
    /// not answer, or the connection broke before the commit.
    static func notWritten(_ answer: RunningServer.Answer) -> Bool {
        answer.body.contains("no PostgreSQL server answered") || answer.body.contains("nothing was written")
    }

    /// One write of the restart test: its stance, the answer, how long it took.
    struct Written: Sendable {
        var stance: String
        var answer: RunningServer.Answer
        var seconds: Double
    }
}

/// Whether the writers of a test go on.
actor Running {
    private(set) var on = true
    func stop() { on = false }
}

/// How many writes have been acknowledged so far, across the writers of a test.
actor AcknowledgedCount {
    private var count = 0
    func add() -> Int {
        count += 1
        return count
    }
}

extension PostgresCase: CaseCommands {}

extension PostgresServerTests {
    @Test(
        "the board page two servers keep and bring up to date after each kind of write, by either or by the command line, is byte for byte a fresh server's",
        .enabled(if: PostgresServer.available, PostgresServer.skipReason))
    func boardPagesAfterWrites() async throws {
        try await PostgresServer.withDatabase { address in
            let test = try PostgresCase.small(address)
            try test.parley([
                "dispute", "open", "--id", "river", "--title", "The river", "--issue", "water", "--party", "north",
                "--party", "south", "--on", "2020-05-01", "--source", "gazette",
            ])
            let editor = try test.token("desk", role: "editor")
            let servers = [try RunningServer(database: address), try RunningServer(database: address)]
            /// Each kept board page against the page a server started now makes from scratch.
            func expectAgrees(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
                let fresh = try await RunningServer(database: address).get("/", token: editor)
                #expect(fresh.status == 200, "after \(what)", sourceLocation: sourceLocation)
                for (index, server) in servers.enumerated() {
                    let kept = try await server.get("/", token: editor)
                    #expect(kept.status == 200, "server \(index) after \(what)", sourceLocation: sourceLocation)
                    #expect(
                        kept.body == fresh.body, "server \(index)'s board page after \(what)",
                        sourceLocation: sourceLocation)
                }
            }
            try await expectAgrees("the first read")
            func statement(_ party: String, _ stance: String, said: String) -> [String: Any] {
                [
                    "party": party, "issue": "water", "kind": "assertion", "stance": stance, "new_label": true,
                    "summary": "\(party) holds <\(stance)> & \"more\".", "source": "bulletin", "said": said,
                ]
            }
            #expect(
                try await servers[0].post(
                    "/api/v1/statements", token: editor, json: statement("north", "share-by-treaty", said: "2021-02-01")
                ).status == 201)
            try await expectAgrees("a statement through the first server")
            #expect(
                try await servers[1].post(
                    "/api/v1/statements", token: editor, json: statement("south", "share-by-treaty", said: "2021-02-02")
                ).status == 201)
            try await expectAgrees("a statement through the second server (the dispute closes)")
            try test.parley(["amend", "3", "--summary", "Shares by treaty.", "--reason", "Clearer."])
            try await expectAgrees("an amended summary, by the command line")
            try test.parley(["amend", "4", "--party", "north", "--reason", "Misattributed."])
            try await expectAgrees("an amended party")
            try test.parley([
                "labels", "rename", "--issue", "water", "--from", "share-by-treaty", "--to", "treaty-shares",
            ])
            try await expectAgrees("a relabel")
            try test.parley(["party", "edit", "--id", "north", "--name", "The <North>"])
            try await expectAgrees("a party's name edited")
            try test.parley(["issue", "add", "--id", "water/dam", "--title", "The dam"])
            try test.parley([
                "add", "--party", "south", "--issue", "water/dam", "--kind", "demand", "--stance", "build-dam",
                "--summary", "Build it.", "--source", "gazette",
            ])
            try await expectAgrees("an issue and a statement added by the command line")
            try test.parley(["retract", "3", "--reason", "Withdrawn."])
            try await expectAgrees("a retraction")
            try test.parley(["issue", "rename", "water/dam", "water/barrage"])
            try await expectAgrees("an issue renamed")
        }
    }
}
