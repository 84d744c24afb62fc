import Foundation

/// A condition a statement sets on another position: "we will open the road if customs stay
/// national". It holds as of a date when `party`'s position on `issue` then holds `label` (or a
/// label compatible with it). `party` nil is the statement's own party.
public struct Condition: Hashable, Sendable, Comparable {
    /// The party whose position the condition is on; nil: the speaker's own party.
    public var party: String?
    public var issue: String
    public var label: String

    public init(party: String? = nil, issue: String, label: String) {
        self.party = party
        self.issue = issue
        self.label = label
    }

    /// `issue=label`, or `party:issue=label` for another party's position: how the condition is
    /// written on the command line, in CSV cells and in the change log.
    public var text: String { (party.map { "\($0):" } ?? "") + "\(issue)=\(label)" }

    /// Reads `issue=label` or `party:issue=label`; nil when the text is not of that form.
    public init?(text: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        let head = text[..<equals]
        let label = String(text[text.index(after: equals)...])
        if let colon = head.firstIndex(of: ":") {
            let party = String(head[..<colon])
            let issue = String(head[head.index(after: colon)...])
            guard !party.isEmpty, !issue.isEmpty else { return nil }
            self.init(party: party, issue: issue, label: label)
        } else {
            self.init(issue: String(head), label: label)
        }
        if label.isEmpty { return nil }
    }

    /// Several conditions as one text: `a=x; p:b=y` (empty for none).
    public static func text(_ conditions: [Condition]) -> String? {
        conditions.isEmpty ? nil : conditions.map(\.text).joined(separator: "; ")
    }

    /// Reads ``text(_:)``'s form back; nil when a part is not a condition.
    public static func list(_ text: String) -> [Condition]? {
        let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var conditions: [Condition] = []
        for part in parts {
            guard let condition = Condition(text: part) else { return nil }
            conditions.append(condition)
        }
        return conditions
    }

    public static func < (lhs: Condition, rhs: Condition) -> Bool {
        (lhs.issue, lhs.party ?? "", lhs.label) < (rhs.issue, rhs.party ?? "", rhs.label)
    }
}
