/// Which sources a list shows: those published in a period, and those reporting a party's
/// statements or statements on an issue.
public struct SourceFilter: Hashable, Sendable {
    /// Sources reporting a standing statement by this party.
    public var party: String?
    /// Sources reporting a standing statement on this issue or its sub-issues.
    public var issue: String?
    /// Sources published (the end of the published period) on or after the start of this date.
    public var since: CalendarDate?
    /// Sources published (the end of the published period) on or before the end of this date.
    public var until: CalendarDate?

    public init(party: String? = nil, issue: String? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil) {
        self.party = party
        self.issue = issue
        self.since = since
        self.until = until
    }
}
