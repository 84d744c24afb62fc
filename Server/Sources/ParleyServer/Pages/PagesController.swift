import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// The web pages: the same report values the command line renders, as HTML, with links between
/// them, a navigation bar and a date control.
struct PagesController: Sendable {
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
    static func navigation(_ here: String, asOf: CalendarDate?) -> HTML {
        let query = query(asOf: asOf)
        let items = [
            ("/", "Disputes"), ("/positions", "Positions"), ("/agreements", "Agreements"),
            ("/contradictions", "Contradictions"), ("/issues", "Issues"), ("/parties", "Parties"),
            ("/sources", "Sources"),
            ("/diff", "Diff"),
        ]
        let current: HTML = " aria-current=\"page\""
        var out: HTML = "<nav>\n<strong>Parley</strong>\n"
        for (href, label) in items {
            out += "<a href=\"\(href + query)\"\(href == here ? current : "")>\(label)</a>\n"
        }
        // Signing in and out; the same link for everyone, so that a kept page is anyone's.
        out += "<a href=\"/signin\"\(here == "/signin" ? current : "")>Account</a>\n"
        out += """
            <form method="get" action="\(here)"><label>As of <input name="as_of" \
            value="\(asOf?.description ?? "")" placeholder="YYYY-MM-DD" size="10" \
            pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"></label> <button>Show</button></form>
            </nav>
            """
        return out
    }

    func pageContext(_ request: Request, asOf: CalendarDate?) -> HTMLContext {
        HTMLContext(
            links: Self.links(asOf: asOf), navigation: Self.navigation(request.uri.path, asOf: asOf),
            stylesheet: Stylesheet.path)
    }

    /// A served page: ``HTML/page(title:body:notes:navigation:stylesheet:)`` with the served
    /// stylesheet, as the Content-Security-Policy allows no inline style. Every page of the
    /// server's own (forms included) is made with it.
    static func page(title: String, body: HTML, notes: [ReportNote] = [], navigation: HTML = "") -> HTML {
        HTML.page(title: title, body: body, notes: notes, navigation: navigation, stylesheet: Stylesheet.path)
    }

