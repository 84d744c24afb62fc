import ParleyModel

/// What the article has said so far that later sentences lean on: the last speaker (for "he
/// said" and quotations that go on), the people and bodies it introduced, the titles it used,
/// the occasion it describes and the last person it named.
struct Discourse {
    let speakers: SpeakerTable
    /// The last speaker and the sentence they spoke in.
    var last: (draft: Draft, sentence: Int)?
    /// People and bodies the article itself introduced ("Sudmark's spokesman, Karl Brenn"): a
    /// later "Brenn" speaks for the same party.
    var introduced: [String: (party: String, actor: String?, phrase: String)] = [:]
    /// Titles a resolved speaker had ("the ministry"): a later "the ministry" is the same party's.
    var titles: [String: (party: String, phrase: String)] = [:]
    /// The sentence before, for "both governments" and "the ministers".
    var previousSentence: Range<Int>?
    /// The last person the article named, for a "he" before anyone has spoken.
    var lastMentioned: (actor: String, party: String)?
    /// The party the sentence before named first outside a prepositional phrase: "Norland has
    /// not commented. Its interior minister said …".
    var previousSubjectParty: String?
    /// The speakers so far, the most recent last: "the two ministers" are the last two parties'.
    var recent: [(party: String, actor: String?)] = []
    /// The parties of the last statement made by several at once ("the two leaders agreed"),
    /// for a "they" in the next sentences.
    var lastGroup: (resolution: SpeakerTable.Resolution, sentence: Int)?
    /// The last person named as a sentence's subject in a sentence that reports no remark
    /// ("… so great that German Foreign Minister Frank-Walter Steinmeier decided to stay"): a
    /// "he" after it is that person, not the last speaker.
    var lastSubject: (actor: String?, party: String, phrase: String, sentence: Int)?

    init(speakers: SpeakerTable) { self.speakers = speakers }

    // MARK: - Resolving a speaker

    /// Who a pronoun in sentence `index` is: an earlier speaker of the same sentence; a person
    /// named as the subject of a sentence since the last speaker spoke ("he", "she"); the last
    /// speaker within three sentences; else the last person named.
    func resolvePronoun(_ written: String, index: Int, earlier: [Draft]) -> SpeakerTable.Resolution? {
        if let same = earlier.last(where: { $0.party != nil }) {
            return SpeakerTable.Resolution(
                actor: same.actor, parties: same.party.map { [$0] } ?? [],
                how: "'\(written)' is the sentence's speaker, \(same.speaker ?? "?")", certainty: same.confidence * 0.9)
        }
        if written.lowercased() == "they", let group = lastGroup, group.sentence >= index - 2 {
            var resolution = group.resolution
            resolution.how =
                "'\(written)' are the last to speak together, \(resolution.parties.joined(separator: " and "))"
            return resolution
        }
        if ["he", "she"].contains(written.lowercased()), let subject = lastSubject,
            subject.sentence > (last?.sentence ?? -1), subject.sentence >= index - 2
        {
            return SpeakerTable.Resolution(
                actor: subject.actor, parties: [subject.party],
                how: "'\(written)' is the person last named as a subject, \(subject.phrase)", certainty: 0.6)
        }
        if let previous = last?.draft, previous.party != nil || previous.speaker != nil,
            last.map({ $0.sentence >= index - 3 }) ?? true
        {
            return SpeakerTable.Resolution(
                actor: previous.actor, parties: previous.party.map { [$0] } ?? [],
                how: "'\(written)' is the last speaker, \(previous.speaker ?? "?")",
                certainty: previous.confidence * 0.9)
        }
        if let person = lastMentioned {
            return SpeakerTable.Resolution(
                actor: person.actor, parties: [person.party],
                how: "'\(written)' is the last person named, \(person.actor)", certainty: 0.6)
        }
        return nil
    }

