import ParleyModel

/// A list of statements in date order, each with who said what, when, and where it was reported.
public struct StatementsReport: Renderable, Hashable {
    public var statements: [DatedStatement]

    public init(statements: [DatedStatement]) {
        self.statements = statements
    }

    public func text(style: TextStyle) -> String {
        guard !statements.isEmpty else { return "No statements match." }
        let legend = ReportNote.sourceDated(statements: statements).map { [$0] } ?? []
        return statements.map { dated in
            let s = dated.statement
            let who = HistoryReport.who(s)
            var lines = [
                style.bold(
                    TextLayout.hanging(
                        "", "#\(dated.sequence)  \(Self.date(dated))  \(who)  on \(s.issue)", width: style.width))
            ]
            lines.append(style.yellow(TextLayout.hanging("  ", "\(s.kind.rawValue): \(s.stance)", width: style.width)))
            if let retraction = s.retraction {
                lines.append(
                    style.red(
                        TextLayout.hanging("  ", "RETRACTED " + Describe.retraction(retraction), width: style.width)))
            }
            lines.append(TextLayout.hanging("  ", s.summary, width: style.width))
            if let quote = s.quote { lines.append(TextLayout.hanging("  “", quote + "”", width: style.width)) }
            lines.append(
                style.dim(TextLayout.hanging("  ", "source: \(s.source) (\(dated.sourceDate))", width: style.width)))
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + (legend.isEmpty ? "" : "\n\n" + legend.textLines(style).joined(separator: "\n"))
    }

    public func markdown() -> String {
        guard !statements.isEmpty else { return "# Statements\n\nNo statements match.\n" }
        let rows = statements.map { dated -> [String] in
            let s = dated.statement
            let retracted = s.retraction.map { "**RETRACTED** (\(Markdown.escape(Describe.retraction($0)))) " } ?? ""
            return [
                "#\(dated.sequence)", Markdown.escape(Self.date(dated)),
                s.party + (s.about.map { " about \($0)" } ?? ""),
                Markdown.escape(Describe.speaker(s) ?? ""), s.issue, s.kind.rawValue, s.stance,
                retracted + Markdown.escape(s.summary + (s.quote.map { " “\($0)”" } ?? "")), s.source,
            ]
        }
        let legend =
            ReportNote.sourceDated(statements: statements).map { "\n" + Markdown.escape($0.text).markdownQuote + "\n" }
            ?? ""
        return "# Statements\n\n"
            + Markdown.table(["no.", "said", "party", "actor", "issue", "kind", "stance", "summary", "source"], rows)
            + "\n" + legend
    }

    public func json() -> JSONValue { .array(statements.map(\.jsonValue)) }

    public func csv() -> CSVTable? {
        CSVTable(
            header: StatementCSV.columns,
            rows: statements.map { StatementCSV.row($0.statement, date: $0.effectiveDate) })
    }

    public func jsonLines() -> [JSONValue]? { statements.map(\.jsonValue) }

    /// The said date, marked when it was taken from the source.
    static func date(_ dated: DatedStatement) -> String {
        dated.statement.said == nil ? "\(dated.effectiveDate)*" : dated.effectiveDate.description
    }
}
