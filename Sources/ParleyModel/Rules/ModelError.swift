import Foundation

/// A value that breaks one of Parley's rules: a malformed date, id or choice, or a missing field.
public enum ModelError: Error, Equatable, Sendable, LocalizedError {
    /// The text is not a calendar date in one of the accepted forms.
    case invalidDate(String)
    /// The text is not a valid id of the given kind (`party`, `issue`, ...).
    case invalidIdentifier(String, kind: String)
    /// The value is not in the closed list allowed for the field.
    case invalidChoice(String, field: String, allowed: [String])
    /// A required field is empty.
    case emptyField(String)

    public var errorDescription: String? {
        switch self {
        case .invalidDate(let text):
            return "'\(text)' is not a valid date: use YYYY-MM-DD, YYYY-MM or YYYY (for example 2021-12-14, 2021-12 or 2021)"
        case .invalidIdentifier(let text, let kind):
            let rule = kind == "issue" ? Identifier.issueRule : Identifier.rule
            return "'\(text)' is not a valid \(kind) id: \(rule)"
        case .invalidChoice(let text, let field, let allowed):
            return "'\(text)' is not a valid \(field): use one of \(allowed.joined(separator: ", "))"
        case .emptyField(let field):
            return "\(field) must not be empty"
        }
    }
}
