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

    @Test("a refused form's date box goes to the page the form was on, not to the address it was posted to")
    func refusedPageDateBox() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river-row", "--title", "The river row", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-05-01", "--source", "gazette",
        ])
        let server = try RunningServer(database: test.database)
        let session = try server.session(try test.token("desk", role: "editor"))
        func dateBox(_ page: RawResponse) -> String? {
            captures(#"<form class="date" method="get" action="([^"]*)">"#, in: page.body).first
        }
        let dispute = try server.page("/disputes/river-row", session: session)
        let step = try server.submit(
            "/disputes/river-row/steps", from: dispute, session: session,
            [("status", "narrowed"), ("on", "2021-13-40"), ("source", "bulletin")])
        #expect(step.status == 400, "\(step.body)")
        #expect(dateBox(step) == "/disputes/river-row")
        let dated = try server.page((dateBox(step) ?? "") + "?as_of=2020-06-01", session: session)
        #expect(dated.status == 200, "the date box's page answers it")

        let statement = try server.page("/statements/1", session: session)
        let amend = try server.submit(
            "/statements/1/amend", from: statement, session: session, [("kind", "threat"), ("reason", "A typo")])
        #expect(amend.status == 400, "\(amend.body)")
        #expect(dateBox(amend) == "/statements/1")
        #expect(dateBox(statement) == "/statements/1", "a page reached by GET keeps its own address")
    }

    @Test("two editors read one kept page: each gets their own name and form tokens, which only their session accepts")
    func keptPagePerViewer() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river-row", "--title", "The river row", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-05-01", "--source", "gazette",
        ])
        let server = try RunningServer(database: test.database)
        let desk = try server.session(try test.token("desk", role: "editor"))
        let pen = try server.session(try test.token("pen", role: "editor"))
        func tokens(_ page: RawResponse) -> [String] { captures(#"name="form_token" value="([^"]+)""#, in: page.body) }
        // Read in turns, so that the later readers get the page the first one's request kept.
        let first = try server.page("/disputes/river-row", session: desk)
        let other = try server.page("/disputes/river-row", session: pen)
        let again = try server.page("/disputes/river-row", session: desk)
        #expect(first.status == 200 && other.status == 200)
        #expect(again.body == first.body, "the same reader of the same case gets the same bytes")
        let deskTokens = tokens(first)
        let penTokens = tokens(other)
        #expect(deskTokens.count >= 2, "the step form and sign-out carry a token")
        #expect(Set(deskTokens).count == 1 && Set(penTokens).count == 1)
        #expect(deskTokens.count == penTokens.count)
        #expect(Set(deskTokens).isDisjoint(with: penTokens), "no reader is given another's token")
        #expect(first.body.contains("Signed in as <a href=\"/signin\">desk</a>") && !first.body.contains(">pen</a>"))
        #expect(other.body.contains("Signed in as <a href=\"/signin\">pen</a>") && !other.body.contains(">desk</a>"))
        // Apart from who is signed in and their tokens, the two pages are the same page.
        func common(_ page: RawResponse, _ name: String, _ token: String) -> String {
            page.body.replacingOccurrences(of: token, with: "TOKEN").replacingOccurrences(
                of: ">\(name)</a>", with: ">NAME</a>")
        }
        #expect(common(first, "desk", deskTokens[0]) == common(other, "pen", penTokens[0]))

        // Each token works only with its own session.
        let crossed = try server.submit(
            "/disputes/river-row/steps", from: other, session: desk, [("status", "narrowed"), ("source", "bulletin")])
        #expect(crossed.status == 403, "another session's token is refused")
        let own = try server.submit(
            "/disputes/river-row/steps", from: other, session: pen, [("status", "narrowed"), ("source", "bulletin")])
        #expect(own.status == 303, "\(own.body)")
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

    @Test("the search page finds retracted statements with 'retracted too', and downloads what the API answers")
    func searchAll() async throws {
        let test = try Case.small()
        try test.parley(["retract", "2", "--reason", "The bulletin withdrew it"])
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let session = try server.session(viewer)
        let standing = try server.page("/search?q=need", session: session)
        #expect(standing.status == 200)
        #expect(standing.body.contains("Nothing found."))
        #expect(standing.body.contains(#"name="all" value="true">"#), "the box is there, not ticked")
        let all = try server.page("/search?q=need&all=true", session: session)
        #expect(all.body.contains("<mark>need</mark>"), "\(all.body)")
        #expect(all.body.contains(#"name="all" value="true" checked>"#))
        #expect(all.body.contains("href=\"/search?q=need&amp;all=true&amp;format=json\""), "the download keeps it")
        let download = try server.page("/search?q=need&all=true&limit=20&format=json", session: session)
        let api = try await server.get("/api/v1/search?q=need&all=true", token: viewer)
        #expect(download.status == 200 && api.status == 200)
        #expect(download.body == api.body, "the page's download is the API's answer to the same question")
    }

    @Test("issues, parties and sources filter by party, issue and date in the URL; downloads and the date box keep it")
    func listFilters() async throws {
        let test = try Case.workspace()
        try test.parley([
            "add", "--party", "north", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-building",
            "--summary", "Stop building the dam.", "--source", "bulletin",
        ])
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let session = try server.session(viewer)
        func listed(_ path: String) throws -> [String] {
            let page = try server.page(path, session: session)
            #expect(page.status == 200, "\(path): \(page.body)")
            return captures(#"<small class="id">([^<]+)</small></li>"#, in: page.body)
        }
        #expect(try listed("/parties") == ["north", "south"])
        #expect(try listed("/parties?issue=water%2Fdam") == ["north"])
        #expect(try listed("/parties?issue=water") == ["north", "south"], "an issue takes in its sub-issues")
        #expect(try listed("/issues?party=south") == ["water"])
        #expect(try listed("/issues?party=north") == ["water", "water/dam"])
        #expect(try listed("/sources?party=south") == ["bulletin"])
        #expect(try listed("/sources?issue=water%2Fdam") == ["bulletin"])
        #expect(try listed("/sources?since=2021-01-01") == ["bulletin"])
        #expect(try listed("/sources?until=2020-12") == ["gazette"])
        #expect(try listed("/sources?party=north&until=2020-12") == ["gazette"])
        #expect(
            try listed("/sources?party=&issue=&since=&until=") == ["bulletin", "gazette"], "empty boxes: no filter")

        // The form shows the filter; the downloads and the date box carry it.
        let page = try server.page("/sources?party=south&as_of=2021-06-01", session: session)
        #expect(page.body.contains(#"<input name="party" value="south""#), "\(page.body)")
        #expect(page.body.contains(#"href="/sources?party=south&amp;as_of=2021-06-01&amp;format=csv""#))
        #expect(
            page.body.contains(
                #"<form class="date" method="get" action="/sources"><input type="hidden" name="party" value="south">"#))
        let csv = try server.page("/sources?party=south&format=csv", session: session)
        #expect(csv.status == 200)
        #expect(csv.body.contains("bulletin") && !csv.body.contains("gazette"), "\(csv.body)")

        // The page's JSON, the API's and the command line's are the same.
        let download = try server.page("/parties?issue=water%2Fdam&format=json", session: session).body
        let api = try await server.get("/api/v1/parties?issue=water%2Fdam", token: viewer).body
        #expect(download == api)
        #expect(api == (try test.parley(["party", "list", "--issue", "water/dam", "--format", "json"])))
        let sources = try await server.get("/api/v1/sources?party=south&since=2021", token: viewer).body
        #expect(
            sources == (try test.parley(["source", "list", "--party", "south", "--since", "2021", "--format", "json"])))
        let issues = try await server.get("/api/v1/issues?party=south", token: viewer).body
        #expect(issues == (try test.parley(["issue", "list", "--party", "south", "--format", "json"])))

        // A filter that is wrong says what is wrong.
        let badDate = try server.page("/sources?since=last+week", session: session)
        #expect(badDate.status == 400)
        #expect(badDate.body.contains("since"), "\(badDate.body)")
        let backwards = try await server.get("/api/v1/sources?since=2021&until=2020", token: viewer)
        #expect(backwards.status == 400, "\(backwards.body)")
    }

    @Test(
        "the report pages show the case as known at a moment with known_as_of; links, the date box and downloads keep it"
    )
    func knownAsOfPages() async throws {
        let test = try Case.small()
        // A correction recorded later than the moment the pages are asked about.
        let corrected = try run(
            Binaries.parley,
            ["amend", "1", "--stance", "share-by-treaty", "--reason", "Misread the gazette.", "--db", test.database],
            environment: ["PARLEY_NOW": "2099-01-01T00:00:00Z"])
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let session = try server.session(viewer)

        let now = try server.page("/positions", session: session)
        #expect(now.body.contains("share-by-treaty") && !now.body.contains("share-equally"), "\(now.body)")
        let then = try server.page("/positions?as_of=2022&known_as_of=2098", session: session)
        #expect(then.status == 200, "\(then.body)")
        #expect(then.body.contains("share-equally") && !then.body.contains("share-by-treaty"), "\(then.body)")
        // Links to the issue and party pages and to the other reports keep the moment; the lists,
        // which do not take it, keep only the date.
        #expect(then.body.contains(#"href="/issues/water?as_of=2022&amp;known_as_of=2098""#), "\(then.body)")
        #expect(then.body.contains(#"href="/contradictions?as_of=2022&amp;known_as_of=2098""#))
        #expect(then.body.contains(#"href="/issues?as_of=2022""#))
        #expect(then.body.contains(#"<input name="known_as_of" value="2098""#), "the date box shows it")
        #expect(!now.body.contains(#"name="known_as_of""#), "a page asked without it has no box for it")

        // Every page that takes it answers as known then.
        for path in [
            "/?known_as_of=2098", "/agreements?known_as_of=2098", "/contradictions?known_as_of=2098",
            "/issues/water?known_as_of=2098", "/parties/north?known_as_of=2098",
            "/diff?from=2020&to=2022&known_as_of=2098",
        ] {
            let page = try server.page(path, session: session)
            #expect(page.status == 200, "\(path): \(page.body)")
            #expect(!page.body.contains("share-by-treaty"), "\(path) shows the correction made after the moment")
        }
        #expect(try server.page("/issues/water?known_as_of=2098", session: session).body.contains("share-equally"))

        // A download is the API's answer to the same question.
        let download = try server.page("/positions?as_of=2022&known_as_of=2098&format=json", session: session)
        let api = try await server.get("/api/v1/positions?as_of=2022&known_as_of=2098", token: viewer)
        #expect(download.status == 200 && api.status == 200)
        #expect(download.body == api.body)

        // A moment that is not one says so.
        let bad = try server.page("/positions?known_as_of=soon", session: session)
        #expect(bad.status == 400)
        #expect(bad.body.contains("known_as_of"), "\(bad.body)")
    }

    @Test("the agreement and dispute pages' history shows the steps as recorded by known_as_of")
    func knownAsOfHistories() async throws {
        let test = try Case.small()
        try test.parley([
            "agreement", "add", "--id", "river-deal", "--title", "The river deal", "--issue", "water", "--party",
            "north", "--party", "south", "--status", "signed", "--on", "2020-05-01", "--source", "gazette",
        ])
        try test.parley([
            "dispute", "open", "--id", "river-row", "--title", "The river row", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-05-01", "--source", "gazette",
        ])
        // Recorded later than the moment the pages are asked about: new steps, a retraction, a record.
        for arguments in [
            [
                "agreement", "update", "--id", "river-deal", "--status", "implemented", "--on", "2021-03-01",
                "--source", "bulletin", "--note", "The sluices were opened",
            ],
            ["agreement", "retract-step", "--id", "river-deal", "--step", "1", "--reason", "Never signed"],
            [
                "dispute", "update", "--id", "river-row", "--status", "resolved", "--on", "2021-03-01", "--source",
                "bulletin", "--note", "Settled by the sluices",
            ],
            [
                "dispute", "open", "--id", "dam-row", "--title", "The dam row", "--issue", "water", "--party", "north",
                "--party", "south", "--on", "2021-03-01", "--source", "bulletin",
            ],
        ] {
            let later = try run(
                Binaries.parley, arguments + ["--db", test.database],
                environment: ["PARLEY_NOW": "2099-01-01T00:00:00Z"])
            #expect(later.status == 0, "\(arguments): \(later.stderr)")
        }
        let server = try RunningServer(database: test.database)
        let session = try server.session(try test.token("reader", role: "viewer"))
        /// The page's history table, its rows.
        func history(_ path: String) throws -> [String] {
            let page = try server.page(path, session: session)
            #expect(page.status == 200, "\(path): \(page.body)")
            let table = page.body.components(separatedBy: "<h2>History</h2>").last ?? ""
            return (table.components(separatedBy: "</table>").first ?? "").components(separatedBy: "<tr>").dropFirst(2)
                .map { $0 }
        }

        let deal = try history("/agreements/river-deal")
        #expect(deal.count == 2 && deal[0].contains("retracted") && deal[1].contains("The sluices were opened"))
        let dealThen = try history("/agreements/river-deal?known_as_of=2098")
        #expect(dealThen.count == 1, "\(dealThen)")
        #expect(dealThen.first?.contains("signed") == true && dealThen.first?.contains("retracted") == false)

        let row = try history("/disputes/river-row")
        #expect(row.count == 2 && row[1].contains("Settled by the sluices"))
        let rowThen = try history("/disputes/river-row?known_as_of=2098&as_of=2022")
        #expect(rowThen.count == 1 && rowThen.first?.contains("open") == true, "\(rowThen)")

        // A dispute opened after the moment was not known then: its page shows no history yet.
        #expect(try history("/disputes/dam-row").count == 1)
        #expect(try history("/disputes/dam-row?known_as_of=2098").isEmpty)
    }
}
