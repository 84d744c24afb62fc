import Foundation
import Hummingbird
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore

/// The web pages: the same report values the command line renders, as HTML, with links between
/// them, a navigation bar and a date control.
struct Pages: Sendable {
    let parley: Parley
    let access: Access
    let cache: AnswerCache

    /// `/issues/a/b`, with each segment percent-encoded.
    static func path(_ prefix: String, _ id: String) -> String {
        prefix + "/"
            + id.split(separator: "/").map {
                String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
            }.joined(separator: "/")
    }

    /// `?as_of=DATE`, which links from a dated page carry; empty without a date.
    static func query(asOf: CalendarDate?) -> String { asOf.map { "?as_of=\($0)" } ?? "" }

    /// Links that keep the page's date.
    static func links(asOf: CalendarDate?) -> HTMLLinks {
        let query = query(asOf: asOf)
        return HTMLLinks(
            issue: { path("/issues", $0) + query }, party: { path("/parties", $0) + query },
            source: { path("/sources", $0) + query })
    }

    /// The navigation bar, and a form that reloads the page at another date.
    static func navigation(_ current: String, asOf: CalendarDate?) -> String {
        let query = query(asOf: asOf)
        let items = [
            ("/", "Disputes"), ("/positions", "Positions"), ("/agreements", "Agreements"),
            ("/contradictions", "Contradictions"), ("/issues", "Issues"), ("/parties", "Parties"),
            ("/sources", "Sources"),
            ("/diff", "Diff"),
        ]
        var out = "<nav>\n<strong>Parley</strong>\n"
        for (href, label) in items {
            let here = href == current ? " aria-current=\"page\"" : ""
            out += "<a href=\"\(href)\(query)\"\(here)>\(label)</a>\n"
        }
        out += """
            <form method="get" action="\(HTML.escape(current))"><label>As of <input name="as_of" \
            value="\(HTML.escape(asOf?.description ?? ""))" placeholder="YYYY-MM-DD" size="10" \
            pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"></label> <button>Show</button></form>
            </nav>
            """
        return out
    }

    func context(_ request: Request, asOf: CalendarDate?) -> HTMLContext {
        HTMLContext(links: Self.links(asOf: asOf), navigation: Self.navigation(request.uri.path, asOf: asOf))
    }

    /// A page for a reader: access checked, the date read, the HTML made by `make` (on a worker
    /// thread) and kept while the case is unchanged.
    func render(
        _ request: Request, _ make: @escaping @Sendable (CalendarDate?, HTMLContext) throws -> String
    ) async throws -> Response {
        try await access.requireRead(request)
        let asOf = try request.date("as_of")
        let context = context(request, asOf: asOf)
        return .html(try await cache.answer(parley, "page \(request.uri)") { try make(asOf, context) })
    }

    /// A page made of one report.
    func page(_ request: Request, _ make: @escaping @Sendable (CalendarDate?) throws -> any HTMLRenderable)
        async throws -> Response
    {
        try await render(request) { asOf, context in try make(asOf).page(context) }
    }

    /// A page made of several reports' bodies under one title.
    func composite(
        _ request: Request, title: String,
        _ make: @escaping @Sendable (CalendarDate?) throws -> [(heading: String?, report: any HTMLRenderable)]
    ) async throws -> Response {
        try await render(request) { asOf, context in
            var body = ""
            var notes: [ReportNote] = []
            for part in try make(asOf) {
                if let heading = part.heading { body += "<h2>\(HTML.escape(heading))</h2>\n" }
                body += part.report.htmlBody(context)
                notes += part.report.htmlNotes.filter { !notes.contains($0) }
            }
            return HTML.page(title: title, body: body, notes: notes, navigation: context.navigation)
        }
    }

    /// A list of records with links to their pages.
    func list(
        _ request: Request, title: String,
        _ make: @escaping @Sendable () throws -> [(id: String, href: String, text: String)]
    )
        async throws -> Response
    {
        try await render(request) { asOf, context in
            let rows = try make()
            let query = Self.query(asOf: asOf)
            var body = rows.isEmpty ? "<p>None recorded.</p>\n" : "<ul>\n"
            for row in rows {
                body +=
                    "<li><a href=\"\(HTML.escape(row.href + query))\">\(HTML.escape(row.id))</a> — \(HTML.escape(row.text))</li>\n"
            }
            if !rows.isEmpty { body += "</ul>\n" }
            return HTML.page(title: title, body: body, navigation: context.navigation)
        }
    }

