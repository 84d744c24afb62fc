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
    /// same speaker's next verb ("but said …") and short of a closing "according to X"; or before
    /// the speaker ("Sudmark will reopen the crossing, President Vell said on Tuesday"), when
    /// what follows the verb is no clause ("said after the meeting", "told a briefing").
    private static func reportedClause(
        _ cue: Cue, _ speaker: SpeakerPhrase, _ speakerRange: Range<Int>, _ s: Sentence, _ article: ArticleText
    ) -> SaidClause {
        let words = s.words
        let verbRange = cue.range(in: s)
        let (m, afterIsClause) = clauseStart(cue, s, article)
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
            // "…, according to his office": who said it, not what.
            if n > m, !s.quoted[n], s.lower[n] == "according", s.lower[n + 1] == "to",
                article.hasComma(words.ranges[n - 1].upperBound, words.ranges[n].lowerBound)
            {
                end = words.ranges[n - 1].upperBound
                break
            }
            n += 1
        }
        var span = article.strip(article.trimmed(start..<end))
        if !afterIsClause, let fronted = frontedClause(speaker, speakerRange, s, article) { span = fronted }
        if span.isEmpty { span = verbRange }
        // A quotation inside the reported clause is its verbatim part.
        let inside = s.quotations.filter { span.contains($0.start) }
        let quote = inside.max { $0.end - $0.start < $1.end - $1.start }.map { article.quoteText($0) }
        return SaidClause(mode: .reported, span: span, quote: quote)
    }

    /// The clause before a speaker set off by a comma ("Sudmark will reopen the crossing, Vell
    /// said"), when there is one: not an opening phrase ("In response,", "Asked about the dam,").
    private static func frontedClause(
        _ speaker: SpeakerPhrase, _ speakerRange: Range<Int>, _ s: Sentence, _ article: ArticleText
    ) -> Range<Int>? {
        let np = speaker.words
        guard np.lowerBound > 0, !speaker.pronoun,
            article.hasComma(s.words.ranges[np.lowerBound - 1].upperBound, speakerRange.lowerBound)
        else { return nil }
        let start = article.withoutDateline(s.range.lowerBound)
        guard let first = s.words.ranges.firstIndex(where: { $0.lowerBound >= start }), first < np.lowerBound,
            np.lowerBound - first >= 3
        else { return nil }
        let opening = s.lower[first]
        if ReportingVerbs.prepositions.contains(opening) || ReportingVerbs.openers.contains(opening)
            || ReportingVerbs.isParticiple(opening) || ["asked", "responding", "commenting"].contains(opening)
        {
            return nil
        }
        let clause = article.trimmed(start..<s.words.ranges[np.lowerBound - 1].upperBound)
        return clause.isEmpty ? nil : article.strip(clause)
    }

    /// The first word of the clause after the verb, and whether a clause follows the verb at
    /// all. The clause starts past a dating phrase, past "that" when it comes soon ("said on
    /// Thursday that …") and past the hearers of "told" ("told reporters that …"); "that" after
    /// a verb that takes a noun is a determiner ("rejected that demand"). No clause follows
    /// when the verb is followed by a comma, by nothing, by an adverbial ("said after the
    /// meeting") or, for "told", by its hearer alone ("told a briefing on Tuesday").
    private static func clauseStart(_ cue: Cue, _ s: Sentence, _ article: ArticleText) -> (Int, Bool) {
        let verb = s.lower[cue.verb]
        let m = cue.end + 1
        func inDate(_ k: Int) -> Bool { s.phrases.contains { $0.range.contains(s.words.ranges[k].lowerBound) } }
        var n = m
        if ReportingVerbs.hearerFirst.contains(verb) {
            while n < s.count, n - m < 6, s.lower[n] != "that" { n += 1 }
            if n < s.count, s.lower[n] == "that" { return (n + 1, true) }
            return (m, false)
        }
        while n < s.count, n - m < 6, s.lower[n] != "that", !s.quoted[n],
            ReportingVerbs.between.contains(s.lower[n]) || ReportingVerbs.dateWords.contains(s.lower[n])
                || Int(s.lower[n]) != nil
        {
            n += 1
        }
        if n < s.count, s.lower[n] == "that", !ReportingVerbs.nounObject.contains(verb) { return (n + 1, true) }
        // Past a dating phrase right after the verb: "pledged on Tuesday to restore …".
        var first = m
        while first < s.count, inDate(first) { first += 1 }
        guard first < s.count else { return (m, false) }
        let afterVerb = first > m ? s.words.ranges[first - 1].upperBound : s.words.ranges[cue.end].upperBound
        if article.hasComma(afterVerb, s.words.ranges[first].lowerBound) { return (m, false) }
        let lead = s.lower[first]
        if ReportingVerbs.prepositions.contains(lead) && lead != "to" && !s.quoted[first] { return (m, false) }
        return (first, true)
    }
}
