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
        section(
            "parties",
            casefile.parties.map { p in
                [
                    ("id", text(p.id)), ("name", text(p.name)), ("kind", text(p.kind.rawValue)),
                    ("aliases", flowList(p.aliases)),
                ]
            })
        section(
            "actors",
            casefile.actors.map { a in
                [
                    ("id", text(a.id)), ("name", text(a.name)), ("party", text(a.party)), ("role", text(a.role)),
                    ("aliases", flowList(a.aliases)),
                ]
            })
        section(
            "issues",
            casefile.issues.map { i in
                [("id", text(i.id)), ("title", text(i.title)), ("description", text(i.description))]
            })
        section(
            "sources",
            casefile.sources.map { s in
                [
                    ("id", text(s.id)), ("title", text(s.title)), ("publisher", text(s.publisher)),
                    ("url", text(s.url)),
                    ("published", text(s.published.description)), ("reliability", text(s.reliability?.rawValue)),
                    ("text", text(s.text)),
                ]
            })
        section(
            "statements",
            casefile.statements.map { s in
                [
                    ("party", text(s.party)), ("actor", text(s.actor)), ("issue", text(s.issue)),
                    ("kind", text(s.kind.rawValue)),
                    ("stance", text(s.stance)), ("summary", text(s.summary)), ("quote", text(s.quote)),
                    ("said", text(s.said?.description)), ("source", text(s.source)), ("recorded", text(s.recordedAt)),
                ]
            })
        section("agreements", casefile.agreements.map(tracked))
        section("disputes", casefile.disputes.map(tracked))
        if sections.isEmpty { return "{}\n" }
        let yamlText = try Yams.serialize(
            node: Node(sections), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
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

    /// An agreement's or a dispute's fields; the absent ones are left out.
    private static func tracked<Status>(_ record: Tracked<Status>) -> [(String, Node?)] {
        [
            ("id", text(record.id)), ("title", text(record.title)), ("issue", text(record.issue)),
            ("terms", text(record.terms)),
            ("parties", flowList(record.parties)), ("mediators", flowList(record.mediators)),
            ("history", Node(record.history.map(step))),
        ]
    }

    private static func step<Status>(_ step: Step<Status>) -> Node {
        var pairs = [
            (Node("status"), Node(step.status.rawValue)), (Node("on"), Node(step.on.description)),
            (Node("source"), Node(step.source)),
        ]
        if let note = step.note { pairs.append((Node("note"), Node(note))) }
        return Node(pairs, .implicit, step.note == nil ? .flow : .block)
    }
}
