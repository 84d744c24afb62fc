import ParleyModel
import ParleyReports

/// The drafts of one article, as a casefile to review (YAML) or as data (JSON).
///
/// The YAML is a casefile: `parley import FILE --merge` records it once every `review:` value has
/// been replaced (the import refuses while one remains, naming its line). Each statement keeps
/// the drafter's notes under `draft:` (the speaker as written, how it was resolved, the evidence
/// for its date and issue, its place in the article, a confidence); the import ignores them.
public struct DraftFile: Sendable {
    /// Where the article came from: a file's path or "source ID".
    public var article: String
    public var published: CalendarDate
    /// The source the statements cite.
    public var source: String
    /// The source to add with them, when the case does not have it yet.
    public var newSource: Source?
    public var drafts: [Draft]
    /// The casefile sections (YAML) of the records the statements name: the parties, actors and
    /// issues already in the case (a merge import skips them as identical) and a new source.
    public var records: String

    public init(
        article: String, published: CalendarDate, source: String, newSource: Source?, drafts: [Draft],
        records: String = ""
    ) {
        self.article = article
        self.published = published
        self.source = source
        self.newSource = newSource
        self.drafts = drafts
        self.records = records
    }

    /// A value for a person to fill in.
    public static let reviewPrefix = "review:"

    static func review(_ what: String) -> String { "\(reviewPrefix) \(what)" }

    /// The casefile to review.
    public func yaml() -> String {
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
            if let party = draft.party {
                out += "- party: \(Self.quote(party))\n"
            } else {
                out += "- party: \(Self.quote(Self.review("whose words? \(draft.resolution)")))\n"
            }
            if let actor = draft.actor { out += "  actor: \(Self.quote(actor))\n" }
            let issue =
                draft.issue
                ?? Self.review(
                    "which issue? "
                        + (draft.issueCandidates.isEmpty
                            ? "(\(draft.issueEvidence))" : "perhaps \(draft.issueCandidates.joined(separator: ", "))"))
            out += "  issue: \(Self.quote(issue))\n"
            out += "  kind: \(draft.kind.rawValue)\n"
            out += "  stance: \(Self.quote(Self.review("a stance label, lowercase-with-dashes")))\n"
            out += "  summary: \(Self.quote(Self.review("in your words: \(draft.spanText)")))\n"
            if let quote = draft.quote { out += "  quote: \(Self.quote(quote))\n" }
            if let said = draft.said { out += "  said: \(said)\n" }
            out += "  source: \(Self.quote(source))\n"
            if let via = draft.via { out += "  via: \(Self.quote(via))\n" }
            out += "  draft:\n"
            out += "    speaker: \(Self.quote(draft.speaker ?? ""))\n"
            out += "    resolved: \(Self.quote(draft.resolution))\n"
            out += "    verb: \(Self.quote(draft.verb))\n"
            out += "    mode: \(draft.mode.rawValue)\n"
            out += "    said_evidence: \(draft.saidEvidence.map(Self.quote) ?? "null")\n"
            out += "    issue_evidence: \(Self.quote(draft.issueEvidence))\n"
            out += "    span: [\(draft.span.lowerBound), \(draft.span.upperBound)]\n"
            out += "    confidence: \(draft.confidence)\n"
        }
        return out
    }

    /// Everything, as data.
    public func json() -> JSONValue {
        .object([
            JSONMember("article", .string(article)),
            JSONMember("published", .string(published.description)),
            JSONMember("source", .string(source)),
            JSONMember("new_source", .bool(newSource != nil)),
            JSONMember(
                "drafts",
                .array(
                    drafts.map { d in
                        .object([
                            JSONMember("speaker", .optional(d.speaker)),
                            JSONMember("actor", .optional(d.actor)),
                            JSONMember("party", .optional(d.party)),
                            JSONMember("resolved", .string(d.resolution)),
                            JSONMember("via", .optional(d.via)),
                            JSONMember("mode", .string(d.mode.rawValue)),
                            JSONMember("verb", .string(d.verb)),
                            JSONMember("kind", .string(d.kind.rawValue)),
                            JSONMember("quote", .optional(d.quote)),
                            JSONMember("span", .array([.int(d.span.lowerBound), .int(d.span.upperBound)])),
                            JSONMember("text", .string(d.spanText)),
                            JSONMember("said", .date(d.said)),
                            JSONMember("said_evidence", .optional(d.saidEvidence)),
                            JSONMember("issue", .optional(d.issue)),
                            JSONMember("issue_evidence", .string(d.issueEvidence)),
                            JSONMember("issue_candidates", .array(d.issueCandidates.map { .string($0) })),
                            JSONMember("sentence", .string(d.sentence)),
                            JSONMember("confidence", .number(d.confidence)),
                        ])
                    })),
        ])
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                    || scalar.properties.generalCategory == .format
                {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    let width = scalar.value > 0xFFFF ? 8 : 4
                    out += (width == 8 ? "\\U" : "\\u") + String(repeating: "0", count: width - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Text for a comment line: one line, control characters dropped, shortened.
    static func comment(_ text: String, limit: Int = 200) -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.value < 0x20 || $0.properties.generalCategory == .format ? " " : $0 }))
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }
}
