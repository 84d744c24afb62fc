import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// The JSON API under `/api/v1/`: every read answers with exactly the JSON the command line
/// prints for the same question (one function makes both); writes go through the same use cases
/// and the same checks, each one transaction, attributed to the token's name.
struct APIController: Sendable {
    let parley: Parley
    let access: Access
    let cache: AnswerCache

    /// The endpoints, relative to `/api/v1`.
    var routes: RouteCollection<ParleyContext> {
        RouteCollection(context: ParleyContext.self)
            .get("disputes", use: disputes)
            .get("positions", use: positions)
            .get("agreements", use: agreements)
            .get("contradictions", use: contradictions)
            .get("history", use: history)
            .get("diff", use: diff)
            .get("statements", use: statements)
            .get("search", use: search)
            .get("parties", use: parties)
            .get("actors", use: actors)
            .get("issues", use: issues)
            .get("sources", use: sources)
            .post("statements", use: recordStatement)
            .post("statements/:number/amend", use: amendStatement)
            .post("statements/:number/retract", use: retractStatement)
            .post("agreements/:id/steps", use: addAgreementStep)
            .post("disputes/:id/steps", use: addDisputeStep)
            .get("openapi.json", use: openAPIDocument)
    }

    // MARK: - Reads

    /// A read: the request's query as `Query`, then the report `make` builds from it, as the
    /// CLI's JSON (kept while the case is unchanged).
    func read<Query: QueryParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type,
        _ make: @escaping @Sendable (Query) throws -> any Report
    ) async throws -> Response {
        try await access.requireRead(request, context)
        let (parameters, key) = try QueryParameterDecoder.decodeWithKey(query, from: request, emptyIsAbsent: false)
        let text = try await cache.answer(parley, "api \(key)") {
            try make(parameters).rendered(as: .json)
        }
        return .json(text)
    }

    @Sendable func disputes(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, DisputesQuery.self) { [parley] query in
            try parley.disputesReport(
                asOf: query.asOf, staleAfter: query.staleAfter?.window ?? .standard, knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func positions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, PositionsQuery.self) { [parley] query in
            try parley.positionsReport(
                asOf: query.asOf, party: query.party, issue: query.issue,
                staleAfter: query.staleAfter?.window ?? .standard, knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func agreements(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, AsOfQuery.self) { [parley] query in
            try parley.agreementsReport(asOf: query.asOf, knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func contradictions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, ContradictionsQuery.self) { [parley] query in
            try parley.contradictions(asOf: query.asOf, issue: query.issue, knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func history(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, HistoryQuery.self) { [parley] query in
            guard let issue = query.issue else { throw APIProblem.badRequest("give ?issue=ID") }
            return try parley.history(
                issue: issue, party: query.party, includeRetracted: query.all ?? false,
                knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func diff(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, DiffQuery.self) { [parley] query in
            guard let from = query.from, let to = query.to, from.endKey < to.endKey else {
                throw APIProblem.badRequest("give ?from=DATE&to=DATE, from before to")
            }
            return try parley.diff(from: from, to: to, knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func statements(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, StatementsQuery.self) { [parley] query in
            try parley.statements(
                StatementFilter(
                    party: query.party, issue: query.issue, source: query.source, since: query.since,
                    until: query.until, includeRetracted: query.all ?? false, about: query.about),
                knownAsOf: query.knownAsOf?.moment)
        }
    }

    @Sendable func search(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, SearchParameters.self) { [parley] query in
            try parley.search(query.searchQuery())
        }
    }

    @Sendable func parties(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, PartiesQuery.self) { [parley] query in try parley.parties(onIssue: query.issue)
        }
    }

    @Sendable func actors(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, NoParameters.self) { [parley] _ in try parley.actors() }
    }

    @Sendable func issues(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, IssuesQuery.self) { [parley] query in try parley.issues(party: query.party) }
    }

    @Sendable func sources(_ request: Request, context: ParleyContext) async throws -> Response {
        try await read(request, context, SourcesQuery.self) { [parley] query in try parley.sources(query.filter) }
    }

    /// The API's OpenAPI document: the same for every server, so it needs no token.
    @Sendable func openAPIDocument(_ request: Request, context: ParleyContext) async throws -> Response {
        _ = try QueryParameterDecoder.decodeWithKey(NoParameters.self, from: request, emptyIsAbsent: false)
        return .json(OpenAPIDocument.text)
    }
}
