import ParleyModel

/// The occasions an article has dated so far, for remarks whose own sentence gives no date: the
/// scene it describes ("met in Velm on Thursday") and the day each party last spoke on (the
/// later remarks of a briefing, a statement or a speech are made at the same occasion).
struct Occasions {
    struct Scene {
        var date: CalendarDate
        var evidence: String
        /// The parties the sentence named; every party, for a gathering where all speak.
        var parties: Set<String>
        var everyone: Bool
    }

    private(set) var scene: Scene?
    /// Each party's last dated remark, with its actor.
    private(set) var byParty: [String: (date: RemarkDate, actor: String?)] = [:]

    /// Occasions at which everyone present speaks: a remark there without a date of its own is
    /// the occasion's, whoever makes it.
    static let gatherings: Set<String> = ["summit", "conference", "forum", "session", "assembly", "congress"]

    /// A sentence that describes an occasion (a meeting, a call, an interview), dates it and
    /// reports no remark itself sets the scene for the remarks that follow.
    mutating func setScene(_ s: Sentence, parties named: Set<String>, lastMentioned: String?) {
        let words = s.lower.enumerated().filter { k, word in !s.quoted[k] && ReportingVerbs.occasions.contains(word) }
        guard !words.isEmpty, let phrase = s.ownPhrases.first else { return }
        var parties = named
        if s.lower.contains(where: { ReportingVerbs.pronouns.contains($0) }), let party = lastMentioned {
            parties.insert(party)
        }
        let everyone = words.contains { Self.gatherings.contains($0.element) }
        guard !parties.isEmpty || everyone else { return }
        scene = Scene(date: phrase.date, evidence: phrase.evidence, parties: parties, everyone: everyone)
    }

    /// Remembers the date a party's remark was made on.
    mutating func spoke(_ draft: Draft) {
        guard let party = draft.party, let said = draft.said, draft.via == nil else { return }
        byParty[party] = (RemarkDate(date: said, evidence: draft.saidEvidence.map { Self.strip($0) }), draft.actor)
    }

    /// The occasion a remark of `party` (by `actor`) without a date of its own was made at: the
    /// date of the party's last dated remark, unless that was another actor's (a remark of the
    /// party, or of a speaker the case names no actor for, goes with any), else the scene, when
    /// it names the party or is a gathering. Nothing when the sentence says the remark was made
    /// at another time ("previously").
    func date(for party: String?, actor: String?, in s: Sentence, cue: Cue) -> RemarkDate? {
        guard let party, !Self.marksAnotherTime(s, cue: cue), !Self.namesOwnOccasion(s) else { return nil }
        if let earlier = byParty[party], earlier.actor == nil || actor == nil || earlier.actor == actor {
            let evidence = earlier.date.evidence ?? earlier.date.date.description
            return RemarkDate(date: earlier.date.date, evidence: "\(evidence) (the same occasion)")
        }
        if let scene, scene.everyone || scene.parties.contains(party) {
            return RemarkDate(date: scene.date, evidence: "\(scene.evidence) (the occasion described earlier)")
        }
        return nil
    }

    /// "previously rejected", "said earlier": a remark made before the article's occasion. The
    /// word must qualify the verb (stand just before or after it), not a date in the clause
    /// ("the attack earlier this month").
    static func marksAnotherTime(_ s: Sentence, cue: Cue) -> Bool {
        let near = max(0, cue.verb - 2)..<min(s.count, cue.end + 3)
        return near.contains { k in
            !s.quoted[k] && ["previously", "earlier", "formerly", "repeatedly", "often", "before"].contains(s.lower[k])
                && !s.phrases.contains { $0.range.contains(s.words.ranges[k].lowerBound) }
        }
    }

    /// "In a Twitter post", "in an interview with": the remark was made on an occasion of its
    /// own, which the sentence does not date.
    static func namesOwnOccasion(_ s: Sentence) -> Bool {
        let nouns: Set<String> = [
            "post", "tweet", "interview", "letter", "article", "op-ed", "video", "podcast", "blog",
        ]
        return s.lower.enumerated().contains { k, word in
            guard !s.quoted[k], nouns.contains(word) else { return false }
            // "in a Twitter post", "in an interview with", not "a monitoring post".
            return (max(0, k - 3)..<k).contains { s.lower[$0] == "in" }
        }
    }

    /// An evidence phrase without the notes added when it was carried.
    private static func strip(_ evidence: String) -> String {
        for note in [" (the same occasion)", " (an earlier sentence)", " (the occasion described earlier)"] {
            if let range = evidence.range(of: note) { return String(evidence[..<range.lowerBound]) }
        }
        return evidence
    }
}
