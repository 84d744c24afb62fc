/// What two sources report, per (party, issue): only in one, the same stance, or different stances.
/// This is how two readouts of one meeting are compared.
public struct SourceDiff: Hashable, Sendable {
    /// How the two sources' accounts of one (party, issue) pair compare.
    public enum Kind: String, Hashable, Sendable, Codable {
        case onlyFirst = "only-first"
        case onlySecond = "only-second"
        case same
        case different
    }

    /// One (party, issue) pair as the two sources report it: the party's own stance, or, with
    /// ``about``, what the party claims another holds (compared only with the same claim).
    public struct Entry: Hashable, Sendable {
        public var kind: Kind
        public var party: String
        public var issue: String
        public var first: DatedStatement?
        public var second: DatedStatement?
        /// The party a claim is about; nil for the party's own stance.
        public var about: String? = nil
    }

    /// Whose words on which issue: a party's own stance, or its claim about another party.
    private struct Key: Hashable, Comparable {
        var issue: String
        var party: String
        var about: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.issue, lhs.party, lhs.about) < (rhs.issue, rhs.party, rhs.about)
        }
    }

    public var firstSource: String
    public var secondSource: String
    /// Every pair either source reports, ordered by issue then party.
    public var entries: [Entry]

    /// Compares the statements of two sources. Where a source reports several statements on one
    /// pair, the latest (by said date, then recording order) stands for it. A claim about another
    /// party is compared with the other source's claim by the same party about the same party,
    /// never with the speaker's own stance.
    public init(first: String, second: String, firstStatements: [DatedStatement], secondStatements: [DatedStatement]) {
        func latest(_ statements: [DatedStatement]) -> [Key: DatedStatement] {
            var result: [Key: DatedStatement] = [:]
            for statement in statements {
                let s = statement.statement
                let key = Key(issue: s.issue, party: s.party, about: s.about ?? "")
                if let existing = result[key], !statement.isLater(than: existing) { continue }
                result[key] = statement
            }
            return result
        }
        let a = latest(firstStatements)
        let b = latest(secondStatements)
        var entries: [Entry] = []
        for key in Set(a.keys).union(b.keys).sorted() {
            let left = a[key]
            let right = b[key]
            guard let any = left ?? right else { continue }
            let kind: Kind
            switch (left, right) {
            case (.some(let l), .some(let r)): kind = l.statement.stance == r.statement.stance ? .same : .different
            case (.some, .none): kind = .onlyFirst
            default: kind = .onlySecond
            }
            entries.append(
                Entry(
                    kind: kind, party: any.statement.party, issue: any.statement.issue, first: left, second: right,
                    about: any.statement.about))
        }
        self.firstSource = first
        self.secondSource = second
        self.entries = entries
    }

    /// Whether the two sources agree on every pair they both report and neither reports more.
    public var isEmpty: Bool { entries.allSatisfy { $0.kind == .same } }
}
