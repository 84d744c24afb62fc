import ParleyKit
import ParleyModel
import ParleyReports

// What each query parameter and each body field of the API is, for the OpenAPI document. Each
// type answers for every one of its coding keys in an exhaustive `switch`, so that a parameter or
// a field added to a request type does not compile until it is documented here.

/// A query the API's document describes: a schema for each of its parameters.
protocol DocumentedQuery: QueryParameters {
    /// The parameter's schema, with its description.
    static func schema(_ name: Name) -> Schema
    /// The parameters the endpoint cannot answer without (a 400 names the missing one).
    static var required: Set<String> { get }
}

extension DocumentedQuery {
    static var required: Set<String> { [] }
}

/// A write's body the API's document describes: a schema for each field.
protocol DocumentedBody: RequestBody {
    /// The field's schema, with its description.
    static func schema(_ field: Field) -> Schema
    /// The fields a write cannot do without.
    static var required: Set<String> { get }
}

extension DocumentedBody {
    static var required: Set<String> { [] }
}

// MARK: - Parameters shared by several endpoints

extension Schema {
    static let asOf = string(
        "The date the report is as of: YYYY-MM-DD, YYYY-MM or YYYY (a month or a year counts as its last day). "
            + "Default: the latest date the case knows.", pattern: datePattern)
    static let staleAfter = string(
        "How long a position may go unrestated before it counts as stale: a whole number from 1 to 1000000 and "
            + "a unit, d, m or y (400d, 18m, 2y). Default: 2y.", pattern: "^([1-9][0-9]{0,5}|1000000)[dmy]$")
    static let partyFilter = string("Only this party (its id or an alias).", maxLength: 200, minLength: 1)
    static let issueFilter = string(
        "Only this issue and the issues below it (its id or an alias).", maxLength: 200, minLength: 1)
    static let since = string("Only statements said on or after this date.", pattern: datePattern)
    static let until = string("Only statements said on or before this date.", pattern: datePattern)
}

// MARK: - Queries

extension DisputesQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .staleAfter: return .staleAfter
        }
    }
}

extension PositionsQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .party: return .partyFilter
        case .issue: return .issueFilter
        case .staleAfter: return .staleAfter
        }
    }
}

extension AsOfQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        }
    }
}

extension ContradictionsQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .issue: return .issueFilter
        }
    }
}

extension HistoryQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .issue:
            return .string(
                "The issue (its id or an alias); its history includes the issues below it.", maxLength: 200,
                minLength: 1)
        case .party: return .partyFilter
        }
    }
    static var required: Set<String> { ["issue"] }
}

extension DiffQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .from: return .string("The earlier date.", pattern: Schema.datePattern)
        case .to: return .string("The later date: after `from`.", pattern: Schema.datePattern)
        }
    }
    static var required: Set<String> { ["from", "to"] }
}

extension StatementsQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .party: return .partyFilter
        case .about:
            return .string("Only statements about this party (claims by others).", maxLength: 200, minLength: 1)
        case .issue: return .issueFilter
        case .source: return .string("Only statements this source reports (its id).", maxLength: 200, minLength: 1)
        case .since: return .since
        case .until: return .until
        case .all: return .string("Include retracted statements.", values: ["true", "false"])
        }
    }
}

extension SearchParameters: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .q:
            return .string(
                "The words to look for (every word must match; \"a phrase\" in double quotes; a trailing * matches "
                    + "the start of a word).", minLength: 1)
        case .scopes:
            return .string(
                "What to look in (default: all).",
                values: SearchQuery.Scope.allCases.map(\.rawValue) + ["all"])
        case .party: return .partyFilter
        case .issue: return .issueFilter
        case .since: return .since
        case .until: return .until
        case .limit:
            return .integer(
                "How many hits at most (default 20).", minimum: SearchLimit.range.lowerBound,
                maximum: SearchLimit.range.upperBound)
        }
    }
    static var required: Set<String> { ["q"] }
}

extension NoParameters: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {}
}

// MARK: - Bodies

