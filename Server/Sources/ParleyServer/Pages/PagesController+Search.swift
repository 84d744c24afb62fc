import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// `GET /search?q=WORDS`: the full-text search of `parley search`, its matched words marked, each
/// hit linking to its statement, source or record.
extension PagesController {
    func search(_ request: Request, context: ParleyContext) async throws -> Response {
        let make: @Sendable (SearchPageQuery) throws -> any Report = { [parley] query in
            try parley.search(query.question.searchQuery(defaultLimit: 50))
        }
        let question = try PageQuestion(SearchPageQuery.self, request)
        if question.parameters.question.q != nil,
            let response = try await download(request, context, question, [.csv, .json], make)
        {
            return response
        }
        return try await renderPage(request, context, question) { query, frame in
            var body = Self.searchForm(query.question)
            if query.question.q != nil, let report = try make(query) as? SearchReport {
                body += Self.downloadLinks(request.uri, [.csv, .json])
                body += Self.hits(report, frame.html)
            }
            let title = query.question.q.map { "Search: \($0)" } ?? "Search"
            return Self.page(title: title, body: body, navigation: frame.html.navigation)
        }
    }

    /// The search's form, as a GET form (so that the URL says what is searched).
    static func searchForm(_ query: SearchParameters) -> HTML {
        var scopes: HTML = ""
        for (value, label) in [
            ("all", "everything"), ("statements", "statements"), ("sources", "sources"), ("entities", "names"),
        ] {
            let selected: HTML = (query.scopes?.name ?? "all") == value ? " selected" : ""
            scopes += "<option value=\"\(value)\"\(selected)>\(label)</option>"
        }
        let all: HTML = query.all == true ? " checked" : ""
        return """
            <form method="get" action="/search" class="filters" role="search">
            <label>words <input type="search" name="q" value="\(query.q ?? "")" size="32" required></label>
            <label>in <select name="in">\(scopes)</select></label>
            <label>party <input name="party" value="\(query.party ?? "")" size="12"></label>
            <label>issue <input name="issue" value="\(query.issue ?? "")" size="16"></label>
            <label>since <input name="since" value="\(query.since?.description ?? "")" size="10" placeholder="YYYY-MM-DD"></label>
            <label>until <input name="until" value="\(query.until?.description ?? "")" size="10" placeholder="YYYY-MM-DD"></label>
            <label><input type="checkbox" name="all" value="true"\(all)> retracted too</label>
            <button>Search</button>
            </form>
            <p class="muted">Words match their forms ("control" finds "controls"); "quoted phrases", prefixes \
            (corrid*), AND, OR and NOT work too.</p>

            """
    }

    /// The hits, best first, each with its matched passages (words marked).
    static func hits(_ report: SearchReport, _ context: HTMLContext) -> HTML {
        guard !report.hits.isEmpty else { return "<p>Nothing found.</p>\n" }
        let links = context.links
        var out: HTML = "<ol class=\"hits\">\n"
        for hit in report.hits {
            let title: HTML
            switch hit.record {
            case .statement(let dated):
                let s = dated.statement
                title =
                    "\(links.statementLink(dated.sequence)) \(links.partyLink(s.party)) on \(links.issueLink(s.issue)): "
                    + "\(context.colours.chip(s.stance)) <span class=\"muted\">\(s.kind.rawValue), \(dated.effectiveDate)</span>"
            case .source(let source):
                title =
                    "\(links.sourceLink(source.id)) <span class=\"muted\">\(source.published)</span>"
            case .party(let party): title = links.partyLink(party.id)
            case .actor(let actor):
                title = "\(actor.name) <span class=\"muted\">speaks for</span> \(links.partyLink(actor.party))"
            case .issue(let issue): title = links.issueLink(issue.id)
            }
            out += "<li><span class=\"tag\">\(hit.kind)</span> \(title)"
            for match in hit.matches {
                out += "<br><span class=\"muted\">\(match.field):</span> \(marked(match.marked))"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n"
    }

    /// A matched passage with its matched words in `<mark>`.
    static func marked(_ text: String) -> HTML {
        var out: HTML = ""
        for (index, piece) in text.components(separatedBy: SearchQuery.matchStart).enumerated() {
            guard index > 0, let end = piece.range(of: SearchQuery.matchEnd) else {
                out += HTML(text: piece.replacingOccurrences(of: SearchQuery.matchEnd, with: ""))
                continue
            }
            out += "<mark>\(String(piece[..<end.lowerBound]))</mark>"
            out += HTML(text: String(piece[end.upperBound...]).replacingOccurrences(of: SearchQuery.matchEnd, with: ""))
        }
        return out
    }
}

/// `/search?q=WORDS&in=SCOPE&party=P&issue=I&since=D&until=D&limit=N&all=true&format=F`: the
/// API's search question, with the page's date and download format.
typealias SearchPageQuery = PageAsking<SearchParameters>
