/// A person or body who speaks for a party.
public struct Actor: Hashable, Sendable {
    public var id: String
    public var name: String
    public var party: String
    public var role: String?
    public var aliases: [String]

    public init(id: String, name: String, party: String, role: String? = nil, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.party = party
        self.role = role
        self.aliases = aliases
    }
}
