/// A record between parties whose status is followed through a dated, sourced history: an
/// agreement (``Agreement``) or a recorded dispute (``Dispute``). The two differ only in their
/// status vocabulary, so they share one type and every code path that stores, reads, checks and
/// lists them.
public struct Tracked<Status: StepStatus>: Hashable, Sendable {
    public var id: String
    public var title: String
    public var issue: String
    /// What was agreed (agreements) or what the disagreement is about, when written down.
    public var terms: String?
    public var parties: [String]
    public var mediators: [String]
    /// The steps in the order things happened.
    public var history: [Step<Status>]

    public init(
        id: String, title: String, issue: String, terms: String? = nil, parties: [String],
        mediators: [String] = [], history: [Step<Status>]
    ) {
        self.id = id
        self.title = title
        self.issue = issue
        self.terms = terms
        self.parties = parties
        self.mediators = mediators
        self.history = history
    }

    /// The kind of record: agreement or dispute.
    public static var kind: RecordKind { Status.record }

    /// The last step, in the history's order, dated on or before `date` (read as the end of its
    /// period); nil if the record did not exist yet. A nil date means "everything recorded".
    /// The history's order is the sequence of events: a month-precise step such as "proposed
    /// 2018-09" may rightly come before "signed 2018-09-10".
    public func step(asOf date: CalendarDate?) -> Step<Status>? {
        history.last { step in date.map { step.on.isOnOrBefore($0) } ?? true }
    }

    /// The steps dated on or before `date` (all of them when nil), in the history's order.
    public func steps(asOf date: CalendarDate?) -> [Step<Status>] {
        history.filter { step in date.map { step.on.isOnOrBefore($0) } ?? true }
    }

    /// Whether `party` takes part, as a party or a mediator.
    public func involves(_ party: String) -> Bool {
        parties.contains(party) || mediators.contains(party)
    }

    /// The indices of steps dated definitely before the step listed ahead of them.
    public var outOfOrderSteps: [Int] {
        history.indices.dropFirst().filter { history[$0].on.endKey < history[$0 - 1].on.startKey }
    }
}

/// One dated, sourced step in a tracked record's history.
public struct Step<Status: StepStatus>: Hashable, Sendable {
    public var status: Status
    public var on: CalendarDate
    public var source: String
    public var note: String?

    public init(status: Status, on: CalendarDate, source: String, note: String? = nil) {
        self.status = status
        self.on = on
        self.source = source
        self.note = note
    }
}

/// An understanding between two or more parties, with its dated and sourced history.
public typealias Agreement = Tracked<AgreementStatus>
/// One step in an agreement's history.
public typealias AgreementStep = Step<AgreementStatus>
/// A recorded disagreement between parties on an issue, with its dated and sourced history.
public typealias Dispute = Tracked<DisputeStatus>
/// One step in a dispute's history.
public typealias DisputeStep = Step<DisputeStatus>

extension Tracked where Status == DisputeStatus {
    /// Since when the dispute has been live (open or narrowed) without a break, as of `date`;
    /// nil when it is resolved, dormant or not yet opened. A dispute reopened after being resolved
    /// counts from its reopening.
    public func liveSince(asOf date: CalendarDate?) -> CalendarDate? {
        var since: CalendarDate?
        for step in steps(asOf: date) {
            if step.status.isLive {
                if since == nil { since = step.on }
            } else {
                since = nil
            }
        }
        return since
    }
}
