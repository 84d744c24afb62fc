/// Which statements to list; every field narrows the list, nil means "any".
public struct StatementFilter: Hashable, Sendable {
    public var party: String?
    /// An issue id; its sub-issues are included.
    public var issue: String?
    public var source: String?
    /// Statements whose date (the end of its period) is on or after the start of this date.
    public var since: CalendarDate?
    /// Statements whose date (the end of its period) is on or before the end of this date.
    public var until: CalendarDate?
    /// Whether retracted statements are listed too (they never count for positions).
    public var includeRetracted: Bool
    /// Statements about this party (claims by others).
    public var about: String?
    /// With `party`: claims about the party by others are included too (as in its history).
    public var includeClaimsAbout: Bool

    public init(
        party: String? = nil, issue: String? = nil, source: String? = nil, since: CalendarDate? = nil,
        until: CalendarDate? = nil, includeRetracted: Bool = false, about: String? = nil,
        includeClaimsAbout: Bool = false
    ) {
        self.about = about
        self.includeClaimsAbout = includeClaimsAbout
        self.includeRetracted = includeRetracted
        self.party = party
        self.issue = issue
        self.source = source
        self.since = since
        self.until = until
    }
}
