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
        return "\(s.kind.rawValue)\(who), \(said), source \(s.source)"
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
