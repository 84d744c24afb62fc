/// A record between parties whose status is followed through a dated, sourced history: an
/// agreement (``Agreement``) or a recorded dispute (``Dispute``). The two differ only in their
/// status vocabulary, so they share one type and every code path that stores, reads, checks and
/// lists them.
public struct Tracked<Status: StepStatus>: Hashable, Sendable {
    public var id: String
    public var title: String
    /// The issue it is about; see ``moreIssues`` for a record that spans several.
    public var issue: String
    /// Further issues it covers (a dispute over a route and its border controls).
    public var moreIssues: [String]
    /// What was agreed (agreements) or what the disagreement is about, when written down.
    public var terms: String?
    public var parties: [String]
    public var mediators: [String]
    /// The steps in the order things happened (see ``insertionIndex(for:)``), retracted ones
    /// included and marked.
    public var history: [Step<Status>]
    /// The package the agreement belongs to: agreements linked so that none is agreed until every
    /// one is ("nothing is agreed until everything is agreed"). Nil for none, and for disputes.
    public var package: String?

    public init(
        id: String, title: String, issue: String, moreIssues: [String] = [], terms: String? = nil, parties: [String],
        mediators: [String] = [], history: [Step<Status>], package: String? = nil
    ) {
        self.package = package
        self.id = id
        self.title = title
        self.issue = issue
        self.moreIssues = moreIssues
        self.terms = terms
        self.parties = parties
        self.mediators = mediators
        self.history = history
    }

    /// The kind of record: agreement or dispute.
    public static var kind: RecordKind { Status.record }

    /// Every issue it covers, the first one first.
    public var issues: [String] { [issue] + moreIssues }

    /// Whether it covers `issue` (one of its issues, or below one).
    public func covers(_ issue: String) -> Bool {
        issues.contains { Identifier.issue(issue, isWithin: $0) }
    }

    /// Since when its status (as of `date`) has held without a break: the date of
    /// ``statusSinceStep(asOf:)``.
    public func statusSince(asOf date: CalendarDate?) -> CalendarDate? {
        statusSinceStep(asOf: date)?.on
    }

    /// The step at which its status (as of `date`) began: the first of the steps that stand, at
    /// the end of the history all sides stand by, with that status. A restating step does not move
    /// it, and neither does one side's later account: after a joint `pledged` and a one-sided
    /// `suspended`, it is pledged since the joint step, with an account apart. Without a step all
    /// sides stand by, the latest account's run. Steps on one of its terms do not count.
    public func statusSinceStep(asOf date: CalendarDate?) -> Step<Status>? {
        let all = recordSteps(asOf: date)
        let common = all.filter { $0.accordingTo == nil }
        let steps = common.isEmpty ? all : common
        guard let current = steps.last else { return nil }
        var since = current
        for step in steps.reversed() {
            guard step.status == current.status else { break }
            since = step
        }
        return since
    }

    /// The step whose status is the record's, as of `date`: the last one all sides stand by, or
    /// when there is none, the latest account. Nil if the record did not exist yet.
    public func commonStep(asOf date: CalendarDate?) -> Step<Status>? {
        let all = recordSteps(asOf: date)
        return all.last { $0.accordingTo == nil } ?? all.last
    }

    /// Whether, as of `date`, the sides' accounts differ, or its status says they contradict each
    /// other (see ``isContested(status:accounts:)``).
    public func isContested(asOf date: CalendarDate?) -> Bool {
        Self.isContested(status: commonStep(asOf: date)?.status, accounts: accounts(asOf: date).map(\.step.status))
    }

    /// Whether a record whose status is `status` (nil: none yet), with the parties' own `accounts`
    /// apart from it, is contested: the status says the sides contradict each other, or the
    /// accounts differ.
    public static func isContested(status: Status?, accounts: [Status]) -> Bool {
        (status?.isContested ?? false) || Set(accounts).count > 1
    }

    /// Each party's own account as of `date`, when the sides tell it apart: the latest step that
    /// stands attributed to each party since the last step all sides stand by, in the order the
    /// parties first gave one. Empty when nobody's account differs from the common history.
    /// Steps on one of its terms count only for that term (see ``accounts(ofTerm:asOf:)``).
    public func accounts(asOf date: CalendarDate?) -> [(party: String, step: Step<Status>)] {
        Self.accounts(in: recordSteps(asOf: date))
    }

    /// The parties' accounts of one term, as of `date`, as ``accounts(asOf:)`` for the record.
    public func accounts(ofTerm term: String, asOf date: CalendarDate?) -> [(party: String, step: Step<Status>)] {
        Self.accounts(in: steps(asOf: date).filter { $0.term == term })
    }

    private static func accounts(in steps: [Step<Status>]) -> [(party: String, step: Step<Status>)] {
        var latest: [String: Step<Status>] = [:]
        var order: [String] = []
        for step in steps {
            guard let party = step.accordingTo else {
                latest = [:]
                order = []
                continue
            }
            if latest[party] == nil { order.append(party) }
            latest[party] = step
        }
        return order.compactMap { party in latest[party].map { (party, $0) } }
    }

