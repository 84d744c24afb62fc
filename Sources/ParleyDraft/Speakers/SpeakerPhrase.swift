/// Where the speaker of a cue is named: before the verb ("Vell said"), after it ("…," said the
/// minister; according to Vell), or in an apposition ("Greta Lund, a Kavarian analyst, said").
struct SpeakerPhrase {
    /// The speaker's words.
    var words: Range<Int>
    /// Whether the speaker is a pronoun ("he", "they").
    var pronoun: Bool

    /// The words naming the speaker of `cue`, if the sentence has them.
    static func find(for cue: Cue, in s: Sentence, _ article: ArticleText) -> SpeakerPhrase? {
        let according = cue.according(in: s)
        if !according, isPassive(cue, s) { return nil }
        let found =
            according ? after(cue.end, s, article).map { Self(words: $0, pronoun: false) } : before(cue, s, article)
        guard var found, !found.words.isEmpty else { return nil }
        // "what Berg had said" names a remark, it does not report one.
        if found.words.lowerBound > 0, ["what", "whatever"].contains(s.lower[found.words.lowerBound - 1]) {
            return nil
        }
        // A dateline's weekday or a date before the name is not part of it: "Sunday Armenia's Ministry".
        while found.words.count > 1, !found.pronoun, isDateWord(found.words.lowerBound, s) {
            found.words = (found.words.lowerBound + 1)..<found.words.upperBound
        }
        // A possessive right before the verb makes it a noun: "Baku's demands".
        if !according, found.words.upperBound == cue.verb,
            s.text[cue.verb - 1].hasSuffix("'s")
                || s.text[cue.verb - 1].hasSuffix("’s")
        {
            return nil
        }
        return found
    }

    /// The speaker named before the verb, past adverbs and dating words ("Vell on Tuesday
    /// said"), in an apposition, or after the verb in an inversion ("“…,” said the minister").
    private static func before(_ cue: Cue, _ s: Sentence, _ article: ArticleText) -> SpeakerPhrase? {
        let verb = cue.verb
        let ranges = s.words.ranges
        var j = verb - 1
        while j >= 0, !s.quoted[j],
            ReportingVerbs.between.contains(s.lower[j])
                || s.phrases.contains(where: { $0.range.contains(ranges[j].lowerBound) })
                || (s.lower[j] == "on" && j + 1 < verb)
        {
            if article.punctuated(ranges[j].upperBound, ranges[j + 1].lowerBound) { break }
            j -= 1
        }
        if j >= 0, !s.quoted[j], !article.punctuated(ranges[j].upperBound, ranges[min(j + 1, verb)].lowerBound) {
            if ReportingVerbs.pronouns.contains(s.lower[j]) { return SpeakerPhrase(words: j..<(j + 1), pronoun: true) }
            if let words = endingAt(j, s, article) { return SpeakerPhrase(words: words, pronoun: false) }
        }
        if j > 0, !s.quoted[j], ranges[j].upperBound < ranges[verb].lowerBound,
            article.hasComma(ranges[j].upperBound, ranges[verb].lowerBound),
            let words = apposition(endingAt: j, s, article)
        {
            return SpeakerPhrase(words: words, pronoun: false)
        }
        // Inversion: “…,” said the minister.
        let before = verb > 0 ? ranges[verb - 1].upperBound : s.range.lowerBound
        guard ReportingVerbs.inverting.contains(s.lower[verb]),
            verb == 0 || article.punctuated(before, ranges[verb].lowerBound),
            let words = after(cue.end, s, article)
        else { return nil }
        if ReportingVerbs.pronouns.contains(s.lower[words.lowerBound]) {
            return SpeakerPhrase(words: words.lowerBound..<(words.lowerBound + 1), pronoun: true)
        }
        return SpeakerPhrase(words: words, pronoun: false)
    }

    /// "Greta Lund, a Kavarian analyst, said": the name before the comma, through the apposition
    /// ending at word `j`.
    private static func apposition(endingAt j: Int, _ s: Sentence, _ article: ArticleText) -> Range<Int>? {
        let ranges = s.words.ranges
        var a = j
        while a > 0, j - a < 8, !s.quoted[a - 1], !breaks(a - 1, s, article) {
            a -= 1
        }
        guard a > 0, j - a < 8, article.hasComma(ranges[a - 1].upperBound, ranges[a].lowerBound),
            let name = endingAt(a - 1, s, article), s.text[name].contains(where: { $0.first?.isUppercase == true })
        else { return nil }
        return name.lowerBound..<(j + 1)
    }