    /// The form that puts a token's secret into the sign-in cookie.
    static let signInForm = """
        <form method="post" action="/signin"><label>Token <input name="token" type="password" \
        autocomplete="off" required></label> <button>Sign in</button></form>
        """

    /// The id after a page's prefix (`/issues/a/b` → `a/b`).
    static func id(_ context: BasicRequestContext) -> String {
        context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
    }

    func register(_ router: Router<BasicRequestContext>) {
        let parley = self.parley
        router.get("/") { request, _ in
            try await page(request) { try parley.disputesReport(asOf: $0) }
        }
        router.get("/positions") { request, _ in
            try await page(request) { try parley.positionsReport(asOf: $0) }
        }
        router.get("/agreements") { request, _ in
            try await page(request) { try parley.agreementsReport(asOf: $0) }
        }
        router.get("/contradictions") { request, _ in
            try await page(request) { try parley.contradictions(asOf: $0) }
        }
        router.get("/issues") { request, _ in
            try await list(request, title: "Issues") {
                try parley.issues().records.map { ($0.id, Self.path("/issues", $0.id), $0.title) }
            }
        }
        router.get("/parties") { request, _ in
            try await list(request, title: "Parties") {
                try parley.parties().records.map { ($0.id, Self.path("/parties", $0.id), $0.name) }
            }
        }
        router.get("/sources") { request, _ in
            try await list(request, title: "Sources") {
                try parley.sources().records.map {
                    ($0.id, Self.path("/sources", $0.id), "\($0.published) · \($0.title)")
                }
            }
        }
        // An issue: where each party stands on it as of the date, then its timeline and history.
        router.get("/issues/**") { request, context in
            let id = Self.id(context)
            return try await composite(request, title: "Issue \(id)") { asOf in
                [
                    ("Positions", try parley.positionsReport(asOf: asOf, issue: id)),
                    (nil, try parley.history(issue: id)),
                ]
            }
        }
        // A party: its positions as of the date, and what it has said.
        router.get("/parties/**") { request, context in
            let id = Self.id(context)
            return try await composite(request, title: "Party \(id)") { asOf in
                [
                    ("Positions", try parley.positionsReport(asOf: asOf, party: id)),
                    (
                        "Statements",
                        try parley.statements(StatementFilter(party: id, until: asOf, includeClaimsAbout: true))
                    ),
                ]
            }
        }
        // A source: what it reports.
        router.get("/sources/**") { request, context in
            let id = Self.id(context)
            return try await composite(request, title: "Source \(id)") { _ in
                [("What it reports", try parley.statements(StatementFilter(source: id)))]
            }
        }
        router.get("/diff") { request, _ in
            guard let from = try request.date("from"), let to = try request.date("to") else {
                try await access.requireRead(request)
                let form = """
                    <form method="get" action="/diff"><label>From <input name="from" placeholder="YYYY-MM-DD" required></label>
                    <label>to <input name="to" placeholder="YYYY-MM-DD" required></label> <button>Compare</button></form>
                    """
                return Response.html(
                    HTML.page(
                        title: "Changes between two dates", body: form, navigation: Self.navigation("/diff", asOf: nil))
                )
            }
            guard from.endKey < to.endKey else {
                throw APIProblem.badRequest("from \(from) is not before to \(to)")
            }
            return try await page(request) { _ in try parley.diff(from: from, to: to) }
        }
        // Sign-in for a browser when reads need a token: the secret goes into a cookie.
        router.get("/signin") { request, _ in
            Response.html(
                HTML.page(
                    title: "Sign in", body: Self.signInForm))
        }
        router.post("/signin") { request, _ in
            let buffer = try await request.body.collect(upTo: 4096)
            let form = String(buffer: buffer)
            let secret =
                form.split(separator: "&").compactMap { pair -> String? in
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, parts[0] == "token" else { return nil }
                    return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
                }.first ?? ""
            guard try await offload({ try parley.authenticate(secret) }) != nil else {
                return Response.html(
                    HTML.page(title: "Sign in", body: "<p>That token is not in use.</p>"), status: .unauthorized)
            }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.headers[.setCookie] = "\(Access.cookie)=\(secret); Path=/; HttpOnly; SameSite=Strict"
            return response
        }
    }
}
