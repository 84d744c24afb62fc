import ParleyModel
import Synchronization

extension HTML {
    /// A whole page: `title` in the head and as the heading, `body` under it, and the notes at the
    /// foot. `navigation` is a served page's navigation (empty in a file), and `stylesheet` the
    /// address of ``css`` for a served page (nil: the CSS inline, a self-contained file). No
    /// script, no request to any other host, and no element with a `style` attribute, so that a
    /// server's Content-Security-Policy can forbid inline style.
    public static func page(
        title: String, body: HTML, notes: [ReportNote] = [], navigation: HTML = "", stylesheet: String? = nil
    ) -> HTML {
        let style: HTML = stylesheet.map { "<link rel=\"stylesheet\" href=\"\($0)\">" } ?? "<style>\(styles)</style>"
        var out: HTML = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Parley">
            <title>\(title)</title>
            \(style)
            </head>
            <body>

            """
        if !navigation.isEmpty { out += navigation + "\n" }
        out += "<main>\n<h1>\(title)</h1>\n" + body
        if !notes.isEmpty {
            out += "<footer class=\"notes\">\n"
            for note in notes { out += "<p>\(note.text)</p>\n" }
            out += "</footer>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The pages' stylesheet, as a served page links it (``page(title:body:notes:navigation:stylesheet:)``).
    public static var css: String { styles.markup }

    /// The page's style: system fonts, a readable measure, tables that scroll on a phone, a
    /// print layout without the navigation, and a class per label colour (``palette``).
    static let styles: HTML =
        layout + palette.enumerated().map { ".label.c\($0.offset){background:\($0.element)}" }.joined()

    private static let layout: HTML = """
        :root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--paper:#fff;--soft:#f6f8fa;--red:#b42318;--amber:#9a6700}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--paper)}
        main{max-width:72rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}h3{font-size:1.05rem;margin:1rem 0 .25rem}
        a{color:#0969da}
        nav{background:var(--soft);border-bottom:1px solid var(--line);padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
        nav form{margin-left:auto;display:flex;gap:.5rem;align-items:center}
        .table{overflow-x:auto}
        table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.95rem}
        th,td{border:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--soft)}
        .card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
        .card.recorded{border-left:6px solid var(--red)}.card.apparent{border-left:6px solid var(--amber)}.card.stale{border-left:6px solid var(--line);opacity:.8}
        .tag{display:inline-block;font-size:.75rem;font-weight:600;letter-spacing:.03em;text-transform:uppercase;padding:0 .4rem;border-radius:4px;background:var(--soft);border:1px solid var(--line)}
        .muted,.notes{color:var(--muted)}.notes{font-size:.9rem;border-top:1px solid var(--line);margin-top:2rem}
        .label{display:inline-block;border-radius:4px;padding:0 .35rem;color:#fff;font-size:.9rem}
        .stale{opacity:.55}
        .diverges,.overdue{color:var(--red);font-weight:600}
        blockquote{margin:.25rem 0 .25rem 1rem;padding-left:.75rem;border-left:3px solid var(--line);color:var(--muted)}
        mark{background:#fff3b0;color:inherit}
        .scroll{overflow-x:auto}
        svg.timeline{width:100%;min-width:720px;height:auto;font:12px system-ui,sans-serif}
        @media print{nav{display:none}main{max-width:none}.card{break-inside:avoid}a{color:inherit}svg.timeline{min-width:0}}

        """

    /// Colours for stance labels, distinct on white and in print; a label keeps its colour
    /// throughout a page.
    static let palette = [
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
        "#bcbd22", "#393b79", "#637939",
    ]

    /// A table with a header row; the cells are HTML.
    static func table(_ header: [String], _ rows: [[HTML]]) -> HTML {
        var out: HTML = "<div class=\"table\"><table>\n<thead><tr>"
        for cell in header { out += "<th>\(cell)</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table></div>\n"
    }
}

/// A report made into HTML: its title, its content under the heading, and the notes for the
/// foot of the page. A served page may put several reports' bodies under one title.
public struct HTMLReport: Hashable, Sendable {
    public var title: String
    public var body: HTML
    public var notes: [ReportNote]

    public init(title: String, body: HTML, notes: [ReportNote]) {
        self.title = title
        self.body = body
        self.notes = notes
    }

    /// The report as a whole page, with the context's navigation and stylesheet.
    public func page(_ context: HTMLContext) -> HTML {
        HTML.page(
            title: title, body: body, notes: notes, navigation: context.navigation, stylesheet: context.stylesheet)
    }
}

/// How an HTML page is put together: the links between pages, a navigation bar and a linked
/// stylesheet when the page is served; none of them in a file.
public struct HTMLContext: Sendable {
    public var links: HTMLLinks
    /// Put above the page's heading (a served page's navigation and date control).
    public var navigation: HTML
    /// The stance labels' colours, shared by every part of one page.
    public var colours: LabelColours
    /// The address of the page's stylesheet (``HTML/css``), for a served page whose policy allows
    /// no inline style; nil for a self-contained file, which carries it inline.
    public var stylesheet: String?

    public init(
        links: HTMLLinks = .none, navigation: HTML = "", colours: LabelColours = LabelColours(),
        stylesheet: String? = nil
    ) {
        self.links = links
        self.navigation = navigation
        self.colours = colours
        self.stylesheet = stylesheet
    }
}

/// The colours of the stance labels on one page: a label gets the next colour the first time it
/// is shown, and keeps it in every part of the page.
public final class LabelColours: Sendable {
    private let colours = Mutex<[String: Int]>([:])

    public init() {}

    /// The place of the label's colour in ``HTML/palette``.
    func index(_ label: String) -> Int {
        colours.withLock { colours in
            if let index = colours[label] { return index }
            let index = colours.count % HTML.palette.count
            colours[label] = index
            return index
        }
    }

    /// The label's colour (`#1f77b4`).
    func colour(_ label: String) -> String { HTML.palette[index(label)] }

    /// A label as a coloured chip: its colour a class of the page's style (`label c0`).
    func chip(_ label: String) -> HTML {
        "<span class=\"label c\(index(label))\">\(label)</span>"
    }
}

/// Links between pages, when the page is served; in a file, plain text.
public struct HTMLLinks: Sendable {
    /// The address of an issue's page, a party's, a source's; nil for no links.
    public var issue: @Sendable (String) -> String?
    public var party: @Sendable (String) -> String?
    public var source: @Sendable (String) -> String?

    public init(
        issue: @escaping @Sendable (String) -> String?, party: @escaping @Sendable (String) -> String?,
        source: @escaping @Sendable (String) -> String?
    ) {
        self.issue = issue
        self.party = party
        self.source = source
    }

    /// No links: a report written to a file.
    public static let none = HTMLLinks(issue: { _ in nil }, party: { _ in nil }, source: { _ in nil })

    func link(_ text: String, _ href: String?) -> HTML {
        guard let href else { return HTML(text: text) }
        return "<a href=\"\(href)\">\(text)</a>"
    }

    /// The id as a link to its page, or as text.
    func issueLink(_ id: String) -> HTML { link(id, issue(id)) }
    func partyLink(_ id: String) -> HTML { link(id, party(id)) }
    func sourceLink(_ id: String) -> HTML { link(id, source(id)) }
}
