/// That two stance labels on an issue are the same side (compatible: "facilitate" and "cooperate"
/// on an observer mission) or opposite sides. Compatible labels never make an apparent dispute.
public struct LabelRelation: Hashable, Sendable {
    /// How two labels relate.
    public enum Kind: String, ClosedChoice {
        case compatible, opposed
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

/// The label relations of a case, answering "are these two labels the same side?".
public struct LabelRelations: Hashable, Sendable {
    /// Per issue, each label's representative among the labels compatible with it.
    private var sides: [String: [String: String]] = [:]
    public private(set) var all: [LabelRelation] = []

    public init(_ relations: [LabelRelation] = []) {
        all = relations.sorted { ($0.issue, $0.labels.0, $0.labels.1) < ($1.issue, $1.labels.0, $1.labels.1) }
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
    }

    /// The side a label is on: the same value for labels that are compatible (directly or through
    /// others) on the issue.
    public func side(of label: String, on issue: String) -> String {
        guard let parent = sides[issue] else { return label }
        var label = label
        while let next = parent[label], next != label { label = next }
        return label
    }

    /// The relations recorded on `issue` and its sub-issues.
    public func on(_ issue: String) -> [LabelRelation] {
        all.filter { Identifier.issue($0.issue, isWithin: issue) }
    }
}
