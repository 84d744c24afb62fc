import ParleyModel

/// When a remark was made: the dating phrase of its own sentence nearest the verb (outside
/// quotations, and not one the reported clause itself is about), else its context's date.
struct RemarkDate {
    var date: CalendarDate
    /// The phrase that gave it, with where it came from when not from the remark's sentence.
    var evidence: String?

    /// The date sentence `s` gives the remark `said` by the verb of `cue`, whose speaker starts
    /// at `speakerStart`; nil when the sentence dates it nowhere.
    static func inSentence(
        _ s: Sentence, cue: Cue, said: SaidClause, speakerStart: Int, _ article: ArticleText
    ) -> RemarkDate? {
        let verbRange = cue.range(in: s)
        let phrases = s.ownPhrases.filter { phrase in
            // "following Monday's meetings": the date of an event the remark came after.
            !follows(phrase, s)
                // "said the talks on Tuesday would fail": a date inside the reported clause and
                // away from the verb is what the clause is about.
                && !(said.mode == .reported && said.span.contains(phrase.range.lowerBound)
                    && (phrase.range.lowerBound < verbRange.lowerBound
                        || article.wordsBetween(verbRange.upperBound, phrase.range.lowerBound) > 3
                        || plans(said.span.lowerBound, phrase.range.lowerBound, s)))
        }
        guard
            let nearest = phrases.min(by: {
                ArticleText.distance($0.range, verbRange) < ArticleText.distance($1.range, verbRange)
            }),
            ArticleText.distance(nearest.range, verbRange) <= 60 || nearest.range.lowerBound < speakerStart
        else { return nil }
        return RemarkDate(date: nearest.date, evidence: nearest.evidence)
    }

    /// Whether the clause before a dating phrase looks ahead ("to meet again in June", "would
    /// open next week"): the date is the plan's, not the remark's.
    private static func plans(_ from: Int, _ to: Int, _ s: Sentence) -> Bool {
        s.words.ranges.indices.contains { k in
            s.words.ranges[k].lowerBound >= from && s.words.ranges[k].lowerBound < to
                && ["to", "will", "would", "shall", "could", "might", "next", "until", "by"].contains(s.lower[k])
        }
    }

    /// The date only a nested speaker's own verb gives: "…, Azerbaijan said on Sunday". The
    /// sentence's other dates are the outer speaker's.
    static func nested(_ s: Sentence, cue: Cue, _ article: ArticleText) -> RemarkDate? {
        let verbRange = cue.range(in: s)
        let phrase = s.ownPhrases.first { phrase in
            phrase.range.lowerBound >= verbRange.upperBound
                && article.wordsBetween(verbRange.upperBound, phrase.range.lowerBound) <= 1
        }
        return phrase.map { RemarkDate(date: $0.date, evidence: $0.evidence) }
    }

    /// Whether a dating phrase comes after "following", "after", "before", "since" or "ahead of"
    /// (with "the" or "last" between): it dates an event, not the remark.
    private static func follows(_ phrase: DatePhrase, _ s: Sentence) -> Bool {
        guard var k = s.words.ranges.firstIndex(where: { $0.lowerBound >= phrase.range.lowerBound }) else {
            return false
        }
        k -= 1
        while k >= 0, ["the", "last", "this"].contains(s.lower[k]) { k -= 1 }
        guard k >= 0 else { return false }
        if ["following", "after", "before", "since", "until", "prior"].contains(s.lower[k]) { return true }
        return s.lower[k] == "of" && k > 0 && s.lower[k - 1] == "ahead"
    }
}
