import Foundation
import HTTPTypes
import ParleyKit
import ParleyModel

/// The API described in OpenAPI 3.1: served at `/api/v1/openapi.json`, kept in the repository as
/// `Docs/openapi.json` (`Scripts/generate-openapi` writes it from here; CI fails when it differs).
///
/// It is built from the code it describes: each endpoint's parameters from its query type's
/// coding keys (``DocumentedQuery``), each write's fields from its body type's
/// (``DocumentedBody``), each closed list from its Swift enum, and each problem type from the
/// error kinds and the statuses they are answered with. To add an endpoint, register its route in
/// ``APIController`` and add an ``Operation`` to ``operations``: the server's tests compare the two.
enum OpenAPIDocument {
    /// The document, as the server serves it and `Docs/openapi.json` holds it.
    static let text: String = json.encoded() + "\n"

    /// What one endpoint takes and answers.
    struct Operation {
        var method: HTTPRequest.Method
        /// Relative to `/api/v1`, with `{name}` for a path parameter.
        var path: String
        var id: String
        var summary: String
        var description: String
        var query: any DocumentedQuery.Type = NoParameters.self
        var body: (any DocumentedBody.Type)? = nil
        /// The body's schema where it is narrower than `body`'s own (a step's status on one kind
        /// of record).
        var bodySchema: JSONValue? = nil
        /// The status of a success, and its schema.
        var success: (status: Int, schema: Schema)
        /// Links from a success's answer to other operations.
        var links: [(String, JSONValue)] = []
        /// Whether the endpoint needs no token, even on a server whose reads need one.
        var open = false
        /// A read's group: `reports` or `records` (lists).
        var group = "reports"

        var isWrite: Bool { method == .post }
        var tag: String { isWrite ? "writes" : open ? "document" : group }
    }

    /// Every endpoint under `/api/v1`.
    static let operations: [Operation] = [
        read(
            "disputes", "disputes", "The disputes board", "parley report disputes", DisputesQuery.self,
            "DisputesReport"),
        read(
            "positions", "positions", "The positions matrix", "parley report positions", PositionsQuery.self,
            "PositionsReport"),
        read(
            "agreements", "agreements", "The agreements", "parley report agreements", AsOfQuery.self, "AgreementsReport"
        ),
        read(
            "contradictions", "contradictions", "Where accounts contradict each other", "parley report contradictions",
            ContradictionsQuery.self, "ContradictionsReport"),
        read("history", "history", "An issue's history", "parley history", HistoryQuery.self, "HistoryReport"),
        read("diff", "diff", "What changed between two dates", "parley diff", DiffQuery.self, "DiffReport"),
        read(
            "statements", "listStatements", "Statements", "parley statements", StatementsQuery.self,
            array: "Statement"),
        read("search", "search", "Full-text search", "parley search", SearchParameters.self, "SearchReport"),
        read("parties", "listParties", "The parties", "parley party list", PartiesQuery.self, array: "Party"),
        read("actors", "listActors", "The actors", "parley actor list", NoParameters.self, array: "Actor"),
        read("issues", "listIssues", "The issues", "parley issue list", IssuesQuery.self, array: "Issue"),
        read("sources", "listSources", "The sources", "parley source list", SourcesQuery.self, array: "Source"),
        Operation(
            method: .get, path: "openapi.json", id: "openAPIDocument", summary: "This document",
            description: "The API described in OpenAPI 3.1; the same for every server, so it needs no token.",
            success: (
                200,
                Schema([
                    ("type", "object"), ("description", "An OpenAPI 3.1 document."),
                    ("required", ["openapi", "paths"]),
                    ("properties", ["openapi": Schema.string().json, "paths": ["type": "object"]]),
                    ("additionalProperties", true),
                ])
            ),
            open: true),
        Operation(
            method: .post, path: "statements", id: "recordStatement", summary: "Record a statement",
            description: "As `parley add`: the same checks, one transaction, logged under the token's name. A stance "
                + "label close to one already used on the issue is refused (400) unless `new_label` is true.",
            body: RecordStatementRequest.self, success: (201, .ref("StatementRecorded")),
            links: [
                link("AmendStatement", "amendStatement", "Amend the statement just recorded."),
                link("RetractStatement", "retractStatement", "Retract the statement just recorded."),
            ]),
        Operation(
            method: .post, path: "statements/{number}/amend", id: "amendStatement", summary: "Amend a statement",
            description: "As `parley amend N`: changes fields, keeping the old values in the change log.",
            body: AmendStatementRequest.self, success: (200, .ref("StatementAmended")),
            links: [link("RetractStatement", "retractStatement", "Retract the statement just amended.")]),
        Operation(
            method: .post, path: "statements/{number}/retract", id: "retractStatement", summary: "Retract a statement",
            description: "As `parley retract N`: the statement is kept, marked, out of positions and reports.",
            body: RetractStatementRequest.self, success: (200, .ref("StatementRetracted"))),
        Operation(
            method: .post, path: "agreements/{id}/steps", id: "addAgreementStep", summary: "Add an agreement step",
            description: "As `parley agreement update ID`: a dated, sourced status step.",
            body: StepRequest.self, bodySchema: StepRequest.documentSchema(for: AgreementStatus.self),
            success: (201, .ref("StepAdded"))),
        Operation(
            method: .post, path: "disputes/{id}/steps", id: "addDisputeStep", summary: "Add a dispute step",
            description: "As `parley dispute update ID`: a dated, sourced status step.",
            body: StepRequest.self, bodySchema: StepRequest.documentSchema(for: DisputeStatus.self),
            success: (201, .ref("StepAdded"))),
    ]

