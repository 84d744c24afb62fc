import ParleyModel

/// What a search found, best first: for each hit, what it is (a statement with its number,
/// party, issue, date and source; a source; a party, actor or issue) and the matching text with
/// the matched words highlighted.
public struct SearchReport: Renderable, Hashable {
    public var query: String
    public var hits: [SearchHit]
    public var notes: [ReportNote]

    public init(query: String, hits: [SearchHit]) {
        self.query = query
        self.hits = hits
        let statements = hits.compactMap { hit -> DatedStatement? in
            if case .statement(let dated) = hit.record { return dated }
            return nil
        }
        notes = [ReportNote.sourceDated(statements: statements)].compactMap { $0 }
    }

    var heading: String { "Search: \(query)" }

    /// What a hit is, on one line: `#12 2021-12-14 azerbaijan (aliyev) on zangezur-corridor, source s`.
    static func title(_ hit: SearchHit) -> String {
        switch hit.record {
        case .statement(let dated):
            let s = dated.statement
            let who = HistoryReport.who(s)
            let retracted = s.isRetracted ? " (retracted)" : ""
            return "#\(dated.sequence) \(Describe.said(dated)) \(who) on \(s.issue), \(s.kind.rawValue) "
                + "'\(s.stance)', source \(s.source)\(retracted)"
        case .source(let source):
            return "source \(source.id) (\(source.published))"
        case .party(let party): return "party \(party.id)"
        case .actor(let actor): return "actor \(actor.id) (\(actor.party))"
        case .issue(let issue): return "issue \(issue.id)"
        }
    }

    /// The record's id: a statement's number or a record's id.
    static func reference(_ hit: SearchHit) -> String {
        switch hit.record {
        case .statement(let dated): return "#\(dated.sequence)"
        case .source(let source): return source.id
        case .party(let party): return party.id
        case .actor(let actor): return actor.id
        case .issue(let issue): return issue.id
        }
    }

    /// The matched text with its marks replaced by `open` and `close`.
    static func highlighted(_ match: SearchHit.Match, _ open: String, _ close: String) -> String {
        match.marked.replacingOccurrences(of: SearchQuery.matchStart, with: open)
            .replacingOccurrences(of: SearchQuery.matchEnd, with: close)
    }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if hits.isEmpty { out.append("Nothing found.") }
        // Matched words: bold yellow on a colour terminal, [in brackets] otherwise. The marks
        // are put in after wrapping, so they never count toward the width.
        let (open, close) = style.color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[", "]")
        for (index, hit) in hits.enumerated() {
            let number = "\(index + 1). "
            out.append(style.bold(TextLayout.hanging(number, Self.title(hit), width: style.width)))
            let indent = String(repeating: " ", count: number.count)
            for match in hit.matches {
                // Private-use characters hold the places of the marks through wrapping (which shows
                // control characters escaped), then become the marks.
                let (start, end) = ("\u{E000}", "\u{E001}")
                let wrapped = TextLayout.hanging(
                    indent + match.field + ": ", Self.highlighted(match, start, end), width: style.width)
                out.append(
                    wrapped.replacingOccurrences(of: start, with: open).replacingOccurrences(of: end, with: close))
            }
        }
        if !notes.isEmpty { out.append("") }
        out += notes.textLines(style)
        return out.joined(separator: "\n")
    }

    public func markdown() -> String {
        var out = ["# \(Markdown.escape(heading))", ""]
        if hits.isEmpty { out += ["Nothing found.", ""] }
        for (index, hit) in hits.enumerated() {
            out.append("\(index + 1). \(Markdown.escape(Self.title(hit)))")
            for match in hit.matches {
                // Escaped first, then the marks become bold: a matched word is never unescaped.
                let text = Markdown.escape(Self.highlighted(match, "\u{E000}", "\u{E001}"))
                out.append(
                    "   - \(match.field): "
                        + text.replacingOccurrences(of: "\u{E000}", with: "**").replacingOccurrences(
                            of: "\u{E001}", with: "**"))
            }
        }
        out.append("")
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    static func recordJSON(_ hit: SearchHit) -> JSONValue {
        switch hit.record {
        case .statement(let dated): return dated.jsonValue
        case .source(let source): return source.jsonValue
        case .party(let party): return party.jsonValue
        case .actor(let actor): return actor.jsonValue
        case .issue(let issue): return issue.jsonValue
        }
    }

    public func json() -> JSONValue {
        [
            "query": .string(query),
            "hits": .array(
                hits.enumerated().map { index, hit in
                    [
                        "rank": .int(index + 1), "kind": .string(hit.kind), "record": Self.recordJSON(hit),
                        "matches": .array(
                            hit.matches.map {
                                [
                                    "field": .string($0.field), "text": .string($0.plain),
                                    "words": .array($0.words.map { .string($0) }),
                                ]
                            }),
                    ]
                }),
            "notes": notes.json,
        ]
    }

    public func csv() -> CSVTable? {
        CSVTable(
            header: ["rank", "kind", "id", "date", "party", "issue", "source", "field", "text", "words"],
            rows: hits.enumerated().flatMap { index, hit -> [[String]] in
                var date = ""
                var party = ""
                var issue = ""
                var source = ""
                switch hit.record {
                case .statement(let dated):
                    date = dated.effectiveDate.description
                    party = dated.statement.party
                    issue = dated.statement.issue
                    source = dated.statement.source
                case .source(let found):
                    date = found.published.description
                    source = found.id
                case .actor(let actor): party = actor.party
                case .party(let found): party = found.id
                case .issue(let found): issue = found.id
                }
                return hit.matches.map { match in
                    [
                        // The text as stored, without highlighting: the matched words have a cell of their own.
                        String(index + 1), hit.kind, Self.reference(hit), date, party, issue, source, match.field,
                        match.plain, CSVText.list(match.words),
                    ]
                }
            })
    }
}