    /// Who the words `np` of a sentence name: the case's table, then what the article introduced,
    /// then a group the sentence before named ("both governments", "the ministers"), then a title
    /// used before ("the ministry").
    func resolve(_ s: Sentence, _ np: Range<Int>, _ article: ArticleText) -> SpeakerTable.Resolution? {
        let text = Array(s.text[np])
        let lower = Array(s.lower[np])
        let found = speakers.resolve(text, lower: lower)
        if let found, !found.roleOnly { return found }
        // "Karl Brenn, the spokesman": the article's own spokesman, not the case's only one.
        if found != nil, let title = lower.reversed().compactMap({ titles[$0] }).first,
            found?.parties.first != title.party
        {
            return SpeakerTable.Resolution(
                actor: nil, parties: [title.party],
                how: "'\(text.joined(separator: " "))', as in '\(title.phrase)' earlier", certainty: 0.65)
        }
        if let found { return found }
        for word in text.reversed() {
            if let known = introduced[SpeakerTable.stripPossessive(word)] {
                return SpeakerTable.Resolution(
                    actor: known.actor, parties: [known.party],
                    how: "'\(word)', introduced earlier as '\(known.phrase)'", certainty: 0.8)
            }
        }
        if let group = group(text, lower, article) { return group }
        // "Its foreign ministry", "their envoy": the party the sentence before was about.
        if let first = lower.first, ["its", "their"].contains(first), lower.count > 1,
            let party = previousSubjectParty
        {
            return SpeakerTable.Resolution(
                actor: nil, parties: [party],
                how: "'\(text.joined(separator: " "))': '\(first)' is \(party), the subject before",
                certainty: 0.6)
        }
        if lower.first == "the" || lower.first == "a" {
            for word in lower.reversed() {
                if let known = titles[word] {
                    return SpeakerTable.Resolution(
                        actor: nil, parties: [known.party],
                        how: "'the \(word)', as in '\(known.phrase)' earlier", certainty: 0.65)
                }
            }
        }
        return nil
    }

    /// "Both governments", "the two ministers", "the leaders": the parties (and their ministers
    /// or heads) named in the sentence before.
    private func group(_ text: [String], _ lower: [String], _ article: ArticleText) -> SpeakerTable.Resolution? {
        let isGroup = lower.contains {
            ["both", "two", "ministers", "governments", "sides", "leaders", "delegations"].contains($0)
        }
        guard isGroup, let previous = previousSentence else { return nil }
        let words = Words(article, previous)
        var mentions = speakers.mentions(
            words.ranges.map { article.string($0) }, lower: words.lower, in: 0..<words.count)
        // Too few parties named there: the last speakers of two parties ("the two ministers").
        if Set(mentions.compactMap(\.entry.party)).count < 2 {
            mentions = recentMentions()
        }
        var parties: [String] = []
        var actors: [String: String] = [:]
        let ministers = lower.contains("ministers")
        for mention in mentions {
            guard let party = mention.entry.party, !parties.contains(party) || mention.entry.actor != nil else {
                continue
            }
            if ministers {
                guard let id = mention.entry.actor, speakers.role(of: id)?.lowercased().contains("minister") == true
                else { continue }
                actors[party] = id
            }
            if !parties.contains(party) { parties.append(party) }
        }
        if lower.contains("leaders") {
            for party in parties where actors[party] == nil {
                if let head = speakers.head(of: party) { actors[party] = head }
            }
        }
        // "Both" and "two" mean two: a mediator or an organisation named alongside is not one of them.
        if parties.count > 2, lower.contains("both") || lower.contains("two") {
            let sides = parties.filter { id in
                let kind = speakers.kind(of: id)
                return kind != .mediator && kind != .organisation
            }
            if sides.count == 2 { parties = sides }
        }
        guard parties.count >= 2 else { return nil }
        return SpeakerTable.Resolution(
            actor: nil, parties: parties, leaders: actors,
            how:
                "'\(text.joined(separator: " "))': \(parties.joined(separator: " and ")), named in the sentence before",
            certainty: 0.7)
    }

