import ParleyModel

/// Accounts that cannot both be true, as of a date: two sources giving one party different
/// stances for the same day; one party's two voices disagreeing (an internal contradiction); a
/// claim about a party that its own words of the same period contradict; an agreement whose
/// parties' accounts disagree, or that one party says was kept and another says was not. Each
/// entry names both sides' evidence with its source.
public struct ContradictionsReport: Report, Hashable, KnowingReport {
    public var asOf: CalendarDate?
    public var issue: String?
    public var contradictions: [Contradiction]
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    public init(asOf: CalendarDate?, issue: String?, contradictions: [Contradiction]) {
        self.asOf = asOf
        self.issue = issue
        self.contradictions = contradictions
        let statements = contradictions.flatMap { [$0.first, $0.second] }.compactMap { evidence -> DatedStatement? in
            if case .statement(let dated) = evidence { return dated }
            return nil
        }
        let steps = contradictions.flatMap { [$0.first, $0.second] }.compactMap { evidence -> Bool? in
            if case .step(let step) = evidence { return step.onIsSourceDate }
            return nil
        }
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(statements),
            ReportNote.sourceDated(statements: statements, steps: steps),
        ].compactMap { $0 }
    }

    var heading: String {
        "Contradictions" + (issue.map { " on \($0)" } ?? "") + (asOf.map { " as of \($0)" } ?? "") + knownSuffix
    }

    static func title(_ kind: Contradiction.Kind) -> String {
        switch kind {
        case .sourcesDiffer: return "Sources differ"
        case .internalContradiction: return "Internal contradiction"
        case .claimContradicted: return "Claim contradicted"
        case .accountsDiffer: return "Accounts differ"
        case .complianceDisputed: return "Compliance disputed"
        }
    }

    /// What the entry is about: `armenia on transit/route, said 2021-12-14`.
    static func subject(_ c: Contradiction) -> String {
        switch c.kind {
        case .sourcesDiffer: return "\(c.party ?? "") on \(c.issue), said \(Describe.date(c.date))"
        case .internalContradiction, .claimContradicted:
            return "\(c.party ?? "") on \(c.issue), \(Describe.date(c.date))"
        case .accountsDiffer, .complianceDisputed:
            return "agreement \(c.agreement ?? "")" + (c.term.map { ", term \($0)," } ?? "")
                + " on \(c.issue), \(Describe.date(c.date))"
        }
    }

    /// One side's evidence in a line.
    static func evidence(_ evidence: Contradiction.Evidence, in c: Contradiction) -> String {
        switch evidence {
        case .statement(let dated):
            let s = dated.statement
            if let about = s.about {
                return "\(about) according to \(s.party): \(s.stance) (\(Describe.backing(dated)))"
            }
            let whose: String
            switch c.kind {
            case .claimContradicted: whose = "\(s.party) itself"
            case .internalContradiction: whose = Describe.speaker(s) ?? "\(s.party) in source \(s.source)"
            default: whose = "source \(s.source)"
            }
            return "\(whose): \(s.stance) (\(Describe.backing(dated)))"
        case .step(let step):
            return "\(step.accordingTo ?? "all parties"): \(step.status.rawValue) on \(Describe.on(step)), source "
                + step.source + (step.note.map { " - \($0)" } ?? "")
        }
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
