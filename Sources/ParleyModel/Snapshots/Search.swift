import Foundation

/// What to search for and where.
public struct SearchQuery: Hashable, Sendable {
    /// Where to look.
    public enum Scope: String, Hashable, Sendable, CaseIterable {
        /// Statements' summaries and quotes.
        case statements
        /// Sources' titles and stored texts.
        case sources
        /// The names, aliases and descriptions of parties, actors and issues.
        case entities
    }

    /// The words, as typed: words (stemmed: "control" finds "controls"), "quoted phrases",
    /// prefixes (`corrid*`), and AND, OR, NOT.
    public var text: String
    public var scopes: Set<Scope>
    /// Statements by this party (or about it); its own record and its actors among entities.
    public var party: String?
    /// Statements on this issue or below it; those issues among entities.
    public var issue: String?
    /// Statements said, and sources published, on or after the start of this date.
    public var since: CalendarDate?
    /// Statements said, and sources published, on or before the end of this date.
    public var until: CalendarDate?
    /// Whether retracted statements are found too.
    public var includeRetracted: Bool
    /// At most this many hits, best first.
    public var limit: Int

    public init(
        _ text: String, scopes: Set<Scope> = Set(Scope.allCases), party: String? = nil, issue: String? = nil,
        since: CalendarDate? = nil, until: CalendarDate? = nil, includeRetracted: Bool = false, limit: Int = 20
    ) {
        self.text = text
        self.scopes = scopes
        self.party = party
        self.issue = issue
        self.since = since
        self.until = until
        self.includeRetracted = includeRetracted
        self.limit = limit
    }

    /// The marks around a matched word in ``SearchHit/Match/marked``.
    public static let matchStart = "\u{2}"
    public static let matchEnd = "\u{3}"

    /// The query in SQLite FTS5's syntax. Every word the user typed is quoted, so a hyphen or a
    /// slash in it (`border-controls`) is part of the word, not an operator; `"phrases"` stay
    /// phrases, `word*` stays a prefix, and AND, OR and NOT stay operators. An unclosed quote is
    /// closed. Nothing to search for is an error. A NUL character separates words, like a space:
    /// no stored text holds one, and SQLite would end the expression there.
    public static func ftsExpression(_ text: String) throws(ModelError) -> String {
        let text = text.replacingOccurrences(of: "\u{0}", with: " ")
        var terms: [String] = []
        var current = ""
        var inPhrase = false
        func finish() {
            defer { current = "" }
            let word = current.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { return }
            if !inPhrase, ["AND", "OR", "NOT"].contains(word) {
                terms.append(word)
                return
            }
            let prefix = word.hasSuffix("*")
            let bare = prefix ? String(word.dropLast()) : word
            guard !bare.isEmpty else { return }
            terms.append("\"" + bare.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : ""))
        }
        for character in text {
            if character == "\"" {
                if inPhrase {
                    finish()
                    inPhrase = false
                } else {
                    finish()
                    inPhrase = true
                }
            } else if character.isWhitespace && !inPhrase {
                finish()
            } else {
                current.append(character)
            }
        }
        finish()
        // Operators need words on both sides.
        while let first = terms.first, ["AND", "OR"].contains(first) { terms.removeFirst() }
        while let last = terms.last, ["AND", "OR", "NOT"].contains(last) { terms.removeLast() }
        guard terms.contains(where: { !["AND", "OR", "NOT"].contains($0) }) else {
            throw .emptySearch(text)
        }
        return terms.joined(separator: " ")
    }
}

/// One thing a search found, with the fields that matched and how well.
public struct SearchHit: Hashable, Sendable {
    /// The record found.
    public enum Record: Hashable, Sendable {
        case statement(DatedStatement)
        case source(Source)
        case party(Party)
        case actor(Actor)
        case issue(Issue)
    }

    /// A field that matched, its matched words marked with ``SearchQuery/matchStart`` and
    /// ``SearchQuery/matchEnd`` (a long text cut to the passage around them, with `…`).
    public struct Match: Hashable, Sendable {
        public var field: String
        public var marked: String

        public init(field: String, marked: String) {
            self.field = field
            self.marked = marked
        }

        /// The text without its marks.
        public var plain: String {
            marked.replacingOccurrences(of: SearchQuery.matchStart, with: "")
                .replacingOccurrences(of: SearchQuery.matchEnd, with: "")
        }

        /// The matched words, in order, each once.
        public var words: [String] {
            var words: [String] = []
            for part in marked.components(separatedBy: SearchQuery.matchStart).dropFirst() {
                let word = part.components(separatedBy: SearchQuery.matchEnd)[0]
                if !words.contains(word) { words.append(word) }
            }
            return words
        }
    }

    public var record: Record
    public var matches: [Match]
    /// SQLite's BM25 score: lower is better.
    public var rank: Double

    public init(record: Record, matches: [Match], rank: Double) {
        self.record = record
        self.matches = matches
        self.rank = rank
    }

    /// "statement", "source", "party", "actor" or "issue".
    public var kind: String {
        switch record {
        case .statement: return "statement"
        case .source: return "source"
        case .party: return "party"
        case .actor: return "actor"
        case .issue: return "issue"
        }
    }
}
