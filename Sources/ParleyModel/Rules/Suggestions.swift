/// "Did you mean" suggestions for a mistyped id.
public enum Suggestions {
    /// Up to `limit` candidates closest to `text` by edit distance, closest first; only candidates
    /// within a plausible typo distance, or that contain the text, are offered.
    public static func closest<S: Sequence>(to text: String, among candidates: S, limit: Int = 3) -> [String]
    where S.Element == String {
        let target = Array(text.lowercased())
        let threshold = max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let whole = Array(lowered)
            let distance = editDistance(target, whole)
            // A long id is often typed in part: compare with its beginning too.
            let prefixDistance =
                whole.count > target.count ? editDistance(target, Array(whole.prefix(target.count))) : distance
            if distance <= threshold || (target.count >= 3 && lowered.contains(String(target))) {
                scored.append((distance, candidate))
            } else if target.count >= 4 && prefixDistance <= max(1, target.count / 4) {
                scored.append((threshold + prefixDistance, candidate))
            }
        }
        scored.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        return Array(scored.prefix(limit).map(\.1))
    }

    /// Up to three records to suggest for an unknown `id`, the ranking both stores use: first
    /// `aliasMatches` (the records with an alias equal to `id` but for case), then the closest by
    /// spelling of their `ids` and their `aliases` (owner and alias, in the owners' order; an alias
    /// stands for the first record that has it, and 'yrevan' suggests the party whose alias is
    /// 'Yerevan'), each record once.
    public static func records(
        for id: String, ids: [String], aliasMatches: [String] = [], aliases: [(owner: String, alias: String)] = []
    ) -> [String] {
        var result = aliasMatches
        var owners: [String: String] = [:]
        for (owner, alias) in aliases where owners[alias] == nil { owners[alias] = owner }
        let candidates = ids + owners.keys.filter { owners[$0] != $0 }.sorted()
        for candidate in closest(to: id, among: candidates, limit: 6) {
            let owner = owners[candidate] ?? candidate
            if !result.contains(owner) { result.append(owner) }
        }
        return Array(result.prefix(3))
    }

    /// "did you mean 'a' or 'b'?", the one wording every error with suggestions uses; nil when
    /// there are none.
    public static func didYouMean(_ candidates: [String]) -> String? {
        let quoted = candidates.map { "'\($0)'" }
        guard let last = quoted.last else { return nil }
        return "did you mean " + (quoted.count == 1 ? last : quoted.dropLast().joined(separator: ", ") + " or " + last)
            + "?"
    }

    /// The Levenshtein distance between two strings.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
