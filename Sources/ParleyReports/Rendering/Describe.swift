import ParleyModel

/// Short phrases shared by the renderers, so every format says the same thing the same way.
enum Describe {
    /// A date with its precision spelled out when it is not a day: `2021-12 (month)`.
    static func date(_ date: CalendarDate) -> String {
        switch date.precision {
        case .day: return date.description
        case .month: return "\(date) (month)"
        case .year: return "\(date) (year)"
        }
    }

    /// Who said it, when, and where it was reported.
    static func backing(_ dated: DatedStatement) -> String {
        let s = dated.statement
        let who = s.actor.map { " by \($0)" } ?? ""
        let said = s.said == nil ? "dated by its source \(dated.sourceDate)" : "said \(date(dated.effectiveDate))"
        return "#\(dated.sequence) \(s.kind.rawValue)\(who), \(said), source \(s.source)"
    }

    /// "retracted 2026-11-29T10:00:00Z by alice: wrong source".
    static func retraction(_ retraction: Retraction) -> String {
        "retracted \(retraction.at) by \(retraction.by): \(retraction.reason)"
    }

    /// A step's status, with who joined or left and whether it was retracted.
    static func step<Status>(_ step: Step<Status>) -> String {
        var parts = [step.status.rawValue]
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

    /// A step's JSON.
    static func stepJSON<Status>(_ step: Step<Status>) -> JSONValue {
        [
            "status": .string(step.status.rawValue), "on": .date(step.on), "source": .string(step.source),
            "note": .optional(step.note), "add_parties": .array(step.addParties.map { .string($0) }),
            "remove_parties": .array(step.removeParties.map { .string($0) }),
            "add_mediators": .array(step.addMediators.map { .string($0) }),
            "remove_mediators": .array(step.removeMediators.map { .string($0) }),
            "retraction": step.retraction.map(\.jsonValue) ?? .null,
        ]
    }

    /// The quote in typographic quotes, if any.
    static func quote(_ dated: DatedStatement) -> String? {
        dated.statement.quote.map { "“\($0)”" }
    }

    /// The statement's JSON, with the date it was adopted when known.
    static func positionJSON(_ position: Position, movedOn: DatedStatement?) -> JSONValue {
        [
            "party": .string(position.party), "issue": .string(position.issue), "stance": .string(position.stance),
            "last_moved": .date(movedOn?.effectiveDate), "statement": position.backing.jsonValue,
        ]
    }
}

extension Step {
    /// The step's status, with who joined or left and whether it was retracted, as reports word it.
    public var described: String { Describe.step(self) }
}
