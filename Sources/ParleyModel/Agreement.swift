/// An understanding between two or more parties, with its dated and sourced history.
public struct Agreement: Hashable, Sendable, Codable {
    public var id: String
    public var title: String
    public var issue: String
    public var terms: String?
    public var parties: [String]
    public var mediators: [String]
    public var history: [AgreementStep]

    public init(
        id: String, title: String, issue: String, terms: String? = nil, parties: [String],
        mediators: [String] = [], history: [AgreementStep]
    ) {
        self.id = id
        self.title = title
        self.issue = issue
        self.terms = terms
        self.parties = parties
        self.mediators = mediators
        self.history = history
    }

    /// The latest step on or before `date`, or nil if the agreement did not exist yet.
    public func step(asOf date: CalendarDate?) -> AgreementStep? {
        latestStep(history, asOf: date)
    }
}

/// One dated, sourced step in an agreement's history.
public struct AgreementStep: Hashable, Sendable, Codable {
    public var status: AgreementStatus
    public var on: CalendarDate
    public var source: String
    public var note: String?

    public init(status: AgreementStatus, on: CalendarDate, source: String, note: String? = nil) {
        self.status = status
        self.on = on
        self.source = source
        self.note = note
    }
}

/// A dated, sourced step in a history, so agreements and disputes share one "as of" rule and
/// one way of being checked and stored.
public protocol DatedStep {
    var on: CalendarDate { get }
    var source: String { get }
    var note: String? { get }
    /// The status as written in casefiles (`signed`, `open`, ...).
    var statusName: String { get }
}

extension AgreementStep: DatedStep {
    public var statusName: String { status.rawValue }
}

extension DisputeStep: DatedStep {
    public var statusName: String { status.rawValue }
}

/// The last step, in the history's recorded order, dated on or before `date` (read as the end of
/// its period). The recorded order is the sequence of events: a month-precise step such as
/// "proposed 2018-09" may rightly come before "signed 2018-09-10". A nil date means "everything".
func latestStep<Step: DatedStep>(_ history: [Step], asOf date: CalendarDate?) -> Step? {
    history.last { step in date.map { step.on.isOnOrBefore($0) } ?? true }
}

/// The problem with appending `step` after `history`, if it is dated definitely before the last
/// step (histories are kept in the order things happened).
func outOfOrder<Step: DatedStep>(_ step: Step, after history: [Step]) -> CalendarDate? {
    guard let last = history.last, step.on.endKey < last.on.startKey else { return nil }
    return last.on
}

/// The indices of steps dated definitely before the step recorded ahead of them.
func outOfOrderIndices<Step: DatedStep>(_ history: [Step]) -> [Int] {
    history.indices.filter { $0 > 0 && outOfOrder(history[$0], after: Array(history[..<$0])) != nil }
}