    // MARK: - Remembering

    /// The last two parties' last speakers, as mentions.
    private func recentMentions() -> [SpeakerTable.Mention] {
        var seen: [String] = []
        var found: [SpeakerTable.Mention] = []
        for speaker in recent.reversed() where !seen.contains(speaker.party) {
            seen.append(speaker.party)
            let entry = SpeakerTable.Entry(
                words: [speaker.party], kind: speaker.actor == nil ? .partyName : .actorName, actor: speaker.actor,
                party: speaker.party, caseSensitive: true)
            found.insert(SpeakerTable.Mention(first: 0, last: 0, entry: entry), at: 0)
            if seen.count == 2 { break }
        }
        return found
    }

    /// Remembers the names and titles a resolved speaker's words introduce.
    mutating func remember(_ draft: Draft) {
        guard let party = draft.party, let speaker = draft.speaker, draft.via == nil else { return }
        recent.append((party, draft.actor))
        for word in SpeakerTable.split(speaker) {
            let bare = SpeakerTable.stripPossessive(word)
            let lower = bare.lowercased()
            if bare.first?.isUppercase == true, speakers.byFirstWord[lower] == nil,
                !ReportingVerbs.openers.contains(lower), !ReportingVerbs.titleWords.contains(lower), bare.count > 2
            {
                introduced[bare] = (party, draft.actor, speaker)
            } else if ReportingVerbs.titleWords.contains(lower), !ReportingVerbs.functionWords.contains(lower) {
                titles[lower] = (party, speaker)
            }
        }
    }

    /// Remembers the party a sentence is first about, outside prepositional phrases.
    mutating func noteSubjectParty(_ s: Sentence, _ mentions: [SpeakerTable.Mention]) {
        previousSubjectParty =
            mentions.first { mention in
                mention.entry.party != nil && !s.quoted[mention.first]
                    && !(mention.first > 0 && ReportingVerbs.prepositions.contains(s.lower[mention.first - 1]))
            }?.entry.party
    }

    /// Remembers the last person a sentence names.
    mutating func mentioned(_ mentions: [SpeakerTable.Mention]) {
        for mention in mentions.reversed() {
            if let actor = mention.entry.actor, let party = mention.entry.party {
                lastMentioned = (actor, party)
                return
            }
        }
    }

    // MARK: - Dating from context

    /// The date a remark takes from the same speaker going on: "he" (for the last speaker) in
    /// sentence `pronounIn` within three sentences of the last speaker's, or the same actor again.
    func sameSpeakerDate(actor: String?, party: String?, pronounIn index: Int?) -> RemarkDate? {
        guard let previous = last, let said = previous.draft.said, previous.draft.party == party,
            previous.draft.actor == actor,
            index.map({ previous.sentence >= $0 - 3 }) ?? false || actor != nil
        else { return nil }
        return RemarkDate(date: said, evidence: previous.draft.saidEvidence.map(Self.earlier))
    }

    static func earlier(_ evidence: String) -> String {
        evidence.hasSuffix(")") ? evidence : "\(evidence) (an earlier sentence)"
    }

    /// Remembers whose statement, readout or declaration the sentence of `draft` names ("In a
    /// statement issued on Sunday, the ministry said"): a later "the statement" is that party's.
    mutating func rememberDocuments(in s: Sentence, of draft: Draft) {
        guard let party = draft.party, draft.via == nil, let speaker = draft.speaker else { return }
        for (k, word) in s.lower.enumerated() where !s.quoted[k] && ReportingVerbs.documents.contains(word) {
            titles[word] = (party, speaker)
        }
    }

    // MARK: - People the article names

