/// A question in dispute. Ids are slash paths (`zangezur-corridor/border-controls`), so issues nest;
/// a nested issue's parent must exist.
public struct Issue: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var description: String?

    public init(id: String, title: String, description: String? = nil) {
        self.id = id
        self.title = title
        self.description = description
    }

    /// The parent issue's id, or nil for a top-level issue.
    public var parent: String? { Identifier.parentIssue(of: id) }
}
