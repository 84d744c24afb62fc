/// That two stance labels on an issue are the same side (compatible: "facilitate" and "cooperate"
/// on an observer mission), opposite sides, or different aspects that neither agree nor disagree
/// (independent). Compatible and independent labels never make an apparent dispute.
public struct LabelRelation: Hashable, Sendable {
    /// How two labels relate.
    public enum Kind: String, ClosedChoice {
        /// The same side: never an apparent dispute, never a contradiction, a move between them
        /// is a clarification.
        case compatible
        /// Opposite sides: a move between them is a reversal.
        case opposed
        /// Different aspects of the issue: never an apparent dispute, never a contradiction, and a
        /// move between them is not a move.
        case independent
        public static let fieldName = "label relation"
    }

    public var issue: String
    /// The two labels, in alphabetical order.
    public let labels: (String, String)
    public var kind: Kind

    public init(issue: String, _ a: String, _ b: String, kind: Kind) {
        self.issue = issue
        labels = a < b ? (a, b) : (b, a)
        self.kind = kind
    }

    public static func == (lhs: LabelRelation, rhs: LabelRelation) -> Bool {
        lhs.issue == rhs.issue && lhs.labels == rhs.labels && lhs.kind == rhs.kind
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(issue)
        hasher.combine(labels.0)
        hasher.combine(labels.1)
        hasher.combine(kind)
    }
}

/// That one stance label on an issue demands more than another: `harder` is nearer the demanding
/// end of the issue's scale, `softer` nearer the conciliatory end. A party moving from the harder
/// to the softer has softened; the other way, hardened.
public struct LabelOrder: Hashable, Sendable {
    public var issue: String
    public var harder: String
    public var softer: String

    public init(issue: String, harder: String, softer: String) {
        self.issue = issue
        self.harder = harder
        self.softer = softer
    }

    /// The orders a scale gives, hardest first: each label harder than the next.
    public static func scale(_ labels: [String], on issue: String) -> [LabelOrder] {
        zip(labels, labels.dropFirst()).map { LabelOrder(issue: issue, harder: $0, softer: $1) }
    }
}

/// The label relations and orders of a case, answering "are these two labels the same side,
/// opposite sides, different aspects, and which demands more?". Relations and orders hold between
/// sides: a label compatible with another shares its relations and its place on the scale.
public struct LabelRelations: Hashable, Sendable {
    /// Per issue, each label's representative among the labels compatible with it.
    private var sides: [String: [String: String]] = [:]
    /// Per issue, the pairs of sides (smaller first) recorded as opposed and as independent.
    private var opposedSides: [String: Set<[String]>] = [:]
    private var independentSides: [String: Set<[String]>] = [:]
    /// Per issue, for each side, the sides recorded as directly softer than it.
    private var softerSides: [String: [String: Set<String>]] = [:]
    public private(set) var all: [LabelRelation] = []
    public private(set) var orders: [LabelOrder] = []

    public init(_ relations: [LabelRelation] = [], orders: [LabelOrder] = []) {
        all = relations.sorted { ($0.issue, $0.labels.0, $0.labels.1) < ($1.issue, $1.labels.0, $1.labels.1) }
        self.orders = orders.sorted { ($0.issue, $0.harder, $0.softer) < ($1.issue, $1.harder, $1.softer) }
        for relation in all where relation.kind == .compatible {
            var parent = sides[relation.issue] ?? [:]
            func find(_ label: String) -> String {
                var label = label
                while let next = parent[label], next != label { label = next }
                return label
            }
            let (a, b) = (find(relation.labels.0), find(relation.labels.1))
            if a != b { parent[max(a, b)] = min(a, b) }
            sides[relation.issue] = parent
        }
        for relation in all where relation.kind != .compatible {
            let pair = sidePair(relation.labels.0, relation.labels.1, on: relation.issue)
            if relation.kind == .opposed {
                opposedSides[relation.issue, default: []].insert(pair)
            } else {
                independentSides[relation.issue, default: []].insert(pair)
            }
        }
        for order in self.orders {
            softerSides[order.issue, default: [:]][side(of: order.harder, on: order.issue), default: []].insert(
                side(of: order.softer, on: order.issue))
        }
    }

