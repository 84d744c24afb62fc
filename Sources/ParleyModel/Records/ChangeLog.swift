/// One write to a case, as the change log keeps it: when, by whom, what was done to which record,
/// why, and which values changed. Every write is logged in the transaction that makes it, so the
/// log and the data never disagree.
public struct LogEntry: Hashable, Sendable {
    /// The entry's number, in the order writes happened.
    public var number: Int64
    /// When, as an ISO 8601 UTC timestamp.
    public var at: String
    /// Who: `--by`, `$PARLEY_USER`, the login name, or an API token's name.
    public var by: String
    public var action: LogAction
    /// The kind of record written, when one record was.
    public var kind: RecordKind?
    /// Its id, or `#12` for a statement.
    public var record: String?
    /// Why, for corrections.
    public var reason: String?
    /// The values that changed, old → new (an addition has only new values).
    public var changes: [FieldChange]

    public init(
        number: Int64 = 0, at: String, by: String, action: LogAction, kind: RecordKind? = nil, record: String? = nil,
        reason: String? = nil, changes: [FieldChange] = []
    ) {
        self.number = number
        self.at = at
        self.by = by
        self.action = action
        self.kind = kind
        self.record = record
        self.reason = reason
        self.changes = changes
    }
}

/// What a write did.
public enum LogAction: String, Hashable, Sendable, CaseIterable {
    /// A record was added.
    case add
    /// A statement's values were corrected.
    case amend
    /// A statement or a step was withdrawn.
    case retract
    /// A party's, actor's, issue's or source's values were changed.
    case edit
    /// An issue got a new id (the old one kept as an alias).
    case rename
    /// Statements' stance labels were merged into one.
    case relabel
    /// Two stance labels were recorded as the same side or opposite sides, or that was undone.
    case relate
    /// An API token was made or revoked.
    case token
    /// A step was added to an agreement's or a dispute's history.
    case step
    /// A casefile or CSV file was imported.
    case `import`
}

/// One value that a write changed; nil is "absent".
public struct FieldChange: Hashable, Sendable {
    public var field: String
    public var old: String?
    public var new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }

    /// The fields in which `new` differs from `old`, by name.
    public static func between(_ old: [(String, String?)], _ new: [(String, String?)]) -> [FieldChange] {
        zip(old, new).compactMap { before, after in
            before.1 == after.1 ? nil : FieldChange(field: before.0, old: before.1, new: after.1)
        }
    }
}

extension Party {
    /// The party's values by casefile field name.
    public var fields: [(String, String?)] {
        [("name", name), ("kind", kind.rawValue), ("aliases", aliases.isEmpty ? nil : aliases.joined(separator: ", "))]
    }
}

extension Actor {
    /// The actor's values by casefile field name.
    public var fields: [(String, String?)] {
        [
            ("name", name), ("party", party), ("role", role),
            ("aliases", aliases.isEmpty ? nil : aliases.joined(separator: ", ")),
        ]
    }
}

extension Issue {
    /// The issue's values by casefile field name.
    public var fields: [(String, String?)] {
        [
            ("id", id), ("title", title), ("description", description),
            ("aliases", aliases.isEmpty ? nil : aliases.joined(separator: ", ")),
            ("stale_after", staleAfter?.description),
        ]
    }
}

extension Source {
    /// The source's values by casefile field name (the stored text by its length).
    public var fields: [(String, String?)] {
        [
            ("title", title), ("publisher", publisher), ("url", url), ("published", published.description),
            ("reliability", reliability?.rawValue), ("text", text.map { "\($0.utf8.count) bytes" }),
        ]
    }
}
