import ParleyModel
import Yams

/// Writes a ``Casefile`` as YAML: sections and fields in a fixed order, so the same casefile
/// always gives the same bytes and `export → import → export` is byte-identical.
public enum CasefileWriter {
    /// The YAML text of `casefile`.
    public static func yaml(_ casefile: Casefile) throws -> String {
        let n = Nodes()
        var sections: [(Node, Node)] = []
        func section(_ name: String, _ records: [[(String, Node?)]]) {
            guard !records.isEmpty else { return }
            sections.append((n.plain(name), Node(records.map(n.mapping), n.sequenceTag)))
        }
        section(
            "parties",
            casefile.parties.map { p in
                [
                    ("id", n.text(p.id)), ("name", n.text(p.name)), ("kind", n.text(p.kind.rawValue)),
                    ("aliases", n.flowList(p.aliases)),
                ]
            })
        section(
            "actors",
            casefile.actors.map { a in
                [
                    ("id", n.text(a.id)), ("name", n.text(a.name)), ("party", n.text(a.party)),
                    ("role", n.text(a.role)),
                    ("aliases", n.flowList(a.aliases)),
                ]
            })
        section(
            "issues",
            casefile.issues.map { i in
                [
                    ("id", n.text(i.id)), ("title", n.text(i.title)), ("description", n.text(i.description)),
                    ("aliases", n.flowList(i.aliases)), ("stale_after", n.text(i.staleAfter?.description)),
                ]
            })
        section(
            "sources",
            casefile.sources.map { s in
                [
                    ("id", n.text(s.id)), ("title", n.text(s.title)), ("publisher", n.text(s.publisher)),
                    ("url", n.text(s.url)),
                    ("published", n.text(s.published.description)), ("reliability", n.text(s.reliability?.rawValue)),
                    ("text", n.text(s.text)),
                ]
            })
        section(
            "statements",
            casefile.statements.map { s in
                [("number", s.number.map { n.plain(String($0)) })]
                    + Statement.Field.allCases.map { field in
                        // Conditions are a list, one `issue=label` per item.
                        (
                            field.rawValue,
                            field == .conditions ? n.flowList(s.conditions.map(\.text)) : n.text(s.text(field))
                        )
                    }
                    + [("recorded", n.text(s.recordedAt)), ("retraction", s.retraction.map(n.retraction))]
            })
        section(
            "label_relations",
            casefile.labelRelations.sorted {
                ($0.issue, $0.labels.0, $0.labels.1) < ($1.issue, $1.labels.0, $1.labels.1)
            }
            .map { r in
                [
                    ("issue", n.text(r.issue)), ("labels", n.flowList([r.labels.0, r.labels.1])),
                    ("kind", n.text(r.kind.rawValue)),
                ]
            })
        section(
            "label_orders",
            casefile.labelOrders.sorted { ($0.issue, $0.harder, $0.softer) < ($1.issue, $1.harder, $1.softer) }.map {
                [("issue", n.text($0.issue)), ("harder", n.text($0.harder)), ("softer", n.text($0.softer))]
            })
        section("agreements", casefile.agreements.map(n.tracked))
        section("disputes", casefile.disputes.map(n.tracked))
        if sections.isEmpty { return "{}\n" }
        let yamlText = try Yams.serialize(
            node: Node(sections, n.mappingTag), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
        return yamlText.hasSuffix("\n") ? yamlText : yamlText + "\n"
    }
}

/// The YAML nodes of a casefile's records. Scalars are tagged as strings, so that Yams does not
/// match each against every type's pattern to find its tag (most of the time it took to write a
/// casefile); one tag serves the whole file, since making one builds Yams's tables. The tag is
/// not written: libyaml leaves out the tag of a scalar whose tag is implicit, and chooses the
/// quoting from the text alone, so the bytes are what untagged scalars give.
private struct Nodes {
    let tag = Tag(.str)
    let mappingTag = Tag(.map)
    let sequenceTag = Tag(.seq)

    /// A string scalar.
    func plain(_ value: String, _ style: Node.Scalar.Style = .any) -> Node {
        Node(value, tag, style)
    }

    /// A string scalar; strings YAML would read back as null are quoted, since the reader takes
    /// every other plain scalar as the text it shows.
    func text(_ value: String?) -> Node? {
        value.map { ["", "~", "null", "Null", "NULL"].contains($0) ? plain($0, .doubleQuoted) : plain($0) }
    }

    func flowList(_ values: [String]) -> Node? {
        values.isEmpty ? nil : Node(values.compactMap(text), sequenceTag, .flow)
    }

    func mapping(_ fields: [(String, Node?)]) -> Node {
        Node(fields.compactMap { key, value in value.map { (plain(key), $0) } }, mappingTag)
    }

    /// An agreement's or a dispute's fields; the absent ones are left out.
    func tracked<Status>(_ record: Tracked<Status>) -> [(String, Node?)] {
        [
            ("id", text(record.id)), ("title", text(record.title)),
            ("issue", record.moreIssues.isEmpty ? text(record.issue) : nil),
            ("issues", record.moreIssues.isEmpty ? nil : flowList(record.issues)), ("terms", text(record.terms)),
            ("parties", flowList(record.parties)), ("mediators", flowList(record.mediators)),
            ("package", text(record.package)), ("history", Node(record.history.map(step), sequenceTag)),
        ]
    }

    /// A step: a one-line `{status, on, source}` when that is all it has, a block otherwise.
    func step<Status>(_ step: Step<Status>) -> Node {
        let fields: [(String, Node?)] = [
            ("status", plain(step.status.rawValue)), ("on", step.onIsSourceDate ? nil : plain(step.on.description)),
            ("source", plain(step.source)), ("according_to", text(step.accordingTo)), ("term", text(step.term)),
            ("due", text(step.due?.description)), ("note", text(step.note)),
            ("add_parties", flowList(step.addParties)),
            ("remove_parties", flowList(step.removeParties)), ("add_mediators", flowList(step.addMediators)),
            ("remove_mediators", flowList(step.removeMediators)), ("retraction", step.retraction.map(retraction)),
            ("recorded", text(step.recordedAt)),
        ]
        let simple = step.note == nil && !step.changesMembers && step.retraction == nil
        return Node(
            fields.compactMap { key, value in value.map { (plain(key), $0) } }, mappingTag, simple ? .flow : .block)
    }

    func retraction(_ retraction: Retraction) -> Node {
        mapping([("at", text(retraction.at)), ("by", text(retraction.by)), ("reason", text(retraction.reason))])
    }
}