    /// Whether a mention names a person (for "he" and "she"): an actor, or an alias with a
    /// person's title or of two or three capitalised words that name no body.
    func isPerson(_ entry: SpeakerTable.Entry) -> Bool {
        if entry.actor != nil { return true }
        guard entry.kind == .partyAlias else { return false }
        let lower = entry.words.map { $0.lowercased() }
        if lower.contains(where: ReportingVerbs.bodies.contains) { return false }
        if lower.contains(where: ReportingVerbs.personTitles.contains) { return true }
        return (2...3).contains(entry.words.count) && entry.words.allSatisfy { $0.first?.isUppercase == true }
    }

    /// Remembers the person a sentence that reports no remark names as its subject: the first
    /// person named who is not the object of a preposition.
    mutating func noteSubject(_ s: Sentence, _ mentions: [SpeakerTable.Mention]) {
        for mention in mentions where isPerson(mention.entry) {
            guard let party = mention.entry.party else { continue }
            if mention.first > 0, ReportingVerbs.prepositions.contains(s.lower[mention.first - 1]) { continue }
            if s.quoted[mention.first] { continue }
            lastSubject = (
                mention.entry.actor, party, s.text[mention.first...mention.last].joined(separator: " "), s.index
            )
            return
        }
    }

    /// Remembers a person an apposition introduces with their party: "Sudmark's deputy foreign
    /// minister, Hanna Berg," or "Hanna Berg, Sudmark's deputy foreign minister," makes a later
    /// "Berg" Sudmark's.
    mutating func introduce(from s: Sentence, _ mentions: [SpeakerTable.Mention], _ article: ArticleText) {
        func comma(after k: Int) -> Bool {
            k + 1 <= s.count && k >= 0
                && article.hasComma(
                    s.words.ranges[k].upperBound,
                    k + 1 < s.count ? s.words.ranges[k + 1].lowerBound : s.range.upperBound)
        }
        func isTitle(_ k: Int) -> Bool {
            ReportingVerbs.titleWords.contains(s.lower[k]) && !ReportingVerbs.functionWords.contains(s.lower[k])
        }
        /// The unknown capitalised name starting at `k`: its words, up to a comma or the end.
        func name(from k: Int) -> Range<Int>? {
            var end = k
            while end < s.count, end - k < 4, s.text[end].first?.isUppercase == true, !s.quoted[end] {
                if comma(after: end) || end + 1 == s.count { return k..<(end + 1) }
                end += 1
            }
            return nil
        }
        for mention in mentions where [.partyName, .partyAlias, .demonym].contains(mention.entry.kind) {
            guard let party = mention.entry.party else { continue }
            // "Sudmark's deputy foreign minister, Hanna Berg,"
            var k = mention.last + 1
            var titled = false
            while k < s.count, isTitle(k) || ["of", "for"].contains(s.lower[k]) {
                titled = titled || isTitle(k)
                if comma(after: k) { break }
                k += 1
            }
            if titled, k < s.count, comma(after: k), let found = name(from: k + 1) {
                remember(name: found, party: party, s)
                continue
            }
            // "Hanna Berg, Sudmark's deputy foreign minister,"
            var start = mention.first
            if start > 0, ["a", "an", "the"].contains(s.lower[start - 1]) { start -= 1 }
            guard start > 1, comma(after: start - 1), mention.last + 1 < s.count, isTitle(mention.last + 1) else {
                continue
            }
            var first = start - 1
            while first > 0, first > start - 4, s.text[first - 1].first?.isUppercase == true,
                !comma(after: first - 1)
            {
                first -= 1
            }
            if s.text[first].first?.isUppercase == true { remember(name: first..<start, party: party, s) }
        }
    }

    /// Remembers the words of an unknown name as the party's.
    private mutating func remember(name: Range<Int>, party: String, _ s: Sentence) {
        let words = s.text[name].map(SpeakerTable.stripPossessive)
        guard !words.isEmpty, speakers.resolve(words, lower: words.map { $0.lowercased() }) == nil else { return }
        let phrase = words.joined(separator: " ")
        for word in words where word.count > 2 && !ReportingVerbs.openers.contains(word.lowercased()) {
            introduced[word] = (party, nil, phrase)
        }
    }
}
