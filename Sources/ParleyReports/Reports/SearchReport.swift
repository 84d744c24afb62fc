import ParleyModel

/// What a search found, best first: for each hit, what it is (a statement with its number,
/// party, issue, date and source; a source; a party, actor or issue) and the matching text with
/// the matched words highlighted.
public struct SearchReport: Report, Hashable {
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

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