    /// The side a label is on: the same value for labels that are compatible (directly or through
    /// others) on the issue.
    public func side(of label: String, on issue: String) -> String {
        guard let parent = sides[issue] else { return label }
        var label = label
        while let next = parent[label], next != label { label = next }
        return label
    }

    private func sidePair(_ a: String, _ b: String, on issue: String) -> [String] {
        let (x, y) = (side(of: a, on: issue), side(of: b, on: issue))
        return x < y ? [x, y] : [y, x]
    }

    /// Whether the two labels are on one side (the same label, or compatible).
    public func sameSide(_ a: String, _ b: String, on issue: String) -> Bool {
        side(of: a, on: issue) == side(of: b, on: issue)
    }

    /// Whether the two labels are recorded as opposite sides (directly or through compatible ones).
    public func areOpposed(_ a: String, _ b: String, on issue: String) -> Bool {
        opposedSides[issue]?.contains(sidePair(a, b, on: issue)) ?? false
    }

    /// Whether the two labels are recorded as different aspects that do not disagree.
    public func areIndependent(_ a: String, _ b: String, on issue: String) -> Bool {
        independentSides[issue]?.contains(sidePair(a, b, on: issue)) ?? false
    }

    /// Whether parties holding the two labels disagree: they are on different sides and not
    /// recorded as independent.
    public func conflict(_ a: String, _ b: String, on issue: String) -> Bool {
        !sameSide(a, b, on: issue) && !areIndependent(a, b, on: issue)
    }

    /// Whether `a` is harder than `b` on the issue's scale: recorded so, directly or through
    /// labels between them.
    public func isHarder(_ a: String, than b: String, on issue: String) -> Bool {
        guard let graph = softerSides[issue] else { return false }
        let target = side(of: b, on: issue)
        var seen: Set<String> = []
        var stack = [side(of: a, on: issue)]
        while let next = stack.popLast() {
            for softer in graph[next] ?? [] where seen.insert(softer).inserted {
                if softer == target { return true }
                stack.append(softer)
            }
        }
        return false
    }

    /// The relations recorded on `issue` and its sub-issues.
    public func on(_ issue: String) -> [LabelRelation] {
        all.filter { Identifier.issue($0.issue, isWithin: issue) }
    }

    /// The orders recorded on `issue` and its sub-issues.
    public func orders(on issue: String) -> [LabelOrder] {
        orders.filter { Identifier.issue($0.issue, isWithin: issue) }
    }

    /// What contradicts itself in these relations and orders on `issue`, if anything: labels made
    /// one side that are recorded opposed or independent, or ordered; an order between labels
    /// recorded independent; an order that goes round in a circle. Nil when they are consistent.
    public func inconsistency(on issue: String) -> (String, String, reason: Inconsistency)? {
        for relation in all where relation.issue == issue && relation.kind != .compatible {
            if sameSide(relation.labels.0, relation.labels.1, on: issue) {
                return (relation.labels.0, relation.labels.1, relation.kind == .opposed ? .opposed : .independent)
            }
        }
        for order in orders where order.issue == issue {
            if sameSide(order.harder, order.softer, on: issue) {
                return (order.harder, order.softer, .compatible)
            }
            if areIndependent(order.harder, order.softer, on: issue) {
                return (order.harder, order.softer, .independent)
            }
            if isHarder(order.softer, than: order.harder, on: issue) {
                return (order.harder, order.softer, .ordered)
            }
        }
        return nil
    }

    /// Why relations and orders on an issue cannot all hold.
    public enum Inconsistency: String, Hashable, Sendable {
        /// Labels of one side are recorded as opposed.
        case opposed
        /// Labels of one side, or ordered labels, are recorded as independent.
        case independent
        /// Labels of one side are ordered.
        case compatible
        /// The order goes round in a circle: the softer label is recorded harder, through others.
        case ordered
    }
}
