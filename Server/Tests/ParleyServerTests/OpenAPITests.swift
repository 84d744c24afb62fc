import Foundation
import ParleyKit
import ParleyModel
import ParleyServer
import Testing

/// The API's OpenAPI document, held to the server: it lists exactly the routes the server
/// registers, it is the file in the repository, a standard validator accepts it, and every answer
/// the server gives on the bundled case and on a fictional case told over five years matches the
/// schema it documents.
@Suite("the OpenAPI document", .serialized)
struct OpenAPITests {
    @Test("the document lists exactly the API routes the server registers, and each once")
    func routes() throws {
        let test = try Case.small()
        let server = try ParleyServer(.init(database: test.database))
        let registered = server.registeredRoutes().filter { $0.contains(" /api/") }.map { route in
            // Hummingbird's `:name` is OpenAPI's `{name}`.
            route.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
                .joined(separator: "/")
        }
        #expect(!registered.isEmpty)
        #expect(Set(registered).count == registered.count)
        let documented = ParleyServer.documentedRoutes
        #expect(Set(documented).count == documented.count)
        #expect(
            Set(registered).subtracting(documented).isEmpty,
            "registered but not in the document: \(Set(registered).subtracting(documented).sorted())")
        #expect(
            Set(documented).subtracting(registered).isEmpty,
            "documented but not registered: \(Set(documented).subtracting(registered).sorted())")
        // Each write's body: the fields the server takes are the ones the document describes.
        #expect(ParleyServer.undocumentedBodyFields.isEmpty, "\(ParleyServer.undocumentedBodyFields)")
    }

    @Test("the server serves Docs/openapi.json, without a token; openapi-spec-validator accepts it")
    func servedDocument() async throws {
        let test = try Case.small()
        _ = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let answer = try await server.get("/api/v1/openapi.json")
        #expect(answer.status == 200)
        #expect(answer.contentType == "application/json")
        let file = try String(contentsOf: APITools.document, encoding: .utf8)
        #expect(
            answer.body == file,
            "Docs/openapi.json is not the document the server serves: run Scripts/generate-openapi and commit it")
        let printed = try run(Binaries.server, ["--openapi"])
        #expect(printed.status == 0)
        #expect(printed.stdout == answer.body)
        if let missing = APITools.missing {
            #expect(!APITools.required, "\(missing)")
            return
        }
        let check = try run(APITools.python, ["python3", "-m", "openapi_spec_validator", APITools.document.path])
        #expect(check.status == 0, "openapi-spec-validator: \(check.stdout)\(check.stderr)")
    }

    @Test(
        "every answer on the bundled case, reads, writes and refusals, matches the schema the document gives",
        .enabled(if: APITools.enabled, Comment(rawValue: APITools.missing ?? "")))
    func bundledCase() async throws {
        let test = try Case()
        try test.parley(["import", Binaries.bundledCase.path])
        let editor = try test.token("desk", role: "editor")
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        var answers = Answers(server: server, token: editor)
        try await answers.everyRead(on: test)

        // Writes, through the links the document declares: record, amend, retract.
        let statements = try #require(try test.json(["statements"]) as? [[String: Any]])
        let first = try #require(statements.first)
        let recorded = try await answers.post(
            "/api/v1/statements",
            [
                "party": first["party"]!, "issue": first["issue"]!, "kind": "assertion", "stance": first["stance"]!,
                "summary": "Restated, for the schema's sake.", "source": first["source"]!,
            ])
        #expect(recorded.status == 201, "\(recorded.body)")
        let number = try #require((recorded.json as? [String: Any])?["number"] as? Int)
        let amended = try await answers.post(
            "/api/v1/statements/{number}/amend", ["summary": "Restated again.", "clear": ["quote"], "reason": "Typo"],
            number: number)
        #expect(amended.status == 200, "\(amended.body)")
        let retracted = try await answers.post(
            "/api/v1/statements/{number}/retract", ["reason": "Duplicate"], number: number)
        #expect(retracted.status == 200, "\(retracted.body)")
        let disputes = try #require(try test.json(["dispute", "list"]) as? [[String: Any]])
        let dispute = try #require(disputes.first?["id"] as? String)
        let agreements = try #require(try test.json(["agreement", "list"]) as? [[String: Any]])
        let agreement = try #require(agreements.first?["id"] as? String)
        let source = try #require(first["source"] as? String)
        #expect(
            try await answers.post("/api/v1/disputes/{id}/steps", ["source": source, "note": "still"], id: dispute)
                .status == 201)
        #expect(
            try await answers.post("/api/v1/agreements/{id}/steps", ["source": source], id: agreement).status == 201)
        // Refusals: each documented, each a problem of the documented type.
        #expect(
            try await answers.post("/api/v1/statements/{number}/retract", ["reason": "x"], number: 999_999)
                .status == 404)
        #expect(try await answers.post("/api/v1/statements", ["party": "nobody"]).status == 400)
        #expect(try await answers.post("/api/v1/statements/{number}/amend", ["reason": 5], number: 1).status == 400)
        #expect(
            try await answers.post("/api/v1/agreements/{id}/steps", ["source": source], id: "no-such").status == 404)
        #expect(try await answers.post("/api/v1/statements", ["reason": "x"], anonymous: true).status == 401)
        #expect(try await answers.post("/api/v1/statements", ["reason": "x"], token: viewer).status == 403)
        #expect(try await answers.get("/api/v1/disputes", anonymous: true).status == 401)
        #expect(try await answers.get("/api/v1/disputes", query: "?as_of=soon").status == 400)
        #expect(try await answers.get("/api/v1/search", query: "?q=x&limit=0").status == 400)
        #expect(try await answers.get("/api/v1/history").status == 400)
        try answers.validate()
    }

    @Test(
        "every report of a fictional case told over five years matches the schema the document gives",
        .enabled(if: APITools.enabled, Comment(rawValue: APITools.missing ?? "")))
    func fictionalCase() async throws {
        let test = try Case()
        try test.parley(["init"])
        try RiverCase.write(to: test.database)
        let server = try RunningServer(database: test.database, ["--public-read"])
        var answers = Answers(server: server, token: nil)
        try await answers.everyRead(on: test)
        for date in ["2019", "2019-03", "2023-05-10", "2023-05-11", "2024-01-15"] {
            for path in ["/api/v1/disputes", "/api/v1/positions", "/api/v1/agreements", "/api/v1/contradictions"] {
                #expect(try await answers.get(path, query: "?as_of=\(date)").status == 200)
            }
            _ = try await answers.get("/api/v1/disputes", query: "?as_of=\(date)&stale_after=6m")
        }
        for issue in ["transit", "transit/route", "border"] {
            _ = try await answers.get("/api/v1/history", query: "?issue=\(issue)")
            _ = try await answers.get("/api/v1/history", query: "?issue=\(issue)&party=south")
        }
        _ = try await answers.get("/api/v1/diff", query: "?from=2019&to=2023-05-10")
        _ = try await answers.get("/api/v1/diff", query: "?from=2019-03&to=2024")
        _ = try await answers.get("/api/v1/statements", query: "?about=south")
        _ = try await answers.get("/api/v1/search", query: "?q=route&in=all&limit=50")
        // The case has what the schemas must cover: claims, relayed statements, contested accounts.
        let body = answers.collected.map { $0["body"] as? String ?? "" }.joined()
        for needle in [
            "\"claims\" : [\n", "\"via\" : \"the League envoy\"", "\"contested\" : true", "claim-contradicted",
        ] {
            #expect(body.contains(needle), "the fictional case's answers show \(needle)")
        }
        try answers.validate()
    }

    @Test(
        "every report of the negotiation case, now and as known on a past moment, matches the schema the document gives",
        .enabled(if: APITools.enabled, Comment(rawValue: APITools.missing ?? "")))
    func negotiationCase() async throws {
        let test = try Case()
        try test.parley(["import", Binaries.negotiationCase.path])
        // A correction made now, which `known_as_of` a past moment undoes.
        try test.parley(["retract", "18", "--reason", "Misdated by the wire."])
        let server = try RunningServer(database: test.database, ["--public-read"])
        var answers = Answers(server: server, token: nil)
        try await answers.everyRead(on: test)
        for known in ["", "&known_as_of=2021-03", "&known_as_of=2024-02-01T12:00:00Z"] {
            for date in ["2021-08", "2023-06", "2030"] {
                for path in ["/api/v1/disputes", "/api/v1/positions", "/api/v1/agreements", "/api/v1/contradictions"] {
                    let answer = try await answers.get(path, query: "?as_of=\(date)\(known)")
                    #expect(answer.status == 200, "\(path)?as_of=\(date)\(known): \(answer.body)")
                }
            }
            for issue in ["corridor", "corridor/route", "prisoners"] {
                #expect(try await answers.get("/api/v1/history", query: "?issue=\(issue)\(known)").status == 200)
            }
            #expect(try await answers.get("/api/v1/diff", query: "?from=2019-12&to=2023-12\(known)").status == 200)
            #expect(try await answers.get("/api/v1/statements", query: "?all=true\(known)").status == 200)
        }
        #expect(try await answers.get("/api/v1/positions", query: "?known_as_of=soon").status == 400)
        // The answers show what the new parts of the schemas describe.
        let body = answers.collected.map { $0["body"] as? String ?? "" }.joined()
        for needle in [
            "\"known_as_of\" : \"2021-03\"", "\"change\" : \"hardened\"", "\"change\" : \"claim-denied\"",
            "\"held\" : true", "\"state\" : \"overdue\"",
            "\"conditions\" : [\n", "\"kind\" : \"internal\"", "\"since_is_source_date\" : true",
        ] {
            #expect(body.contains(needle), "the negotiation case's answers show \(needle)")
        }
        try answers.validate()
    }
}