extension Schema {
    static let id = string(nil, pattern: idPattern, maxLength: Limits.idLength)
    /// A party, an actor or an issue: its id, or one of its aliases.
    static let name = string(nil, maxLength: Limits.idLength)
    static let label = string(
        "A stance label: lowercase letters, digits and single hyphens.", pattern: idPattern, maxLength: Limits.idLength)
    static let date = string("YYYY-MM-DD, YYYY-MM or YYYY.", pattern: datePattern)
    static func text(_ description: String) -> Schema {
        string(description, maxLength: Limits.textBytes)
    }
}

extension RecordStatementRequest: DocumentedBody {
    static func schema(_ field: CodingKeys) -> Schema {
        switch field {
        case .party:
            return Schema.name.described("The party that holds the position, its id or an alias (or give `actor`).")
        case .actor:
            return Schema.name.described(
                "The person or body who said it (id or alias); its party unless `party` is given.")
        case .issue: return Schema.name.described("The issue, its id or an alias.")
        case .kind: return .choice(StatementKind.self, "The speech act.")
        case .stance: return .label
        case .summary: return .text("What was said, in a sentence.")
        case .quote: return .text("The words as the source quotes them.")
        case .said: return Schema.date.described("When it was said (default: the source's date).")
        case .source: return Schema.id.described("The source that reports it.")
        case .via: return .text("Who relayed it, when it came through someone else.")
        case .about: return Schema.name.described("The party the statement is about, when it is a claim about another.")
        case .newLabel:
            return Schema.boolean.described("Confirms a new stance label close to one already used on the issue.")
        }
    }
    // `party` or `actor` (or both) must be given: said in their descriptions, not as a schema
    // (`anyOf` of two `required`), which client generators read as "any body at all".
    static var required: Set<String> { ["issue", "kind", "stance", "summary", "source"] }
}

extension AmendStatementRequest: DocumentedBody {
    static func schema(_ field: CodingKeys) -> Schema {
        switch field {
        case .party: return Schema.name.described("The party.")
        case .actor: return Schema.name.described("The actor.")
        case .issue: return Schema.name.described("The issue.")
        case .kind: return .choice(StatementKind.self, "The speech act.")
        case .stance: return .label
        case .summary: return .text("The summary.")
        case .quote: return .text("The quote.")
        case .said: return Schema.date.described("When it was said.")
        case .source: return Schema.id.described("The source.")
        case .via: return .text("Who relayed it.")
        case .about: return Schema.name.described("The party it is about.")
        case .clear:
            return .array(
                .string(nil, values: StatementChanges.OptionalField.allCases.map(\.rawValue)),
                "Optional fields to unset.")
        case .reason: return .text("Why the statement is amended (kept in the change log).")
        }
    }
    static var required: Set<String> { ["reason"] }
}

extension RetractStatementRequest: DocumentedBody {
    static func schema(_ field: CodingKeys) -> Schema {
        switch field {
        case .reason: return .text("Why the statement is retracted (kept with it and in the change log).")
        }
    }
    static var required: Set<String> { ["reason"] }
}

extension StepRequest: DocumentedBody {
    static func schema(_ field: CodingKeys) -> Schema {
        switch field {
        case .status:
            return .string(
                "The new status: an agreement's (" + AgreementStatus.allowedValues.joined(separator: ", ")
                    + ") or a dispute's (" + DisputeStatus.allowedValues.joined(separator: ", ")
                    + "). Default: the status in force on the step's date, restated.",
                values: AgreementStatus.allowedValues + DisputeStatus.allowedValues)
        case .source: return Schema.id.described("The source that reports the step.")
        case .on: return Schema.date.described("When it happened (default: the source's date).")
        case .note: return .text("A note.")
        case .accordingTo: return Schema.name.described("The party whose account this is, when the sides differ.")
        case .addParties: return .array(.name, "Parties that join.")
        case .removeParties: return .array(.name, "Parties that leave.")
        case .addMediators: return .array(.name, "Mediators that join.")
        case .removeMediators: return .array(.name, "Mediators that leave.")
        }
    }
    static var required: Set<String> { ["source"] }
}
