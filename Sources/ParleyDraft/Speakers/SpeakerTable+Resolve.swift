import ParleyModel

extension SpeakerTable {
    /// Resolves a speaker's words (already split) to an actor and party, or says why not: two
    /// people named ("Vell and Ostrander"), a person, a role, then parties.
    func resolve(_ words: [String], lower: [String]) -> Resolution? {
        let found = mentions(words, lower: lower, in: 0..<words.count)
        if let pair = people(found, words, lower) { return pair }
        // A person named: the last name in the phrase is its head ("Armenia's security chief Armen Grigoryan").
        if let person = found.last(where: { [.actorName, .actorAlias, .surname].contains($0.entry.kind) }),
            let actor = person.entry.actor, let party = person.entry.party
        {
            let written = words[person.first...person.last].joined(separator: " ")
            return Resolution(
                actor: actor, parties: [party], how: "the \(person.entry.kind.rawValue) '\(written)'",
                certainty: person.entry.kind == .surname ? 0.9 : 0.95)
        }
        let partyMentions = found.filter { [.partyName, .partyAlias, .demonym].contains($0.entry.kind) }
        var partyIDs: [String] = []
        for mention in partyMentions {
            if let party = mention.entry.party, !partyIDs.contains(party) { partyIDs.append(party) }
        }
        if let role = role(found, partyMentions, partyIDs, words) { return role }
        guard !partyIDs.isEmpty else { return nil }
        return parties(
            partyIDs, written: partyMentions.map { words[$0.first...$0.last].joined(separator: " ") }, words, lower)
    }

    /// "Vell and Ostrander": two people of two parties, each for their own.
    private func people(_ found: [Mention], _ words: [String], _ lower: [String]) -> Resolution? {
        let people = found.filter { [.actorName, .actorAlias, .surname].contains($0.entry.kind) }
        guard people.count > 1, let and = lower.firstIndex(of: "and"), people.first.map({ $0.last < and }) == true,
            people.last.map({ $0.first > and }) == true
        else { return nil }
        var parties: [String] = []
        var leaders: [String: String] = [:]
        for person in people {
            guard let party = person.entry.party, let actor = person.entry.actor, leaders[party] == nil else {
                continue
            }
            parties.append(party)
            leaders[party] = actor
        }
        guard parties.count > 1 else { return nil }
        return Resolution(
            actor: nil, parties: parties, leaders: leaders, how: "the names '\(words.joined(separator: " "))'",
            certainty: 0.9)
    }

    /// The one actor a role names ("the premier"), of the party named with it if any.
    private func role(_ found: [Mention], _ partyMentions: [Mention], _ partyIDs: [String], _ words: [String])
        -> Resolution?
    {
        guard let role = found.last(where: { $0.entry.kind == .role }) else { return nil }
        let phrase = words[role.first...role.last].joined(separator: " ")
        let roleWords = Set(
            entries.filter { $0.kind == .role && $0.words.joined(separator: " ").lowercased() == phrase.lowercased() }
                .compactMap { $0.role?.lowercased() })
        var candidates = actors.filter { actor in actor.role.map { roleWords.contains($0.lowercased()) } ?? false }
        if !partyIDs.isEmpty { candidates = candidates.filter { partyIDs.contains($0.party) } }
        guard candidates.count == 1, let actor = candidates.first else { return nil }
        let party = partyMentions.first.map { " and '\(words[$0.first...$0.last].joined(separator: " "))'" } ?? ""
        return Resolution(
            actor: actor.id, parties: [actor.party], how: "the role '\(phrase)'\(party)",
            certainty: partyIDs.isEmpty ? 0.7 : 0.85, roleOnly: partyIDs.isEmpty)
    }

    /// Parties named: each party's holder of a plural role ("the foreign ministers of N and S"),
    /// each party's head ("the two leaders"), or the parties themselves.
    private func parties(_ partyIDs: [String], written: [String], _ words: [String], _ lower: [String]) -> Resolution {
        let names = written.map { "'\($0)'" }.joined(separator: " and ")
        if partyIDs.count > 1, let holders = holders(of: words, parties: partyIDs), !holders.isEmpty {
            return Resolution(
                actor: nil, parties: partyIDs, leaders: holders,
                how: "the '\(words.joined(separator: " "))' of \(names)", certainty: 0.8)
        }
        if lower.contains(where: { ["leader", "leaders"].contains($0) }) {
            var leaders: [String: String] = [:]
            for party in partyIDs { leaders[party] = head(of: party) }
            if !leaders.isEmpty {
                return Resolution(
                    actor: partyIDs.count == 1 ? leaders[partyIDs[0]] : nil, parties: partyIDs, leaders: leaders,
                    how: "the leader of \(names)", certainty: 0.8)
            }
        }
        return Resolution(
            actor: nil, parties: partyIDs,
            how: "the party \(written.count == 1 ? "name" : "names") '\(written.joined(separator: "', '"))'",
            certainty: 0.75)
    }
}
