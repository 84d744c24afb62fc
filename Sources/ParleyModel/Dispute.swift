/// A recorded disagreement between parties on an issue, with its dated and sourced history.
public struct Dispute: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var issue: String
    public var parties: [String]
    public var history: [DisputeStep]

    public init(id: String, title: String, issue: String, parties: [String], history: [DisputeStep]) {
        self.id = id
        self.title = title
        self.issue = issue
        self.parties = parties
        self.history = history
    }

    /// The latest step on or before `date`, or nil if the dispute was not yet opened.
    public func step(asOf date: CalendarDate?) -> DisputeStep? {
        latestStep(history, asOf: date)
    }

    /// Since when the dispute has been live (open or narrowed) without a break, as of `date`;
    /// nil when it is resolved, dormant or not yet opened. A dispute reopened after being resolved
    /// counts from its reopening.
    public func liveSince(asOf date: CalendarDate?) -> CalendarDate? {
        var since: CalendarDate?
        for step in history where date.map({ step.on.isOnOrBefore($0) }) ?? true {
            if step.status.isLive {
                if since == nil { since = step.on }
            } else {
                since = nil
            }
        }
        return since
    }
}

/// One dated, sourced step in a dispute's history.
public struct DisputeStep: Hashable, Sendable, Codable {
    public var status: DisputeStatus
    public var on: CalendarDate
    public var source: String
    public var note: String?

    public init(status: DisputeStatus, on: CalendarDate, source: String, note: String? = nil) {
        self.status = status
        self.on = on
        self.source = source
        self.note = note
    }
}
