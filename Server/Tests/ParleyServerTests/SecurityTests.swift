import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension RunningServer {
    /// The server's own origin, as a browser names it in `Origin`.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Signs in as a browser does: the form (with its token and cookie), then its post from this
    /// server's page. `extra` headers are added to the post.
    func signIn(_ secret: String, extra: [String: String] = [:]) throws -> RawResponse {
        let form = try raw("GET", "/signin")
        let token = form.cookie("parley_form") ?? ""
        #expect(captures(#"name="form_token" value="([^"]+)""#, in: form.body) == [token], "the form carries its token")
        var headers = [
            "Cookie": "parley_form=\(token)", "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin, "Sec-Fetch-Site": "same-origin",
        ]
        headers.merge(extra) { $1 }
        return try raw("POST", "/signin", headers: headers, body: "token=\(secret)&form_token=\(token)")
    }

    /// A session id, signed in with `secret`.
    func session(_ secret: String) throws -> String {
        let response = try signIn(secret)
        #expect(response.status == 303, "\(response.body)")
        return try #require(response.cookie("parley_session"))
    }
}

/// What a hostile page, client or network peer can do to parley-server, tried against the real
/// binary: each test says what it tried and checks both the answer and that nothing changed.
@Suite("parley-server under attack", .serialized)
struct SecurityTests {
    @Test("a write another site's page could send is refused, and nothing is written; the server's own page may write")
    func forgedWrites() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let session = try server.session(editor)
        let cookie = "parley_session=\(session)"
        let before = try test.parley(["statements", "--all", "--format", "json"])
        let json = #"{"reason":"forged"}"#
        let path = "/api/v1/statements/1/retract"
        let attempts: [(String, [String: String], Int)] = [
            ("a text/plain form", ["Cookie": cookie, "Content-Type": "text/plain"], 415),
            ("a form-encoded body", ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"], 415),
            ("no content type", ["Cookie": cookie], 415),
            (
                "another origin",
                ["Cookie": cookie, "Content-Type": "application/json", "Origin": "https://evil.example"], 403
            ),
            (
                "another port of this host",
                ["Cookie": cookie, "Content-Type": "application/json", "Origin": "http://127.0.0.1:1"], 403
            ),
            ("an opaque origin", ["Cookie": cookie, "Content-Type": "application/json", "Origin": "null"], 403),
            ("same-site", ["Cookie": cookie, "Content-Type": "application/json", "Sec-Fetch-Site": "same-site"], 403),
            (
                "cross-site", ["Cookie": cookie, "Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"],
                403
            ),
            ("a bearer token as text/plain", ["Authorization": "Bearer \(editor)", "Content-Type": "text/plain"], 415),
        ]
        for (what, headers, status) in attempts {
            let answer = try server.raw("POST", path, headers: headers, body: json)
            #expect(answer.status == status, "\(what): \(answer.body)")
            #expect(answer.header("Content-Type") == "application/problem+json", "\(what)")
        }
        #expect(try test.parley(["statements", "--all", "--format", "json"]) == before, "nothing was written")
        // The server's own page (same origin) may write with the session.
        let own = try server.raw(
            "POST", path,
            headers: [
                "Cookie": cookie, "Content-Type": "application/json; charset=utf-8", "Origin": server.origin,
                "Sec-Fetch-Site": "same-origin",
            ], body: json)
        #expect(own.status == 200, "\(own.body)")
        #expect(try test.parley(["log"]).contains("desk  retract statement #1"))
    }

