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
    /// The names pages show, and the board's cards, kept between pages.
    let kept = PageNames()

    /// `/issues/a/b`, with each segment percent-encoded.
    static func path(_ prefix: String, _ id: String) -> String {
        prefix + "/"
            + id.split(separator: "/").map {
                String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
            }.joined(separator: "/")
    }

    /// `?as_of=DATE&known_as_of=K`, which links from a dated page carry (`known_as_of` only to
    /// the pages that take it: the reports, and the issue, party, agreement and dispute pages);
    /// empty without either.
    static func query(asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil) -> String {
        let parameters = [
            asOf.map { "as_of=\($0)" },
            knownAsOf.map {
                "known_as_of=" + ($0.given.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            },
        ].compactMap { $0 }
        return parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&")
    }

    /// Links that keep the page's date and the moment the case is known as of, and names in place
    /// of ids.
    static func links(asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil, names: HTMLNames = .none) -> HTMLLinks {
        let query = query(asOf: asOf, knownAsOf: knownAsOf)
        return HTMLLinks(
            issue: { path("/issues", $0) + query }, party: { path("/parties", $0) + query },
            source: { path("/sources", $0) + Self.query(asOf: asOf) }, statement: { "/statements/\($0)" },
            names: names)
    }

    /// The navigation bar of a page whose reader is not known (an error page): no one signed in.
    static func navigation(_ here: String, asOf: CalendarDate?) -> HTML {
        navigation(here, uri: here, asOf: asOf, viewer: .anonymous)
    }

    /// The parties' and actors' names, the issues' and sources' titles, for pages that show
    /// names in place of ids (kept while no write names anything).
    func names() throws -> HTMLNames { try kept.current(parley).names }

    /// How a page is made: its date (and the moment the case is known as of), links with names,
    /// the navigation's place (filled in per reader), the served stylesheet; for a page of the
    /// case as of now, the board's cards kept from the pages made before with the same names.
    func pageContext(asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil) throws -> HTMLContext {
        let (names, cards) = try kept.current(parley)
        return HTMLContext(
            links: Self.links(asOf: asOf, knownAsOf: knownAsOf, names: names), navigation: PageMarker.navigation,
            stylesheet: Stylesheet.path, cards: asOf == nil && knownAsOf == nil ? cards : nil)
    }

    /// A served page: ``HTML/page(title:body:notes:navigation:stylesheet:)`` with the served
    /// stylesheet, as the Content-Security-Policy allows no inline style. Every page of the
    /// server's own (forms included) is made with it.
    static func page(title: String, body: HTML, notes: [ReportNote] = [], navigation: HTML = "") -> HTML {
        HTML.page(title: title, body: body, notes: notes, navigation: navigation, stylesheet: Stylesheet.path)
    }

    /// A served page whose heading is markup (a name with its id in small type) and whose title
    /// in the browser is `title`.
    static func page(title: String, heading: HTML, body: HTML, notes: [ReportNote] = [], navigation: HTML = "")
        -> HTML
    {
        HTML.page(
            title: title, heading: heading, body: body, notes: notes, navigation: navigation,
            stylesheet: Stylesheet.path)
    }

    /// A page for a reader: access checked, the query read, the HTML made by `make` (on a worker
    /// thread) and kept while the case is unchanged, one for editors (with forms) and one for
    /// everyone else; then the reader's navigation and form tokens filled in.
    func renderPage<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type,
        _ make: @escaping @Sendable (Query, PageFrame) throws -> HTML
    ) async throws -> Response {
        let viewer = try await access.requireReader(request, context)
        return try await renderPage(request, viewer, PageQuestion(query, request), make)
    }

    /// ``renderPage(_:_:_:_:)`` with the query already read (by a page that first looked at it
    /// for a download).
    func renderPage<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ question: PageQuestion<Query>,
        _ make: @escaping @Sendable (Query, PageFrame) throws -> HTML
    ) async throws -> Response {
        try await renderPage(request, try await access.requireReader(request, context), question, make)
    }

    private func renderPage<Query: PageParameters>(
        _ request: Request, _ viewer: Viewer, _ question: PageQuestion<Query>,
        _ make: @escaping @Sendable (Query, PageFrame) throws -> HTML
    ) async throws -> Response {
        let parameters = question.parameters
        let editor = viewer.isEditor
        let kept = try await cache.page(parley, "page \(editor ? "editor" : "reader") \(question.key)") { [self] in
            try make(
                parameters,
                PageFrame(
                    asOf: parameters.asOf, knownAsOf: parameters.knownAsOf,
                    html: try pageContext(asOf: parameters.asOf, knownAsOf: parameters.knownAsOf), editor: editor)
            )
            .markup
        }
        return respond(kept, request, asOf: parameters.asOf, knownAsOf: parameters.knownAsOf, viewer: viewer)
    }

    /// ``renderPage(_:_:_:_:)`` for a page that needs only its date and context.
    func render<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type = PageQuery.self,
        _ make: @escaping @Sendable (CalendarDate?, HTMLContext) throws -> HTML
    ) async throws -> Response {
        try await renderPage(request, context, query) { parameters, frame in try make(parameters.asOf, frame.html) }
    }

    /// A page made of one report, asked with the page's parameters (its date, the moment the case
    /// is known as of); with `?format=`, the report as a file to download instead.
    func page<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ query: Query.Type,
        downloads: [DownloadFormat] = [], _ make: @escaping @Sendable (Query) throws -> any Report
    ) async throws -> Response {
        let question = try PageQuestion(query, request)
        if let response = try await download(request, context, question, downloads, make) {
            return response
        }
        return try await renderPage(request, context, question) { parameters, frame in
            var html = try Self.html(make(parameters), frame.html)
            html.body = Self.downloadLinks(request.uri, downloads) + html.body
            return html.page(frame.html)
        }
    }

    /// A report as HTML; every report a page is made of has an HTML form.
    static func html(_ report: any Report, _ context: HTMLContext) throws -> HTMLReport {
        guard let html = report.render(in: HTMLFormat(context: context)) else {
            throw APIProblem(.bug, detail: "the report has no HTML form")
        }
        return html
    }

    /// A page made of several reports' bodies under one title (and, for an editor, `forms`
    /// after them).
    func composite(
        _ request: Request, _ context: ParleyContext, _ question: PageQuestion<PageQuery>,
        named: @escaping @Sendable (HTMLNames) -> (title: String, heading: HTML),
        forms: (@Sendable (PageFrame) throws -> HTML)? = nil,
        _ make: @escaping @Sendable (PageQuery) throws -> [(heading: String?, report: any Report)]
    ) async throws -> Response {
        try await renderPage(request, context, question) { parameters, frame in
            var body: HTML = ""
            var notes: [ReportNote] = []
            for part in try make(parameters) {
                if let heading = part.heading { body += "<h2>\(heading)</h2>\n" }
                let html = try Self.html(part.report, frame.html)
                body += html.body
                notes += html.notes.filter { !notes.contains($0) }
            }
            if frame.editor, let forms { body += try forms(frame) }
            let name = named(frame.html.links.names)
            return Self.page(
                title: name.title, heading: name.heading, body: body, notes: notes, navigation: frame.html.navigation)
        }
    }

    /// A list of records with links to their pages, downloadable as the CLI's lists are, with the
    /// filters of the API's list endpoint (`Question`) as a GET form (`filters` makes its
    /// fields), so that the URL, the downloads and the date box keep them.
    func list<Record: Listable, Question: QueryParameters>(
        _ request: Request, _ context: ParleyContext, title: String, _ question: Question.Type,
        filters: @escaping @Sendable (Question) -> HTML,
        forms: (@Sendable (PageFrame) throws -> HTML)? = nil,
        _ make:
            @escaping @Sendable (Question) throws -> (RecordList<Record>, [(id: String, href: String, text: String)])
    )
        async throws -> Response
    {
        let asked = try PageQuestion(PageAsking<Question>.self, request)
        if let response = try await download(request, context, asked, [.csv, .json], { try make($0.question).0 }) {
            return response
        }
        let path = request.uri.path
        return try await renderPage(request, context, asked) { [self] parameters, frame in
            let (list, rows) = try make(parameters.question)
            let query = Self.query(asOf: parameters.asOf)
            var body = Self.filterForm(
                action: path, asOf: parameters.asOf, filters(parameters.question), pickers: try pickers())
            body += Self.downloadLinks(request.uri, [.csv, .json])
            body += rows.isEmpty ? "<p>\(list.emptyMessage)</p>\n" : "<ul class=\"records\">\n"
            for row in rows {
                body +=
                    "<li><a href=\"\(row.href + query)\">\(row.text)</a> <small class=\"id\">\(row.id)</small></li>\n"
            }
            if !rows.isEmpty { body += "</ul>\n" }
            if frame.editor, let forms { body += try forms(frame) }
            return Self.page(title: title, body: body, navigation: frame.html.navigation)
        }
    }

    /// A list's filters as a GET form to `action` (its date kept), with a link that clears them.
    static func filterForm(action: String, asOf: CalendarDate?, _ fields: HTML, pickers: Pickers) -> HTML {
        let date: HTML = asOf.map { "<input type=\"hidden\" name=\"as_of\" value=\"\($0)\">" } ?? ""
        return """
            <form method="get" action="\(action)" class="filters">\(date)
            \(fields)<button>Filter</button> <a href="\(action + query(asOf: asOf))">clear</a>
            </form>
            \(pickers.datalists)
            """
    }

    /// One box of a filter form: `name` with its `value`, offering the picker `list`'s ids
    /// (`pick-party`) or asking for a date.
    static func filterField(_ name: String, _ value: String?, list: String? = nil, size: Int = 14, date: Bool = false)
        -> HTML
    {
        var attributes: HTML = "size=\"\(date ? 10 : size)\""
        if let list { attributes += " list=\"\(list)\" autocomplete=\"off\"" }
        if date { attributes += " placeholder=\"YYYY-MM-DD\"" }
        return "<label>\(name) <input name=\"\(name)\" value=\"\(value ?? "")\" \(attributes)></label>\n"
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
            .post("/sources", use: addSource)
            .get("/statements", use: statementList)
            .post("/statements", use: recordStatement)
            .get("/statements/new", use: newStatement)
            .get("/statements/:number", use: statementPage)
            .post("/statements/:number/amend", use: amendStatement)
            .post("/statements/:number/retract", use: retractStatement)
            .get("/agreements/:id", use: agreementPage)
            .post("/agreements/:id/steps", use: addAgreementStep)
            .get("/disputes/:id", use: disputePage)
            .post("/disputes/:id/steps", use: addDisputeStep)
            .post("/relations", use: relateLabels)
            .get("/issues/**", use: issue)
            .get("/parties/**", use: party)
            .get("/sources/**", use: source)
            .get("/diff", use: diff)
            .get("/search", use: search)
            .get("/review", use: reviewStart)
            .post("/review", use: reviewDrafts)
            .post("/review/record", use: reviewRecord)
            .get("/problems/:kind", use: problemType)
            .get("/signin", use: signInPage)
            .post("/signin", use: signIn)
            .post("/signout", use: signOut)
    }

    /// `/`: the disputes board.
    func disputes(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context, PageQuery.self, downloads: [.json, .html]) { [parley] in
            try parley.disputesReport(asOf: $0.asOf, knownAsOf: $0.knownAsOf)
        }
    }

    /// `/positions`: the positions matrix.
    func positions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context, PageQuery.self, downloads: [.csv, .json, .html]) { [parley] in
            try parley.positionsReport(asOf: $0.asOf, knownAsOf: $0.knownAsOf)
        }
    }

    /// `/agreements`.
    func agreements(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context, PageQuery.self, downloads: [.json]) { [parley] in
            try parley.agreementsReport(asOf: $0.asOf, knownAsOf: $0.knownAsOf)
        }
    }

    /// `/contradictions`.
    func contradictions(_ request: Request, context: ParleyContext) async throws -> Response {
        try await page(request, context, PageQuery.self, downloads: [.json]) { [parley] in
            try parley.contradictions(asOf: $0.asOf, knownAsOf: $0.knownAsOf)
        }
    }

    /// `/issues?party=P`: the issues (those the party has spoken on), each with a link to its page.
    func issues(_ request: Request, context: ParleyContext) async throws -> Response {
        let filters: @Sendable (IssuesQuery) -> HTML = { Self.filterField("party", $0.party, list: "pick-party") }
        return try await list(request, context, title: "Issues", IssuesQuery.self, filters: filters) { [parley] query in
            let list = try parley.issues(party: query.party)
            return (list, list.records.map { ($0.id, Self.path("/issues", $0.id), $0.title) })
        }
    }

    /// `/parties?issue=I`: the parties (those that have spoken on the issue).
    func parties(_ request: Request, context: ParleyContext) async throws -> Response {
        let filters: @Sendable (PartiesQuery) -> HTML = {
            Self.filterField("issue", $0.issue, list: "pick-issue", size: 20)
        }
        return try await list(request, context, title: "Parties", PartiesQuery.self, filters: filters) {
            [parley] query in
            let list = try parley.parties(onIssue: query.issue)
            return (list, list.records.map { ($0.id, Self.path("/parties", $0.id), $0.name) })
        }
    }

    /// `/sources?party=P&issue=I&since=D&until=D`: the sources that match; for an editor, a form
    /// that adds one (its text pasted or uploaded).
    func sources(_ request: Request, context: ParleyContext) async throws -> Response {
        let forms: @Sendable (PageFrame) throws -> HTML = { _ in Forms.source() }
        let filters: @Sendable (SourcesQuery) -> HTML = {
            Self.filterField("party", $0.party, list: "pick-party")
                + Self.filterField("issue", $0.issue, list: "pick-issue", size: 20)
                + Self.filterField("since", $0.since?.description, date: true)
                + Self.filterField("until", $0.until?.description, date: true)
        }
        return try await list(request, context, title: "Sources", SourcesQuery.self, filters: filters, forms: forms) {
            [parley] query in
            let list = try parley.sources(query.filter)
            return (list, list.records.map { ($0.id, Self.path("/sources", $0.id), "\($0.published) · \($0.title)") })
        }
    }

    /// `/issues/ID`: where each party stands on the issue as of the date, then its timeline and
    /// history; for an editor, forms to record a statement on it and to relate its labels.
    func issue(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        let history: @Sendable (PageQuery) throws -> any Report = { [parley] in
            try parley.history(issue: id, knownAsOf: $0.knownAsOf)
        }
        let question = try PageQuestion(PageQuery.self, request)
        if let response = try await download(request, context, question, [.json], history) {
            return response
        }
        let named: @Sendable (HTMLNames) -> (title: String, heading: HTML) = {
            Self.named(id, $0.issues[id], kind: "Issue")
        }
        let forms: @Sendable (PageFrame) throws -> HTML = { [self] _ in
            let labels = try parley.labelsByIssue().filter { $0.key == id || $0.key.hasPrefix(id + "/") }
            return try Forms.statement(
                values: [.issue: id], pickers: try pickers(), action: "/statements",
                back: Self.path("/issues", id), heading: "Record a statement on this issue")
                + Forms.relation(issue: id, labels: labels.flatMap(\.value))
        }
        return try await composite(request, context, question, named: named, forms: forms) { [parley] in
            let page = try parley.issueOverview(id, asOf: $0.asOf, knownAsOf: $0.knownAsOf)
            return [("Positions", page.positions), (nil, page.history)]
        }
    }

    /// `/parties/ID`: the party's positions as of the date, and what it has said; for an editor,
    /// a form to record its statement.
    func party(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        let named: @Sendable (HTMLNames) -> (title: String, heading: HTML) = {
            Self.named(id, $0.parties[id], kind: "Party")
        }
        let forms: @Sendable (PageFrame) throws -> HTML = { [self] _ in
            try Forms.statement(
                values: [.party: id], pickers: try pickers(), action: "/statements",
                back: Self.path("/parties", id), heading: "Record a statement by this party")
        }
        let question = try PageQuestion(PageQuery.self, request)
        return try await composite(request, context, question, named: named, forms: forms) { [parley] in
            let page = try parley.partyOverview(id, asOf: $0.asOf, knownAsOf: $0.knownAsOf)
            return [("Positions", page.positions), ("Statements", page.statements)]
        }
    }

    /// `/sources/ID`: the source, what it reports, and its stored text; for an editor, a link to
    /// review its text for statements.
    func source(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = Self.id(context)
        return try await renderPage(request, context, SourcePageQuery.self) { [parley] query, frame in
            let source = try parley.source(id)
            let text = source.text.flatMap { $0.isEmpty ? nil : $0 }
            let statements = try Self.html(parley.statements(StatementFilter(source: id)), frame.html)
            var body: HTML = ""
            if let count = query.recorded?.count {
                body += Forms.notices(["Recorded \(count) statement\(count == 1 ? "" : "s") from this source."])
            }
            body += "<p>Published \(source.published)"
            if let publisher = source.publisher { body += " by \(publisher)" }
            if let reliability = source.reliability { body += " · reliability \(reliability.rawValue)" }
            body += "</p>\n"
            if let url = source.url, url.hasPrefix("https://") || url.hasPrefix("http://") {
                body += "<p><a href=\"\(url)\" rel=\"noreferrer noopener\">\(url)</a></p>\n"
            }
            if frame.editor, text != nil {
                body += "<p><a href=\"/review?source=\(id)\">Review its text for statements</a></p>\n"
            }
            body += "<h2>What it reports</h2>\n" + statements.body
            if let text {
                body +=
                    "<details class=\"source-text\"><summary>Its text</summary><pre class=\"article\">\(text)</pre></details>\n"
            }
            return Self.page(
                title: source.title, heading: "\(source.title) <small class=\"id\">\(id)</small>", body: body,
                notes: statements.notes, navigation: frame.html.navigation)
        }
    }

    /// `/diff?from=D1&to=D2`: what changed between two dates; without them, a form that asks.
    func diff(_ request: Request, context: ParleyContext) async throws -> Response {
        let query = try QueryParameterDecoder.decode(DiffPageQuery.self, from: request)
        guard let from = query.from, let to = query.to else {
            return try await renderPage(request, context, DiffPageQuery.self) { query, frame in
                let known: HTML =
                    query.knownAsOf.map { "<input type=\"hidden\" name=\"known_as_of\" value=\"\($0.given)\">" } ?? ""
                let form: HTML = """
                    <form method="get" action="/diff">\(known)<label>From <input name="from" placeholder="YYYY-MM-DD" required></label>
                    <label>to <input name="to" placeholder="YYYY-MM-DD" required></label> <button>Compare</button></form>
                    """
                return Self.page(title: "Changes between two dates", body: form, navigation: frame.html.navigation)
            }
        }
        guard from.endKey < to.endKey else {
            throw APIProblem.badRequest("from \(from) is not before to \(to)")
        }
        return try await page(request, context, DiffPageQuery.self, downloads: [.csv, .json]) { [parley] in
            try parley.diff(from: from, to: to, knownAsOf: $0.knownAsOf)
        }
    }

    /// A record's page title and heading: its name, with its id in small type.
    static func named(_ id: String, _ name: String?, kind: String) -> (title: String, heading: HTML) {
        guard let name else { return ("\(kind) \(id)", HTML(text: "\(kind) \(id)")) }
        return (name, "\(name) <small class=\"id\">\(kind.lowercased()) \(id)</small>")
    }
}

