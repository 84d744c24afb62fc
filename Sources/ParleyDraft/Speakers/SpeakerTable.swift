import ParleyModel

/// Who speaks for whom: the case's parties and actors, with every way an article names them.
///
/// Names and aliases match with their capitals as written ("Michel", not "michel"); roles match
/// in any case ("the Armenian prime minister"). A party is also named by its demonym ("Armenian"
/// from "Armenia", "Azerbaijani" from "Azerbaijan") when its aliases do not give one, and by its
/// capital when that is one of its aliases.
public struct SpeakerTable: Sendable {
    struct Entry: Sendable {
        enum Kind: String, Sendable {
            case actorName = "name"
            case actorAlias = "alias"
            case surname
            case partyName = "party name"
            case partyAlias = "party alias"
            case demonym
            case role
        }
        var words: [String]
        var kind: Kind
        var actor: String?
        var party: String?
        /// For roles: the role as recorded.
        var role: String?
        var caseSensitive: Bool
    }

    var entries: [Entry] = []
    /// Entries by their first word (lowercased), for matching.
    var byFirstWord: [String: [Int]] = [:]
    let parties: [Party]
    let actors: [Actor]

    /// The roles of a party's leader.
    static let headRoles: Set<String> = ["president", "prime minister", "premier", "chancellor", "head of state"]

    /// Words for a role, with the words articles use for it.
    static let roleSynonyms: [String: [String]] = [
        "prime minister": ["premier", "prime minister", "pm"],
        "president": ["president", "head of state"],
        "foreign minister": ["foreign minister", "top diplomat", "minister of foreign affairs"],
        "defence minister": ["defence minister", "defense minister", "minister of defence", "minister of defense"],
        "spokesperson": ["spokesperson", "spokesman", "spokeswoman"],
        "spokesman": ["spokesperson", "spokesman", "spokeswoman"],
        "spokeswoman": ["spokesperson", "spokesman", "spokeswoman"],
    ]

    public init(parties: [Party], actors: [Actor]) {
        self.parties = parties
        self.actors = actors
        for actor in actors {
            add(actor.name, .actorName, actor: actor.id, party: actor.party)
            for alias in actor.aliases { add(alias, .actorAlias, actor: actor.id, party: actor.party) }
            // A surname with particles is written whole: "von der Leyen", never "Leyen".
            let parts = actor.name.split(separator: " ").map(String.init)
            if let particle = parts.dropFirst().firstIndex(where: ReportingVerbs.nameParticles.contains) {
                add(parts[particle...].joined(separator: " "), .surname, actor: actor.id, party: actor.party)
            } else if parts.count > 1, let last = parts.last, last.count >= 3, last.first?.isUppercase == true {
                add(last, .surname, actor: actor.id, party: actor.party)
            }
            if let role = actor.role {
                let key = role.lowercased()
                for phrase in Set(Self.roleSynonyms[key] ?? [key]) {
                    add(phrase, .role, actor: actor.id, party: actor.party, role: role, caseSensitive: false)
                }
            }
        }
        for party in parties {
            add(party.name, .partyName, party: party.id)
            for alias in party.aliases { add(alias, .partyAlias, party: party.id) }
            for demonym in Self.demonyms(of: party.name) where !party.aliases.contains(demonym) {
                add(demonym, .demonym, party: party.id)
            }
        }
        for (index, entry) in entries.enumerated() {
            byFirstWord[entry.words[0].lowercased(), default: []].append(index)
        }
    }

    mutating func add(
        _ phrase: String, _ kind: Entry.Kind, actor: String? = nil, party: String? = nil, role: String? = nil,
        caseSensitive: Bool = true
    ) {
        let words = Self.split(phrase)
        guard !words.isEmpty else { return }
        entries.append(
            Entry(words: words, kind: kind, actor: actor, party: party, role: role, caseSensitive: caseSensitive))
    }

