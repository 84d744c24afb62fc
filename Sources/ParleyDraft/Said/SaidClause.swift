/// What a speaker said: the quotation attached to the reporting verb (direct speech) or the
/// reported clause ("said that …", "rejected …", "…, according to X"), verbatim, with the
/// quotation inside it when there is one.
struct SaidClause {
    var mode: Draft.Mode
    /// The quotation or the clause, in scalars.
    var span: Range<Int>
    /// The words between quotation marks, verbatim.
    var quote: String?

    /// What the speaker of `cue`, named by `speaker`, said in sentence `s`.
    static func find(cue: Cue, speaker: SpeakerPhrase, in s: Sentence, _ article: ArticleText) -> SaidClause {
        let ranges = s.words.ranges
        let speakerRange = ranges[speaker.words.lowerBound].lowerBound..<ranges[speaker.words.upperBound - 1].upperBound
        let verbRange = cue.range(in: s)
        let according = cue.according(in: s)
        // A quotation just before the speaker and verb ("“…,” Vell said"), or just after ("Vell
        // said: “…”", "said the dam was “…”").
        let head = min(speakerRange.lowerBound, verbRange.lowerBound)
        let attachedBefore = s.quotations.last { $0.end <= head && !article.hasLetters($0.end, head) }
        let afterVerb = max(verbRange.upperBound, according ? speakerRange.upperBound : verbRange.upperBound)
        let attachedAfter = s.quotations.first { q in
            q.start >= afterVerb && article.wordsBetween(afterVerb, q.start) <= 4
                && !article.hasStop(afterVerb, q.start)
        }
        let attached = attachedBefore ?? attachedAfter
        if let q = attached, article.wordCount(q) >= 4 {
            return SaidClause(mode: .direct, span: q.start..<q.end, quote: article.quoteText(q))
        }
        var clause: SaidClause
        if according {
            clause = SaidClause(
                mode: .reported, span: accordingClause(cue, speaker, speakerRange, s, article), quote: nil)
        } else {
            clause = reportedClause(cue, speaker, speakerRange, s, article)
        }
        if clause.quote == nil, let q = attached { clause.quote = article.quoteText(q) }
        return clause
    }

    /// "…, according to X." reports what comes before; "According to X, …" what follows.
    private static func accordingClause(
        _ cue: Cue, _ speaker: SpeakerPhrase, _ speakerRange: Range<Int>, _ s: Sentence, _ article: ArticleText
    ) -> Range<Int> {
        let np = speaker.words
        var clauseStart = speakerRange.upperBound
        // "According to Ada Rusk, a spokeswoman for the government, …": past the apposition.
        if np.upperBound < s.count, ["a", "an", "the"].contains(s.lower[np.upperBound]) {
            var n = np.upperBound
            while n + 1 < s.count, n - np.upperBound < 10,
                !article.hasComma(s.words.ranges[n].upperBound, s.words.ranges[n + 1].lowerBound)
            {
                n += 1
            }
            if n + 1 < s.count, n - np.upperBound < 10 { clauseStart = s.words.ranges[n].upperBound }
        }
        var span: Range<Int>
        if s.words.ranges[cue.verb].lowerBound - s.range.lowerBound > 3 {
            span = article.trimmed(article.withoutDateline(s.range.lowerBound)..<s.words.ranges[cue.verb].lowerBound)
        } else {
            span = article.trimmed(clauseStart..<s.range.upperBound)
        }
        while span.lowerBound < span.upperBound, article.scalars[span.lowerBound] == "," {
            span = article.trimmed((span.lowerBound + 1)..<span.upperBound)
        }
        return article.strip(span)
    }

    /// The clause a verb reports: after it ("said that …", "told reporters that …"), up to the
    /// same speaker's next verb ("but said …"); or before the speaker ("Sudmark will reopen the
    /// crossing, President Vell said on Tuesday").
    private static func reportedClause(
        _ cue: Cue, _ speaker: SpeakerPhrase, _ speakerRange: Range<Int>, _ s: Sentence, _ article: ArticleText
    ) -> SaidClause {
        let words = s.words
        let verbRange = cue.range(in: s)
        let m = clauseStart(cue, s)
        let start = m < s.count ? words.ranges[m].lowerBound : verbRange.upperBound
        var end = s.range.upperBound
        var n = m
        while n + 1 < s.count {
            if !s.quoted[n], s.lower[n] == "but",
                ReportingVerbs.single[s.lower[n + 1]] != nil
                    || (n + 2 < s.count && ReportingVerbs.between.contains(s.lower[n + 1])
                        && ReportingVerbs.single[s.lower[n + 2]] != nil)
            {
                end = words.ranges[n].lowerBound
                break
            }
            n += 1
        }
        var span = article.strip(article.trimmed(start..<end))
        // "Sudmark will reopen the crossing, President Vell said on Tuesday, ending …": the
        // clause comes before the speaker.
        let afterVerb = Words(article, verbRange.upperBound..<s.range.upperBound)
        let dateOnly = afterVerb.lower.prefix { ReportingVerbs.dateWords.contains($0) }.count
        let nextMark = dateOnly < afterVerb.count ? afterVerb.ranges[dateOnly].lowerBound : s.range.upperBound
        let rest = article.string(
            (dateOnly > 0 ? afterVerb.ranges[dateOnly - 1].upperBound : verbRange.upperBound)..<nextMark)
        let np = speaker.words
        if np.lowerBound > 0, !speaker.pronoun,
            article.hasComma(words.ranges[np.lowerBound - 1].upperBound, speakerRange.lowerBound),
            rest.contains(",") || dateOnly == afterVerb.count || afterVerb.count == 0
        {
            let clause = article.trimmed(
                article.withoutDateline(s.range.lowerBound)..<words.ranges[np.lowerBound - 1].upperBound)
            if !clause.isEmpty { span = article.strip(clause) }
        }
        if span.isEmpty { span = verbRange }
        // A quotation inside the reported clause is its verbatim part.
        let inside = s.quotations.filter { span.contains($0.start) }
        let quote = inside.max { $0.end - $0.start < $1.end - $1.start }.map { article.quoteText($0) }
        return SaidClause(mode: .reported, span: span, quote: quote)
    }

    /// The first word of the clause after the verb: past "that" when it comes soon ("said on
    /// Thursday that …") and past the hearers of "told" ("told reporters that …").
    private static func clauseStart(_ cue: Cue, _ s: Sentence) -> Int {
        let m = cue.end + 1
        var n = m
        if ["told", "tells", "telling"].contains(s.lower[cue.verb]) {
            while n < s.count, n - m < 6, s.lower[n] != "that" { n += 1 }
        } else {
            while n < s.count, n - m < 6, s.lower[n] != "that", !s.quoted[n],
                ReportingVerbs.between.contains(s.lower[n]) || ReportingVerbs.dateWords.contains(s.lower[n])
                    || Int(s.lower[n]) != nil
            {
                n += 1
            }
        }
        return n < s.count && s.lower[n] == "that" ? n + 1 : m
    }
}
