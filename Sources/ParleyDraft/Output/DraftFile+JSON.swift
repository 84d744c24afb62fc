import Foundation
import ParleyModel

extension DraftFile: Encodable {
    private enum Keys: String, CodingKey {
        case article, published, source, drafts
        case newSource = "new_source"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(article, forKey: .article)
        try container.encode(published, forKey: .published)
        try container.encode(source, forKey: .source)
        try container.encode(newSource != nil, forKey: .newSource)
        try container.encode(drafts, forKey: .drafts)
    }

    /// The drafts as JSON: sorted keys, two-space indentation, every field present (null when
    /// it has no value).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension Draft: Encodable {
    private enum Keys: String, CodingKey {
        case speaker, actor, party, resolved, via, mode, verb, kind, quote, span, text, said, issue, sentence
        case confidence
        case summaryStart = "summary_start"
        case saidEvidence = "said_evidence"
        case issueEvidence = "issue_evidence"
        case issueCandidates = "issue_candidates"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        // Optional values are written as null, not left out, so that every draft has every key.
        try container.encode(speaker, forKey: .speaker)
        try container.encode(actor, forKey: .actor)
        try container.encode(party, forKey: .party)
        try container.encode(resolution, forKey: .resolved)
        try container.encode(via, forKey: .via)
        try container.encode(mode.rawValue, forKey: .mode)
        try container.encode(verb, forKey: .verb)
        try container.encode(kind.rawValue, forKey: .kind)
        try container.encode(quote, forKey: .quote)
        try container.encode([span.lowerBound, span.upperBound], forKey: .span)
        try container.encode(spanText, forKey: .text)
        try container.encode(said, forKey: .said)
        try container.encode(saidEvidence, forKey: .saidEvidence)
        try container.encode(issue, forKey: .issue)
        try container.encode(issueEvidence, forKey: .issueEvidence)
        try container.encode(issueCandidates, forKey: .issueCandidates)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(summaryStart, forKey: .summaryStart)
    }
}