    static func split(_ phrase: String) -> [String] {
        phrase.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init)
    }

    /// "Armenia" → "Armenian", "Azerbaijan" → "Azerbaijani", "Russia" → "Russian".
    static func demonyms(of name: String) -> [String] {
        guard !name.contains(" "), name.count > 3 else { return [] }
        if name.hasSuffix("a") { return [name + "n"] }
        if name.hasSuffix("an") || name.hasSuffix("stan") { return [name + "i"] }
        if name.hasSuffix("y") { return [String(name.dropLast()) + "ian"] }
        return []
    }

    /// An actor's role, as recorded.
    func role(of actor: String) -> String? { actors.first { $0.id == actor }?.role }

    /// A party's kind.
    func kind(of party: String) -> PartyKind? { parties.first { $0.id == party }?.kind }

    /// The party's one head (its president, prime minister or chancellor), when the case has
    /// exactly one.
    func head(of party: String) -> String? {
        let heads = actors.filter { actor in
            actor.party == party && Self.headRoles.contains(actor.role?.lowercased() ?? "")
        }
        return heads.count == 1 ? heads.first?.id : nil
    }

    /// A name found in a run of words.
    struct Mention {
        var first: Int
        var last: Int
        var entry: Entry
    }

    /// Every name in `words[range]`, longest first where they overlap.
    func mentions(_ words: [String], lower: [String], in range: Range<Int>) -> [Mention] {
        var found: [Mention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            var best: Mention?
            for index in byFirstWord[Self.stripPossessive(lower[i])] ?? [] {
                let entry = entries[index]
                let n = entry.words.count
                guard i + n <= range.upperBound else { continue }
                var matches = true
                for k in 0..<n {
                    let word = Self.stripPossessive(words[i + k])
                    if entry.caseSensitive ? word != entry.words[k] : word.lowercased() != entry.words[k].lowercased() {
                        matches = false
                        break
                    }
                }
                guard matches else { continue }
                let candidate = Mention(first: i, last: i + n - 1, entry: entry)
                if let current = best {
                    let length = current.last - current.first + 1
                    if n > length || (n == length && rank(entry) < rank(current.entry)) { best = candidate }
                } else {
                    best = candidate
                }
            }
            if let best {
                found.append(best)
                i = best.last + 1
            } else {
                i += 1
            }
        }
        return found
    }

    func rank(_ entry: Entry) -> Int {
        switch entry.kind {
        case .actorName: 0
        case .actorAlias: 1
        case .surname: 2
        case .partyName: 3
        case .partyAlias: 4
        case .demonym: 5
        case .role: 6
        }
    }

    static func stripPossessive(_ word: String) -> String {
        if word.hasSuffix("'s") || word.hasSuffix("’s") { return String(word.dropLast(2)) }
        if word.hasSuffix("s'") || word.hasSuffix("s’") { return String(word.dropLast()) }
        return word
    }

    /// What a speaker's words resolve to.
    public struct Resolution: Sendable, Hashable {
        public var actor: String?
        public var parties: [String]
        /// For several parties' leaders ("the Armenian and Azerbaijani leaders"): each party's
        /// leader, where the case has exactly one, by party.
        public var leaders: [String: String] = [:]
        /// How: "the name 'Nikol Pashinian'", "the role 'premier' and 'Armenian'", or why not.
        public var how: String
        /// 0...1: a name is surer than a role, a role surer than a party's name alone.
        public var certainty: Double
        /// Whether a role alone, with no name and no party, gave the actor ("the spokesman"):
        /// the article's own use of the title comes first.
        public var roleOnly = false
    }

    /// Each party's one actor in the role a plural names ("foreign ministers"), by party.
    func holders(of words: [String], parties: [String]) -> [String: String]? {
        let singular = words.map { word in
            word.count > 3 && word.hasSuffix("s") && !word.hasSuffix("ss") ? String(word.dropLast()) : word
        }
        let roles = mentions(singular, lower: singular.map { $0.lowercased() }, in: 0..<singular.count)
            .filter { $0.entry.kind == .role }
        guard let role = roles.last?.entry.role?.lowercased() else { return nil }
        var holders: [String: String] = [:]
        for party in parties {
            let inRole = actors.filter { $0.party == party && $0.role?.lowercased() == role }
            if inRole.count == 1, let actor = inRole.first { holders[party] = actor.id }
        }
        return holders
    }
}
