import ParleyModel
import Yams

extension DraftFile {
    /// The casefile to review: a header saying what to do, the case's records the statements
    /// name, then each statement under a comment with its sentence.
    public func yaml() throws -> String {
        var out = "# parley draft: \(drafts.count) statement\(drafts.count == 1 ? "" : "s") proposed from "
        out += "\(Self.comment(article)), published \(published).\n"
        out += "# Review each: replace every \"review: …\" value, correct what is wrong, delete what is not a\n"
        out += "# statement. Then record them with: parley import THIS-FILE --merge\n"
        out += "# (the import refuses while a \"review:\" value remains).\n"
        if !records.isEmpty {
            out += "# The case's records these statements name (skipped on import when unchanged):\n"
            out += records.hasSuffix("\n") ? records : records + "\n"
        }
        out += drafts.isEmpty ? "statements: []\n" : "statements:\n"
        for (number, draft) in drafts.enumerated() {
            out += "# \(number + 1). \(Self.comment(draft.sentence, limit: 110))\n"
            let item = try Yams.serialize(
                node: Node([statement(draft)]), indent: 2, width: -1, allowUnicode: true, newLineScalarStyle: .literal)
            out += item.hasSuffix("\n") ? item : item + "\n"
        }
        return out
    }

    /// One statement's fields, the values a person must supply marked `review:`, and the
    /// drafter's notes under `draft:`.
    private func statement(_ draft: Draft) -> Node {
        let issue =
            draft.issue
            ?? Self.review(
                "which issue? "
                    + (draft.issueCandidates.isEmpty
                        ? "(\(draft.issueEvidence))" : "perhaps \(draft.issueCandidates.joined(separator: ", "))"))
        let notes: [(String, Node?)] = [
            ("speaker", Self.text(draft.speaker ?? "")),
            ("resolved", Self.text(draft.resolution)),
            ("verb", Self.text(draft.verb)),
            ("mode", Node(draft.mode.rawValue)),
            ("said_evidence", draft.saidEvidence.map(Self.text) ?? Node("null")),
            ("issue_evidence", Self.text(draft.issueEvidence)),
            (
                "span",
                Node([Node(String(draft.span.lowerBound)), Node(String(draft.span.upperBound))], .implicit, .flow)
            ),
            ("confidence", Node(String(draft.confidence))),
        ]
        let fields: [(String, Node?)] = [
            ("party", Self.text(draft.party ?? Self.review("whose words? \(draft.resolution)"))),
            ("actor", draft.actor.map(Self.text)),
            ("issue", Self.text(issue)),
            ("kind", Node(draft.kind.rawValue)),
            ("stance", Self.text(Self.review("a stance label, lowercase-with-dashes"))),
            (
                "summary",
                Self.text(
                    Self.review("in your words: \(draft.summaryStart.isEmpty ? draft.spanText : draft.summaryStart)"))
            ),
            ("quote", draft.quote.map(Self.text)),
            ("said", draft.said.map { Node($0.description) }),
            ("source", Self.text(source)),
            ("via", draft.via.map(Self.text)),
            ("draft", Self.mapping(notes)),
        ]
        return Self.mapping(fields)
    }

    private static func mapping(_ fields: [(String, Node?)]) -> Node {
        Node(fields.compactMap { key, value in value.map { (Node(key), $0) } })
    }

    /// A string scalar, double-quoted as the casefile writer's strings may be: it reads back as
    /// the same text whatever it holds (a colon, "null", a date, control characters escaped).
    private static func text(_ value: String) -> Node { Node(value, .implicit, .doubleQuoted) }

    /// Text for a comment line: one line, control characters dropped, shortened.
    static func comment(_ text: String, limit: Int = 200) -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || $0.properties.generalCategory == .format ? " " : $0 }))
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