    @Test(
        "sign-in takes this server's own form only: no other page can sign a browser in, and the cookie is not the secret"
    )
    func signIn() async throws {
        let test = try Case.small()
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let form = try server.raw("GET", "/signin")
        let token = try #require(form.cookie("parley_form"))
        let formCookie = try #require(form.cookies.first { $0.hasPrefix("parley_form=") })
        #expect(formCookie.contains("HttpOnly") && formCookie.contains("SameSite=Strict"))
        let post = ["Content-Type": "application/x-www-form-urlencoded"]
        let body = "token=\(viewer)&form_token=\(token)"
        let forged: [(String, [String: String], String)] = [
            ("no form token", ["Cookie": "parley_form=\(token)"], "token=\(viewer)"),
            ("no form cookie", [:], body),
            ("another form's token", ["Cookie": "parley_form=other"], body),
            ("another site's page", ["Cookie": "parley_form=\(token)", "Sec-Fetch-Site": "cross-site"], body),
            ("another port's page", ["Cookie": "parley_form=\(token)", "Origin": "http://127.0.0.1:1"], body),
        ]
        for (what, headers, body) in forged {
            let answer = try server.raw("POST", "/signin", headers: post.merging(headers) { $1 }, body: body)
            #expect(answer.status == 403, "\(what): \(answer.status)")
            #expect(answer.cookie("parley_session") == nil, "\(what)")
        }
        let plain = try server.raw(
            "POST", "/signin", headers: ["Cookie": "parley_form=\(token)", "Content-Type": "text/plain"], body: body)
        #expect(plain.status == 415)
        let wrong = try server.signIn(viewer + "x")
        #expect(wrong.status == 401)
        #expect(wrong.body.contains("That token is not in use."))
        let signedIn = try server.signIn(viewer)
        #expect(signedIn.status == 303)
        #expect(signedIn.header("Location") == "/")
        let cookie = try #require(signedIn.cookies.first { $0.hasPrefix("parley_session=") })
        let id = try #require(signedIn.cookie("parley_session"))
        #expect(
            !id.contains(viewer) && !viewer.contains(id) && id.count >= 43,
            "the cookie holds a session id, not the secret")
        for attribute in ["HttpOnly", "SameSite=Strict", "Path=/", "Max-Age=604800"] {
            #expect(cookie.contains(attribute), "\(cookie)")
        }
        #expect(!cookie.contains("Secure"), "plain HTTP: no Secure flag")
        // X-Forwarded-Proto is not believed without --trust-proxy: anyone could send it.
        let claimed = try server.signIn(viewer, extra: ["X-Forwarded-Proto": "https"])
        #expect(claimed.cookies.allSatisfy { !$0.contains("Secure") })
        let board = try server.raw("GET", "/", headers: ["Cookie": "parley_session=\(id)"])
        #expect(board.status == 200)
    }

    @Test(
        "a session ends on sign-out, when its token is revoked, and when idle; behind a trusted HTTPS proxy it is Secure"
    )
    func sessions() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database, ["--session-idle", "2s", "--trust-proxy"])
        let id = try server.session(editor)
        func board(_ id: String) throws -> Int {
            try server.raw("GET", "/", headers: ["Cookie": "parley_session=\(id)"]).status
        }
        #expect(try board(id) == 200)
        // The signed-in page offers sign-out, with the session's form token.
        let page = try server.raw("GET", "/signin", headers: ["Cookie": "parley_session=\(id)"])
        #expect(page.body.contains("Signed in as <strong>desk</strong> (editor)"))
        let token = try #require(captures(#"name="form_token" value="([^"]+)""#, in: page.body).first)
        let out = ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "parley_session=\(id)"]
        let forged = try server.raw("POST", "/signout", headers: out, body: "form_token=guess")
        #expect(forged.status == 403)
        #expect(try board(id) == 200, "a forged sign-out changes nothing")
        let signedOut = try server.raw("POST", "/signout", headers: out, body: "form_token=\(token)")
        #expect(signedOut.status == 303)
        #expect(signedOut.cookies.contains { $0.hasPrefix("parley_session=;") && $0.contains("Max-Age=0") })
        #expect(try board(id) == 401, "the old cookie no longer signs in")

        let second = try server.session(editor)
        #expect(try board(second) == 200)
        try test.parley(["token", "revoke", "--name", "desk"])
        #expect(try board(second) == 401, "revoking the token ends its sessions")

        let viewer = try test.token("reader", role: "viewer")
        let idle = try server.session(viewer)
        #expect(try board(idle) == 200)
        try await Task.sleep(for: .seconds(3))
        #expect(try board(idle) == 401, "two seconds idle is the limit here")

        let secure = try server.signIn(
            viewer, extra: ["X-Forwarded-Proto": "https", "X-Forwarded-Host": "127.0.0.1:\(server.port)"])
        #expect(secure.status == 303)
        #expect(secure.cookies.contains { $0.hasPrefix("parley_session=") && $0.contains("Secure") })
    }

    @Test("unknown or repeated parameters are refused on the API and on pages; an answer is kept under its question")
    func parameters() async throws {
        let test = try Case.small()
        let server = try RunningServer(database: test.database, ["--public-read"])
        for path in [
            "/api/v1/search?q=river&x1=\(String(repeating: "z", count: 5000))",
            "/api/v1/disputes?as_of=2021&as_of=2020",
            "/api/v1/parties?all=true", "/?x=1", "/issues/water?party=north", "/diff?from=2020&from=2021",
        ] {
            let answer = try await server.get(path)
            #expect(answer.status == 400, "\(path)")
        }
        let unknown = try await server.get("/api/v1/statements?party=north&sort=date")
        let detail = try #require((unknown.json as? [String: Any])?["detail"] as? String)
        #expect(detail.hasPrefix("'sort' is not a parameter of /api/v1/statements; it takes 'party', 'about'"))
        // The same question in another order is the same answer. An empty parameter is refused
        // by the API (its OpenAPI document asks for a value), and on a page (a form's empty date
        // box) is the same question as none.
        let one = try await server.get("/api/v1/search?q=river&limit=5")
        let other = try await server.get("/api/v1/search?limit=5&q=river")
        #expect(one.status == 200 && one.body == other.body)
        let empty = try await server.get("/api/v1/search?limit=5&in=&q=river")
        #expect(empty.status == 400 && empty.body.contains("'in' is empty"), "\(empty.body)")
        let page = try await server.get("/positions?as_of=")
        let plain = try await server.get("/positions")
        #expect(page.status == 200 && page.body == plain.body)
    }

    @Test("a JSON body with a repeated key, an unknown field or deep nesting is refused; nothing is written")
    func bodies() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let before = try test.parley(["statements", "--all", "--format", "json"])
        let headers = ["Authorization": "Bearer \(editor)", "Content-Type": "application/json"]
        let cases: [(String, String)] = [
            (#"{"reason":"a","reason":"b"}"#, "'reason' is given twice"),
            (#"{"reason":"a","re\u0061son":"b"}"#, "'reason' is given twice"),
            (#"{"reason":"a","resaon":"b"}"#, "'resaon' is not a field of this request; its fields are 'reason'"),
            (String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), "nests deeper"),
            (#"{"reason":"a""#, "the body must be a JSON object"),
        ]
        for (body, message) in cases {
            let answer = try server.raw("POST", "/api/v1/statements/1/retract", headers: headers, body: body)
            #expect(answer.status == 400, "\(body.prefix(40))")
            #expect(answer.body.contains(message), "\(answer.body)")
        }
        let statement = try server.raw(
            "POST", "/api/v1/statements", headers: headers,
            body:
                #"{"party":"north","issue":"water","kind":"demand","stance":"x","summary":"y","source":"gazette","summary":"z"}"#
        )
        #expect(statement.status == 400)
        #expect(try test.parley(["statements", "--all", "--format", "json"]) == before)
    }

    @Test("every answer carries the security headers; pages link the stylesheet and have no inline style")
    func headers() async throws {
        let test = try Case.small()
        let server = try RunningServer(database: test.database)
        let viewer = try test.token("reader", role: "viewer")
        let cookie = "parley_session=\(try server.session(viewer))"
        var stylesheets: Set<String> = []
        for (path, status) in [
            ("/", 200), ("/positions", 200), ("/issues/water", 200), ("/signin", 200), ("/nowhere", 404),
            ("/?as_of=soon", 400), ("/api/v1/disputes", 200), ("/api/v1/nowhere", 404),
        ] {
            let answer = try server.raw("GET", path, headers: ["Cookie": cookie])
            #expect(answer.status == status, "\(path)")
            #expect(
                answer.header("Content-Security-Policy")
                    == "default-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; "
                    + "object-src 'none'",
                "\(path)")
            #expect(answer.header("X-Content-Type-Options") == "nosniff", "\(path)")
            #expect(answer.header("X-Frame-Options") == "DENY", "\(path)")
            #expect(answer.header("Referrer-Policy") == "same-origin", "\(path)")
            if answer.header("Content-Type")?.hasPrefix("text/html") == true {
                #expect(!answer.body.contains("<style") && !answer.body.contains("style="), "\(path): inline style")
                #expect(!answer.body.contains("<script"), "\(path)")
                stylesheets.formUnion(captures(#"<link rel="stylesheet" href="([^"]+)">"#, in: answer.body))
            }
        }
        // The anonymous sign-in page too (401).
        let anonymous = try server.raw("GET", "/")
        #expect(anonymous.status == 401 && anonymous.header("Content-Security-Policy") != nil)
        #expect(anonymous.body.contains(#"<form method="post" action="/signin">"#))
        let path = try #require(stylesheets.first)
        #expect(stylesheets.count == 1 && path.hasPrefix("/assets/parley-") && path.hasSuffix(".css"))
        let css = try server.raw("GET", path)
        #expect(css.status == 200)
        #expect(css.header("Content-Type") == "text/css; charset=utf-8")
        #expect(css.header("Cache-Control")?.contains("immutable") == true)
        #expect(css.body.contains(".label.c0{background:#1f77b4}"))
    }

    @Test("too many wrong secrets from one address are refused for a while (429) and logged; other addresses are not")
    func guessing() async throws {
        let test = try Case.small()
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database, ["--trust-proxy"])
        func read(_ secret: String, from address: String) throws -> RawResponse {
            try server.raw(
                "GET", "/api/v1/disputes", headers: ["Authorization": "Bearer \(secret)", "X-Forwarded-For": address])
        }
        for guess in 0..<10 {
            #expect(try read("parley_guess\(guess)", from: "203.0.113.7").status == 401)
        }
        let limited = try read(viewer, from: "203.0.113.7")
        #expect(limited.status == 429, "even a right secret is refused while the address is limited")
        let wait = try #require(limited.header("Retry-After").flatMap { Int($0) })
        #expect((1...60).contains(wait))
        #expect(limited.body.contains("too many wrong secrets from 203.0.113.7"))
        #expect(try read(viewer, from: "198.51.100.1").status == 200, "another address is not limited")
        // Wrong sign-ins count too.
        let signIns = (0..<10).map { _ in
            (try? server.signIn("parley_nope", extra: ["X-Forwarded-For": "192.0.2.9"]))?.status
        }
        #expect(signIns.allSatisfy { $0 == 401 })
        #expect(try server.signIn(viewer, extra: ["X-Forwarded-For": "192.0.2.9"]).status == 429)
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.logged.contains("10 failed bearer secrets from 203.0.113.7 within 60 s"))
        #expect(server.logged.contains("10 failed sign-ins from 192.0.2.9"))
    }

    @Test(
        "slow and greedy clients cannot hold the server: half-sent requests and idle connections are closed, one address holds a few"
    )
    func slowClients() async throws {
        let test = try Case.small()
        let server = try RunningServer(
            database: test.database, ["--public-read", "--idle-timeout", "1", "--connections-per-client", "6"])
        // Six connections that each send half a request and wait.
        let slow = try (0..<6).map { _ in try RawConnection(port: server.port) }
        for connection in slow { try connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
        // A seventh from the same address is closed at once.
        let seventh = try RawConnection(port: server.port)
        #expect(seventh.isClosed(within: 1), "over the per-address limit")
        // The half-sent requests are closed after the header timeout.
        let start = Date()
        for connection in slow { #expect(connection.isClosed(within: 3)) }
        #expect(Date().timeIntervalSince(start) < 3)
        // Then an honest client is served at once.
        let board = try server.raw("GET", "/")
        #expect(board.status == 200)
        // An idle keep-alive connection is closed too.
        let keepAlive = try RawConnection(port: server.port)
        try keepAlive.send("GET /api/v1/parties HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        #expect(try keepAlive.response().status == 200)
        #expect(keepAlive.isClosed(within: 3), "idle for longer than the timeout")
        // A body that trickles in, a byte at a time, is answered 408 and its connection closed.
        let editor = try test.token("desk", role: "editor")
        let trickle = try RawConnection(port: server.port)
        try trickle.send(
            "POST /api/v1/statements/1/retract HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(editor)\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{")
        var answer = ""
        for _ in 0..<20 where answer.isEmpty {
            guard try trickle.send(" ") else { break }
            if let bytes = trickle.receive(within: 0.3) { answer = String(decoding: bytes, as: UTF8.self) }
        }
        #expect(answer.hasPrefix("HTTP/1.1 408"), "\(answer.prefix(80))")
        #expect(trickle.isClosed(within: 3))
    }

    @Test("a body over the limit is refused at once without reading it, and its connection closes")
    func oversizedBodies() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let head =
            "POST /api/v1/statements/1/retract HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(editor)\r\n"
            + "Content-Type: application/json\r\n"
        // Declared as 100 MB: refused before any of it is read.
        let declared = try RawConnection(port: server.port)
        try declared.send(head + "Content-Length: 100000000\r\n\r\n" + String(repeating: "a", count: 65536))
        let refused = try declared.response(within: 5)
        #expect(refused.status == 413)
        #expect(refused.header("Connection") == "close")
        #expect(declared.isClosed(within: 3))
        // Sent in chunks with no declared length: refused once past 1 MB, and no more is read.
        let chunked = try RawConnection(port: server.port)
        try chunked.send(head + "Transfer-Encoding: chunked\r\n\r\n")
        let chunk = "10000\r\n" + String(repeating: "a", count: 65536) + "\r\n"
        var sent = 0
        var closed = false
        let start = Date()
        while sent < 100 << 20, !closed, Date().timeIntervalSince(start) < 20 {
            closed = !(try chunked.send(chunk))
            sent += 65536
            if sent % (1 << 20) == 0, let bytes = chunked.receive(within: 0), !bytes.isEmpty {
                #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 413"))
                closed = chunked.isClosed(within: 5)
            }
        }
        #expect(closed, "the server stopped reading")
        #expect(sent < 10 << 20, "it stopped long before 100 MB (after \(sent) bytes)")
        #expect(try await server.get("/api/v1/parties", token: editor).status == 200)
    }

    @Test("zero-width characters in a name show as escapes on the pages, as in the terminal; the API keeps them")
    func invisibleCharacters() async throws {
        let test = try Case.small()
        try test.parley(["party", "add", "--id", "east", "--name", "North\u{200B}land", "--kind", "state"])
        let server = try RunningServer(database: test.database, ["--public-read"])
        let page = try await server.get("/parties")
        #expect(page.body.contains(#"North\u{200B}land"#))
        #expect(!page.body.contains("North\u{200B}land"))
        #expect(try test.parley(["party", "list"]).contains(#"North\u{200B}land"#))
        let parties = try #require(try await server.get("/api/v1/parties").json as? [[String: Any]])
        #expect(parties.contains { $0["name"] as? String == "North\u{200B}land" })
    }

    @Test("a write on a full disk is answered 507 with the message, and the database stays whole")
    func fullDisk() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let size = (try FileManager.default.attributesOfItem(atPath: test.database)[.size] as? Int) ?? 0
        // The server may write files up to a little past the database's size (ulimit counts 512-byte blocks in sh).
        let server = try RunningServer(
            database: test.database, [], limitFileBlocks: (size + 64 * 1024) / 512)
        var status = 0
        var body = ""
        for i in 0..<400 where status != 507 {
            let answer = try await server.post(
                "/api/v1/statements", token: editor,
                json: [
                    "party": "north", "issue": "water", "kind": "assertion", "stance": "label-\(i)", "new_label": true,
                    "summary": String(repeating: "A long summary to fill the disk. ", count: 100) + "\(i)",
                    "source": "gazette",
                ])
            status = answer.status
            body = answer.body
            #expect(status == 201 || status == 507, "\(answer.body)")
        }
        #expect(status == 507)
        #expect(body.contains("the disk is full"))
        // Every statement acknowledged is there, and the database reads.
        let statements = try #require(try test.json(["statements"]) as? [[String: Any]])
        #expect(statements.count >= 2)
    }

    @Test(
        "in a real browser, a signed-in reader's visit to a page on another port retracts nothing and frames nothing",
        .enabled(if: Browser.isAvailable, Comment(rawValue: Browser.missingReason)))
    func browser() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let session = try server.session(editor)
        let before = try test.parley(["statements", "--all", "--format", "json"])
        let script = Binaries.packageRoot.appendingPathComponent("Tests/Browser/attack.py")
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", script.path, "--chromium", Browser.path, "--server", server.url("/").absoluteString,
                "--session", session, "--statement", "1", "--wait", "1.5",
            ])
        #expect(output.status == 0, "\(output.stderr)")
        let seen = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stdout)")
        // The cookie works: the browser, as the victim, reads the board.
        #expect(seen["control"] as? String == "Open disputes", "\(seen)")
        // The forms and fetches reached the server (the form's frames show its answers)...
        #expect((seen["form"] as? [String])?.count == 2, "\(seen)")
        #expect(seen["fetch"] as? String == "sent")
        // ...and changed nothing, nor signed the browser in as anyone else.
        #expect(try test.parley(["statements", "--all", "--format", "json"]) == before, "nothing was retracted")
        #expect(!(try test.parley(["log"]).contains("retract")))
        // The board refuses to be framed by another origin; the attacker's own page frames fine.
        let framed = try #require((seen["frame"] as? [String])?.first)
        #expect(!framed.hasPrefix(server.url("/").absoluteString), "the board was framed: \(framed)")
        let own = try #require((seen["selfframe"] as? [String])?.first)
        #expect(own.hasSuffix("/own.html"), "the control frame loads: \(own)")
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(!log.contains("failed sign-ins"))
    }
}
