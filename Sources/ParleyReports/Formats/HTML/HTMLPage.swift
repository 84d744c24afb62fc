import ParleyModel
import Synchronization

extension HTML {
    /// A whole page: `title` in the head and as the heading, `body` under it, and the notes at the
    /// foot. `navigation` is a served page's navigation (empty in a file), and `stylesheet` the
    /// address of ``css`` for a served page (nil: the CSS inline, a self-contained file). The page
    /// writes no script of its own (a served page's `body` may load one from its server, as the
    /// review page does, never inline), no request to any other host, and no element with a
    /// `style` attribute, so that a server's Content-Security-Policy can forbid inline script and
    /// style.
    public static func page(
        title: String, body: HTML, notes: [ReportNote] = [], navigation: HTML = "", stylesheet: String? = nil
    ) -> HTML {
        page(
            title: title, heading: HTML(text: title), body: body, notes: notes, navigation: navigation,
            stylesheet: stylesheet)
    }

    /// A whole page whose heading is `heading` (markup: a name with its id in small type) and
    /// whose title, in the browser's tab, is `title`.
    public static func page(
        title: String, heading: HTML, body: HTML, notes: [ReportNote] = [], navigation: HTML = "",
        stylesheet: String? = nil
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
        out += "<main>\n<h1>\(heading)</h1>\n" + body
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
        small.id{color:var(--muted);font-size:.75rem;font-weight:400}
        .summary{display:inline-block;margin-top:.15rem}
        figure{margin:.5rem 0 1.5rem}.legend{font-size:.85rem;margin-top:.25rem}.legend .label{margin:.1rem 0}
        svg .step-label{font-size:11px;fill:#444}
        @media (max-width:40rem){main{padding:.5rem}.table table,.table tbody,.table tr,.table td{display:block;width:100%}.table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}.table tr{border:1px solid var(--line);border-radius:6px;margin:.5rem 0;padding:.25rem .5rem}.table td{border:0;padding:.15rem 0}.table td[data-label]::before{content:attr(data-label);display:block;font-size:.7rem;font-weight:600;letter-spacing:.03em;text-transform:uppercase;color:var(--muted)}.card{padding:.5rem .6rem}nav{padding:.5rem}nav form{margin-left:0}}
        @media print{nav{display:none}main{max-width:none}.card{break-inside:avoid}a{color:inherit}svg.timeline{min-width:0}}

        """

    /// The served workspace's own style (forms, the statement page, the review page), added to
    /// ``css`` by the server; a report written to a file has no forms and does without it.
    public static var workspaceCSS: String { workspace.markup }

    private static let workspace: HTML = """
        nav .account{display:flex;gap:.5rem;align-items:center}nav .account form,nav form.search{margin-left:0}
        .downloads{font-size:.9rem;color:var(--muted)}.records li{margin:.15rem 0}
        .form{border-top:1px solid var(--line);margin-top:2rem}
        form.fields{display:grid;grid-template-columns:9rem minmax(0,1fr);gap:.5rem .75rem;align-items:start;max-width:52rem}
        form.fields>label{font-weight:600;padding-top:.3rem}form.fields small{display:block;color:var(--muted);font-size:.8rem}
        input,select,textarea,button{font:inherit;max-width:100%}textarea{width:100%}
        button{padding:.25rem .75rem;border:1px solid var(--line);border-radius:6px;background:var(--soft);cursor:pointer}
        .problems{border:1px solid var(--red);border-left:6px solid var(--red);border-radius:6px;padding:.25rem .75rem;margin:.5rem 0}
        .notice{border:1px solid var(--line);border-left:6px solid #2ca02c;border-radius:6px;padding:.25rem .75rem;margin:.5rem 0}
        .confirm{background:#fff8c5;border-radius:6px;padding:.25rem .5rem}
        form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0}
        dl.record{display:grid;grid-template-columns:9rem minmax(0,1fr);gap:.25rem .75rem}dl.record dt{font-weight:600}dl.record dd{margin:0}
        .retracted{color:var(--red)}ol.log li{margin:.25rem 0}del{color:var(--red)}ins{color:#1a7f37;text-decoration:none}
        pre.article{white-space:pre-wrap;font:inherit;background:var(--soft);padding:.75rem;border-radius:6px}
        .review-layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.1fr);gap:1.5rem;align-items:start}
        .review-layout section.article{position:sticky;top:0;max-height:100vh;overflow-y:auto}
        a.span{color:inherit;text-decoration:none}a.span sup{color:#0969da;font-weight:600;margin-left:.1rem}
        a.span:target mark,fieldset.draft:target{outline:2px solid #0969da}
        fieldset.draft{min-width:0;border:1px solid var(--line);border-radius:6px;margin:.75rem 0;padding:.5rem .75rem}
        fieldset.draft.refused{border-left:6px solid var(--red)}fieldset.draft legend{font-weight:600}
        fieldset.draft .fields{display:grid;grid-template-columns:6rem minmax(0,1fr);gap:.35rem .5rem}
        fieldset.draft .fields small{display:block;color:var(--muted);font-size:.8rem}
        .decision{margin:.25rem 0}.decision label{font-weight:600}
        fieldset.draft:not(.refused):has(input[name^=accept_]:checked){border-left:6px solid #2ca02c}a.span.accepted mark{background:#c6efc6}
        fieldset.draft.rejected{opacity:.6}a.span.rejected mark{background:none;text-decoration:line-through}
        fieldset.draft.current{outline:3px solid #0969da;outline-offset:2px}a.span.current mark{outline:2px solid #0969da}
        fieldset.draft{scroll-margin:1rem 0 5rem}fieldset.draft.added{background:var(--soft)}
        .keys{font-size:.85rem;color:var(--muted)}.keys span{white-space:nowrap}.to-drafts{display:none}kbd{font:.8rem ui-monospace,monospace;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;padding:0 .3rem;background:var(--paper);color:var(--ink)}
        .review-submit{position:sticky;bottom:0;background:var(--paper);padding:.5rem 0;border-top:1px solid var(--line);margin:0}
        .review-submit small{color:var(--muted);font-size:.8rem}
        @media (max-width:40rem){form.fields,dl.record,.review-layout,fieldset.draft .fields{grid-template-columns:minmax(0,1fr)}\
        .review-layout section.article{position:static;max-height:none}form.fields>label{padding-top:0}\
        .to-drafts{display:inline}.review-submit small{display:block;line-height:1.3}}

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
        for row in rows {
            out += "<tr>" + zip(header, row).map { "<td data-label=\"\($0)\">\($1)</td>" }.joined() + "</tr>\n"
        }
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
    /// The disputes board's cards kept from earlier pages made with these links (a served board
    /// made again after each write); nil: every card made.
    public var cards: HTMLCards?

    public init(
        links: HTMLLinks = .none, navigation: HTML = "", colours: LabelColours = LabelColours(),
        stylesheet: String? = nil, cards: HTMLCards? = nil
    ) {
        self.links = links
        self.navigation = navigation
        self.colours = colours
        self.stylesheet = stylesheet
        self.cards = cards
    }
}

/// The colours of the stance labels: a label's colour comes from the label itself (a hash of its
/// text), so that it is the same on every page, every date and every report, whatever else the
/// page shows.
public final class LabelColours: Sendable {
    public init() {}

    /// The place of the label's colour in ``HTML/palette``: FNV-1a of its UTF-8 bytes.
    func index(_ label: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in label.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(HTML.palette.count))
    }

    /// The label's colour (`#1f77b4`).
    func colour(_ label: String) -> String { HTML.palette[index(label)] }

    /// A label as a coloured chip: its colour a class of the page's style (`label c0`).
    public func chip(_ label: String) -> HTML {
        "<span class=\"label c\(index(label))\">\(label)</span>"
    }
}

/// What records are called, for a served page: a party's, an actor's name, an issue's, a
/// source's title in place of their ids (the id beside them in small type). Without them (a
/// file), ids are shown.
public struct HTMLNames: Sendable {
    public var parties: [String: String]
    public var issues: [String: String]
    public var actors: [String: String]
    public var sources: [String: String]

    public init(
        parties: [String: String] = [:], issues: [String: String] = [:], actors: [String: String] = [:],
        sources: [String: String] = [:]
    ) {
        self.parties = parties
        self.issues = issues
        self.actors = actors
        self.sources = sources
    }

    /// No names: ids are shown.
    public static let none = HTMLNames()
}

/// Links between pages, when the page is served; in a file, plain text.
public struct HTMLLinks: Sendable {
    /// The address of an issue's page, a party's, a source's; nil for no links.
    public var issue: @Sendable (String) -> String?
    public var party: @Sendable (String) -> String?
    public var source: @Sendable (String) -> String?
    /// The address of a statement's page, by its number.
    public var statement: @Sendable (Int64) -> String?
    /// Names to show in place of ids.
    public var names: HTMLNames

    public init(
        issue: @escaping @Sendable (String) -> String?, party: @escaping @Sendable (String) -> String?,
        source: @escaping @Sendable (String) -> String?,
        statement: @escaping @Sendable (Int64) -> String? = { _ in nil },
        names: HTMLNames = .none
    ) {
        self.issue = issue
        self.party = party
        self.source = source
        self.statement = statement
        self.names = names
    }

    /// No links: a report written to a file.
    public static let none = HTMLLinks(issue: { _ in nil }, party: { _ in nil }, source: { _ in nil })

    func link(_ text: String, _ href: String?) -> HTML {
        guard let href else { return HTML(text: text) }
        return "<a href=\"\(href)\">\(text)</a>"
    }

    /// A record's name linked to its page, with its id in small type; the id alone without a name.
    func named(_ id: String, _ name: String?, _ href: String?) -> HTML {
        guard let name, !name.isEmpty else { return link(id, href) }
        return link(name, href) + (Self.isSpelledAs(name, id) ? "" : " <small class=\"id\">\(id)</small>")
    }

    /// Whether an id is its name in other letters (`armenia` for "Armenia"): then it is not repeated.
    static func isSpelledAs(_ name: String, _ id: String) -> Bool {
        name.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-") == id
    }

    /// The issue's title (or id) as a link to its page, or as text.
    public func issueLink(_ id: String) -> HTML { named(id, names.issues[id], issue(id)) }
    /// The party's name (or id) as a link to its page, or as text.
    public func partyLink(_ id: String) -> HTML { named(id, names.parties[id], party(id)) }
    /// The source's title (or id), shortened, as a link to its page, or as text.
    public func sourceLink(_ id: String) -> HTML { named(id, names.sources[id].map(Self.short), source(id)) }
    /// The actor's name (or id), with its id in small type; actors have no page.
    public func actorName(_ id: String) -> HTML { named(id, names.actors[id], nil) }
    /// The party's name, or its id without one: for text that cannot hold markup (an SVG label).
    public func partyName(_ id: String) -> String { names.parties[id].flatMap { $0.isEmpty ? nil : $0 } ?? id }

    /// A title cut at a word to about 60 characters, with an ellipsis when cut.
    static func short(_ title: String) -> String {
        guard title.count > 60 else { return title }
        var out = ""
        for word in title.split(separator: " ") {
            if out.count + word.count + 1 > 56 { break }
            out += out.isEmpty ? String(word) : " " + word
        }
        return (out.isEmpty ? String(title.prefix(56)) : out) + "…"
    }
    /// `#12`, linked to the statement's page when served.
    public func statementLink(_ number: Int64) -> HTML {
        guard let href = statement(number) else { return "#\(number)" }
        return "<a href=\"\(href)\">#\(number)</a>"
    }
}
