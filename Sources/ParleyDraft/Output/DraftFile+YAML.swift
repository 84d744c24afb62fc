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
        guard !drafts.isEmpty else { return out + "statements: []\n" }
        // One serialisation for all the statements (each a "- " item at the margin: every string is
        // double-quoted on one line), then each item under its comment.
        let scalars = Scalars()
        let items = try Yams.serialize(
            node: Node(drafts.map { statement($0, scalars) }, scalars.sequenceTag), indent: 2, width: -1,
            allowUnicode: true,
            newLineScalarStyle: .literal)
        out += "statements:\n"
        let bytes = Array(items.utf8)
        var starts = bytes.indices.filter { i in
            (i == 0 || bytes[i - 1] == 10) && bytes[i] == 45 && i + 1 < bytes.count && bytes[i + 1] == 32
        }
        starts.append(bytes.count)
        for (number, (start, end)) in zip(starts, starts.dropFirst()).enumerated() {
            if number < drafts.count {
                out += "# \(number + 1). \(Self.comment(drafts[number].sentence, limit: 110))\n"
            }
            out += String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return out.hasSuffix("\n") ? out : out + "\n"
    }

    /// One statement's fields, the values a person must supply marked `review:`, and the
    /// drafter's notes under `draft:`.
    private func statement(_ draft: Draft, _ scalar: Scalars) -> Node {
        let issue =
            draft.issue
            ?? Self.review(
                "which issue? "
                    + (draft.issueCandidates.isEmpty
                        ? "(\(draft.issueEvidence))" : "perhaps \(draft.issueCandidates.joined(separator: ", "))"))
        let notes: [(String, Node?)] = [
            ("speaker", scalar.text(draft.speaker ?? "")),
            ("resolved", scalar.text(draft.resolution)),
            ("verb", scalar.text(draft.verb)),
            ("mode", scalar.plain(draft.mode.rawValue)),
            ("said_evidence", draft.saidEvidence.map(scalar.text) ?? scalar.plain("null")),
            ("issue_evidence", scalar.text(draft.issueEvidence)),
            (
                "span",
                Node(
                    [scalar.plain(String(draft.span.lowerBound)), scalar.plain(String(draft.span.upperBound))],
                    scalar.sequenceTag, .flow)
            ),
            ("confidence", scalar.plain(String(draft.confidence))),
        ]
        let fields: [(String, Node?)] = [
            ("party", scalar.text(draft.party ?? Self.review("whose words? \(draft.resolution)"))),
            ("actor", draft.actor.map(scalar.text)),
            ("issue", scalar.text(issue)),
            ("kind", scalar.plain(draft.kind.rawValue)),
            ("stance", scalar.text(Self.review("a stance label, lowercase-with-dashes"))),
            (
                "summary",
                scalar.text(
                    Self.review("in your words: \(draft.summaryStart.isEmpty ? draft.spanText : draft.summaryStart)"))
            ),
            ("quote", draft.quote.map(scalar.text)),
            ("said", draft.said.map { scalar.plain($0.description) }),
            ("source", scalar.text(source)),
            ("via", draft.via.map(scalar.text)),
            ("draft", scalar.mapping(notes)),
        ]
        return scalar.mapping(fields)
    }

    /// Scalars tagged as strings, so that Yams does not match each against every type's pattern
    /// to find its tag (the tag is not written: libyaml chooses the quoting from the text alone).
    /// One tag for a whole file: making a tag builds Yams's tables.
    private struct Scalars {
        let tag = Tag(.str)
        let mappingTag = Tag(.map)
        let sequenceTag = Tag(.seq)

        /// A string, double-quoted as the casefile writer's strings may be: it reads back as the
        /// same text whatever it holds (a colon, "null", a date, control characters escaped).
        func text(_ value: String) -> Node { Node(value, tag, .doubleQuoted) }

        func plain(_ value: String) -> Node { Node(value, tag, .any) }

        func mapping(_ fields: [(String, Node?)]) -> Node {
            Node(fields.compactMap { key, value in value.map { (plain(key), $0) } }, mappingTag)
        }
    }

    /// Text for a comment line: one line, control characters dropped, shortened.
    static func comment(_ text: String, limit: Int = 200) -> String {
        // Printable ASCII, the usual case, needs no cleaning, and its length is its byte count.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return text.utf8.count > limit ? String(text.prefix(limit - 1)) + "…" : text
        }
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || $0.properties.generalCategory == .format ? " " : $0 }))
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
