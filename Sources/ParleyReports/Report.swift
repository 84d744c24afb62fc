import ParleyModel

/// A report: a value holding the answer to one question (its facts, their wording shared by all
/// formats, and its notes), with no formatting of its own. Each format writes every kind of
/// report (``ReportFormat``), the way GRDB's dump formats each write every row.
public protocol Report: Sendable {
    /// The report written by `format`: each report hands itself to the format's method for its
    /// own type.
    func render<Format: ReportFormat>(in format: Format) -> Format.Output
}

/// A way of writing reports down: one type per format (``TextFormat``, ``MarkdownFormat``,
/// ``JSONFormat``, ``CSVFormat``, ``JSONLinesFormat``, ``HTMLFormat``), with one method per kind
/// of report, each a pure function of the report: no clock, no database, no environment. A new
/// format is one new conforming type; a new kind of report adds a requirement here, and the
/// compiler then names every format that must learn to write it.
public protocol ReportFormat {
    /// What the format makes of a report: text, a JSON value, a table (nil for a report the
    /// format does not write).
    associatedtype Output

    func render(_ report: DisputesReport) -> Output
    func render(_ report: PositionsReport) -> Output
    func render(_ report: AgreementsReport) -> Output
    func render(_ report: ContradictionsReport) -> Output
    func render(_ report: HistoryReport) -> Output
    func render(_ report: DiffReport) -> Output
    func render(_ report: SourceDiffReport) -> Output
    func render(_ report: StatementsReport) -> Output
    func render(_ report: SearchReport) -> Output
    func render(_ report: LogReport) -> Output
    func render(_ report: QuoteCheckReport) -> Output
    func render<Record: Listable>(_ report: RecordList<Record>) -> Output
}

/// The formats a front end can ask for by name.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// For a terminal: aligned columns wrapped to the width, colour only when asked for.
    case text
    /// GitHub-flavoured Markdown, for committing and sharing.
    case markdown
    /// Stable JSON: sorted keys, ISO dates, the fields documented in the README.
    case json
    /// RFC 4180 CSV with a header row, for spreadsheets: tables only (see ``CSVFormat``).
    case csv
    /// One JSON object per line: statements only (see ``JSONLinesFormat``).
    case jsonl
    /// A self-contained web page: inline CSS and SVG, no script (see ``HTMLFormat``).
    case html
}

extension Report {
    /// Whether the report can be written as `format`.
    public func supports(_ format: OutputFormat) -> Bool {
        switch format {
        case .text, .markdown, .json: return true
        case .csv: return render(in: CSVFormat()) != nil
        case .jsonl: return render(in: JSONLinesFormat()) != nil
        case .html: return render(in: HTMLFormat()) != nil
        }
    }

    /// The report in `format`, ending with a newline (empty when the report does not come in
    /// that format); `style` and `hints` apply to `.text` only.
    public func rendered(as format: OutputFormat, style: TextStyle = TextStyle(), hints: HintWording = .plain)
        -> String
    {
        rendering(as: format, style: style, hints: hints) ?? ""
    }

    /// The report in `format`, ending with a newline; nil when the report does not come in that
    /// format (made once: a front end need not ask ``supports(_:)`` first).
    public func rendering(as format: OutputFormat, style: TextStyle = TextStyle(), hints: HintWording = .plain)
        -> String?
    {
        let body: String
        switch format {
        case .text: body = render(in: TextFormat(style: style, hints: hints))
        case .markdown: body = render(in: MarkdownFormat())
        case .json: body = render(in: JSONFormat()).encoded()
        case .csv: return render(in: CSVFormat())?.text
        case .jsonl: return render(in: JSONLinesFormat())?.map { $0.compact() + "\n" }.joined()
        case .html: return html()
        }
        return body.hasSuffix("\n") ? body : body + "\n"
    }

    /// The report as a self-contained web page; nil when it has none.
    public func html(_ context: HTMLContext = HTMLContext()) -> String? {
        render(in: HTMLFormat(context: context)).map { $0.page(context).markup }
    }
}
