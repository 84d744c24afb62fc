import Foundation
import Testing

extension RunningServer {
    /// A page as a signed-in browser gets it.
    func page(_ path: String, session: String) throws -> RawResponse {
        try raw("GET", path, headers: ["Cookie": "parley_session=\(session)"])
    }

    /// Sends a page's form as the browser does: from this server's page, with the session's
    /// cookie and the anti-forgery token the page carries, the fields URL-encoded.
    func submit(_ path: String, from page: RawResponse, session: String, _ fields: [(String, String)]) throws
        -> RawResponse
    {
        let token = try #require(captures(#"name="form_token" value="([^"]+)""#, in: page.body).first)
        let body = ([("form_token", token)] + fields).map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return try raw(
            "POST", path,
            headers: [
                "Cookie": "parley_session=\(session)", "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin, "Sec-Fetch-Site": "same-origin",
            ], body: body)
    }
}

/// The workspace's pages as a browser uses them without script: forms sent and refused, filters
/// in the URL, downloads of what a page shows.
@Suite("the workspace's pages and forms")
struct PageFormTests {
    @Test(
        "a refused dispute step answers its status with the problem, the dispute and everything typed; never an old page"
    )
    func refusedStep() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river-row", "--title", "The river row", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-05-01", "--source", "gazette",
        ])
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let session = try server.session(editor)
        let before = try test.parley(["dispute", "list", "--format", "json"])
        let page = try server.page("/disputes/river-row", session: session)
        #expect(page.status == 200)

        let typed = [
            ("status", "narrowed"), ("on", "2021-13-40"), ("source", "bulletin"), ("according_to", "south"),
            ("note", "Both sides now talk only about the dam"),
        ]
        let refused = try server.submit("/disputes/river-row/steps", from: page, session: session, typed)
        #expect(refused.status == 400, "\(refused.body)")
        #expect(refused.body.contains("role=\"alert\""))
        #expect(refused.body.contains("2021-13-40"), "the problem names the date")
        #expect(refused.body.contains("<option selected>narrowed</option>"))
        #expect(refused.body.contains(#"value="2021-13-40""#))
        #expect(refused.body.contains(#"value="bulletin""#))
        #expect(refused.body.contains(#"value="south""#))
        #expect(refused.body.contains(#"value="Both sides now talk only about the dam""#))
        #expect(refused.body.contains("Northland") && refused.body.contains("Southland"), "the dispute is shown")

        // Another refusal of the same form says its own problem, not the first one's.
        let again = try server.submit(
            "/disputes/river-row/steps", from: page, session: session,
            [("status", "narrowed"), ("on", "2019-01-01"), ("source", "nowhere-herald")])
        #expect(again.status == 400, "\(again.status) \(again.body)")
        #expect(again.body.contains("no source with id &#39;nowhere-herald&#39;"), "\(again.body)")
        #expect(again.body.contains(#"value="nowhere-herald""#), "the form keeps what was typed")
        #expect(!again.body.contains("2021-13-40"))
        #expect(try test.parley(["dispute", "list", "--format", "json"]) == before, "nothing was written")

        // A step that is right lands on the page, which shows it.
        let added = try server.submit(
            "/disputes/river-row/steps", from: page, session: session,
            [("status", "narrowed"), ("source", "bulletin"), ("note", "Only the dam is left")])
        #expect(added.status == 303)
        #expect(try server.page("/disputes/river-row", session: session).body.contains("Only the dam is left"))
    }

    @Test("a wrong bearer secret on a page counts once: the limit is 10 tries a minute, not 5")
    func pageThrottle() async throws {
        let test = try Case.small()
        let server = try RunningServer(database: test.database, ["--trust-proxy"])
        func read(_ path: String) throws -> Int {
            try server.raw(
                "GET", path, headers: ["Authorization": "Bearer parley_wrong", "X-Forwarded-For": "203.0.113.8"]
            ).status
        }
        let paths = ["/issues", "/parties", "/statements", "/", "/search?q=river"]
        let statuses = try (0..<10).map { try read(paths[$0 % paths.count]) }
        #expect(statuses == Array(repeating: 401, count: 10), "\(statuses)")
        #expect(try read("/issues") == 429, "the eleventh wrong secret is refused")
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.logged.contains("10 failed bearer secrets from 203.0.113.8 within 60 s"))
    }
}
