/// A plain listing (parties, actors, issues, sources, agreements, disputes): a table in text and
/// Markdown, an array of objects in JSON.
public struct TableReport: Renderable, Hashable {
    public var title: String
    public var columns: [TableColumn]
    public var rows: [[String]]
    /// One JSON object per row, with the documented keys.
    public var jsonRows: [JSONValue]
    /// What to say when there are no rows.
    public var emptyMessage: String

    public init(title: String, columns: [TableColumn], rows: [[String]], jsonRows: [JSONValue], emptyMessage: String) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.jsonRows = jsonRows
        self.emptyMessage = emptyMessage
    }

    public func text(style: TextStyle) -> String {
        rows.isEmpty
            ? emptyMessage : TextLayout.table(columns, rows, width: style.wrapsTables ? style.width : nil, style: style)
    }

    public func markdown() -> String {
        "# \(title)\n\n"
            + (rows.isEmpty
                ? emptyMessage : Markdown.table(columns.map(\.heading), rows.map { $0.map(Markdown.escape) }))
            + "\n"
    }

    public func json() -> JSONValue { .array(jsonRows) }
}
