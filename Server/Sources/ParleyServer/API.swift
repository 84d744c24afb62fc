import Foundation
import Hummingbird
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore

/// The JSON API under `/api/v1/`: every read answers with exactly the JSON the command line
/// prints for the same question (one function makes both); writes go through the same use cases
/// and the same checks, each one transaction, attributed to the token's name.
struct API: Sendable {
    let parley: Parley
    let access: Access
    let cache: AnswerCache

    /// A read: the report `make` builds, as the CLI's JSON (kept while the case is unchanged).
    func read(_ request: Request, _ make: @escaping @Sendable (Request) throws -> any Renderable) async throws
        -> Response
    {
        try await access.requireRead(request)
        let text = try await cache.answer(parley, "api \(request.uri)") {
            try make(request).rendered(as: .json)
        }
        return .json(text)
    }

    /// A write made by the request's editor, answered with `status` and a JSON object.
    func write(
        _ request: Request, status: HTTPResponse.Status = .ok,
        _ perform: @escaping @Sendable (Parley, Body) throws -> [String: Any]
    ) async throws -> Response {
        let token = try await access.requireWrite(request)
        let body = try await Body(request)
        let writer = parley.by(token.name)
        let result = try await offload { try JSONBox(perform(writer, body)) }
        return .json(result.text, status: status)
    }

    func register(_ router: Router<BasicRequestContext>) {
        let parley = self.parley
        let api = router.group("api/v1")
        api.get("disputes") { request, _ in
            try await read(request) { request in
                try parley.disputesReport(asOf: try request.date("as_of"), staleAfter: try Self.window(request))
            }
        }
        api.get("positions") { request, _ in
            try await read(request) { request in
                try parley.positionsReport(
                    asOf: try request.date("as_of"), party: request.query("party"), issue: request.query("issue"),
                    staleAfter: try Self.window(request))
            }
        }
        api.get("agreements") { request, _ in
            try await read(request) { try parley.agreementsReport(asOf: try $0.date("as_of")) }
        }
        api.get("contradictions") { request, _ in
            try await read(request) { try parley.contradictions(asOf: try $0.date("as_of"), issue: $0.query("issue")) }
        }
        api.get("history") { request, _ in
            try await read(request) { request in
                guard let issue = request.query("issue") else { throw APIProblem.badRequest("give ?issue=ID") }
                return try parley.history(issue: issue, party: request.query("party"))
            }
        }
        api.get("diff") { request, _ in
            try await read(request) { request in
                guard let from = try request.date("from"), let to = try request.date("to"), from.endKey < to.endKey
                else {
                    throw APIProblem.badRequest("give ?from=DATE&to=DATE, from before to")
                }
                return try parley.diff(from: from, to: to)
            }
        }
        api.get("statements") { request, _ in
            try await read(request) { request in
                try parley.statements(
                    StatementFilter(
                        party: request.query("party"), issue: request.query("issue"), source: request.query("source"),
                        since: try request.date("since"), until: try request.date("until"),
                        includeRetracted: try request.flag("all"), about: request.query("about")))
            }
        }
        api.get("search") { request, _ in
            try await read(request) { request in
                guard let words = request.query("q") else { throw APIProblem.badRequest("give ?q=WORDS") }
                let scope = request.query("in") ?? "all"
                let scopes: Set<SearchQuery.Scope>
                if scope == "all" {
                    scopes = Set(SearchQuery.Scope.allCases)
                } else if let one = SearchQuery.Scope(rawValue: scope) {
                    scopes = [one]
                } else {
                    throw APIProblem.badRequest("in must be statements, sources, entities or all")
                }
                return try parley.search(
                    SearchQuery(
                        words, scopes: scopes, party: request.query("party"), issue: request.query("issue"),
                        since: try request.date("since"), until: try request.date("until"),
                        limit: try request.number("limit", in: 1...10_000) ?? 20))
            }
        }
        api.get("parties") { request, _ in try await read(request) { _ in try parley.parties() } }
        api.get("actors") { request, _ in try await read(request) { _ in try parley.actors() } }
        api.get("issues") { request, _ in try await read(request) { _ in try parley.issues() } }
        api.get("sources") { request, _ in try await read(request) { _ in try parley.sources() } }

        // Writes.
        api.post("statements") { request, _ in
            try await write(request, status: .created) { writer, body in
                let receipt = try writer.record(
                    NewStatement(
                        party: try body.string("party"), actor: try body.string("actor"),
                        issue: try body.required("issue"),
                        kind: try body.choice("kind") ?? { throw APIProblem.badRequest("'kind' is required") }(),
                        stance: try body.required("stance"), summary: try body.required("summary"),
                        quote: try body.string("quote"), said: try body.date("said"),
                        source: try body.required("source"),
                        via: try body.string("via"), about: try body.string("about")),
                    newLabelConfirmed: try body.bool("new_label"))
                return [
                    "number": Int(receipt.sequence), "party": receipt.party, "new_label": receipt.isNewLabel,
                    "existing_labels": receipt.existingLabels, "near_misses": receipt.nearMisses,
                ]
            }
        }
        api.post("statements/:number/amend") { request, context in
            let number = try Self.number(context)
            return try await write(request) { writer, body in
                let changes = StatementChanges(
                    party: try body.string("party"), actor: try body.string("actor"), issue: try body.string("issue"),
                    kind: try body.choice("kind"), stance: try body.string("stance"),
                    summary: try body.string("summary"),
                    quote: try body.string("quote"), said: try body.date("said"), source: try body.string("source"),
                    clear: Set(
                        try body.strings("clear").map { name in
                            guard let field = StatementChanges.OptionalField(rawValue: name) else {
                                throw APIProblem.badRequest(
                                    "clear: '\(name)' is not one of actor, quote, said, via, about")
                            }
                            return field
                        }), via: try body.string("via"), about: try body.string("about"))
                let changed = try writer.amend(number: number, changes, reason: try body.required("reason"))
                return [
                    "number": Int(number),
                    "changes": changed.map { change -> [String: Any] in
                        [
                            "field": change.field, "old": change.old as Any? ?? NSNull(),
                            "new": change.new as Any? ?? NSNull(),
                        ]
                    },
                ]
            }
        }
        api.post("statements/:number/retract") { request, context in
            let number = try Self.number(context)
            return try await write(request) { writer, body in
                try writer.retract(number: number, reason: try body.required("reason"))
                return ["number": Int(number), "retracted": true]
            }
        }
        api.post("agreements/:id/steps") { request, context in
            try await step(AgreementStatus.self, request, context)
        }
        api.post("disputes/:id/steps") { request, context in
            try await step(DisputeStatus.self, request, context)
        }
    }

