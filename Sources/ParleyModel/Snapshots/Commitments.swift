extension AgreementStatus {
    /// Whether an agreement in this status is agreed: pledged, signed, reaffirmed or implemented.
    public var isAgreed: Bool { [.pledged, .signed, .reaffirmed, .implemented].contains(self) }
}

/// A deadline of an agreement or of one of its terms, and where it stands as of a date.
public struct Deadline: Hashable, Sendable {
    /// Where a deadline stands.
    public enum State: String, Hashable, Sendable, Codable {
        /// Not yet due, and not implemented.
        case pending
        /// Implemented (a step all sides stand by) on or before the date.
        case met
        /// Past its date without an implemented step all sides stand by.
        case overdue
    }

    /// One party's account of whether the commitment was kept.
    public struct Account: Hashable, Sendable {
        public var party: String
        public var step: AgreementStep
    }

    public var agreement: String
    /// The term it is the deadline of; nil for the agreement as a whole.
    public var term: String?
    public var due: CalendarDate
    /// The step that set the deadline in force.
    public var setBy: AgreementStep
    public var state: State
    /// The step all sides stand by that implemented it, when met.
    public var implemented: AgreementStep?
    /// The parties' own accounts since the last step all sides stand by: compliance claimed by
    /// one side and denied by another is a contradiction.
    public var accounts: [Account]

    public init(
        agreement: String, term: String?, due: CalendarDate, setBy: AgreementStep, state: State,
        implemented: AgreementStep?, accounts: [Account]
    ) {
        self.agreement = agreement
        self.term = term
        self.due = due
        self.setBy = setBy
        self.state = state
        self.implemented = implemented
        self.accounts = accounts
    }

    /// Whether one side says it was kept and another says otherwise.
    public var complianceDisputed: Bool {
        accounts.contains { $0.step.status == .implemented } && accounts.contains { $0.step.status != .implemented }
    }

    /// The parties that say it was kept.
    public var claimedBy: [String] { accounts.filter { $0.step.status == .implemented }.map(\.party) }
}

extension Tracked where Status == AgreementStatus {
    /// The deadlines in force as of `date` (nil: everything recorded), the agreement's own first,
    /// then its terms' in the order they first appear; each judged against `reference` (the report's
    /// date, or for "everything recorded" the latest date the case knows): overdue when the
    /// reference is after the deadline (read as the end of its period) and no step all sides stand
    /// by implemented it by then. Implementing the agreement implements its terms. A superseded
    /// agreement has no deadlines in force.
    public func deadlines(asOf date: CalendarDate?, reference: CalendarDate?) -> [Deadline] {
        guard let current = commonStep(asOf: date), current.status != .superseded else { return [] }
        let steps = steps(asOf: date)
        let whole = steps.filter { $0.term == nil }
        let wholeDone = whole.first { $0.status == .implemented && $0.accordingTo == nil }
        var result: [Deadline] = []
        func add(term: String?, _ own: [AgreementStep]) {
            guard let setBy = own.last(where: { $0.due != nil }), let due = setBy.due else { return }
            let done = own.first { $0.status == .implemented && $0.accordingTo == nil } ?? wholeDone
            let state: Deadline.State
            if done != nil {
                state = .met
            } else if let reference, due.endKey < reference.endKey {
                state = .overdue
            } else {
                state = .pending
            }
            let told = term.map { self.accounts(ofTerm: $0, asOf: date) } ?? self.accounts(asOf: date)
            result.append(
                Deadline(
                    agreement: id, term: term, due: due, setBy: setBy, state: state, implemented: done,
                    accounts: told.map { Deadline.Account(party: $0.party, step: $0.step) }))
        }
        add(term: nil, whole)
        for term in termIDs { add(term: term, steps.filter { $0.term == term }) }
        return result
    }

    /// Whether it is agreed as of `date`: its status is agreed, and the sides' accounts do not
    /// differ.
    public func isAgreed(asOf date: CalendarDate?) -> Bool {
        guard let current = commonStep(asOf: date), current.status.isAgreed, !current.status.isContested else {
            return false
        }
        return accounts(asOf: date).allSatisfy { $0.step.status.isAgreed }
    }
}

/// An agreement's package as of a date: the agreements linked with it, and those not yet agreed,
/// which hold every member back ("nothing is agreed until everything is agreed").
public struct PackageHold: Hashable, Sendable {
    public var package: String
    /// Every member, by id.
    public var members: [String]
    /// The members not agreed as of the date (not yet existing, proposed, contested, broken…).
    public var waitingFor: [String]

    public init(package: String, members: [String], waitingFor: [String]) {
        self.package = package
        self.members = members
        self.waitingFor = waitingFor
    }

    /// Whether the package holds its members back: some member is not agreed.
    public var isHeld: Bool { !waitingFor.isEmpty }

    /// The packages of `agreements` as of `date`, by agreement id.
    public static func packages(of agreements: [Agreement], asOf date: CalendarDate?) -> [String: PackageHold] {
        let grouped = Dictionary(grouping: agreements.filter { $0.package != nil }) { $0.package ?? "" }
        var result: [String: PackageHold] = [:]
        for (package, members) in grouped {
            let sorted = members.sorted { $0.id < $1.id }
            let hold = PackageHold(
                package: package, members: sorted.map(\.id),
                waitingFor: sorted.filter { !$0.isAgreed(asOf: date) }.map(\.id))
            for member in sorted { result[member.id] = hold }
        }
        return result
    }
}
