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
    /// The occasion the article describes ("spoke by telephone with Vell on 8 August"): its date
    /// applies to what the parties named there say without a date of their own.
    var scene: (date: CalendarDate, evidence: String, parties: Set<String>)?
    /// The last person the article named, for a "he" before anyone has spoken.
    var lastMentioned: (actor: String, party: String)?

    init(speakers: SpeakerTable) { self.speakers = speakers }

    // MARK: - Resolving a speaker

    /// Who a pronoun in sentence `index` is: the last speaker within three sentences (or an
    /// earlier speaker of the same sentence), else the last person named.
    func resolvePronoun(_ written: String, index: Int, earlier: [Draft]) -> SpeakerTable.Resolution? {
        if let previous = last?.draft ?? earlier.last, previous.party != nil || previous.speaker != nil,
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
        if let found = speakers.resolve(text, lower: lower) { return found }
        for word in text.reversed() {
            if let known = introduced[SpeakerTable.stripPossessive(word)] {
                return SpeakerTable.Resolution(
                    actor: known.actor, parties: [known.party],
                    how: "'\(word)', introduced earlier as '\(known.phrase)'", certainty: 0.8)
            }
        }
        if let group = group(text, lower, article) { return group }
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
        let mentions = speakers.mentions(
            words.ranges.map { article.string($0) }, lower: words.lower, in: 0..<words.count)
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

    /// Remembers the names and titles a resolved speaker's words introduce.
    mutating func remember(_ draft: Draft) {
        guard let party = draft.party, let speaker = draft.speaker, draft.via == nil else { return }
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

    /// A sentence that describes an occasion (a meeting, a call, an interview), dates it and
    /// reports no remark itself sets the scene for the remarks that follow.
    mutating func setScene(_ s: Sentence, _ mentions: [SpeakerTable.Mention]) {
        guard
            s.lower.enumerated().contains(where: { k, word in !s.quoted[k] && ReportingVerbs.occasions.contains(word) }
            ),
            let phrase = s.ownPhrases.first
        else { return }
        var parties = Set(mentions.compactMap(\.entry.party))
        if s.lower.contains(where: { ReportingVerbs.pronouns.contains($0) }), let person = lastMentioned {
            parties.insert(person.party)
        }
        guard !parties.isEmpty else { return }
        scene = (phrase.date, phrase.evidence, parties)
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

    /// The date of a remark whose own sentence gives none: the one the same speaker last spoke on,
    /// with no one else in between ("he" in sentence `pronounIn`, within three sentences), else
    /// the occasion a sentence before described, when it named the speaker's party.
    func contextDate(actor: String?, party: String?, pronounIn index: Int?) -> (CalendarDate, String?)? {
        if let previous = last, let said = previous.draft.said,
            index.map({ previous.sentence >= $0 - 3 }) ?? false || (actor != nil && previous.draft.actor == actor)
        {
            return (said, previous.draft.saidEvidence.map(Self.earlier))
        }
        if let scene, let party, scene.parties.contains(party) {
            return (scene.date, "\(scene.evidence) (the occasion described earlier)")
        }
        return nil
    }

    static func earlier(_ evidence: String) -> String {
        evidence.hasSuffix("(an earlier sentence)") ? evidence : "\(evidence) (an earlier sentence)"
    }
}
