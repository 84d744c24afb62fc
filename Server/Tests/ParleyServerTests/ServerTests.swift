import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// parley-server as a team uses it: the real binary on a free port, a real browser, real HTTP.
/// Every test starts its own server on its own database.
@Suite("parley-server", .serialized)
struct ServerTests {
    @Test(
        "the home page shows the bundled case's open dispute; its issue link leads to a timeline, a lane per party",
        .enabled(if: Browser.isAvailable, Comment(rawValue: Browser.missingReason)))
    func bundledCase() async throws {
        let test = try Case()
        try test.parley(["import", Binaries.bundledCase.path])
        let server = try RunningServer(database: test.database, ["--public-read"])

        // What is open, in the command line's words: the page must show it.
        let disputes = try #require(try test.json(["dispute", "list"]) as? [[String: Any]])
        let open = disputes.filter { $0["status"] as? String == "open" }
        #expect(!open.isEmpty, "the bundled case has an open dispute")
        let home = try Browser.dumpDOM(server.url("/"))
        for dispute in open {
            let title = try #require(dispute["title"] as? String)
            #expect(home.contains(title.replacingOccurrences(of: "'", with: "&#39;")) || home.contains(title))
            #expect(home.contains(dispute["id"] as? String ?? "?"))
        }

        // Follow the dispute's issue link, as a reader would.
        let issue = try #require(open.first?["issue"] as? String)
        #expect(captures(#"href="(/issues/[^"?]+)"#, in: home).contains("/issues/\(issue)"))
        let page = try Browser.dumpDOM(server.url("/issues/\(issue)"))
        let timelines = captures(#"(<svg class="timeline"[\s\S]*?</svg>)"#, in: page)
        #expect(!timelines.isEmpty, "the issue page draws a timeline")
        let statements = try #require(try test.json(["statements", "--issue", issue]) as? [[String: Any]])
        let speakers = Set(statements.compactMap { $0["party"] as? String })
        var lanes: Set<String> = []
        for timeline in timelines {
            let parties = captures(#"<g class="lane" data-party="([^"]+)""#, in: timeline)
            #expect(Set(parties).count == parties.count, "one lane per party, none twice")
            lanes.formUnion(parties)
        }
        #expect(lanes == speakers)

        // One screenshot of each kind of page, kept as test artifacts.
        let sourceID = try #require(statements.first?["source"] as? String)
        let party = try #require(statements.first?["party"] as? String)
        let pages = [
            ("board", "/"), ("positions", "/positions"), ("agreements", "/agreements"),
            ("contradictions", "/contradictions"), ("issues", "/issues"), ("issue", "/issues/\(issue)"),
            ("party", "/parties/\(party)"), ("source", "/sources/\(sourceID)"),
            ("diff", "/diff?from=2021-12-01&to=2021-12-31"),
        ]
        for (name, path) in pages {
            let answer = try await server.get(path)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.contentType.hasPrefix("text/html"))
            // A stance label keeps one colour across every part of a page (its class, c0 to c11).
            var colours: [String: Set<String>] = [:]
            for chip in captures(#"(<span class="label c[0-9]+">[^<]*</span>)"#, in: answer.body) {
                let colour = captures(#"class="label (c[0-9]+)""#, in: chip)[0]
                colours[captures(#">([^<]*)<"#, in: chip)[0], default: []].insert(colour)
            }
            #expect(!colours.isEmpty || !["board", "positions", "issue", "party"].contains(name), "\(path): no chips")
            #expect(colours.values.allSatisfy { $0.count == 1 }, "\(path): \(colours.filter { $0.value.count > 1 })")
            let file = try Browser.screenshot(server.url(path), name: "page-\(name)")
            let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
            #expect(size > 10_000, "a screenshot of \(path) with something on it")
        }
    }

    @Test(
        "changing the date changes the board: before the dispute opened, it is not there",
        .enabled(if: Browser.isAvailable, Comment(rawValue: Browser.missingReason)))
    func asOf() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river-dispute", "--title", "Who gets the river", "--issue", "water",
            "--party", "north", "--party", "south", "--on", "2021-02-01", "--source", "bulletin",
        ])
        let server = try RunningServer(database: test.database, ["--public-read"])
        let now = try Browser.dumpDOM(server.url("/"))
        #expect(now.contains("Who gets the river"))
        // The date control is a form that asks for the same page with ?as_of=.
        #expect(now.contains(#"<form class="date" method="get" action="/">"#))
        #expect(now.contains(#"name="as_of""#))
        let before = try Browser.dumpDOM(server.url("/?as_of=2021-01-15"))
        #expect(!before.contains("Who gets the river"))
        #expect(before.contains(#"value="2021-01-15""#), "the control shows the date asked for")
        // Links from a dated page keep the date.
        #expect(before.contains(#"href="/positions?as_of=2021-01-15""#))
        let bad = try await server.get("/?as_of=15/01/2021")
        #expect(bad.status == 400)
        #expect(bad.contentType.hasPrefix("text/html"))
        #expect(bad.body.contains("as_of 15/01/2021: use YYYY-MM-DD"))
    }

    @Test("a write without a token is refused with 401 and nothing is written; a viewer's with 403")
    func refusedWrites() async throws {
        let test = try Case.small()
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let before = try test.parley(["statements", "--format", "json"])
        let statement: [String: Any] = [
            "party": "north", "issue": "water", "kind": "assertion", "stance": "share-equally",
            "summary": "Equal shares, again.", "source": "bulletin",
        ]
        let anonymous = try await server.post("/api/v1/statements", json: statement)
        #expect(anonymous.status == 401)
        #expect(anonymous.contentType == "application/problem+json")
        #expect(anonymous.body.contains("parley token add"))
        let asViewer = try await server.post("/api/v1/statements", token: viewer, json: statement)
        #expect(asViewer.status == 403)
        let retract = try await server.post("/api/v1/statements/1/retract", json: ["reason": "no"])
        #expect(retract.status == 401)
        #expect(try test.parley(["statements", "--format", "json"]) == before)
        #expect(try test.parley(["log"]).contains("Equal shares") == false)
        // Reads need a token too, unless the server was started with --public-read; a browser
        // gets the sign-in form, which starts a session (its own id in a cookie, never the secret).
        #expect(try await server.get("/api/v1/disputes").status == 401)
        let page = try await server.get("/")
        #expect(page.status == 401)
        #expect(page.body.contains(#"<form method="post" action="/signin">"#))
        let session = try server.session(viewer)
        #expect(try server.raw("GET", "/", headers: ["Cookie": "parley_session=\(session)"]).status == 200)
        // The secret itself in a cookie, as before sessions, signs nothing in.
        #expect(try server.raw("GET", "/", headers: ["Cookie": "parley_token=\(viewer)"]).status == 401)
        #expect(try await server.get("/api/v1/disputes", token: viewer).status == 200)
        #expect(try await server.get("/api/v1/disputes", token: viewer + "x").status == 401)
    }

    @Test("an editor's writes are the CLI's: same checks, same errors as problem+json, logged under the token's name")
    func writes() async throws {
        let test = try Case.small()
        let editor = try test.token("newsdesk", role: "editor")
        let server = try RunningServer(database: test.database)
        let recorded = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "share-by-need",
                "summary": "North comes round to shares by need.", "said": "2021-02-20", "source": "bulletin",
            ])
        #expect(recorded.status == 201)
        #expect((recorded.json as? [String: Any])?["number"] as? Int == 3)
        // The same statement again is a conflict, as on the command line.
        let again = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "share-by-need",
                "summary": "North comes round to shares by need.", "said": "2021-02-20", "source": "bulletin",
            ])
        #expect(again.status == 409)
        #expect(again.contentType == "application/problem+json")
        // A said date after the source's: refused with the CLI's words, nothing written.
        let late = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "south", "issue": "water", "kind": "assertion", "stance": "share-by-need",
                "summary": "Later.", "said": "2021-06-01", "source": "bulletin",
            ])
        #expect(late.status == 400)
        #expect(late.body.contains("2021-06-01") && late.body.contains("2021-03-01"))
        let unknown = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "east", "issue": "water", "kind": "assertion", "stance": "x", "summary": "y",
                "source": "bulletin",
            ])
        #expect(unknown.status == 400)
        #expect(unknown.body.contains("east"))
        let missing = try await server.post("/api/v1/statements/99/retract", token: editor, json: ["reason": "x"])
        #expect(missing.status == 404)
        // Each sort of failure has its problem type, a page that says what it means; the detail
        // is worded for a client, without the command line's commands.
        func type(_ answer: RunningServer.Answer) -> String? { (answer.json as? [String: Any])?["type"] as? String }
        #expect(type(again) == "/problems/conflict")
        #expect(type(late) == "/problems/invalid")
        #expect(type(missing) == "/problems/not-found")
        for answer in [again, late, unknown, missing] { #expect(!answer.body.contains("`parley")) }
        let typePage = try await server.get("/problems/not-found")
        #expect(typePage.status == 200 && typePage.body.contains("does not exist"))

        let amended = try await server.post(
            "/api/v1/statements/3/amend", token: editor, json: ["kind": "acceptance", "reason": "It was an acceptance"])
        #expect(amended.status == 200)
        let step = try await server.post(
            "/api/v1/disputes/none/steps", token: editor, json: ["status": "open", "source": "bulletin"])
        #expect(step.status == 404)

        let log = try test.parley(["log"])
        #expect(log.contains("newsdesk  add statement #3"))
        #expect(log.contains("newsdesk  amend statement #3"))
        let statements = try #require(try test.json(["statements"]) as? [[String: Any]])
        #expect(statements.count == 3)
        #expect(statements.first { $0["number"] as? Int == 3 }?["kind"] as? String == "acceptance")
    }

    @Test("the API's bodies are exactly the command line's JSON for the same question")
    func sameJSON() async throws {
        let test = try Case.small()
        let server = try RunningServer(database: test.database, ["--public-read"])
        let questions: [(String, [String])] = [
            ("/api/v1/disputes", ["report", "disputes"]),
            ("/api/v1/disputes?as_of=2020-12-31", ["report", "disputes", "--as-of", "2020-12-31"]),
            ("/api/v1/positions", ["report", "positions"]),
            ("/api/v1/agreements", ["report", "agreements"]),
            ("/api/v1/contradictions", ["report", "contradictions"]),
            ("/api/v1/history?issue=water", ["history", "--issue", "water"]),
            ("/api/v1/diff?from=2020-06-01&to=2021-06-01", ["diff", "--from", "2020-06-01", "--to", "2021-06-01"]),
            ("/api/v1/statements?party=south", ["statements", "--party", "south"]),
            ("/api/v1/parties", ["party", "list"]),
            ("/api/v1/sources", ["source", "list"]),
            ("/api/v1/search?q=river&limit=5", ["search", "river", "--limit", "5"]),
            ("/api/v1/statements?all=true", ["statements", "--all"]),
            (
                "/api/v1/positions?known_as_of=2020-01-01&as_of=2021",
                ["report", "positions", "--known-as-of", "2020-01-01", "--as-of", "2021"]
            ),
            ("/api/v1/agreements?known_as_of=2099", ["report", "agreements", "--known-as-of", "2099"]),
            // Retracted statements too, as the command line's --all: the same use cases, the same options.
            ("/api/v1/history?issue=water&all=true", ["history", "--issue", "water", "--all"]),
            ("/api/v1/search?q=river&all=true", ["search", "river", "--all"]),
        ]
        for (path, arguments) in questions {
            let answer = try await server.get(path)
            #expect(answer.status == 200, "\(path): \(answer.body)")
            #expect(answer.contentType == "application/json")
            let cli = try test.parley(arguments + ["--format", "json"])
            #expect(
                answer.body.trimmingCharacters(in: .whitespacesAndNewlines)
                    == cli.trimmingCharacters(in: .whitespacesAndNewlines), "\(path) ≠ parley \(arguments)")
        }
        // A parameter that is not one is refused, not ignored.
        for path in [
            "/api/v1/search?q=river&limit=many", "/api/v1/statements?all=maybe", "/api/v1/disputes?as_of=soon",
            "/api/v1/diff?from=2020&to=2021&known_as_of=yesterday",
        ] {
            let answer = try await server.get(path)
            #expect(answer.status == 400, "\(path)")
            #expect(answer.contentType == "application/problem+json")
        }
        // The rules of the use cases hold for the API as for the command line: a search gives
        // 1 to 10,000 hits, and a period ends after it starts.
        let tooMany = try await server.get("/api/v1/search?q=river&limit=20000")
        #expect(tooMany.status == 400 && tooMany.body.contains("limit 20000: use a whole number from 1 to 10000"))
        let backwards = try await server.get("/api/v1/statements?since=2021&until=2020")
        #expect(backwards.status == 400 && backwards.body.contains("is before its start"), "\(backwards.body)")
    }

    @Test("the writes' answers are the same bytes as ever: sorted keys, indented, nulls kept, a line break at the end")
    func writeAnswers() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river", "--title", "Who gets the river", "--issue", "water", "--party",
            "north", "--party", "south", "--on", "2021-02-01", "--source", "bulletin",
        ])
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let recorded = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "share-by-need",
                "summary": "North \"comes\" round </x>.", "said": "2021-02-20", "source": "bulletin", "new_label": true,
            ])
        #expect(recorded.status == 201)
        #expect(
            recorded.body == """
                {
                  "existing_labels" : [
                    "share-by-need",
                    "share-equally"
                  ],
                  "near_misses" : [

                  ],
                  "new_label" : false,
                  "number" : 3,
                  "party" : "north"
                }

                """)
        let amended = try await server.post(
            "/api/v1/statements/3/amend", token: editor,
            json: ["kind": "acceptance", "reason": "It was", "clear": ["said"]])
        #expect(
            amended.body == """
                {
                  "changes" : [
                    {
                      "field" : "kind",
                      "new" : "acceptance",
                      "old" : "proposal"
                    },
                    {
                      "field" : "said",
                      "new" : null,
                      "old" : "2021-02-20"
                    }
                  ],
                  "number" : 3
                }

                """)
        let retracted = try await server.post("/api/v1/statements/3/retract", token: editor, json: ["reason": "wrong"])
        #expect(retracted.body == "{\n  \"number\" : 3,\n  \"retracted\" : true\n}\n")
        let step = try await server.post(
            "/api/v1/disputes/river/steps", token: editor, json: ["source": "bulletin", "note": "still open"])
        #expect(step.status == 201)
        #expect(
            step.body
                == "{\n  \"id\" : \"river\",\n  \"on\" : \"2021-03-01\",\n  \"status\" : \"open\",\n  \"step\" : 2\n}\n"
        )
        let missing = try await server.post("/api/v1/statements/99/retract", token: editor, json: ["reason": "x"])
        #expect(
            missing.body
                == #"{"detail":"no statement #99; the highest number is #3","status":404,"title":"Not found","#
                + #""type":"\/problems\/not-found"}"#)
        let wrongType = try await server.post("/api/v1/statements/1/retract", token: editor, json: ["reason": 5])
        #expect(
            wrongType.body
                == #"{"detail":"'reason' must be a string","status":400,"title":"Invalid","type":"\/problems\/invalid"}"#
        )
        let list = try await server.post(
            "/api/v1/disputes/river/steps", token: editor, json: ["source": "bulletin", "add_parties": [1]])
        #expect(list.body.contains("'add_parties' must be a list of strings"), "\(list.body)")
        let flag = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "x", "summary": "y",
                "source": "bulletin", "new_label": "yes",
            ])
        #expect(flag.body.contains("'new_label' must be true or false"), "\(flag.body)")
        let missingKind = try await server.post(
            "/api/v1/statements", token: editor,
            json: ["party": "north", "issue": "water", "stance": "x", "summary": "y", "source": "bulletin"])
        #expect(missingKind.body.contains("'kind' is required"), "\(missingKind.body)")
        let array = try await server.post("/api/v1/statements/1/retract", token: editor, json: [1])
        #expect(array.body.contains("the body must be a JSON object"), "\(array.body)")
    }

    @Test("the command line and the server share the database: each sees the other's writes on the next request")
    func sharedDatabase() async throws {
        let test = try Case.small()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        #expect(!(try await server.get("/api/v1/statements", token: editor).body.contains("Ice on the river")))
        try test.parley([
            "add", "--party", "south", "--issue", "water", "--kind", "assertion", "--stance", "share-by-need",
            "--summary", "Ice on the river changes nothing.", "--source", "bulletin",
        ])
        #expect(try await server.get("/api/v1/statements", token: editor).body.contains("Ice on the river"))
        // Answers are kept while the case is unchanged; a write from elsewhere makes them new.
        let board = try await server.get("/api/v1/disputes", token: editor).body
        #expect(try await server.get("/api/v1/disputes", token: editor).body == board)
        #expect(!(try await server.get("/", token: editor).body.contains("Ice rights")))
        try test.parley([
            "dispute", "open", "--id", "ice", "--title", "Ice rights", "--issue", "water", "--party", "north",
            "--party", "south", "--source", "bulletin",
        ])
        #expect(try await server.get("/api/v1/disputes", token: editor).body.contains("Ice rights"))
        #expect(try await server.get("/", token: editor).body.contains("Ice rights"))
        let written = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "assertion", "stance": "share-equally",
                "summary": "Still equal shares.", "source": "bulletin",
            ])
        #expect(written.status == 201)
        #expect(try test.parley(["statements"]).contains("Still equal shares."))
    }

    @Test("listening beyond this machine with no token is refused at start-up, with what to do")
    func refusesOpenNetwork() throws {
        let test = try Case.small()
        let output = try run(Binaries.server, ["--db", test.database, "--host", "0.0.0.0", "--port", "0"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("0.0.0.0"))
        #expect(output.stderr.contains("parley token add"))
        let missing = try run(Binaries.server, ["--db", test.directory.appendingPathComponent("none.sqlite").path])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("none.sqlite"))
    }
}
