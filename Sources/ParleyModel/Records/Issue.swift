/// A question in dispute. Ids are slash paths (`zangezur-corridor/border-controls`), so issues nest;
/// a nested issue's parent must exist.
public struct Issue: Hashable, Sendable {
    public var id: String
    public var title: String
    public var description: String?
    /// Other ids the issue answers to: a former id after a rename, or another side's name for the
    /// same question. Each is an issue id that no other issue has.
    public var aliases: [String]
    /// How old a position on this issue may be before it counts as stale; nil: the report's window.
    public var staleAfter: StaleWindow?

    public init(
        id: String, title: String, description: String? = nil, aliases: [String] = [], staleAfter: StaleWindow? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.aliases = aliases
        self.staleAfter = staleAfter
    }

    /// The parent issue's id, or nil for a top-level issue.
    public var parent: String? { Identifier.parentIssue(of: id) }
}

/// What a name that is not an issue's id stands for.
public enum IssueName: Hashable, Sendable {
    /// A former id of the issue, which was renamed to this id.
    case renamed(to: String)
    /// Another name (an alias) of the issue with this id.
    case alias(of: String)
}
