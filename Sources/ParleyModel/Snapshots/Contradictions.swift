/// Two accounts that cannot both be true: two sources reporting different stances for one party,
/// issue and day; a claim about a party that the party's own words of the same period contradict;
/// two parties giving different accounts of one agreement.
public struct Contradiction: Hashable, Sendable {
    /// Which kind of contradiction.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Two sources report different stances for the same party, issue and said date.
        case sourcesDiffer = "sources-differ"
        /// A claim about a party that its own statements of the same period contradict.
        case claimContradicted = "claim-contradicted"
        /// An agreement whose parties' own accounts disagree.
        case accountsDiffer = "accounts-differ"
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
    /// When (the later of the two dates).
    public var date: CalendarDate
    public var first: Evidence
    public var second: Evidence

    public init(
        kind: Kind, issue: String, party: String?, agreement: String? = nil, date: CalendarDate, first: Evidence,
        second: Evidence
    ) {
        self.kind = kind
        self.issue = issue
        self.party = party
        self.agreement = agreement
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

    /// The contradictions among `pairs` of statements the store found (same party, issue and day
    /// from two sources; a claim and the party's own words near it) and among the agreements'
    /// accounts as of `date`. Labels recorded as compatible do not contradict each other.
    /// Ordered by date, then kind (sources, claims, accounts), issue and party.
    public static func find(
        sourcePairs: [(DatedStatement, DatedStatement)], claimPairs: [(claim: DatedStatement, own: DatedStatement)],
        agreements: [Agreement], relations: LabelRelations, asOf date: CalendarDate?
    ) -> [Contradiction] {
        func differ(_ a: Statement, _ b: Statement) -> Bool {
            relations.side(of: a.stance, on: a.issue) != relations.side(of: b.stance, on: b.issue)
        }
        var found: [Contradiction] = []
        for (a, b) in sourcePairs where differ(a.statement, b.statement) {
            found.append(
                Contradiction(
                    kind: .sourcesDiffer, issue: a.statement.issue, party: a.statement.party, date: a.effectiveDate,
                    first: .statement(a), second: .statement(b)))
        }
        for (claim, own) in claimPairs where differ(claim.statement, own.statement) {
            found.append(
                Contradiction(
                    kind: .claimContradicted, issue: claim.statement.issue, party: claim.statement.about,
                    date: max(claim.effectiveDate, own.effectiveDate), first: .statement(claim), second: .statement(own)
                ))
        }
        for agreement in agreements {
            let accounts = agreement.accounts(asOf: date)
            for i in accounts.indices {
                for j in accounts.indices where j > i && accounts[i].step.status != accounts[j].step.status {
                    found.append(
                        Contradiction(
                            kind: .accountsDiffer, issue: agreement.issue, party: nil, agreement: agreement.id,
                            date: max(accounts[i].step.on, accounts[j].step.on), first: .step(accounts[i].step),
                            second: .step(accounts[j].step)))
                }
            }
        }
        func order(_ kind: Contradiction.Kind) -> Int { Contradiction.Kind.allCases.firstIndex(of: kind) ?? 0 }
        return found.sorted {
            ($0.date, order($0.kind), $0.issue, $0.party ?? "") < ($1.date, order($1.kind), $1.issue, $1.party ?? "")
        }
    }
}
