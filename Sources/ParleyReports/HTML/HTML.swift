import Foundation
import ParleyModel

/// Writing self-contained HTML: escaped text, one page with inline CSS (readable on a phone,
/// printable), no script and no request to any other host. A served page links the same CSS
/// instead, so that the server's Content-Security-Policy can forbid inline style; no element
/// carries a `style` attribute either way.
public enum HTML {
    /// `text` safe inside an element or a quoted attribute: `& < > " '` become references, and
    /// control and bidirectional-override characters are shown escaped (``Terminal/visible(_:)``).
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in Terminal.visible(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A whole page: `title` in the head and as the heading, `body` (already HTML) under it, and
    /// the notes at the foot. `navigation` is a served page's navigation (empty in a file), and
    /// `stylesheet` the address of ``css`` for a served page (nil: the CSS inline).
    public static func page(
        title: String, body: String, notes: [ReportNote] = [], navigation: String = "", stylesheet: String? = nil
    ) -> String {
        let style = stylesheet.map { "<link rel=\"stylesheet\" href=\"\(escape($0))\">" } ?? "<style>\(css)</style>"
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="Parley">
            <title>\(escape(title))</title>
            \(style)
            </head>
            <body>

            """
        if !navigation.isEmpty { out += navigation + "\n" }
        out += "<main>\n<h1>\(escape(title))</h1>\n" + body
        if !notes.isEmpty {
            out += "<footer class=\"notes\">\n"
            for note in notes { out += "<p>\(escape(note.text))</p>\n" }
            out += "</footer>\n"
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    /// The page's style: system fonts, a readable measure, tables that scroll on a phone, a
    /// print layout without the navigation, and a class per label colour (``palette``).
    public static let css =
        layout
        + palette.enumerated().map { ".label.c\($0.offset){background:\($0.element)}" }
        .joined()

    private static let layout = """
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
        .diverges{color:var(--red);font-weight:600}
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

    /// A table with a header row; cells are HTML already.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "<div class=\"table\"><table>\n<thead><tr>"
        for cell in header { out += "<th>\(escape(cell))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return out + "</tbody></table></div>\n"
    }
}

/// The colours of the stance labels on one page: a label gets the next colour the first time it
/// is shown, and keeps it in every part of the page.
public final class LabelColours: @unchecked Sendable {
    private var colours: [String: Int] = [:]
    private let lock = NSLock()

    public init() {}

    /// The place of the label's colour in ``HTML/palette``.
    func index(_ label: String) -> Int {
        lock.lock()
        defer { lock.unlock() }
        if let index = colours[label] { return index }
        let index = colours.count % HTML.palette.count
        colours[label] = index
        return index
    }

    /// The label's colour (`#1f77b4`).
    func colour(_ label: String) -> String { HTML.palette[index(label)] }

    /// A label as a coloured chip: its colour a class of the page's style (`label c0`).
    func chip(_ label: String) -> String {
        "<span class=\"label c\(index(label))\">\(HTML.escape(label))</span>"
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

    func link(_ text: String, _ href: String?) -> String {
        guard let href else { return HTML.escape(text) }
        return "<a href=\"\(HTML.escape(href))\">\(HTML.escape(text))</a>"
    }

    /// The id as a link to its page, or as text.
    func issueLink(_ id: String) -> String { link(id, issue(id)) }
    func partyLink(_ id: String) -> String { link(id, party(id)) }
    func sourceLink(_ id: String) -> String { link(id, source(id)) }
}
