import ParleyModel

/// One pass over an article, sentence by sentence: each stage's findings put together into
/// drafts, with what earlier sentences said (``Discourse``) for pronouns, titles and dates.
struct ArticleReader {
    let article: ArticleText
    let speakers: SpeakerTable
    let dates: SaidDates
    let guesser: IssueGuesser
    var discourse: Discourse
    var occasions = Occasions()
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
        discourse.introduce(from: s, mentions, article)
        defer {
            discourse.previousSentence = s.range
            discourse.mentioned(mentions)
            discourse.noteSubjectParty(s, mentions)
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
        var found = remarks(in: s)
        if found.isEmpty, let continued = continuation(s) { found.append(continued) }
        // Only a sentence that reports no remark of its own describes the occasion.
        if found.isEmpty {
            discourse.noteSubject(s, mentions)
            occasions.setScene(
                s, parties: Set(mentions.compactMap(\.entry.party)), lastMentioned: discourse.lastMentioned?.party)
        }
        keep(Self.attributed(found, article), from: s)
    }

    /// The remarks the sentence's reporting verbs make, in order; a framing verb ("spoke to the
    /// Courier") or a verb that hands over to the next quotation ("stated today:") only sets the
    /// context.
    private mutating func remarks(in s: Sentence) -> [Draft] {
        var found: [Draft] = []
        var k = 0
        while k < s.count {
            if s.quoted[k] {
                k += 1
                continue
            }
            if let cue = Cue.at(k, in: s, article) {
                if found.isEmpty, introducesQuotation(cue, s) {
                    frame(cue, s)
                } else {
                    found += statements(cue, in: s, earlier: found)
                }
                k = cue.end + 1
                continue
            }
            if ReportingVerbs.framing.contains(s.lower[k]), found.isEmpty {
                frame(Cue(verb: k, end: k, kind: .assertion), s)
            }
            k += 1
        }
        return found
    }