    static func read(
        _ path: String, _ id: String, _ summary: String, _ command: String, _ query: any DocumentedQuery.Type,
        _ schema: String? = nil, array: String? = nil
    ) -> Operation {
        Operation(
            method: .get, path: path, id: id, summary: summary,
            description: "The JSON `\(command) --format json` prints for the same question, byte for byte.",
            query: query, success: (200, schema.map(Schema.ref) ?? .array(.ref(array ?? ""))),
            group: array == nil ? "reports" : "records")
    }

    /// A link that passes the answer's statement `number` to `operation`.
    static func link(_ name: String, _ operation: String, _ description: String) -> (String, JSONValue) {
        (
            name,
            [
                "operationId": .string(operation), "description": .string(description),
                "parameters": ["number": "$response.body#/number"],
            ]
        )
    }

    // MARK: - The document

    static var json: JSONValue {
        var paths: [String: [(String, JSONValue)]] = [:]
        for operation in operations {
            paths["/api/v1/" + operation.path, default: []].append(
                (operation.method.rawValue.lowercased(), self.operation(operation)))
        }
        return object([
            ("openapi", "3.1.0"),
            (
                "info",
                object([
                    ("title", "Parley API"), ("version", "1"),
                    (
                        "description",
                        .string(
                            "The JSON API of parley-server: every read answers with exactly the JSON the `parley` "
                                + "command line prints for the same question, and every write goes through the "
                                + "same checks. Errors are `application/problem+json` (RFC 9457) whose `type` is "
                                + "a page of the server saying what the sort of failure means. Objects may gain "
                                + "fields in later versions: clients should ignore the ones they do not know.")
                    ),
                    ("license", object([("name", "MIT"), ("identifier", "MIT")])),
                ])
            ),
            ("servers", [object([("url", "/"), ("description", "The server that serves this document.")])]),
            ("security", .array(readSecurity)),
            (
                "tags",
                [
                    object([("name", "reports"), ("description", "The reports, as `parley report …` prints them.")]),
                    object([("name", "records"), ("description", "Lists of records, as `parley … list` prints them.")]),
                    object([("name", "writes"), ("description", "Writes, each one transaction; an editor's token.")]),
                    object([("name", "document"), ("description", "This document.")]),
                ]
            ),
            ("paths", object(paths.sorted { $0.key < $1.key }.map { ($0.key, object($0.value)) })),
            (
                "components",
                object([
                    (
                        "schemas",
                        object(
                            ReportSchemas.all.map { ($0.0, $0.1.json) }
                                + problemResponses.map { ($0.name + "Problem", $0.schema.json) })
                    ),
                    ("responses", object(problemResponses.map { ($0.name, $0.response) })),
                    (
                        "securitySchemes",
                        object([
                            (
                                "bearerAuth",
                                object([
                                    ("type", "http"), ("scheme", "bearer"), ("bearerFormat", "parley_…"),
                                    (
                                        "description",
                                        .string(
                                            "A token's secret, as `parley token add --name NAME --role "
                                                + "viewer|editor` prints it once. Reads need a viewer's or an "
                                                + "editor's (none with --public-read); writes an editor's.")
                                    ),
                                ])
                            ),
                            (
                                "sessionCookie",
                                object([
                                    ("type", "apiKey"), ("in", "cookie"), ("name", .string(Access.sessionCookie)),
                                    (
                                        "description",
                                        .string(
                                            "A browser's session, from signing in at /signin. A write it vouches "
                                                + "for must come from the server's own pages (Origin, "
                                                + "Sec-Fetch-Site): others are refused with 403.")
                                    ),
                                ])
                            ),
                        ])
                    ),
                ])
            ),
        ])
    }

