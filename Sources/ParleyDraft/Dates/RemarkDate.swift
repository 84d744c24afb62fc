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
            // "said the talks on Tuesday would fail": a date inside the reported clause and
            // away from the verb is what the clause is about.
            !(said.mode == .reported && said.span.contains(phrase.range.lowerBound)
                && (phrase.range.lowerBound < verbRange.lowerBound
                    || article.wordsBetween(verbRange.upperBound, phrase.range.lowerBound) > 3))
        }
        guard
            let nearest = phrases.min(by: {
                ArticleText.distance($0.range, verbRange) < ArticleText.distance($1.range, verbRange)
            }),
            ArticleText.distance(nearest.range, verbRange) <= 60 || nearest.range.lowerBound < speakerStart
        else { return nil }
        return RemarkDate(date: nearest.date, evidence: nearest.evidence)
    }
}
