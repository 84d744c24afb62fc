import ParleyModel
import Yams

/// Writes a ``Casefile`` as YAML: sections and fields in a fixed order, so the same casefile
/// always gives the same bytes and `export → import → export` is byte-identical.
public enum CasefileWriter {
    /// The YAML text of `casefile`.
    public static func yaml(_ casefile: Casefile) throws -> String {
        let n = Nodes()
        let sections: [(name: String, records: [[(String, Node?)]])] = [
            ("parties", casefile.parties.map(n.party)),
            ("actors", casefile.actors.map(n.actor)),
            ("issues", casefile.issues.map(n.issue)),
            ("sources", casefile.sources.map(n.source)),
            ("statements", casefile.statements.map(n.statement)),
            (
                "label_relations",
                casefile.labelRelations.sorted {
                    ($0.issue, $0.labels.0, $0.labels.1) < ($1.issue, $1.labels.0, $1.labels.1)
                }
                .map(n.relation)
            ),
            (
                "label_orders",
                casefile.labelOrders.sorted { ($0.issue, $0.harder, $0.softer) < ($1.issue, $1.harder, $1.softer) }
                    .map(n.order)
            ),
            ("agreements", casefile.agreements.map(n.tracked)),
            ("disputes", casefile.disputes.map(n.tracked)),
        ]
        let nodes = sections.filter { !$0.records.isEmpty }.map {
            (n.plain($0.name), Node($0.records.map(n.mapping), n.sequenceTag))
        }
        if nodes.isEmpty { return "{}\n" }
        let yamlText = try Yams.serialize(
            node: Node(nodes, n.mappingTag), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
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

    func party(_ p: Party) -> [(String, Node?)] {
        [
            ("id", text(p.id)), ("name", text(p.name)), ("kind", text(p.kind.rawValue)),
            ("aliases", flowList(p.aliases)),
        ]
    }

    func actor(_ a: Actor) -> [(String, Node?)] {
        [
            ("id", text(a.id)), ("name", text(a.name)), ("party", text(a.party)), ("role", text(a.role)),
            ("aliases", flowList(a.aliases)),
        ]
    }

    func issue(_ i: Issue) -> [(String, Node?)] {
        [
            ("id", text(i.id)), ("title", text(i.title)), ("description", text(i.description)),
            ("aliases", flowList(i.aliases)), ("stale_after", text(i.staleAfter?.description)),
        ]
    }

    func source(_ s: Source) -> [(String, Node?)] {
        [
            ("id", text(s.id)), ("title", text(s.title)), ("publisher", text(s.publisher)), ("url", text(s.url)),
            ("published", text(s.published.description)), ("reliability", text(s.reliability?.rawValue)),
            ("text", text(s.text)),
        ]
    }

    /// A statement's number, then its fields in ``Statement/Field`` order (conditions as a list,
    /// one `issue=label` per item), then when it was recorded and its retraction.
    func statement(_ s: Statement) -> [(String, Node?)] {
        [("number", s.number.map { plain(String($0)) })]
            + Statement.Field.allCases.map { field in
                (field.rawValue, field == .conditions ? flowList(s.conditions.map(\.text)) : text(s.text(field)))
            }
            + [("recorded", text(s.recordedAt)), ("retraction", s.retraction.map(retraction))]
    }

    func relation(_ r: LabelRelation) -> [(String, Node?)] {
        [("issue", text(r.issue)), ("labels", flowList([r.labels.0, r.labels.1])), ("kind", text(r.kind.rawValue))]
    }

    func order(_ o: LabelOrder) -> [(String, Node?)] {
        [("issue", text(o.issue)), ("harder", text(o.harder)), ("softer", text(o.softer))]
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
