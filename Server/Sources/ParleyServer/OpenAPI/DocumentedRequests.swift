import ParleyKit
import ParleyModel

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
    /// Each field's schema, with its description, in the order of ``RequestBody/fields``. Each
    /// type makes the list from its own field enums with an exhaustive `switch` per enum.
    static var schemas: [(String, Schema)] { get }
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
    static let knownAsOf = string(
        "Show the case as it was recorded by this moment: a date (YYYY-MM-DD, YYYY-MM or YYYY, counted to its last "
            + "second in UTC) or an ISO 8601 UTC time (2022-03-01T12:00:00Z). Statements and steps recorded later are "
            + "left out; later corrections and retractions undone.",
        pattern: "^(" + dateBody + "|" + dayBody + "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z)$")
    static let since = string("Only statements said on or after this date.", pattern: datePattern)
    static let until = string("Only statements said on or before this date.", pattern: datePattern)
}

// MARK: - Queries

extension DisputesQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .staleAfter: return .staleAfter
        case .knownAsOf: return .knownAsOf
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
        case .knownAsOf: return .knownAsOf
        }
    }
}

extension AsOfQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .knownAsOf: return .knownAsOf
        }
    }
}

extension ContradictionsQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .asOf: return .asOf
        case .issue: return .issueFilter
        case .knownAsOf: return .knownAsOf
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
        case .knownAsOf: return .knownAsOf
        case .all: return .string("Include retracted statements.", values: ["true", "false"])
        }
    }
    static var required: Set<String> { ["issue"] }
}

extension DiffQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .from: return .string("The earlier date.", pattern: Schema.datePattern)
        case .to: return .string("The later date: after `from`.", pattern: Schema.datePattern)
        case .knownAsOf: return .knownAsOf
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
        case .knownAsOf: return .knownAsOf
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
                "How many hits at most (default 20).", minimum: 1, maximum: Limits.searchHits)
        case .all: return .string("Find retracted statements too.", values: ["true", "false"])
        }
    }
    static var required: Set<String> { ["q"] }
}

extension PartiesQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .issue:
            return .string(
                "Only the parties with a statement of their own on this issue or the issues below it (its id or an "
                    + "alias).", maxLength: 200, minLength: 1)
        }
    }
}

extension IssuesQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .party:
            return .string(
                "Only the issues this party has a statement of its own on (its id or an alias).", maxLength: 200,
                minLength: 1)
        }
    }
}

extension SourcesQuery: DocumentedQuery {
    static func schema(_ name: CodingKeys) -> Schema {
        switch name {
        case .party:
            return .string(
                "Only the sources reporting a statement by this party (its id or an alias).", maxLength: 200,
                minLength: 1)
        case .issue:
            return .string(
                "Only the sources reporting a statement on this issue or the issues below it (its id or an alias).",
                maxLength: 200, minLength: 1)
        case .since: return .string("Only the sources published on or after this date.", pattern: Schema.datePattern)
        case .until: return .string("Only the sources published on or before this date.", pattern: Schema.datePattern)
        }
    }
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
    /// Text that may not be left empty: a summary, a correction's reason. (Text of white space
    /// only is refused too, which a pattern could not say in the server's own terms.)
    static func filledText(_ description: String) -> Schema {
        string(description, maxLength: Limits.textBytes, minLength: 1)
    }

    /// A statement's field in a write's body: as `parley add` and `parley amend` take it.
    static func statement(_ field: Statement.Field) -> Schema {
        switch field {
        case .party:
            return Schema.name.described(
                "The party that holds the position: its id or an alias. It may be left out when `actor` is "
                    + "given: the actor's party.")
        case .actor: return Schema.name.described("The person or body who said it: its id or an alias.")
        case .issue: return Schema.name.described("The issue: its id or an alias.")
        case .kind: return .choice(StatementKind.self, "The speech act.")
        case .stance: return .label
        case .summary: return .filledText("What was said, in a sentence.")
        case .quote: return .text("The words as the source quotes them.")
        case .said:
            // Blank, like any optional field left empty, means none: the source's date.
            return .string(
                "When it was said, YYYY-MM-DD, YYYY-MM or YYYY (left out or empty: the source's date).",
                pattern: "^(\\s*|" + dateBody + ")$")
        case .source: return Schema.id.described("The source that reports it.")
        case .via: return .text("Who relayed it, when it came through someone else.")
        case .about: return Schema.name.described("The party it is about, when it is a claim about another.")
        case .conditions:
            return .text(
                "What the position depends on: `issue=label` (the other side's stance on an issue) or "
                    + "`party:issue=label`, several separated by `; `.")
        }
    }

    /// Every field of a statement, by name.
    static var statementFields: [(String, Schema)] {
        Statement.Field.allCases.map { ($0.stringValue, statement($0)) }
    }
}

extension RecordStatementRequest: DocumentedBody {
    static var schemas: [(String, Schema)] {
        Schema.statementFields
            + Extra.allCases.map { extra in
                switch extra {
                case .newLabel:
                    return (
                        extra.stringValue,
                        Schema.boolean.described(
                            "Confirms a new stance label close to one already used on the issue.")
                    )
                }
            }
    }
    /// A statement's fields that it cannot be without, but the party, which may be the actor's.
    static var required: Set<String> {
        Set(Statement.Field.allCases.filter { !$0.isOptional && $0 != .party }.map(\.stringValue))
    }

}

extension AmendStatementRequest: DocumentedBody {
    static var schemas: [(String, Schema)] {
        Schema.statementFields
            + Extra.allCases.map { extra in
                switch extra {
                case .clear:
                    return (
                        extra.stringValue,
                        .array(
                            .string(nil, values: Statement.Field.optional.map(\.rawValue)),
                            "Optional fields to empty.")
                    )
                case .reason:
                    return (extra.stringValue, .filledText("Why the statement is amended (kept in the change log)."))
                }
            }
    }
    static var required: Set<String> { ["reason"] }
}

extension RetractStatementRequest: DocumentedBody {
    static var schemas: [(String, Schema)] {
        Field.allCases.map { field in
            switch field {
            case .reason:
                return (
                    field.stringValue,
                    .filledText("Why the statement is retracted (kept with it and in the change log).")
                )
            }
        }
    }
    static var required: Set<String> { ["reason"] }
}

extension StepRequest: DocumentedBody {
    static var schemas: [(String, Schema)] { schemas(statuses: nil) }

    /// Each field's schema; the status one of `statuses` (an agreement's or a dispute's), or of
    /// either kind's when nil.
    static func schemas(statuses: (any StepStatus.Type)?) -> [(String, Schema)] {
        Field.allCases.map { field in (field.stringValue, schema(field, statuses: statuses)) }
    }

    /// The body of a step on a record whose statuses are `Status`'s: the endpoint refuses the
    /// other kind's statuses, so its document lists only these.
    static func documentSchema(for statuses: any StepStatus.Type) -> JSONValue {
        documentSchema(schemas(statuses: statuses))
    }

    static func schema(_ field: Field, statuses: (any StepStatus.Type)?) -> Schema {
        switch field {
        case .status:
            if let statuses {
                return .string(
                    "The new status: one of " + statuses.allowedValues.joined(separator: ", ")
                        + ". Default: the status in force on the step's date, restated.",
                    values: statuses.allowedValues)
            }
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