/// python3 with jsonschema, openapi-schema-validator and openapi-spec-validator: the standard
/// validators the document is checked with. Where they are missing, the tests that need them are
/// skipped with the reason shown; `.ci/run` sets PARLEY_API_TOOLS_REQUIRED, so CI fails instead.
enum APITools {
    static let python = URL(fileURLWithPath: "/usr/bin/env")
    static let document = Binaries.packageRoot.deletingLastPathComponent().appendingPathComponent("Docs/openapi.json")
    static let validator = Binaries.packageRoot.appendingPathComponent("Tests/OpenAPI/validate_answers.py")
    static var required: Bool { ProcessInfo.processInfo.environment["PARLEY_API_TOOLS_REQUIRED"] != nil }

    /// Why the validators cannot run here, if they cannot.
    static let missing: String? = {
        let check = try? run(
            python, ["python3", "-c", "import jsonschema, openapi_schema_validator, openapi_spec_validator"])
        guard let check, check.status == 0 else {
            return "python3 with jsonschema, openapi-schema-validator and openapi-spec-validator is missing "
                + "(pip install jsonschema openapi-schema-validator openapi-spec-validator): "
                + (check?.stderr.split(separator: "\n").last.map(String.init) ?? "no python3")
        }
        return nil
    }()

    /// Whether the tests that need them run: they are there, or required (and then fail).
    static var enabled: Bool { missing == nil || required }
}

