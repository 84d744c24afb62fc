/// Two accounts that cannot both be true: two sources reporting different stances for one party,
/// issue and day; one party saying two things that disagree (two of its voices on one day, or
/// within days); a claim about a party that the party's own words of the same period contradict;
/// two parties giving different accounts of one agreement, or of whether it was kept.
public struct Contradiction: Hashable, Sendable {
    /// Which kind of contradiction.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Two sources report different stances for the same party, issue and said date.
        case sourcesDiffer = "sources-differ"
        /// One party's own statements on one issue disagree: two of its voices on one day (or one
        /// source giving two), or two of its actors within ``Contradictions/internalWindowDays``.
        case internalContradiction = "internal"
        /// A claim about a party that its own statements of the same period contradict.
        case claimContradicted = "claim-contradicted"
        /// An agreement whose parties' own accounts disagree.
        case accountsDiffer = "accounts-differ"
        /// One party says an agreement (or one of its terms) was implemented, another says not.
        case complianceDisputed = "compliance-disputed"
    }

    /// One side's evidence: a statement, or an agreement step.
    public enum Evidence: Hashable, Sendable {
        case statement(DatedStatement)
        case step(AgreementStep)
    }

    public var kind: Kind
    public var issue: String
    /// The party the accounts are about (for agreements, nil).
    public var party: String?
    /// The agreement whose accounts differ.
    public var agreement: String?
    /// The term of the agreement the accounts are about, when they are about one.
    public var term: String?
    /// When (the later of the two dates).
    public var date: CalendarDate
    public var first: Evidence
    public var second: Evidence

    public init(
        kind: Kind, issue: String, party: String?, agreement: String? = nil, term: String? = nil, date: CalendarDate,
        first: Evidence, second: Evidence
    ) {
        self.kind = kind
        self.issue = issue
        self.party = party
        self.agreement = agreement
        self.term = term
        self.date = date
        self.first = first
        self.second = second
    }
}

/// Finding contradictions; a pure function of the evidence.
public enum Contradictions {
    /// How near in time a party's own words must be to a claim about it to answer it: a month
    /// either side.
    public static let claimWindowDays = 31
    /// How near in time two of a party's actors must speak for their disagreeing statements to be
    /// an internal contradiction rather than a move: a week.
    public static let internalWindowDays = 7

    /// The contradictions among the statement pairs the store found and among the agreements'
    /// accounts as of `date`. `sameDayPairs` are one party's own statements on one issue and said
    /// date (two sources, two actors, or one source giving two stances); `actorPairs`, two of its
    /// actors' consecutive statements within ``internalWindowDays``; `claimPairs`, a claim and the
    /// party's own words near it. Labels on one side, or independent, do not contradict each
    /// other. Two sources telling one voice's words differently differ; two voices of the party
    /// (different actors, or one source) contradict the party itself. Ordered by date, then kind,
    /// issue and party.
    public static func find(
        sameDayPairs: [(DatedStatement, DatedStatement)], actorPairs: [(DatedStatement, DatedStatement)] = [],
        claimPairs: [(claim: DatedStatement, own: DatedStatement)], agreements: [Agreement],
        relations: LabelRelations, asOf date: CalendarDate?
    ) -> [Contradiction] {
        func differ(_ a: Statement, _ b: Statement) -> Bool {
            relations.conflict(a.stance, b.stance, on: a.issue)
        }
        var found: [Contradiction] = []
        for (a, b) in sameDayPairs where differ(a.statement, b.statement) {
            let (x, y) = (a.statement, b.statement)
            let twoVoices = x.source == y.source || (x.actor != nil && y.actor != nil && x.actor != y.actor)
            found.append(
                Contradiction(
                    kind: twoVoices ? .internalContradiction : .sourcesDiffer, issue: x.issue, party: x.party,
                    date: a.effectiveDate, first: .statement(a), second: .statement(b)))
        }
        for (a, b) in actorPairs where differ(a.statement, b.statement) {
            found.append(
                Contradiction(
                    kind: .internalContradiction, issue: a.statement.issue, party: a.statement.party,
                    date: max(a.effectiveDate, b.effectiveDate), first: .statement(a), second: .statement(b)))
        }
        for (claim, own) in claimPairs where differ(claim.statement, own.statement) {
            found.append(
                Contradiction(
                    kind: .claimContradicted, issue: claim.statement.issue, party: claim.statement.about,
                    date: max(claim.effectiveDate, own.effectiveDate), first: .statement(claim), second: .statement(own)
                ))
        }
        for agreement in agreements {
            func compare(_ accounts: [(party: String, step: AgreementStep)], term: String?) {
                for i in accounts.indices {
                    for j in accounts.indices where j > i && accounts[i].step.status != accounts[j].step.status {
                        let (a, b) = (accounts[i].step, accounts[j].step)
                        let compliance = (a.status == .implemented) != (b.status == .implemented)
                        found.append(
                            Contradiction(
                                kind: compliance ? .complianceDisputed : .accountsDiffer, issue: agreement.issue,
                                party: nil, agreement: agreement.id, term: term, date: max(a.on, b.on), first: .step(a),
                                second: .step(b)))
                    }
                }
            }
            compare(agreement.accounts(asOf: date), term: nil)
            for term in agreement.termIDs { compare(agreement.accounts(ofTerm: term, asOf: date), term: term) }
        }
        func order(_ kind: Contradiction.Kind) -> Int { Contradiction.Kind.allCases.firstIndex(of: kind) ?? 0 }
        // Sorted in place: a sorted copy held every contradiction twice.
        found.sort {
            ($0.date, order($0.kind), $0.issue, $0.party ?? "", $0.agreement ?? "", $0.term ?? "")
                < ($1.date, order($1.kind), $1.issue, $1.party ?? "", $1.agreement ?? "", $1.term ?? "")
        }
        return found
    }
}
