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

    /// One (party, issue) pair as the two sources report it.
    public struct Entry: Hashable, Sendable {
        public var kind: Kind
        public var party: String
        public var issue: String
        public var first: DatedStatement?
        public var second: DatedStatement?
    }

    public var firstSource: String
    public var secondSource: String
    /// Every pair either source reports, ordered by issue then party.
    public var entries: [Entry]

    /// Compares the statements of two sources. Where a source reports several statements on one
    /// pair, the latest (by said date, then recording order) stands for it.
    public init(first: String, second: String, firstStatements: [DatedStatement], secondStatements: [DatedStatement]) {
        func latest(_ statements: [DatedStatement]) -> [PositionKey: DatedStatement] {
            var result: [PositionKey: DatedStatement] = [:]
            for statement in statements {
                let key = statement.key
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
                Entry(kind: kind, party: any.statement.party, issue: any.statement.issue, first: left, second: right))
        }
        self.firstSource = first
        self.secondSource = second
        self.entries = entries
    }

    /// Whether the two sources agree on every pair they both report and neither reports more.
    public var isEmpty: Bool { entries.allSatisfy { $0.kind == .same } }
}
