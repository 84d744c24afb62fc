/// A whole Parley dataset as one value: what a YAML casefile holds, in casefile order.
public struct Casefile: Hashable, Sendable {
    public var parties: [Party]
    public var actors: [Actor]
    public var issues: [Issue]
    public var sources: [Source]
    public var statements: [Statement]
    public var labelRelations: [LabelRelation]
    /// The issues' scales, as pairs: one label harder than another.
    public var labelOrders: [LabelOrder]
    public var agreements: [Agreement]
    public var disputes: [Dispute]

    public init(
        parties: [Party] = [], actors: [Actor] = [], issues: [Issue] = [], sources: [Source] = [],
        statements: [Statement] = [], labelRelations: [LabelRelation] = [], labelOrders: [LabelOrder] = [],
        agreements: [Agreement] = [], disputes: [Dispute] = []
    ) {
        self.labelOrders = labelOrders
        self.parties = parties
        self.actors = actors
        self.issues = issues
        self.sources = sources
        self.statements = statements
        self.labelRelations = labelRelations
        self.agreements = agreements
        self.disputes = disputes
    }
}
