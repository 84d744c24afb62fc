/// A side in a dispute: a state, government, organisation, movement or mediator.
public struct Party: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: PartyKind
    public var aliases: [String]

    public init(id: String, name: String, kind: PartyKind, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.aliases = aliases
    }
}
