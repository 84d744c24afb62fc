import ParleyModel

/// Short phrases shared by the renderers, so every format says the same thing the same way.
enum Describe {
    /// A date with its precision spelled out when it is not a day: `2021-12 (month)`; with a `*`
    /// when the date is its source's (the statement or step gave none), as the legend explains.
    static func date(_ date: CalendarDate, sourceDated: Bool = false) -> String {
        let mark = sourceDated ? ReportNote.sourceDateMark : ""
        switch date.precision {
        case .day: return "\(date)\(mark)"
        case .month: return "\(date)\(mark) (month)"
        case .year: return "\(date)\(mark) (year)"
        }
    }

    /// A statement's date, marked when it is its source's.
    static func said(_ dated: DatedStatement) -> String {
        date(dated.effectiveDate, sourceDated: dated.statement.said == nil)
    }

    /// A step's date, marked when it is its source's.
    static func on<Status>(_ step: Step<Status>) -> String {
        date(step.on, sourceDated: step.onIsSourceDate)
    }

    /// Who spoke, and through whom: `aliyev via presidential press service`.
    static func speaker(_ statement: Statement) -> String? {
        switch (statement.actor, statement.via) {
        case (let actor?, let via?): return "\(actor) via \(via)"
        case (let actor?, nil): return actor
        case (nil, let via?): return "via \(via)"
        case (nil, nil): return nil
        }
    }

    /// Who said it, when, and where it was reported.
    static func backing(_ dated: DatedStatement) -> String {
        let s = dated.statement
        let who = speaker(s).map { " by \($0)" } ?? ""
        let about = s.about.map { " about \($0)" } ?? ""
        return "#\(dated.sequence) \(s.kind.rawValue)\(who)\(about), said \(said(dated)), source \(s.source)"
    }

    /// A claim about a party, from the side of the party it is about: `according to azerbaijan
    /// (aliyev): accepted-corridor, #12 claim, said 2021-12-15, source s`.
    static func claim(_ dated: DatedStatement) -> String {
        let s = dated.statement
        return "according to \(s.party)" + (speaker(s).map { " (\($0))" } ?? "") + ": \(s.stance) (" + backing(dated)
            + ")"
    }

    /// "on 2026-11-29T10:00:00Z by alice: wrong source", after a word that says it was retracted.
    static func retraction(_ retraction: Retraction) -> String {
        "on \(retraction.at) by \(retraction.by): \(retraction.reason)"
    }

    /// A step's status, with the term it concerns, the deadline it sets, who joined or left and
    /// whether it was retracted: `pledged; term first-group; due 2021-03-31`.
    static func step<Status>(_ step: Step<Status>) -> String {
        var parts = [step.status.rawValue + (step.accordingTo.map { " according to \($0)" } ?? "")]
        if let term = step.term { parts.append("term \(term)") }
        if let due = step.due { parts.append("due \(due)") }
        if !step.addParties.isEmpty { parts.append("joined: " + step.addParties.joined(separator: ", ")) }
        if !step.removeParties.isEmpty { parts.append("left: " + step.removeParties.joined(separator: ", ")) }
        if !step.addMediators.isEmpty { parts.append("mediator joined: " + step.addMediators.joined(separator: ", ")) }
        if !step.removeMediators.isEmpty {
            parts.append("mediator left: " + step.removeMediators.joined(separator: ", "))
        }
        var text = parts.joined(separator: "; ")
        if let retraction = step.retraction { text = "RETRACTED " + text + " (" + Self.retraction(retraction) + ")" }
        return text
    }

    /// The labels a position holds: `open-route + open-route-with-checks`.
    static func labels(_ position: Position) -> String { position.labels.joined(separator: " + ") }

    /// `, softened from joint-customs`; nil without a move.
    static func move(_ move: Move?, from previous: String?) -> String? {
        guard let move else { return nil }
        return ", \(move.words)" + (previous.map { " from \($0)" } ?? "")
    }

    /// A condition with whether it holds: `if brenn holds joint-customs on corridor/customs (does not hold)`.
    static func condition(_ state: ConditionState) -> String {
        let c = state.condition
        return "if \(c.party ?? "") holds \(c.label) on \(c.issue) (\(state.words))"
    }

    /// A statement's conditions, without judging them: ` if brenn holds joint-customs on corridor/customs`.
    static func conditions(_ statement: Statement) -> String {
        statement.conditions.map { " if \($0.party ?? statement.party) holds \($0.label) on \($0.issue)" }.joined(
            separator: " and")
    }

    /// A deadline and where it stands: `due 2021-06-30, OVERDUE; implemented according to aurel;
    /// stalled according to brenn`.
    static func deadline(_ d: Deadline) -> String {
        let state: String
        switch d.state {
        case .pending: state = "not yet due"
        case .met: state = "met" + (d.implemented.map { " (implemented \(on($0)))" } ?? "")
        case .overdue: state = "OVERDUE"
        }
        let accounts = d.accounts.map { "\($0.step.status.rawValue) according to \($0.party)" }
        return (["due \(date(d.due, sourceDated: false)), \(state)"] + accounts).joined(separator: "; ")
            + (d.complianceDisputed ? " (compliance disputed)" : "")
    }

    /// A commitment that is (or became) overdue, with its agreement, the term it is of and the
    /// agreement's title when given: `prisoner-swap, term first-group (Exchange of detainees): due
    /// 2021-06-30, OVERDUE; implemented according to aurel`.
    static func overdue(_ d: Deadline, title: String? = nil) -> String {
        d.agreement + (d.term.map { ", term \($0)" } ?? "") + (title.map { " (\($0))" } ?? "") + ": " + deadline(d)
    }

    /// The quote in typographic quotes, if any.
    static func quote(_ dated: DatedStatement) -> String? {
        dated.statement.quote.map { "“\($0)”" }
    }
}

extension Step {
    /// The step's status, with who joined or left and whether it was retracted, as reports word it.
    public var described: String { Describe.step(self) }
}