    /// The runs of words before word `verb` that could be a sentence's subject, first first: each
    /// a name, a title or a pronoun, not inside a quotation and not the object of a preposition
    /// ("with the leaders of Russia").
    static func subjects(before verb: Int, in s: Sentence, _ article: ArticleText) -> [SpeakerPhrase] {
        var found: [SpeakerPhrase] = []
        var k = 0
        while k < verb {
            let pronoun = ReportingVerbs.pronouns.contains(s.lower[k]) && !s.quoted[k]
            guard nameWord(k, s) || pronoun else {
                k += 1
                continue
            }
            var end = k
            while !pronoun, end + 1 < verb, nameWord(end + 1, s),
                !article.punctuated(s.words.ranges[end].upperBound, s.words.ranges[end + 1].lowerBound)
            {
                end += 1
            }
            let object = k > 0 && ReportingVerbs.prepositions.contains(s.lower[k - 1])
            if !object {
                if pronoun {
                    found.append(SpeakerPhrase(words: k..<(k + 1), pronoun: true))
                } else if let words = endingAt(end, s, article), words.lowerBound >= k {
                    found.append(SpeakerPhrase(words: words, pronoun: false))
                }
            }
            k = end + 1
        }
        return found
    }

    /// Whether punctuation stands between word `k` and the next, an initial's full stop aside
    /// ("Jon A. Kade").
    static func breaks(_ k: Int, _ s: Sentence, _ article: ArticleText) -> Bool {
        guard k + 1 < s.count else { return true }
        let from = s.words.ranges[k].upperBound
        let to = s.words.ranges[k + 1].lowerBound
        guard article.punctuated(from, to) else { return false }
        let initial = s.text[k].count == 1 && s.text[k].first?.isUppercase == true
        return !(initial && article.string(from..<to).trimmingCharacters(in: .whitespaces) == ".")
    }

    /// "Reuters was told", "was asked": the subject is the hearer, not the speaker.
    private static func isPassive(_ cue: Cue, _ s: Sentence) -> Bool {
        guard cue.verb > 0, ["told", "asked", "informed", "notified", "assured"].contains(s.lower[cue.verb]) else {
            return false
        }
        return ["was", "were", "is", "are", "been", "being", "be"].contains(s.lower[cue.verb - 1])
    }

    /// Whether word `k` is a weekday, a month, or a word like "today" that dates rather than names.
    private static func isDateWord(_ k: Int, _ s: Sentence) -> Bool {
        s.phrases.contains { $0.range.contains(s.words.ranges[k].lowerBound) }
            || SaidDates.weekdays.contains(SpeakerTable.stripPossessive(s.lower[k]))
    }

    /// Whether word `k` can be part of a speaker's words: capitalised, a title word, or a
    /// particle inside a name ("von der Leyen").
    private static func nameWord(_ k: Int, _ s: Sentence) -> Bool {
        guard !s.quoted[k] else { return false }
        if s.text[k].first?.isUppercase == true || ReportingVerbs.titleWords.contains(s.lower[k]) { return true }
        return ReportingVerbs.nameParticles.contains(s.text[k]) && k + 1 < s.count
            && s.text[k + 1].first?.isUppercase == true
            || ReportingVerbs.nameParticles.contains(s.text[k])
                && k + 1 < s.count && ReportingVerbs.nameParticles.contains(s.text[k + 1])
    }

    /// A speaker's words ending at word `end`: capitalised words, possessives and title words.
    static func endingAt(_ end: Int, _ s: Sentence, _ article: ArticleText) -> Range<Int>? {
        var start = end
        func fits(_ k: Int) -> Bool { nameWord(k, s) }
        guard fits(end) else { return nil }
        while start > 0, end - start < 10, fits(start - 1), !breaks(start - 1, s, article) {
            start -= 1
        }
        // Not a phrase that begins with a linking word or a sentence's opening word ("But").
        while start < end,
            ["of", "and", "for"].contains(s.lower[start]) || ReportingVerbs.openers.contains(s.lower[start])
        {
            start += 1
        }
        if ["the", "a", "an", "of", "and", "for"].contains(s.lower[end]) { return nil }
        return start..<(end + 1)
    }

    /// A speaker's words starting after word `after`.
    static func after(_ after: Int, _ s: Sentence, _ article: ArticleText) -> Range<Int>? {
        let start = after + 1
        guard start < s.count, !s.quoted[start],
            !article.punctuated(s.words.ranges[after].upperBound, s.words.ranges[start].lowerBound)
                || s.lower[after] == "to"
        else { return nil }
        func fits(_ k: Int) -> Bool { nameWord(k, s) || (!s.quoted[k] && ReportingVerbs.pronouns.contains(s.lower[k])) }
        guard fits(start) else { return nil }
        if ReportingVerbs.pronouns.contains(s.lower[start]) { return start..<(start + 1) }
        var end = start
        while end + 1 < s.count, end - start < 10, fits(end + 1),
            !article.punctuated(s.words.ranges[end].upperBound, s.words.ranges[end + 1].lowerBound)
        {
            end += 1
        }
        while end > start, ["the", "a", "an", "of", "and", "for"].contains(s.lower[end]) { end -= 1 }
        return start..<(end + 1)
    }
}
