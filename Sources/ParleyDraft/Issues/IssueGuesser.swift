import ParleyModel

/// Guesses the issue a sentence is about from the issues' titles, aliases and ids.
///
/// An alias written out in the sentence is taken at once. Otherwise each issue scores the number
/// of its title's and id's significant words that the sentence has (party names, their demonyms
/// and common words do not count, since they name no issue); the best score of two words or more
/// wins, the deeper issue on a tie. Anything else is left for review, with the candidates.
struct IssueGuesser {
    struct Candidate {
        var id: String
        var keywords: Set<String>
        var aliases: [[String]]
        var depth: Int
    }

    let candidates: [Candidate]
    /// The candidates with aliases, deepest first: an alias of a sub-issue wins.
    let aliased: [Candidate]

    static let stopwords: Set<String> = [
        "the", "a", "an", "of", "and", "or", "to", "on", "in", "at", "by", "for", "with", "from", "into", "its",
        "their",
        "between", "through", "via", "each", "who", "what", "whether", "how", "which", "that", "this", "these", "those",
        "rest", "side", "sides", "give", "gives", "about", "km", "held", "so", "far", "two", "both", "other", "more",
        "status", "issue", "question", "judge", "linking", "continuing", "pass", "people", "say", "said", "over",
    ]

    init(issues: [Issue], ignoring names: Set<String>) {
        candidates = issues.map { issue in
            var words = Set<String>()
            let text =
                issue.title + " "
                + issue.id.replacingOccurrences(of: "/", with: " ")
                .replacingOccurrences(of: "-", with: " ")
            for word in SpeakerTable.split(text) {
                let stem = Self.stem(word.lowercased())
                if stem.count >= 3, !Self.stopwords.contains(stem), !names.contains(stem) { words.insert(stem) }
            }
            return Candidate(
                id: issue.id, keywords: words,
                // Issue aliases are old ids: "tesk-dam" is the phrase "tesk dam".
                aliases: issue.aliases.map { alias in
                    alias.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { $0.lowercased() }
                },
                depth: issue.id.split(separator: "/").count)
        }
        aliased = candidates.filter { !$0.aliases.isEmpty }.sorted { $0.depth > $1.depth }
    }

    /// "controls" → "control", "railway" stays.
    static func stem(_ word: String) -> String {
        if word.hasSuffix("ies"), word.count > 4 { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3 { return String(word.dropLast()) }
        return word
    }

    struct Guess {
        var issue: String?
        var evidence: String
        var candidates: [String]
    }

    func guess(_ lowerWords: [String]) -> Guess {
        let stems = Set(lowerWords.map { Self.stem($0) })
        for candidate in aliased {
            for alias in candidate.aliases where !alias.isEmpty && contains(lowerWords, alias) {
                return Guess(
                    issue: candidate.id, evidence: "the alias '\(alias.joined(separator: " "))'", candidates: [])
            }
        }
        var scored: [(candidate: Candidate, hits: [String])] = []
        for candidate in candidates {
            let hits = candidate.keywords.intersection(stems).sorted()
            if hits.count >= 2 { scored.append((candidate, hits)) }
        }
        scored.sort { a, b in
            (a.hits.count, a.candidate.depth, b.candidate.id) > (b.hits.count, b.candidate.depth, a.candidate.id)
        }
        guard let best = scored.first else { return Guess(issue: nil, evidence: "no issue's words", candidates: []) }
        let tied = scored.filter { $0.hits.count == best.hits.count && $0.candidate.depth == best.candidate.depth }
        if tied.count > 1 {
            return Guess(issue: nil, evidence: "several issues fit equally", candidates: tied.map(\.candidate.id))
        }
        return Guess(
            issue: best.candidate.id, evidence: "the words '\(best.hits.joined(separator: "', '"))'",
            candidates: scored.dropFirst().prefix(3).map(\.candidate.id))
    }

    func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard phrase.count <= words.count else { return false }
        for start in 0...(words.count - phrase.count) where Array(words[start..<start + phrase.count]) == phrase {
            return true
        }
        return false
    }
}
