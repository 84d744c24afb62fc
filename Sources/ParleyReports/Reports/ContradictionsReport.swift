import ParleyModel

/// Accounts that cannot both be true, as of a date: two sources giving one party different
/// stances for the same day; one party's two voices disagreeing (an internal contradiction); a
/// claim about a party that its own words of the same period contradict; an agreement whose
/// parties' accounts disagree, or that one party says was kept and another says was not. Each
/// entry names both sides' evidence with its source.
public struct ContradictionsReport: Report, Hashable, KnowingReport, TextStreaming, JSONStreaming {
    public var asOf: CalendarDate?
    public var issue: String?
    public var contradictions: [Contradiction]
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?

    public init(asOf: CalendarDate?, issue: String?, contradictions: [Contradiction]) {
        self.asOf = asOf
        self.issue = issue
        self.contradictions = contradictions
        // In one pass over the evidence in place (arrays of every statement shown were copies of
        // them all).
        var imprecise = 0
        var sourceDated = false
        for c in contradictions {
            for evidence in [c.first, c.second] {
                switch evidence {
                case .statement(let dated):
                    if ReportNote.isImprecise(dated) { imprecise += 1 }
                    if dated.statement.said == nil { sourceDated = true }
                case .step(let step):
                    if step.onIsSourceDate { sourceDated = true }
                }
            }
        }
        notes = [
            ReportNote.date(asOf, .asOf), ReportNote.statements(imprecise: imprecise),
            sourceDated ? .sourceDated : nil,
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

    public func write(in format: TextFormat, to lines: inout TextLines) { format.write(self, to: &lines) }

    /// The JSON, a contradiction at a time.
    public func writeJSON(to sink: (String) -> Void) {
        var rest = self
        rest.contradictions = []
        JSONFormat().render(rest).encode(
            streaming: "contradictions", contradictions.lazy.map(JSONFormat.contradiction), to: sink)
        sink("\n")
    }
}
