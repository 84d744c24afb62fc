import ParleyModel

/// One pass over an article, sentence by sentence: each stage's findings put together into
/// drafts, with what earlier sentences said (``Discourse``) for pronouns, titles and dates.
struct ArticleReader {
    let article: ArticleText
    let speakers: SpeakerTable
    let dates: SaidDates
    let guesser: IssueGuesser
    var discourse: Discourse
    var drafts: [Draft] = []

    init(article: ArticleText, speakers: SpeakerTable, dates: SaidDates, guesser: IssueGuesser) {
        self.article = article
        self.speakers = speakers
        self.dates = dates
        self.guesser = guesser
        discourse = Discourse(speakers: speakers)
    }

    mutating func read(_ s: Sentence) {
        guard s.count > 0 else { return }
        let mentions = speakers.mentions(s.text, lower: s.lower, in: 0..<s.count)
        defer {
            discourse.previousSentence = s.range
            discourse.mentioned(mentions)
        }
        // An interview: "Q: …" is the interviewer's; "Ostrander: …" is an answer.
        if let colon = leadingColon(s) {
            if colon == 0, ["q", "question"].contains(s.lower[0]) { return }
            if let answer = answer(s, nameEnd: colon) {
                discourse.remember(answer)
                drafts.append(answer)
                discourse.last = (answer, s.index)
                return
            }
        }
        var found: [Draft] = []
        var k = 0
        while k < s.count {
            if s.quoted[k] {
                k += 1
                continue
            }
            if let cue = Cue.at(k, in: s, article) {
                found += statements(cue, in: s, earlier: found)
                k = cue.end + 1
                continue
            }
            if ReportingVerbs.framing.contains(s.lower[k]), found.isEmpty {
                frame(Cue(verb: k, end: k, kind: .assertion), s)
            }
            k += 1
        }
        if found.isEmpty, let continued = continuation(s) { found.append(continued) }
        // Only a sentence that reports no remark of its own describes the occasion.
        if found.isEmpty { discourse.setScene(s, mentions) }
        for draft in found {
            drafts.append(draft)
            discourse.remember(draft)
            // The next "he" is the sentence's own speaker, not someone whose words it relays.
            if draft.via == nil, draft.party != nil || draft.speaker != nil { discourse.last = (draft, s.index) }
        }
    }

    /// "Ostrander spoke to the Courier yesterday": no statement, but who and when, for the
    /// remarks that follow.
    private mutating func frame(_ cue: Cue, _ s: Sentence) {
        guard var context = statements(cue, in: s, earlier: []).first, context.party != nil else { return }
        if context.said == nil, let phrase = s.ownPhrases.first {
            context.said = phrase.date
            context.saidEvidence = phrase.evidence
        }
        discourse.last = (context, s.index)
    }

    /// A sentence that is (mostly) a quotation with no speaker of its own goes on with the last
    /// speaker, when the last sentence or the one before was theirs.
    private func continuation(_ s: Sentence) -> Draft? {
        guard let quotation = s.longestQuotation,
            article.letters(in: quotation.start..<quotation.end) * 2 >= article.letters(in: s.range),
            let previous = discourse.last, previous.sentence >= s.index - 2
        else { return nil }
        var draft = previous.draft
        let quote = article.quoteText(quotation)
        draft.mode = .direct
        draft.quote = quote
        draft.span = quotation.start..<quotation.end
        draft.spanText = quote
        draft.sentence = article.flat(s.range)
        draft.resolution = "continues the quotation of the sentence before (\(previous.draft.resolution))"
        draft.confidence = (previous.draft.confidence * 0.85 * 100).rounded() / 100
        applyIssue(&draft, s)
        return draft
    }

    // MARK: - One statement

