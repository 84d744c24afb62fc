import ParleyModel

/// A reporting verb in a sentence ("said", "called on", "according to") and the kind of
/// statement it suggests: the cue that a remark is reported there.
struct Cue {
    /// The verb's first and last word.
    var verb: Int
    var end: Int
    var kind: StatementKind

    /// "according to X": the speaker follows, and the remark is the rest of the sentence.
    func according(in s: Sentence) -> Bool { s.lower[verb] == "according" }

    /// The verb as written.
    func text(in s: Sentence) -> String { s.text[verb...end].joined(separator: " ") }

    /// Where the verb is, in scalars.
    func range(in s: Sentence) -> Range<Int> { s.words.ranges[verb].lowerBound..<s.words.ranges[end].upperBound }

    /// The cue that starts at word `k`, if the word (with the next) reports speech.
    static func at(_ k: Int, in s: Sentence, _ article: ArticleText) -> Cue? {
        let w = s.lower[k]
        if let kind = ReportingVerbs.single[w] { return Cue(verb: k, end: k, kind: kind) }
        if let next = ReportingVerbs.double[w], k + 1 < s.count, let kind = next[s.lower[k + 1]] {
            return Cue(verb: k, end: k + 1, kind: kind)
        }
        // "called the claim “a fabrication”": naming something is saying something.
        if ["called", "calls", "calling"].contains(w) {
            let after = s.words.ranges[k].upperBound
            if s.quotations.contains(where: { $0.start > after && article.wordsBetween(after, $0.start) <= 6 }) {
                return Cue(verb: k, end: k, kind: .assertion)
            }
        }
        return nil
    }
}