/// Answers collected from a running server, to validate against the document at once.
struct Answers {
    let server: RunningServer
    let token: String?
    var collected: [[String: Any]] = []

    /// One request; `template` is the path as the document spells it.
    mutating func request(
        _ method: String, _ template: String, query: String = "", body: Any? = nil, number: Int? = nil,
        id: String? = nil, token: String? = nil, anonymous: Bool = false
    ) async throws -> RunningServer.Answer {
        var path = template
        if let number { path = path.replacingOccurrences(of: "{number}", with: String(number)) }
        if let id { path = path.replacingOccurrences(of: "{id}", with: id) }
        let answer = try await server.request(
            method, path + query, token: anonymous ? nil : token ?? self.token, json: body)
        collected.append([
            "method": method, "path": template, "url": path + query, "status": answer.status,
            "content_type": answer.contentType, "body": answer.body,
        ])
        return answer
    }

    mutating func get(_ template: String, query: String = "", token: String? = nil, anonymous: Bool = false)
        async throws -> RunningServer.Answer
    {
        try await request("GET", template, query: query, token: token, anonymous: anonymous)
    }

    mutating func post(
        _ template: String, _ body: Any, number: Int? = nil, id: String? = nil, token: String? = nil,
        anonymous: Bool = false
    ) async throws -> RunningServer.Answer {
        try await request("POST", template, body: body, number: number, id: id, token: token, anonymous: anonymous)
    }

