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

/// A dated step in a history, so agreements and disputes share one "as of" rule.
public protocol DatedStep {
    var on: CalendarDate { get }
}

extension AgreementStep: DatedStep {}
extension DisputeStep: DatedStep {}

/// The last step dated on or before `date` (the end of its period); among steps with the same
/// date, the one recorded last. A nil date means "everything".
func latestStep<Step: DatedStep>(_ history: [Step], asOf date: CalendarDate?) -> Step? {
    var best: Step?
    for step in history where date.map({ step.on.isOnOrBefore($0) }) ?? true {
        if let current = best, current.on.endKey > step.on.endKey { continue }
        best = step
    }
    return best
}