/// What a page is being made with: its date, the moment the case is known as of, its HTML
/// context (links, names, the navigation's place) and whether it is an editor's (with forms).
struct PageFrame: Sendable {
    var asOf: CalendarDate?
    var knownAsOf: KnownAsOf? = nil
    var html: HTMLContext
    var editor: Bool
}

/// A page's query: at least the date it shows the case as of, and the format to download; a
/// report's page also the moment the case is known as of (`known_as_of`, as the API takes it).
protocol PageParameters: QueryParameters {
    var asOf: CalendarDate? { get }
    var format: DownloadFormat? { get }
    var knownAsOf: KnownAsOf? { get }
}

extension PageParameters {
    /// None: a page that does not take `known_as_of` shows the case as recorded now.
    var knownAsOf: KnownAsOf? { nil }
}

/// A page's query, read once: its parameters, and the question in the normal form its answers
/// are kept under (``QueryParameterDecoder/decodeWithKey(_:from:emptyIsAbsent:)``).
struct PageQuestion<Query: PageParameters>: Sendable {
    var parameters: Query
    var key: String

    init(_ type: Query.Type, _ request: Request) throws {
        (parameters, key) = try QueryParameterDecoder.decodeWithKey(type, from: request)
    }
}

/// A page that asks an API endpoint's question: the endpoint's parameters, read as the endpoint
/// reads them (into `Question`, which makes the use case's query), with the page's date and
/// download format.
struct PageAsking<Question: QueryParameters>: PageParameters {
    var question: Question
    var asOf: CalendarDate?
    var format: DownloadFormat?

