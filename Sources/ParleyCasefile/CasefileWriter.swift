import ParleyModel
import Yams

/// Writes a ``Casefile`` as YAML: sections and fields in a fixed order, so the same casefile
/// always gives the same bytes and `export → import → export` is byte-identical.
public enum CasefileWriter {
    /// The YAML text of `casefile`.
    public static func yaml(_ casefile: Casefile) throws -> String {
        var sections: [(Node, Node)] = []
        func section(_ name: String, _ records: [[(String, Node?)]]) {
            guard !records.isEmpty else { return }
            sections.append((Node(name), Node(records.map(mapping))))
        }
        section("parties", casefile.parties.map { p in
            [("id", text(p.id)), ("name", text(p.name)), ("kind", text(p.kind.rawValue)), ("aliases", flowList(p.aliases))]
        })
        section("actors", casefile.actors.map { a in
            [("id", text(a.id)), ("name", text(a.name)), ("party", text(a.party)), ("role", text(a.role)), ("aliases", flowList(a.aliases))]
        })
        section("issues", casefile.issues.map { i in
            [("id", text(i.id)), ("title", text(i.title)), ("description", text(i.description))]
        })
        section("sources", casefile.sources.map { s in
            [
                ("id", text(s.id)), ("title", text(s.title)), ("publisher", text(s.publisher)), ("url", text(s.url)),
                ("published", text(s.published.description)), ("reliability", text(s.reliability?.rawValue)),
                ("text", text(s.text)),
            ]
        })
        section("statements", casefile.statements.map { s in
            [
                ("party", text(s.party)), ("actor", text(s.actor)), ("issue", text(s.issue)), ("kind", text(s.kind.rawValue)),
                ("stance", text(s.stance)), ("summary", text(s.summary)), ("quote", text(s.quote)),
                ("said", text(s.said?.description)), ("source", text(s.source)), ("recorded", text(s.recordedAt)),
            ]
        })
        section("agreements", casefile.agreements.map { a in
            [
                ("id", text(a.id)), ("title", text(a.title)), ("issue", text(a.issue)), ("terms", text(a.terms)),
                ("parties", flowList(a.parties)), ("mediators", flowList(a.mediators)),
                ("history", Node(a.history.map { step(status: $0.status.rawValue, on: $0.on, source: $0.source, note: $0.note) })),
            ]
        })
        section("disputes", casefile.disputes.map { d in
            [
                ("id", text(d.id)), ("title", text(d.title)), ("issue", text(d.issue)), ("parties", flowList(d.parties)),
                ("history", Node(d.history.map { step(status: $0.status.rawValue, on: $0.on, source: $0.source, note: $0.note) })),
            ]
        })
        if sections.isEmpty { return "{}\n" }
        let yamlText = try Yams.serialize(node: Node(sections), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
        return yamlText.hasSuffix("\n") ? yamlText : yamlText + "\n"
    }

    /// A string scalar; strings YAML would read back as null are quoted, since the reader takes
    /// every other plain scalar as the text it shows.
    private static func text(_ value: String?) -> Node? {
        value.map { ["", "~", "null", "Null", "NULL"].contains($0) ? Node($0, .implicit, .doubleQuoted) : Node($0) }
    }

    private static func flowList(_ values: [String]) -> Node? {
        values.isEmpty ? nil : Node(values.compactMap(text), .implicit, .flow)
    }

    private static func mapping(_ fields: [(String, Node?)]) -> Node {
        Node(fields.compactMap { key, value in value.map { (Node(key), $0) } })
    }

    private static func step(status: String, on: CalendarDate, source: String, note: String?) -> Node {
        var pairs = [(Node("status"), Node(status)), (Node("on"), Node(on.description)), (Node("source"), Node(source))]
        if let note { pairs.append((Node("note"), Node(note))) }
        return Node(pairs, .implicit, note == nil ? .flow : .block)
    }
}