    /// Every read endpoint, plainly and with the parameters the case suggests.
    mutating func everyRead(on test: Case) async throws {
        for path in [
            "/api/v1/disputes", "/api/v1/positions", "/api/v1/agreements", "/api/v1/contradictions",
            "/api/v1/statements", "/api/v1/parties", "/api/v1/actors", "/api/v1/issues", "/api/v1/sources",
            "/api/v1/openapi.json",
        ] {
            let answer = try await get(path)
            #expect(answer.status == 200, "\(path): \(answer.body)")
        }
        let issues = try #require(try test.json(["issue", "list"]) as? [[String: Any]])
        let parties = try #require(try test.json(["party", "list"]) as? [[String: Any]])
        for issue in issues.compactMap({ $0["id"] as? String }) {
            #expect(try await get("/api/v1/history", query: "?issue=\(issue)").status == 200)
            #expect(try await get("/api/v1/positions", query: "?issue=\(issue)").status == 200)
        }
        for party in parties.compactMap({ $0["id"] as? String }) {
            #expect(try await get("/api/v1/statements", query: "?party=\(party)&all=true").status == 200)
        }
        #expect(try await get("/api/v1/diff", query: "?from=2000&to=2030").status == 200)
        #expect(try await get("/api/v1/disputes", query: "?stale_after=30d").status == 200)
        for scope in ["statements", "sources", "entities", "all"] {
            for words in ["border", "rail*", "talks"] {
                #expect(try await get("/api/v1/search", query: "?q=\(words)&in=\(scope)&limit=100").status == 200)
            }
        }
    }

    /// Validates every answer collected against the document, with the standard validator.
    func validate(sourceLocation: SourceLocation = #_sourceLocation) throws {
        if let missing = APITools.missing {
            Issue.record("\(missing)", sourceLocation: sourceLocation)
            return
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: collected).write(to: file)
        let output = try run(
            APITools.python, ["python3", APITools.validator.path, APITools.document.path, file.path])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)", sourceLocation: sourceLocation)
        #expect(output.stdout.contains("\(collected.count) answers validated"), "\(output.stdout)")
    }
}

