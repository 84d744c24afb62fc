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
                [
                    ("id", text(i.id)), ("title", text(i.title)), ("description", text(i.description)),
                    ("aliases", flowList(i.aliases)), ("stale_after", text(i.staleAfter?.description)),
                ]
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
                [("number", s.number.map { Node(String($0)) })]
                    + Statement.Field.allCases.map { field in
                        // Conditions are a list, one `issue=label` per item.
                        (
                            field.rawValue,
                            field == .conditions ? flowList(s.conditions.map(\.text)) : text(s.text(field))
                        )
                    }
                    + [("recorded", text(s.recordedAt)), ("retraction", s.retraction.map(retraction))]
            })
        section(
            "label_relations",
            casefile.labelRelations.sorted {
                ($0.issue, $0.labels.0, $0.labels.1) < ($1.issue, $1.labels.0, $1.labels.1)
            }
            .map { r in
                [
                    ("issue", text(r.issue)), ("labels", flowList([r.labels.0, r.labels.1])),
                    ("kind", text(r.kind.rawValue)),
                ]
            })
        section(
            "label_orders",
            casefile.labelOrders.sorted { ($0.issue, $0.harder, $0.softer) < ($1.issue, $1.harder, $1.softer) }.map {
                [("issue", text($0.issue)), ("harder", text($0.harder)), ("softer", text($0.softer))]
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
            ("id", text(record.id)), ("title", text(record.title)),
            ("issue", record.moreIssues.isEmpty ? text(record.issue) : nil),
            ("issues", record.moreIssues.isEmpty ? nil : flowList(record.issues)), ("terms", text(record.terms)),
            ("parties", flowList(record.parties)), ("mediators", flowList(record.mediators)),
            ("package", text(record.package)), ("history", Node(record.history.map(step))),
        ]
    }

    /// A step: a one-line `{status, on, source}` when that is all it has, a block otherwise.
    private static func step<Status>(_ step: Step<Status>) -> Node {
        let fields: [(String, Node?)] = [
            ("status", Node(step.status.rawValue)), ("on", step.onIsSourceDate ? nil : Node(step.on.description)),
            ("source", Node(step.source)), ("according_to", text(step.accordingTo)), ("term", text(step.term)),
            ("due", text(step.due?.description)), ("note", text(step.note)),
            ("add_parties", flowList(step.addParties)),
            ("remove_parties", flowList(step.removeParties)), ("add_mediators", flowList(step.addMediators)),
            ("remove_mediators", flowList(step.removeMediators)), ("retraction", step.retraction.map(retraction)),
            ("recorded", text(step.recordedAt)),
        ]
        let simple = step.note == nil && !step.changesMembers && step.retraction == nil
        return Node(
            fields.compactMap { key, value in value.map { (Node(key), $0) } }, .implicit, simple ? .flow : .block)
    }

    private static func retraction(_ retraction: Retraction) -> Node {
        mapping([("at", text(retraction.at)), ("by", text(retraction.by)), ("reason", text(retraction.reason))])
    }
}