    /// Records a sentence's drafts and what later sentences need from them.
    private mutating func keep(_ found: [Draft], from s: Sentence) {
        // Several parties speaking at once: a "they" that follows is all of them.
        if let first = found.first(where: { $0.party != nil }) {
            let together = found.filter { $0.span == first.span && $0.speaker == first.speaker }
            if together.count > 1 {
                var leaders: [String: String] = [:]
                for draft in together { if let party = draft.party, let actor = draft.actor { leaders[party] = actor } }
                discourse.lastGroup = (
                    SpeakerTable.Resolution(
                        actor: nil, parties: together.compactMap(\.party), leaders: leaders, how: "", certainty: 0.7),
                    s.index
                )
            }
        }
        for draft in found {
            drafts.append(draft)
            discourse.remember(draft)
            discourse.rememberDocuments(in: s, of: draft)
            occasions.spoke(draft)
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
        occasions.spoke(context)
    }

    /// Whether the sentence ends with the verb, a date at most, and a colon: what was said is
    /// the quotation of the next paragraph.
    private func introducesQuotation(_ cue: Cue, _ s: Sentence) -> Bool {
        guard article.scalars[s.range.upperBound - 1] == ":", s.quotations.isEmpty else { return false }
        let after = (cue.end + 1)..<s.count
        return after.allSatisfy { k in
            ReportingVerbs.between.contains(s.lower[k])
                || s.phrases.contains { $0.range.contains(s.words.ranges[k].lowerBound) }
        }
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
        guard let (phrase, who) = speaker(of: cue, in: s, earlier: earlier) else { return [] }
        let ranges = s.words.ranges
        let speakerRange = ranges[phrase.words.lowerBound].lowerBound..<ranges[phrase.words.upperBound - 1].upperBound
        let speaker = article.string(speakerRange)
        let said = SaidClause.find(cue: cue, speaker: phrase, in: s, article)
        // A speaker inside another's reported clause speaks through them, at a time of their own.
        let outer = earlier.last { $0.span.contains(speakerRange.lowerBound) && $0.mode == .reported }
        // An unknown speaker inside another's clause ("that the two countries agreed") is part of
        // what the outer speaker said.
        // The same for a group guessed from the speakers before ("both sides had agreed").
        if outer != nil && (who.parties.isEmpty || who.certainty < 0.75) { return [] }
        let when: RemarkDate?
        if outer != nil {
            when = RemarkDate.nested(s, cue: cue, article)
        } else {
            when =
                RemarkDate.inSentence(s, cue: cue, said: said, speakerStart: speakerRange.lowerBound, article)
                ?? contextDate(who, pronoun: phrase.pronoun, in: s, cue: cue)
        }
        var draft = Draft(
            speaker: speaker, actor: who.actor ?? who.parties.first.flatMap { who.leaders[$0] },
            party: who.parties.first, resolution: who.how, via: nil, mode: said.mode, verb: cue.text(in: s),
            kind: cue.kind, quote: said.quote, span: said.span, spanText: article.flat(said.span), said: when?.date,
            saidEvidence: when?.evidence, issue: nil, issueEvidence: "", issueCandidates: [],
            sentence: article.flat(s.range), confidence: 0)
        draft.via = outer?.speaker
        draft.speakerSpan = speakerRange
        draft.summaryStart = summaryStart(said, cue: cue, in: s)
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

    /// Who speaks for `cue`: the words that name them and what those resolve to. A participle
    /// ("…, saying", "by proposing") is the main clause's subject's: the same statement as the
    /// sentence's earlier verb, or the first words before it that name a speaker.
    private func speaker(of cue: Cue, in s: Sentence, earlier: [Draft])
        -> (SpeakerPhrase, SpeakerTable.Resolution)?
    {
        if ReportingVerbs.isParticiple(s.lower[cue.verb]) {
            guard earlier.isEmpty else { return nil }
            for phrase in SpeakerPhrase.subjects(before: cue.verb, in: s, article) {
                if let who = resolve(phrase, in: s, earlier: earlier) { return (phrase, who) }
            }
            return nil
        }
        if let phrase = SpeakerPhrase.find(for: cue, in: s, article) {
            guard let who = resolve(phrase, in: s, earlier: earlier) else { return nil }
            return (phrase, who)
        }
        // "The two leaders discussed the floods and agreed to …": the first verb's subject.
        var k = cue.verb - 1
        while k >= 0, ReportingVerbs.between.contains(s.lower[k]) { k -= 1 }
        guard k > 0, ["and", "but"].contains(s.lower[k]), earlier.isEmpty else { return nil }
        for phrase in SpeakerPhrase.subjects(before: k, in: s, article) {
            if let who = resolve(phrase, in: s, earlier: earlier) { return (phrase, who) }
        }
        return nil
    }

    /// Who the speaker's words name: a pronoun's antecedent, a name the case or the article
    /// knows, or, for a name or title nobody knows, an unresolved speaker to review. Unnamed
    /// sources ("one senior official") and the press that quotes them ("said Reuters") are not
    /// a party's speakers.
    private func resolve(_ phrase: SpeakerPhrase, in s: Sentence, earlier: [Draft]) -> SpeakerTable.Resolution? {
        let speaker = s.text[phrase.words].joined(separator: " ")
        if phrase.pronoun { return discourse.resolvePronoun(speaker, index: s.index, earlier: earlier) }
        if let found = discourse.resolve(s, phrase.words, article) { return found }
        let lower = s.lower[phrase.words].map(SpeakerTable.stripPossessive)
        if lower.allSatisfy(ReportingVerbs.anonymous.contains) || lower.contains(where: ReportingVerbs.press.contains) {
            return nil
        }
        // "Greta Lund, a Kavarian analyst": someone who speaks for no party.
        let apposition = phrase.words.upperBound..<min(s.count, phrase.words.upperBound + 6)
        if lower.contains(where: ReportingVerbs.outsiders.contains)
            || apposition.contains(where: { ReportingVerbs.outsiders.contains(s.lower[$0]) })
        {
            return nil
        }
        // Only speakers with a name or a title are worth a draft ("One", "The" are capitalised
        // only because they open the sentence).
        let capitalised = phrase.words.contains { k in
            s.text[k].first?.isUppercase == true
                && !(ReportingVerbs.anonymous.contains(s.lower[k]) || ReportingVerbs.openers.contains(s.lower[k]))
        }
        let titled = lower.contains {
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
        if let context = contextDate(who, pronoun: false, in: s, cue: Cue(verb: 0, end: 0, kind: .assertion)) {
            (draft.said, draft.saidEvidence) = (context.date, context.evidence)
        }
        applyIssue(&draft, s)
        draft.confidence = (who.certainty * (draft.issue == nil ? 0.9 : 1) * 100).rounded() / 100
        return draft
    }

    /// The start of a summary: the reported clause with its verb when the verb is not a plain
    /// "said" and the clause follows it ("pledged to restore …", "rejected the demand, saying …").
    private func summaryStart(_ said: SaidClause, cue: Cue, in s: Sentence) -> String {
        let verb = cue.range(in: s)
        let plain = cue.kind == .assertion && !ReportingVerbs.nounObject.contains(s.lower[cue.verb])
        guard said.mode == .reported, !plain, said.span.lowerBound >= verb.upperBound,
            !article.hasStop(verb.upperBound, said.span.lowerBound)
        else { return article.flat(said.span) }
        return article.flat(verb.lowerBound..<said.span.upperBound)
    }

    /// A sentence's drafts with their relations settled: a clause that runs into a later
    /// speaker's attribution ("…, Michel said") stops before it, and a speaker inside a later
    /// speaker's clause is relayed by them.
    static func attributed(_ drafts: [Draft], _ article: ArticleText) -> [Draft] {
        var drafts = drafts
        for i in drafts.indices {
            for j in drafts.indices where j > i && drafts[j].speaker != drafts[i].speaker {
                guard let later = drafts[j].speakerSpan, drafts[i].mode == .reported,
                    drafts[i].span.contains(later.lowerBound), drafts[j].span.upperBound <= later.lowerBound
                else { continue }
                let cut = article.strip(article.trimmed(drafts[i].span.lowerBound..<later.lowerBound))
                if !cut.isEmpty {
                    let old = drafts[i].spanText
                    drafts[i].span = cut
                    drafts[i].spanText = article.flat(cut)
                    // The summary keeps its verb: "pledged to restore …".
                    let verb = drafts[i].summaryStart.hasSuffix(old) ? drafts[i].summaryStart.dropLast(old.count) : ""
                    drafts[i].summaryStart = verb + drafts[i].spanText
                    // The later speaker was not inside this clause after all.
                    if drafts[j].via == drafts[i].speaker { drafts[j].via = nil }
                }
                if let own = drafts[i].speakerSpan, drafts[j].span.contains(own.lowerBound), drafts[i].via == nil {
                    drafts[i].via = drafts[j].speaker
                }
            }
        }
        return drafts
    }

    // MARK: - Dates

    /// The date of a remark whose own sentence gives none: the one the same speaker last spoke
    /// on, else the occasion the party last spoke at or the article describes; none when the
    /// sentence puts the remark at another time ("previously", "in an interview").
    private func contextDate(_ who: SpeakerTable.Resolution, pronoun: Bool, in s: Sentence, cue: Cue) -> RemarkDate? {
        if Occasions.marksAnotherTime(s, cue: cue) || Occasions.namesOwnOccasion(s) { return nil }
        return discourse.sameSpeakerDate(actor: who.actor, party: who.parties.first, pronounIn: pronoun ? s.index : nil)
            ?? occasions.date(for: who.parties.first, actor: who.actor, in: s, cue: cue)
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