    /// The question's parameters, then `as_of` and `format`.
    struct Name: CodingKey, CaseIterable {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.init(stringValue) }
        init?(intValue: Int) { nil }

        static var asOf: Name { Name("as_of") }
        static var format: Name { Name("format") }

        static var allCases: [Name] {
            let names = Question.Name.allCases.map(\.stringValue)
            return names.map(Name.init) + [asOf, format].filter { !names.contains($0.stringValue) }
        }
    }

    init(from decoder: any Decoder) throws {
        question = try Question(from: decoder)
        let container = try decoder.container(keyedBy: Name.self)
        asOf = try container.decodeIfPresent(CalendarDate.self, forKey: .asOf)
        format = try container.decodeIfPresent(DownloadFormat.self, forKey: .format)
    }
}

/// `/sources/ID?recorded=N`: after a review, how many statements it recorded.
struct SourcePageQuery: PageParameters {
    var recorded: RecordedCount?
    var asOf: CalendarDate?
    var format: DownloadFormat?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case recorded, format
        case asOf = "as_of"
    }
    typealias Name = CodingKeys
}

/// How many statements a write recorded, as a page's parameter says it.
struct RecordedCount: QueryValue, Sendable {
    var count: Int

    init(parameter name: String, text: String) throws {
        guard let count = Int(text), count >= 0 else {
            throw APIProblem.badRequest("\(name) \(Echo.plain(text)): a number of statements")
        }
        self.count = count
    }
}

/// `?as_of=DATE&known_as_of=K&format=F`, which the reports' pages and the issue, party,
/// agreement and dispute pages take.
struct PageQuery: PageParameters {
    var asOf: CalendarDate?
    var known: KnownAsOfParameter?
    var format: DownloadFormat?

    var knownAsOf: KnownAsOf? { known?.moment }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case asOf = "as_of"
        case known = "known_as_of"
        case format
    }
    typealias Name = CodingKeys
}

/// `/diff?from=DATE&to=DATE&known_as_of=K` (and the date box's `as_of`).
struct DiffPageQuery: PageParameters {
    var from: CalendarDate?
    var to: CalendarDate?
    var asOf: CalendarDate?
    var known: KnownAsOfParameter?
    var format: DownloadFormat?

    var knownAsOf: KnownAsOf? { known?.moment }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case from, to, format
        case asOf = "as_of"
        case known = "known_as_of"
    }
    typealias Name = CodingKeys
}