    /// A page for a reader: access checked, the date read, the HTML made by `make` (on a worker
    /// thread) and kept while the case is unchanged.
    func render<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type = PageQuery.self,
        _ make: @escaping @Sendable (CalendarDate?, HTMLContext) throws -> HTML
    ) async throws -> Response {
        try await access.requireRead(request, context)
        let (parameters, key) = try QueryParameterDecoder.decodeWithKey(query, from: request)
        let page = pageContext(request, asOf: parameters.asOf)
        return .html(try await cache.answer(parley, "page \(key)") { try make(parameters.asOf, page).markup })
    }

    /// A page made of one report.
    func page<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type = PageQuery.self,
        _ make: @escaping @Sendable (CalendarDate?) throws -> any Report
    ) async throws -> Response {
        try await render(request, context, query) { asOf, page in try Self.html(make(asOf), page).page(page) }
    }

    /// A report as HTML; every report a page is made of has an HTML form.
    static func html(_ report: any Report, _ context: HTMLContext) throws -> HTMLReport {
        guard let html = report.render(in: HTMLFormat(context: context)) else {
            throw APIProblem(.bug, detail: "the report has no HTML form")
        }
        return html
    }

    /// A page made of several reports' bodies under one title.
    func composite(
        _ request: Request, _ context: ParleyContext, title: String,
        _ make: @escaping @Sendable (CalendarDate?) throws -> [(heading: String?, report: any Report)]
    ) async throws -> Response {
        try await render(request, context) { asOf, context in
            var body: HTML = ""
            var notes: [ReportNote] = []
            for part in try make(asOf) {
                if let heading = part.heading { body += "<h2>\(heading)</h2>\n" }
                let html = try Self.html(part.report, context)
                body += html.body
                notes += html.notes.filter { !notes.contains($0) }
            }
            return Self.page(title: title, body: body, notes: notes, navigation: context.navigation)
        }
    }

    /// A list of records with links to their pages.
    func list(
        _ request: Request, _ context: ParleyContext, title: String,
        _ make: @escaping @Sendable () throws -> [(id: String, href: String, text: String)]
    )
        async throws -> Response
    {
        try await render(request, context) { asOf, context in
            let rows = try make()
            let query = Self.query(asOf: asOf)
            var body: HTML = rows.isEmpty ? "<p>None recorded.</p>\n" : "<ul>\n"
            for row in rows { body += "<li><a href=\"\(row.href + query)\">\(row.id)</a> — \(row.text)</li>\n" }
            if !rows.isEmpty { body += "</ul>\n" }
            return Self.page(title: title, body: body, navigation: context.navigation)
        }
    }

    /// The id after a page's prefix (`/issues/a/b` → `a/b`).
    static func id(_ context: ParleyContext) -> String {
        context.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
    }

    /// The pages.
    var routes: RouteCollection<ParleyContext> {
        RouteCollection(context: ParleyContext.self)
            .get("/", use: disputes)
            .get("/positions", use: positions)
            .get("/agreements", use: agreements)
            .get("/contradictions", use: contradictions)
            .get("/issues", use: issues)
            .get("/parties", use: parties)
            .get("/sources", use: sources)
            .get("/issues/**", use: issue)
            .get("/parties/**", use: party)
            .get("/sources/**", use: source)
            .get("/diff", use: diff)
            .get("/problems/:kind", use: problemType)
            .get("/signin", use: signInPage)
            .post("/signin", use: signIn)
            .post("/signout", use: signOut)
    }

    /// `/`: the disputes board.
    func disputes(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context) { [parley] in try parley.disputesReport(asOf: $0) }
    }

    /// `/positions`: the positions matrix.
    func positions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context) { [parley] in try parley.positionsReport(asOf: $0) }
    }

    /// `/agreements`.
    func agreements(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context) { [parley] in try parley.agreementsReport(asOf: $0) }
    }

    /// `/contradictions`.
    func contradictions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context) { [parley] in try parley.contradictions(asOf: $0) }
    }

    /// `/issues`: every issue, with a link to its page.
    func issues(_ request: Request, context: ParleyContext) async throws -> Response {
        try await list(request, context, title: "Issues") { [parley] in
            try parley.issues().records.map { ($0.id, Self.path("/issues", $0.id), $0.title) }
        }
    }

    /// `/parties`.
    func parties(_ request: Request, context: ParleyContext) async throws -> Response {
        try await list(request, context, title: "Parties") { [parley] in
            try parley.parties().records.map { ($0.id, Self.path("/parties", $0.id), $0.name) }
        }
    }

    /// `/sources`.
    func sources(_ request: Request, context: ParleyContext) async throws -> Response {
        try await list(request, context, title: "Sources") { [parley] in
            try parley.sources().records.map { ($0.id, Self.path("/sources", $0.id), "\($0.published) · \($0.title)") }
        }
    }

    /// `/issues/ID`: where each party stands on the issue as of the date, then its timeline and history.
    func issue(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        return try await composite(request, context, title: "Issue \(id)") { [parley] asOf in
            let page = try parley.issueOverview(id, asOf: asOf)
            return [("Positions", page.positions), (nil, page.history)]
        }
    }

    /// `/parties/ID`: the party's positions as of the date, and what it has said.
    func party(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        return try await composite(request, context, title: "Party \(id)") { [parley] asOf in
            let page = try parley.partyOverview(id, asOf: asOf)
            return [("Positions", page.positions), ("Statements", page.statements)]
        }
    }

    /// `/sources/ID`: what the source reports.
    func source(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        return try await composite(request, context, title: "Source \(id)") { [parley] _ in
            [("What it reports", try parley.statements(StatementFilter(source: id)))]
        }
    }

    /// `/diff?from=D1&to=D2`: what changed between two dates; without them, a form that asks.
    func diff(_ request: Request, context: ParleyContext) async throws -> Response {
        let query = try QueryParameterDecoder.decode(DiffPageQuery.self, from: request)
        guard let from = query.from, let to = query.to else {
            try await access.requireRead(request, context)
            let form: HTML = """
                <form method="get" action="/diff"><label>From <input name="from" placeholder="YYYY-MM-DD" required></label>
                <label>to <input name="to" placeholder="YYYY-MM-DD" required></label> <button>Compare</button></form>
                """
            return Response.html(
                Self.page(
                    title: "Changes between two dates", body: form, navigation: Self.navigation("/diff", asOf: nil)))
        }
        guard from.endKey < to.endKey else {
            throw APIProblem.badRequest("from \(from) is not before to \(to)")
        }
        return try await page(request, context, DiffPageQuery.self) { [parley] _ in try parley.diff(from: from, to: to)
        }
    }
}

/// A page's query: at least the date it shows the case as of.
protocol PageParameters: QueryParameters {
    var asOf: CalendarDate? { get }
}

/// `?as_of=DATE`, which every page takes.
struct PageQuery: PageParameters {
    var asOf: CalendarDate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
    }
    typealias Name = CodingKeys
}

/// `/diff?from=DATE&to=DATE` (and the date box's `as_of`).
struct DiffPageQuery: PageParameters {
    var from: CalendarDate?
    var to: CalendarDate?
    var asOf: CalendarDate?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case from, to
        case asOf = "as_of"
    }
    typealias Name = CodingKeys
}