    /// The statements a reporting verb makes: one per party speaking, none without a speaker.
    func statements(_ cue: Cue, in s: Sentence, earlier: [Draft]) -> [Draft] {
        guard let phrase = SpeakerPhrase.find(for: cue, in: s, article) else { return [] }
        let ranges = s.words.ranges
        let speakerRange = ranges[phrase.words.lowerBound].lowerBound..<ranges[phrase.words.upperBound - 1].upperBound
        let speaker = article.string(speakerRange)
        guard let who = resolve(phrase, speaker, in: s, earlier: earlier) else { return [] }
        let said = SaidClause.find(cue: cue, speaker: phrase, in: s, article)
        let when =
            RemarkDate.inSentence(s, cue: cue, said: said, speakerStart: speakerRange.lowerBound, article)
            ?? discourse.contextDate(
                actor: who.actor, party: who.parties.first, pronounIn: phrase.pronoun ? s.index : nil
            ).map { RemarkDate(date: $0.0, evidence: $0.1) }
        var draft = Draft(
            speaker: speaker, actor: who.actor ?? who.parties.first.flatMap { who.leaders[$0] },
            party: who.parties.first, resolution: who.how, via: nil, mode: said.mode, verb: cue.text(in: s),
            kind: cue.kind, quote: said.quote, span: said.span, spanText: article.flat(said.span), said: when?.date,
            saidEvidence: when?.evidence, issue: nil, issueEvidence: "", issueCandidates: [],
            sentence: article.flat(s.range), confidence: 0)
        // A speaker inside another's reported clause speaks through them.
        if let outer = earlier.last(where: { $0.span.contains(speakerRange.lowerBound) && $0.mode == .reported }) {
            draft.via = outer.speaker
        }
        applyIssue(&draft, s)
        var confidence = who.certainty * (said.mode == .direct ? 1 : 0.9)
        if draft.issue == nil { confidence *= 0.9 }
        draft.confidence = (confidence * 100).rounded() / 100
        // Two verbs of one speaker in one sentence ("rejected …, saying …") are one statement.
        if let previous = earlier.last, previous.party == draft.party,
            previous.speaker == draft.speaker || phrase.pronoun
        {
            return []
        }
        // Several parties speaking together: a statement each.
        var all = [draft]
        for party in who.parties.dropFirst() {
            var other = draft
            other.party = party
            other.actor = who.leaders[party]
            all.append(other)
        }
        return all
    }

    /// Who the speaker's words name: a pronoun's antecedent, a name the case or the article
    /// knows, or, for a name or title nobody knows, an unresolved speaker to review.
    private func resolve(_ phrase: SpeakerPhrase, _ speaker: String, in s: Sentence, earlier: [Draft])
        -> SpeakerTable.Resolution?
    {
        if phrase.pronoun { return discourse.resolvePronoun(speaker, index: s.index, earlier: earlier) }
        if let found = discourse.resolve(s, phrase.words, article) { return found }
        // Only speakers with a name or a title are worth a draft.
        let capitalised = s.text[phrase.words].contains { $0.first?.isUppercase == true }
        let titled = s.lower[phrase.words].contains {
            ReportingVerbs.titleWords.contains($0) && !["the", "of", "and", "for", "a", "an"].contains($0)
        }
        guard capitalised || titled else { return nil }
        return SpeakerTable.Resolution(
            actor: nil, parties: [], how: "no party or actor of the case matches '\(speaker)'", certainty: 0.3)
    }

    // MARK: - Interviews

    /// The word index of a colon after the first few words of a paragraph ("Q:", "Ostrander:").
    private func leadingColon(_ s: Sentence) -> Int? {
        guard article.paragraphStarts.contains(s.range.lowerBound) else { return nil }
        for k in 0..<min(4, s.count) {
            let after = s.words.ranges[k].upperBound
            if after < s.range.upperBound, article.scalars[after] == ":" { return k }
            if k + 1 < s.count, article.punctuated(after, s.words.ranges[k + 1].lowerBound) { return nil }
        }
        return nil
    }

    /// An interview's answer: "Ostrander: “We never left Velm.”"
    private func answer(_ s: Sentence, nameEnd: Int) -> Draft? {
        guard let who = discourse.resolve(s, 0..<(nameEnd + 1), article) else { return nil }
        let after = s.words.ranges[nameEnd].upperBound + 1
        let quotation = s.quotations.first { $0.start >= after }
        let span = quotation.map { $0.start..<$0.end } ?? article.strip(article.trimmed(after..<s.range.upperBound))
        guard !span.isEmpty else { return nil }
        let speakerRange = s.words.ranges[0].lowerBound..<s.words.ranges[nameEnd].upperBound
        var draft = Draft(
            speaker: article.string(speakerRange), actor: who.actor, party: who.parties.first, resolution: who.how,
            via: nil, mode: .direct, verb: ":", kind: .assertion, quote: quotation.map { article.quoteText($0) },
            span: span, spanText: article.flat(span), said: nil, saidEvidence: nil, issue: nil, issueEvidence: "",
            issueCandidates: [], sentence: article.flat(s.range), confidence: 0)
        if let context = discourse.contextDate(actor: who.actor, party: who.parties.first, pronounIn: nil) {
            (draft.said, draft.saidEvidence) = context
        }
        applyIssue(&draft, s)
        draft.confidence = (who.certainty * (draft.issue == nil ? 0.9 : 1) * 100).rounded() / 100
        return draft
    }

    // MARK: - Issues

    /// The issue the remark's own words name, else the sentence's.
    func applyIssue(_ draft: inout Draft, _ s: Sentence) {
        var guess = guesser.guess(Words(article, draft.span).lower)
        if guess.issue == nil { guess = guesser.guess(s.lower) }
        draft.issue = guess.issue
        draft.issueEvidence = guess.evidence
        draft.issueCandidates = guess.candidates
    }
}