/// The fictional negotiation of the root package's real-case tests (`RealCaseTests.riverCase`):
/// Northland and Southland negotiate a transit route over five years, with relayed statements,
/// claims about the other side, sources that disagree, contested accounts and stale evidence.
enum RiverCase {
    static func write(to database: String) throws {
        let parley = try Parley.open(database: database, user: "analyst")
        func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }
        for (id, name) in [("north", "Northland"), ("south", "Southland"), ("east", "Eastmark")] {
            try parley.add(Party(id: id, name: name, kind: .state))
        }
        try parley.add(Party(id: "league", name: "River League", kind: .organisation))
        try parley.add(Actor(id: "nadia", name: "Nadia Nord", party: "north", role: "President"))
        try parley.add(Actor(id: "nils", name: "Nils Nord", party: "north", role: "Foreign minister"))
        try parley.add(Actor(id: "sven", name: "Sven Sud", party: "south", role: "Prime minister"))
        for (id, title) in [
            ("transit", "Transit between the two countries"), ("transit/route", "The transit route"),
            ("transit/tolls", "Tolls on the route"), ("transit/observers", "An observer mission on the route"),
            ("border", "Where the border runs"),
        ] {
            try parley.add(Issue(id: id, title: title))
        }
        for (id, published) in [
            ("courier-2019", "2019-03-01"), ("herald-2023", "2023-05-10"), ("wire-2023", "2023-05-11"),
            ("post-2023", "2023-06-01"), ("bulletin-2024", "2024-01-15"),
        ] {
            try parley.add(Source(id: id, title: id, published: try date(published)))
        }
        func say(
            _ party: String?, _ actor: String? = nil, _ issue: String, _ kind: StatementKind, _ stance: String,
            said: String?, _ source: String, via: String? = nil, about: String? = nil
        ) throws {
            try parley.record(
                NewStatement(
                    party: party, actor: actor, issue: issue, kind: kind, stance: stance, summary: "\(stance).",
                    said: try said.map(date), source: source, via: via, about: about))
        }
        try say(nil, "nadia", "transit/route", .proposal, "open-route", said: "2019-02-20", "courier-2019")
        try say("east", nil, "transit/observers", .rejection, "oppose-mission", said: "2019-02-25", "courier-2019")
        try say("north", nil, "border", .demand, "river-line", said: "2019-02-26", "courier-2019")
        try say("south", nil, "border", .demand, "ridge-line", said: "2019-02-27", "courier-2019")
        try parley.add(
            Dispute(
                id: "border-row", title: "Where the border runs", issue: "border", parties: ["north", "south"],
                history: [DisputeStep(status: .open, on: try date("2019-02-27"), source: "courier-2019")]))
        try say(nil, "nadia", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023")
        try say(
            nil, "nils", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023",
            via: "the League envoy")
        try say(
            nil, "nadia", "transit/route", .assertion, "open-route", said: "2023-05-09", "herald-2023", about: "south")
        try say(nil, "sven", "transit/route", .rejection, "reject-route", said: "2023-05-11", "wire-2023")
        try say("south", nil, "transit/route", .proposal, "conditional-route", said: "2023-05-11", "post-2023")
        try say("north", nil, "transit/tolls", .demand, "no-tolls", said: "2023-05-09", "herald-2023")
        try say("south", nil, "transit/tolls", .demand, "tolls", said: "2023-05-11", "wire-2023")
        try say("north", nil, "transit/observers", .commitment, "facilitate-mission", said: nil, "post-2023")
        try say("south", nil, "transit/observers", .commitment, "cooperate-mission", said: nil, "post-2023")
        try parley.add(
            Dispute(
                id: "route-row", title: "The route and its tolls", issue: "transit/route",
                moreIssues: ["transit/tolls"], parties: ["north", "south"],
                history: [DisputeStep(status: .open, on: try date("2023-05-10"), source: "herald-2023")]))
        try parley.appendStep(
            DisputeStep(status: .open, on: try date("2023-06-01"), source: "post-2023"), to: "route-row")
        try parley.add(
            Agreement(
                id: "route-deal", title: "Opening the transit route", issue: "transit/route",
                terms: "The route opens to freight.", parties: ["north", "south"], mediators: ["league"],
                history: [AgreementStep(status: .proposed, on: try date("2023-04"), source: "herald-2023")]))
        try parley.appendStep(
            AgreementStep(
                status: .claimed, on: .earliest, source: "herald-2023", note: "North: both sides agreed to open it.",
                accordingTo: "north", onIsSourceDate: true), to: "route-deal")
        try parley.appendStep(
            AgreementStep(
                status: .disputed, on: try date("2023-05-11"), source: "wire-2023",
                note: "South: no such agreement was reached.", accordingTo: "south"), to: "route-deal")
        try say("north", nil, "transit", .assessment, "talks-continue", said: nil, "bulletin-2024")
        // Retracted, and so only in `statements?all=true`: the retraction's schema too.
        let last = try parley.record(
            NewStatement(
                party: "east", issue: "border", kind: .assessment, stance: "no-view", summary: "Misattributed.",
                source: "bulletin-2024"))
        try parley.retract(number: last.sequence, reason: "Misattributed")
    }
}
