/// A question in dispute. Ids are slash paths (`zangezur-corridor/border-controls`), so issues nest;
/// a nested issue's parent must exist.
public struct Issue: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var description: String?
    /// Other ids the issue answers to: a former id after a rename, or another side's name for the
    /// same question. Each is an issue id that no other issue has.
    public var aliases: [String]

    public init(id: String, title: String, description: String? = nil, aliases: [String] = []) {
        self.id = id
        self.title = title
        self.description = description
        self.aliases = aliases
    }

    /// The parent issue's id, or nil for a top-level issue.
    public var parent: String? { Identifier.parentIssue(of: id) }
}
