/// What Parley tells the analyst after recording a statement, so that stance labels get reused.
public struct StatementReceipt: Hashable, Sendable {
    /// The new statement's number.
    public var sequence: Int64
    /// The party the statement was recorded for (the actor's, when only the actor was given).
    public var party: String
    /// Whether the stance label had never been used on this issue before.
    public var isNewLabel: Bool
    /// The labels already used on the issue before this statement, most used first.
    public var existingLabels: [String]
    /// Existing labels that look like a typo of the new one.
    public var nearMisses: [String]

    public init(sequence: Int64, party: String, isNewLabel: Bool, existingLabels: [String], nearMisses: [String]) {
        self.sequence = sequence
        self.party = party
        self.isNewLabel = isNewLabel
        self.existingLabels = existingLabels
        self.nearMisses = nearMisses
    }
}
