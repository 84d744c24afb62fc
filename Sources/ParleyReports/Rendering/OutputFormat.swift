import ParleyModel

/// The formats every report renders to.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// For a terminal: aligned columns wrapped to the width, colour only when asked for.
    case text
    /// GitHub-flavoured Markdown, for committing and sharing.
    case markdown
    /// Stable JSON: sorted keys, ISO dates, the fields documented in the README.
    case json
    /// RFC 4180 CSV with a header row, for spreadsheets: tables only (see ``Renderable/csv()``).
    case csv
    /// One JSON object per line: statements only (see ``Renderable/jsonLines()``).
    case jsonl
    /// A self-contained web page: inline CSS and SVG, no script (see ``Renderable/html(_:)``).
    case html
}

/// How an HTML page is put together: the links between pages, and a navigation bar, when the
/// page is served; neither in a file.
public struct HTMLContext: Sendable {
    public var links: HTMLLinks
    /// HTML put above the page's heading (a served page's navigation and date control).
    public var navigation: String
    /// The stance labels' colours, shared by every part of one page.
    public var colours: LabelColours
    /// The address of the page's stylesheet (``HTML/css``), for a served page whose policy allows
    /// no inline style; nil for a self-contained file, which carries it inline.
    public var stylesheet: String?

    public init(
        links: HTMLLinks = .none, navigation: String = "", colours: LabelColours = LabelColours(),
        stylesheet: String? = nil
    ) {
        self.links = links
        self.navigation = navigation
        self.colours = colours
        self.stylesheet = stylesheet
    }
}

/// How text output is laid out: the line width and whether ANSI colour may be used.
public struct TextStyle: Sendable, Hashable {
    public var width: Int
    public var color: Bool
    /// Whether tables are fitted to the width; a table written to a pipe is not wrapped at all,
    /// so that each row stays one line for `grep` and `cut`.
    public var wrapsTables: Bool

    public init(width: Int = 100, color: Bool = false, wrapsTables: Bool = true) {
        self.width = max(40, width)
        self.color = color
        self.wrapsTables = wrapsTables
    }

    // Colour is applied line by line, after wrapping, so escape codes never count toward the width.
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }

    private func paint(_ text: String, _ code: String) -> String {
        guard color else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\u{1B}[\(code)m\($0)\u{1B}[0m" }
            .joined(separator: "\n")
    }
}

/// A report value that renders to every ``OutputFormat``. Each rendering is a pure function of
/// the report: no clock, no database, no environment.
public protocol Renderable: Sendable {
    /// Terminal text, wrapped to `style.width`.
    func text(style: TextStyle) -> String
    /// GitHub-flavoured Markdown.
    func markdown() -> String
    /// The JSON value (rendered with sorted keys).
    func json() -> JSONValue
    /// The report as one table, one row per record, for CSV; nil when it is not a table.
    func csv() -> CSVTable?
    /// The report as a stream of JSON objects, one per line; nil when it is not a list.
    func jsonLines() -> [JSONValue]?
}

/// A report that is also a web page.
public protocol HTMLRenderable: Renderable {
    /// The page's title and heading.
    var htmlTitle: String { get }
    /// The page's content under its heading (HTML).
    func htmlBody(_ context: HTMLContext) -> String
    /// The notes at the foot of the page.
    var htmlNotes: [ReportNote] { get }
}

extension HTMLRenderable {
    /// The report as a self-contained web page.
    public func page(_ context: HTMLContext) -> String {
        HTML.page(
            title: htmlTitle, body: htmlBody(context), notes: htmlNotes, navigation: context.navigation,
            stylesheet: context.stylesheet)
    }
}

extension Renderable {
    public func csv() -> CSVTable? { nil }
    public func jsonLines() -> [JSONValue]? { nil }

    /// The report as a web page; nil when it has none.
    public func html(_ context: HTMLContext = HTMLContext()) -> String? {
        (self as? any HTMLRenderable)?.page(context)
    }

    /// Whether the report can be rendered as `format`.
    public func supports(_ format: OutputFormat) -> Bool {
        switch format {
        case .text, .markdown, .json: return true
        case .csv: return csv() != nil
        case .jsonl: return jsonLines() != nil
        case .html: return self is any HTMLRenderable
        }
    }
}

/// A table for CSV: a header row and the records.
public struct CSVTable: Hashable, Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text: the header line, then one line per row.
    public var text: String {
        var out = CSVText.record(header)
        for row in rows { out += CSVText.record(row) }
        return out
    }
}

extension Renderable {
    /// The report in `format`, ending with a newline; `style` applies to `.text` only.
    public func rendered(as format: OutputFormat, style: TextStyle = TextStyle()) -> String {
        let body: String
        switch format {
        case .text: body = text(style: style)
        case .markdown: body = markdown()
        case .json: body = json().encoded()
        case .csv: return csv()?.text ?? ""
        case .jsonl: return (jsonLines() ?? []).map { $0.compact() + "\n" }.joined()
        case .html: return html(HTMLContext()) ?? ""
        }
        return body.hasSuffix("\n") ? body : body + "\n"
    }
}