    /// A status step: the body as `agreement update`'s or `dispute update`'s options.
    func step<Status: StepStatus>(_ type: Status.Type, _ request: Request, _ context: BasicRequestContext) async throws
        -> Response
    {
        guard let id = context.parameters.get("id") else { throw APIProblem.badRequest("no id") }
        return try await write(request, status: .created) { writer, body in
            let source = try body.required("source")
            let on = try body.date("on")
            let date = try on ?? writer.sourceDate(source)
            guard let status = try body.choice("status") ?? writer.status(of: id, Status.self, asOf: date) else {
                throw APIProblem.badRequest("\(id) has no status on \(date) to keep; give 'status'")
            }
            let step = Step<Status>(
                status: status, on: on ?? .earliest, source: source, note: try body.string("note"),
                addParties: try body.strings("add_parties"), removeParties: try body.strings("remove_parties"),
                addMediators: try body.strings("add_mediators"), removeMediators: try body.strings("remove_mediators"),
                accordingTo: try body.string("according_to"), onIsSourceDate: on == nil)
            let place = try writer.appendStep(step, to: id)
            return ["id": id, "step": place, "status": status.rawValue, "on": date.description]
        }
    }

    static func number(_ context: BasicRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("number"), let number = Int64(text), number > 0 else {
            throw APIProblem.badRequest("the statement number must be a whole number from 1 up")
        }
        return number
    }

    static func window(_ request: Request) throws -> StaleWindow {
        guard let text = request.query("stale_after") else { return .standard }
        do { return try StaleWindow(parsing: text) } catch { throw APIProblem.badRequest(error.localizedDescription) }
    }
}

/// A JSON object made on a worker thread and handed back as text.
struct JSONBox: Sendable {
    let text: String

    init(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        text = String(decoding: data, as: UTF8.self) + "\n"
    }
}
