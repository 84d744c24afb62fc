/// What an API token may do.
public enum TokenRole: String, ClosedChoice {
    /// Read every page and API answer.
    case viewer
    /// Read, and write: record, amend and retract statements, add steps.
    case editor
    public static let fieldName = "token role"

    /// Whether the role may write.
    public var canWrite: Bool { self == .editor }
}

/// A token a server accepts, as stored: its name, its role, and a digest of the secret (the
/// secret itself is shown once, when the token is made, and never stored).
public struct APIToken: Hashable, Sendable {
    /// Who or what uses it; the name writes are attributed to in the change log.
    public var name: String
    public var role: TokenRole
    /// When it was made (ISO 8601 UTC).
    public var createdAt: String
    /// When it was revoked, if it was.
    public var revokedAt: String?

    public init(name: String, role: TokenRole, createdAt: String, revokedAt: String? = nil) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    /// The prefix of every secret, so that one found in a log or a paste is recognisable.
    public static let secretPrefix = "parley_"
}