    /// Reads: a viewer's or an editor's token, or none on a server started with `--public-read`.
    static let readSecurity: [JSONValue] = [["bearerAuth": []], ["sessionCookie": []], [:]]
    /// Writes: an editor's token.
    static let writeSecurity: [JSONValue] = [["bearerAuth": []], ["sessionCookie": []]]

    static func operation(_ operation: Operation) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("operationId", .string(operation.id)), ("summary", .string(operation.summary)),
            ("description", .string(operation.description)),
            ("tags", [.string(operation.tag)]),
        ]
        var parameters: [JSONValue] = pathParameters(operation.path)
        let query = operation.query
        for name in query.names {
            parameters.append(
                object([
                    ("name", .string(name)), ("in", "query"), ("required", .bool(query.required.contains(name))),
                    ("schema", query.schemaJSON(name)),
                ]))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body = operation.body {
            members.append(
                (
                    "requestBody",
                    object([
                        ("required", true),
                        (
                            "content",
                            object([
                                ("application/json", object([("schema", operation.bodySchema ?? body.documentSchema)]))
                            ])
                        ),
                    ])
                ))
        }
        var responses: [(String, JSONValue)] = []
        var success: [(String, JSONValue)] = [
            ("description", .string(operation.isWrite ? "Written." : "The answer.")),
            ("content", object([("application/json", object([("schema", operation.success.schema.json)]))])),
        ]
        if !operation.links.isEmpty { success.append(("links", object(operation.links))) }
        responses.append((String(operation.success.status), object(success)))
        for problem in problemResponses where problem.applies(operation) {
            responses.append((String(problem.status), ["$ref": .string("#/components/responses/" + problem.name)]))
        }
        members.append(("responses", object(responses)))
        if operation.open {
            members.append(("security", [[:]]))
        } else if operation.isWrite {
            members.append(("security", .array(writeSecurity)))
        }
        return object(members)
    }

    /// `{number}` and `{id}` in a path.
    static func pathParameters(_ path: String) -> [JSONValue] {
        var parameters: [JSONValue] = []
        if path.contains("{number}") {
            parameters.append(
                object([
                    ("name", "number"), ("in", "path"), ("required", true),
                    ("description", "The statement's number."),
                    ("schema", Schema.integer(minimum: 1, maximum: Int(Int64.max)).json),
                ]))
        }
        if path.contains("{id}") {
            parameters.append(
                object([
                    ("name", "id"), ("in", "path"), ("required", true),
                    ("description", "The agreement's or the dispute's id."),
                    ("schema", Schema.id.json),
                ]))
        }
        return parameters
    }

    // MARK: - Problems

    /// A problem answer: its status, the problem types it comes with, and the endpoints that can give it.
    struct ProblemResponse {
        var status: Int
        var name: String
        var description: String
        var types: [String]
        var applies: (Operation) -> Bool

        /// The problem's schema: a ``ReportSchemas/problem(types:)`` whose `type` is one of ``types``.
        var schema: Schema {
            Schema([
                (
                    "allOf",
                    [
                        Schema.ref("Problem").json,
                        ["properties": ["type": Schema.string(nil, values: types).json]],
                    ]
                ),
                ("description", .string("A problem answered with \(status): its `type` is one of those listed.")),
            ])
        }

        var response: JSONValue {
            object([
                ("description", .string(description)),
                (
                    "content",
                    object([
                        (
                            "application/problem+json",
                            object([("schema", Schema.ref(name + "Problem").json)])
                        )
                    ])
                ),
            ])
        }
    }

    /// The problem types of Parley's own errors answered with `status`.
    static func kinds(_ status: Int) -> [String] {
        ErrorKind.allCases.filter { Int($0.status.code) == status }.map(\.problemType)
    }

    static var problemResponses: [ProblemResponse] {
        let all: (Operation) -> Bool = { _ in true }
        let writes: (Operation) -> Bool = { $0.isWrite }
        let guarded: (Operation) -> Bool = { !$0.open }
        return [
            ProblemResponse(
                status: 400, name: "BadRequest",
                description: "The request breaks a rule: a parameter or a field that is not one, unknown or given "
                    + "twice; a record that names one that does not exist.",
                types: kinds(400), applies: { !$0.open }),
            ProblemResponse(
                status: 401, name: "Unauthorized", description: "No valid token (reads: unless --public-read).",
                types: ["about:blank"], applies: guarded),
            ProblemResponse(
                status: 403, name: "Forbidden",
                description: "A viewer's token on a write, or a session's write from another site's page.",
                types: ["about:blank"], applies: writes),
            ProblemResponse(
                status: 404, name: "NotFound",
                description: "A record the path or a parameter names does not exist: a statement, an agreement "
                    + "or a dispute to write to; a party, an issue or a source to filter by.",
                types: kinds(404), applies: { $0.path.contains("{") || !$0.query.recordFilters.isEmpty }),
            ProblemResponse(
                status: 408, name: "RequestTimeout", description: "The body did not arrive within the idle timeout.",
                types: ["about:blank"], applies: writes),
            ProblemResponse(
                status: 409, name: "Conflict", description: "The write collides with what is recorded.",
                types: kinds(409), applies: writes),
            ProblemResponse(
                status: 413, name: "ContentTooLarge", description: "The body is over 1 MB.", types: ["about:blank"],
                applies: writes),
            ProblemResponse(
                status: 415, name: "UnsupportedMediaType",
                description: "The body is not declared as `Content-Type: application/json`.", types: ["about:blank"],
                applies: writes),
            ProblemResponse(
                status: 429, name: "TooManyRequests",
                description: "Too many wrong secrets from this address lately; `Retry-After` says when to try again.",
                types: ["about:blank"], applies: guarded),
            ProblemResponse(
                status: 500, name: "InternalServerError", description: "The server cannot use its database, or a bug.",
                types: kinds(500), applies: all),
            ProblemResponse(
                status: 503, name: "ServiceUnavailable",
                description:
                    "The database stayed locked past its timeout, or (PostgreSQL) cannot be reached now; the detail says whether anything was written. Send it again.",
                types: kinds(503), applies: guarded),
            ProblemResponse(
                status: 507, name: "InsufficientStorage", description: "The disk is full; nothing was written.",
                types: kinds(500), applies: writes),
        ]
    }

    /// A JSON object with its members sorted.
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(members.map { JSONMember($0.0, $0.1) }.sorted { $0.key < $1.key })
    }
}

extension DocumentedQuery {
    /// The parameters' names, in the order the type declares them.
    static var names: [String] { Name.allCases.map(\.stringValue) }

    /// The parameters that name a record (answered 404 when it does not exist).
    static var recordFilters: [String] { names.filter { ["party", "issue", "source", "about"].contains($0) } }

    static func schemaJSON(_ name: String) -> JSONValue {
        guard let key = Name.allCases.first(where: { $0.stringValue == name }) else { return [:] }
        return schema(key).json
    }
}

extension DocumentedBody {
    /// The body's schema: every field, the required ones, nothing else.
    static var documentSchema: JSONValue { documentSchema(schemas) }

    /// A body of these fields' schemas, the required ones, nothing else.
    static func documentSchema(_ schemas: [(String, Schema)]) -> JSONValue {
        let properties = schemas.map { ($0.0, $0.1.json) }
        var members: [(String, JSONValue)] = [
            ("type", "object"), ("additionalProperties", false),
            ("properties", OpenAPIDocument.object(properties)),
        ]
        if !required.isEmpty { members.append(("required", .array(required.sorted().map { .string($0) }))) }
        return OpenAPIDocument.object(members)
    }
}
