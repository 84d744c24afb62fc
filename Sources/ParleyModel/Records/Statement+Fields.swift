import Foundation

extension Statement {
    /// The values a person gives a statement, by the names casefiles, the change log, the command
    /// line's options and the API's JSON use, in that order. This is the one list of them: a new
    /// field is a case here (and its stored property), and the compiler then names each switch
    /// over the fields that must handle it: reading and setting it as text (below), the command
    /// line's options, ...; the change log, amendments and the API's bodies follow by themselves.
    public enum Field: String, CaseIterable, Hashable, Sendable, CodingKey {
        case party, actor, issue, kind, stance, summary, quote, said, source, via, about, conditions

        /// Whether a statement may be without it (an amendment may empty it).
        public var isOptional: Bool {
            switch self {
            case .actor, .quote, .said, .via, .about, .conditions: return true
            case .party, .issue, .kind, .stance, .summary, .source: return false
            }
        }

        /// The fields a statement may be without, in order.
        public static var optional: [Field] { allCases.filter(\.isOptional) }
    }

    /// The value of `field` as text, nil when the statement has none: a kind by its name, a date
    /// as written (`2021-12`), conditions as `issue=label; party:issue=label`.
    public func text(_ field: Field) -> String? {
        switch field {
        case .party: return party
        case .actor: return actor
        case .issue: return issue
        case .kind: return kind.rawValue
        case .stance: return stance
        case .summary: return summary
        case .quote: return quote
        case .said: return said?.description
        case .source: return source
        case .via: return via
        case .about: return about
        case .conditions: return Condition.text(conditions)
        }
    }

    /// Gives `field` the value `text` (nil, or blank text for an optional field, empties it). A
    /// kind or a date that is not one, or no value for a field a statement must have, is a
    /// ``FieldError`` naming the field.
    public mutating func set(_ field: Field, _ text: String?) throws(FieldError) {
        // An optional field given blank text is left empty, as a form's box left empty is: the
        // command line, the API and a casefile all come through here, so none of them can record
        // an empty quote or a relayer made of spaces.
        guard let text, !(field.isOptional && Statement.isBlank(text)) else {
            guard field.isOptional else { throw FieldError(field, .missingField(field.rawValue)) }
            switch field {
            case .actor: actor = nil
            case .quote: quote = nil
            case .said: said = nil
            case .via: via = nil
            case .about: about = nil
            case .conditions: conditions = []
            case .party, .issue, .kind, .stance, .summary, .source: break
            }
            return
        }
        do throws(ModelError) {
            switch field {
            case .party: party = text
            case .actor: actor = text
            case .issue: issue = text
            case .kind: kind = try StatementKind.parse(text)
            case .stance: stance = text
            case .summary: summary = text
            case .quote: quote = text
            case .said: said = try CalendarDate(parsing: text)
            case .source: source = text
            case .via: via = text
            case .about: about = text
            case .conditions:
                guard let list = Condition.list(text) else { throw ModelError.invalidCondition(text) }
                conditions = list
            }
        } catch {
            throw FieldError(field, error)
        }
    }

    /// The statement's values by field name, for change logs and comparisons.
    public var fields: [(String, String?)] { Field.allCases.map { ($0.rawValue, text($0)) } }

    /// A value given for one of a statement's fields that is not one, or no value for a field a
    /// statement must have: the field and what is wrong with the value.
    public struct FieldError: Error, Hashable, Sendable, KindedError, LocalizedError {
        public var field: Field
        public var error: ModelError

        public init(_ field: Field, _ error: ModelError) {
            self.field = field
            self.error = error
        }

        public var kind: ErrorKind { error.kind }
        public var errorDescription: String? { "\(field.rawValue): \(error.localizedDescription)" }
    }
}