    /// The last step that stands (not retracted), in the history's order, dated on or before
    /// `date` (read as the end of its period); nil if the record did not exist yet. A nil date
    /// means "everything recorded". The history's order is the sequence of events: a
    /// month-precise step such as "proposed 2018-09" may rightly come before "signed 2018-09-10".
    /// Steps on one of its terms do not count.
    public func step(asOf date: CalendarDate?) -> Step<Status>? {
        recordSteps(asOf: date).last
    }

    /// The steps that stand (not retracted) dated on or before `date` (all when nil), in order,
    /// the steps on its terms included.
    public func steps(asOf date: CalendarDate?) -> [Step<Status>] {
        history.filter { step in step.retraction == nil && (date.map { step.on.isOnOrBefore($0) } ?? true) }
    }

    /// The steps that stand dated on or before `date` about the record as a whole (not one of its
    /// terms), in order: the ones its status comes from.
    public func recordSteps(asOf date: CalendarDate?) -> [Step<Status>] {
        steps(asOf: date).filter { $0.term == nil }
    }

    /// The terms the history names (steps with a term), in the order they first appear.
    public var termIDs: [String] {
        var seen: Set<String> = []
        return history.compactMap(\.term).filter { seen.insert($0).inserted }
    }

    /// The parties and mediators as of `date`: the founding ones, changed by the steps that stand.
    public func members(asOf date: CalendarDate?) -> (parties: [String], mediators: [String]) {
        var parties = self.parties
        var mediators = self.mediators
        for step in steps(asOf: date) {
            parties.removeAll { step.removeParties.contains($0) }
            mediators.removeAll { step.removeMediators.contains($0) }
            parties += step.addParties.filter { !parties.contains($0) }
            mediators += step.addMediators.filter { !mediators.contains($0) }
        }
        return (parties, mediators)
    }

    /// Whether `party` ever takes part, as a party or a mediator.
    public func involves(_ party: String) -> Bool {
        parties.contains(party) || mediators.contains(party)
            || history.contains { $0.addParties.contains(party) || $0.addMediators.contains(party) }
    }

    /// Where a step recorded now goes in `history`: after every step not definitely later than it,
    /// so that steps may be recorded in any order and still read in the order things happened.
    /// Steps whose dates overlap (2018-09 and 2018-09-10) keep the order they were recorded in.
    public static func insertionIndex(for step: Step<Status>, in history: [Step<Status>]) -> Int {
        var index = history.count
        while index > 0 && history[index - 1].on.startKey > step.on.endKey { index -= 1 }
        return index
    }

    /// `steps` put in history order as if recorded one after the other.
    public static func ordered(_ steps: [Step<Status>]) -> [Step<Status>] {
        var history: [Step<Status>] = []
        for step in steps { history.insert(step, at: insertionIndex(for: step, in: history)) }
        return history
    }
}

/// One dated, sourced step in a tracked record's history: a status, and any parties or
/// mediators that joined or left with it.
public struct Step<Status: StepStatus>: Hashable, Sendable {
    public var status: Status
    public var on: CalendarDate
    public var source: String
    public var note: String?
    public var addParties: [String]
    public var removeParties: [String]
    public var addMediators: [String]
    public var removeMediators: [String]
    /// Set when the step was withdrawn as a mistake: kept, marked, and no longer in force.
    public var retraction: Retraction?
    /// The party whose account this step is, when the sides' accounts differ (Baku says it was
    /// agreed; Yerevan denies it); nil for a step all sides stand by.
    public var accordingTo: String?
    /// Whether `on` was not given and is the source's published date.
    public var onIsSourceDate: Bool
    /// The deadline the step sets (for the agreement, or for its ``term``): from this step on, it
    /// falls due on this date, until a later step sets another.
    public var due: CalendarDate?
    /// The term of the agreement the step is about (`prisoner-exchange`), when it is about one
    /// term and not the whole: its status is the term's, not the agreement's.
    public var term: String?
    /// When the step was recorded in Parley (ISO 8601 UTC); nil for steps recorded before Parley
    /// kept the time, which count as known from the start.
    public var recordedAt: String?

    public init(
        status: Status, on: CalendarDate, source: String, note: String? = nil, addParties: [String] = [],
        removeParties: [String] = [], addMediators: [String] = [], removeMediators: [String] = [],
        retraction: Retraction? = nil, accordingTo: String? = nil, onIsSourceDate: Bool = false,
        due: CalendarDate? = nil, term: String? = nil, recordedAt: String? = nil
    ) {
        self.due = due
        self.term = term
        self.recordedAt = recordedAt
        self.accordingTo = accordingTo
        self.onIsSourceDate = onIsSourceDate
        self.status = status
        self.on = on
        self.source = source
        self.note = note
        self.addParties = addParties
        self.removeParties = removeParties
        self.addMediators = addMediators
        self.removeMediators = removeMediators
        self.retraction = retraction
    }

    /// Whether the step changes who takes part.
    public var changesMembers: Bool {
        !(addParties.isEmpty && removeParties.isEmpty && addMediators.isEmpty && removeMediators.isEmpty)
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
        liveSinceStep(asOf: date)?.on
    }

    /// The step at which the dispute became live, as for ``liveSince(asOf:)``: its date may be
    /// its source's.
    public func liveSinceStep(asOf date: CalendarDate?) -> DisputeStep? {
        var since: DisputeStep?
        for step in recordSteps(asOf: date) {
            if step.status.isLive {
                if since == nil { since = step }
            } else {
                since = nil
            }
        }
        return since
    }
}
