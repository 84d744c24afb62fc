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

    /// A note explaining how a date that is not day-precise was read.
    static func precisionNote(_ date: CalendarDate?, role: String) -> String? {
        guard let date, date.precision != .day else { return nil }
        let end = CalendarDate.fromKey(date.endKey)
        return "\(role) \(date) is \(date.precision.rawValue)-precise and is read as its last day, \(end): statements dated within it count as on or before it."
    }

    /// A note for statements whose own dates are not day-precise.
    static func impreciseStatementsNote(_ statements: [DatedStatement]) -> String? {
        let count = statements.filter { $0.effectiveDate.precision != .day }.count
        guard count > 0 else { return nil }
        return "\(count) statement\(count == 1 ? " has a" : "s have") month- or year-precise date\(count == 1 ? "" : "s"), placed at the end of that period: such a statement is not taken to precede any day within it."
    }

    /// The statement's JSON, with the date it was adopted when known.
    static func positionJSON(_ position: Position, movedOn: DatedStatement?) -> JSONValue {
        [
            "party": .string(position.party), "issue": .string(position.issue), "stance": .string(position.stance),
            "last_moved": .date(movedOn?.effectiveDate), "statement": position.backing.jsonValue,
        ]
    }
}
