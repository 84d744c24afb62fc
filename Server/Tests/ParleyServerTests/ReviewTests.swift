import Foundation
import Testing

extension RunningServer {
    /// A form sent as this server's own page sends it, from the browser signed in as `session`,
    /// with the form token the server's pages give that session.
    func submit(_ path: String, session: String, _ fields: [(String, String)]) throws -> RawResponse {
        let cookie = "parley_session=\(session)"
        let page = try raw("GET", "/review", headers: ["Cookie": cookie])
        let token = try #require(captures(#"name="form_token" value="([^"]+)""#, in: page.body).first)
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = (fields + [("form_token", token)]).map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        return try raw(
            "POST", path,
            headers: [
                "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "Origin": origin,
                "Sec-Fetch-Site": "same-origin",
            ], body: body)
    }
}

/// The review page over HTTP: its script and what the policy lets it run, and the statement a
/// reviewer adds to the drafts. (The keys themselves are driven in a browser: `WorkspaceTests`.)
@Suite("the review page", .serialized)
struct ReviewTests {
    @Test("the review page loads its one script from this server, served as JavaScript; the policy runs no other")
    func script() async throws {
        let test = try Case.workspace()
        let server = try RunningServer(database: test.database)
        let session = try server.session(try test.token("desk", role: "editor"))
        let article = try String(contentsOf: try test.article(), encoding: .utf8)
        let page = try server.submit("/review", session: session, [("text", article), ("published", "2020-05-03")])
        #expect(page.status == 200, "\(page.body)")
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.contains("script-src 'self';"), "\(policy)")
        #expect(!policy.contains("unsafe") && !policy.contains("http"), "no inline or other site's script: \(policy)")
        let scripts = captures(#"<script([^>]*)>"#, in: page.body)
        #expect(scripts.count == 1, "\(scripts)")
        let path = try #require(
            captures(#"<script src="(/assets/review-[0-9a-f]{12}\.js)" defer></script>"#, in: page.body).first)
        // The legend of the keys is there for the script to show; without it the page is the form.
        #expect(page.body.contains(#"<p class="keys" id="review-keys" hidden>"#))
        #expect(page.body.contains(#"<button>Record the accepted statements</button>"#))

        let script = try server.raw("GET", path)
        #expect(script.status == 200)
        #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
        #expect(script.header("Cache-Control") == "public, max-age=31536000, immutable")
        #expect(script.header("X-Content-Type-Options") == "nosniff")
        #expect(script.body.contains("addEventListener(\"keydown\""))
        // Anyone may load it, as the stylesheet: it holds nothing of the case.
        #expect(try server.raw("GET", path).status == 200)
        #expect(try server.raw("GET", "/assets/review-000000000000.js").status == 404)
    }

    @Test("a refused review says what to do in the browser: the boxes to fill, never a command's file or flag")
    func refusedWording() async throws {
        let test = try Case.small()
        let server = try RunningServer(database: test.database)
        let session = try server.session(try test.token("desk", role: "editor"))
        // The gazette is recorded without its text, and was published on 2020-05-01.
        let noText = try server.submit("/review", session: session, [("source", "gazette")])
        #expect(noText.status == 400, "\(noText.body)")
        #expect(noText.body.contains("has no stored text; paste the article, or upload it as a .txt file"))
        let otherDate = try server.submit(
            "/review", session: session,
            [("text", "North said the river must be shared."), ("source", "gazette"), ("published", "2020-05-03")])
        #expect(otherDate.status == 400, "\(otherDate.body)")
        #expect(
            otherDate.body.contains("leave &#39;published&#39; empty, or give another source id"), "\(otherDate.body)")
        for page in [noText, otherDate] {
            #expect(!page.body.contains("file instead") && !page.body.contains("leave out the date"))
        }
    }

    @Test(
        "a statement the drafter missed is recorded with the accepted drafts in one transaction; refused, it says what the record form says, and nothing is written"
    )
    func addedStatement() async throws {
        let test = try Case.workspace()
        let server = try RunningServer(database: test.database)
        let session = try server.session(try test.token("desk", role: "editor"))
        let article = try String(contentsOf: try test.article(), encoding: .utf8)
        // The article reviewed against a recorded source (gazette, published 2020-05-01).
        let drafts = try server.submit(
            "/review", session: session, [("text", article), ("source", "gazette")])
        #expect(drafts.status == 200, "\(drafts.body)")
        #expect(drafts.body.contains(#"<fieldset class="draft added" id="added">"#))
        #expect(drafts.body.contains(#"name="said_added" value="2020-05-01""#), "said starts as the source's date")
        #expect(!drafts.body.contains(#"name="source_added""#), "the source is the article's")

        let accepted: [(String, String)] = [
            ("text", article), ("source", "gazette"), ("accept_0", "1"), ("party_0", "north"),
            ("issue_0", "water/dam"), ("kind_0", "demand"), ("stance_0", "stop-building"),
            ("summary_0", "Lind asks Southland to stop building the dam."),
        ]
        func added(said: String, stance: String) -> [(String, String)] {
            [
                ("party_added", "Riverton"), ("issue_added", "water"), ("kind_added", "assertion"),
                ("stance_added", stance), ("summary_added", "Northland says the river belongs to both."),
                ("said_added", said),
            ]
        }
        let before = try test.parley(["statements", "--all", "--format", "json"])

        // A said date after the source's: refused with the record form's words, nothing written.
        let late = try server.submit(
            "/review/record", session: session, accepted + added(said: "2020-06-01", stance: "share-equally"))
        #expect(late.status == 400, "\(late.body)")
        let form = try server.submit(
            "/statements", session: session,
            added(said: "2020-06-01", stance: "share-equally").map { (String($0.0.dropLast("_added".count)), $0.1) }
                + [("source", "gazette")])
        #expect(form.status == 400)
        let formProblem = try #require(
            captures(#"<div class="problems" role="alert"><p>([^<]+)</p>"#, in: form.body).first)
        #expect(formProblem.contains("2020-06-01") && formProblem.contains("2020-05-01"), "\(formProblem)")
        let addedBox = try #require(late.body.range(of: #"<fieldset class="draft added refused" id="added">"#))
        #expect(
            late.body[addedBox.upperBound...].contains("<p>\(formProblem)</p>"), "the same message as the record form")
        #expect(try test.parley(["statements", "--all", "--format", "json"]) == before)

        // A label a letter from one in use: the added box asks to confirm, as the record form does.
        let close = try server.submit(
            "/review/record", session: session, accepted + added(said: "2020-05-01", stance: "share-equaly"))
        #expect(close.status == 400)
        #expect(close.body.contains(#"name="new_label_added" value="1""#), "\(close.body)")
        #expect(try test.parley(["statements", "--all", "--format", "json"]) == before)

        let done = try server.submit(
            "/review/record", session: session,
            accepted + added(said: "2020-05-01", stance: "share-equaly") + [("new_label_added", "1")])
        #expect(done.status == 303, "\(done.body)")
        #expect(done.header("Location") == "/sources/gazette?recorded=2")
        let recorded = try #require(try test.json(["statements", "--source", "gazette"]) as? [[String: Any]])
        let mine = recorded.filter { ($0["number"] as? Int ?? 0) > 2 }
        #expect(mine.map { $0["stance"] as? String } == ["stop-building", "share-equaly"], "\(mine)")
        #expect(mine.last?["party"] as? String == "north", "the alias Riverton taken as north")
        #expect(mine.last?["said"] as? String == "2020-05-01")
        let log = try test.parley(["log"])
        #expect(log.components(separatedBy: "desk  add statement").count == 3, "\(log)")
    }
}
