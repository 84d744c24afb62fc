import Foundation
import ParleyKit
import ParleyModel

// The bodies of the API's writes, as the JSON objects clients send. Fields are named as the
// command line's options; the use cases check the values, so these only carry them.

/// `POST /api/v1/statements`: `parley add`.
struct RecordStatementRequest: RequestBody {
    var party: String?
    var actor: String?
    var issue: String?
    var kind: String?
    var stance: String?
    var summary: String?
    var quote: String?
    var said: String?
    var source: String?
    var via: String?
    var about: String?
    var newLabel: Bool?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party, actor, issue, kind, stance, summary, quote, said, source, via, about
        case newLabel = "new_label"
    }
    typealias Field = CodingKeys

    /// The statement to record.
    func statement() throws -> NewStatement {
        NewStatement(
            party: party, actor: actor, issue: try required(issue, .issue),
            kind: try choice(kind, .kind) ?? { throw APIProblem.badRequest("'kind' is required") }(),
            stance: try required(stance, .stance), summary: try required(summary, .summary),
            quote: quote, said: try date(said, .said), source: try required(source, .source),
            via: via, about: about)
    }
}

/// `POST /api/v1/statements/N/amend`: `parley amend N`.
struct AmendStatementRequest: RequestBody {
    var party: String?
    var actor: String?
    var issue: String?
    var kind: String?
    var stance: String?
    var summary: String?
    var quote: String?
    var said: String?
    var source: String?
    var via: String?
    var about: String?
    var clear: [String]?
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party, actor, issue, kind, stance, summary, quote, said, source, via, about, clear, reason
    }
    typealias Field = CodingKeys

    /// The changes to make.
    func changes() throws -> StatementChanges {
        StatementChanges(
            party: party, actor: actor, issue: issue, kind: try choice(kind, .kind), stance: stance,
            summary: summary, quote: quote, said: try date(said, .said), source: source,
            clear: Set(
                try (clear ?? []).map { name in
                    guard let field = StatementChanges.OptionalField(rawValue: name) else {
                        throw APIProblem.badRequest("clear: '\(name)' is not one of actor, quote, said, via, about")
                    }
                    return field
                }), via: via, about: about)
    }
}

/// `POST /api/v1/statements/N/retract`: `parley retract N`.
struct RetractStatementRequest: RequestBody {
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reason
    }
    typealias Field = CodingKeys
}

/// `POST /api/v1/agreements/ID/steps` and `/disputes/ID/steps`: `agreement update`, `dispute update`.
struct StepRequest: RequestBody {
    var status: String?
    var source: String?
    var on: String?
    var note: String?
    var accordingTo: String?
    var addParties: [String]?
    var removeParties: [String]?
    var addMediators: [String]?
    var removeMediators: [String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case status, source, on, note
        case accordingTo = "according_to"
        case addParties = "add_parties"
        case removeParties = "remove_parties"
        case addMediators = "add_mediators"
        case removeMediators = "remove_mediators"
    }
    typealias Field = CodingKeys
}

/// A JSON object a write takes: its coding keys are its fields.
protocol RequestBody: Decodable, Sendable {
    associatedtype Field: CodingKey & CaseIterable
}

extension RequestBody {
    /// A field that must be there.
    func required(_ value: String?, _ field: Field) throws -> String {
        guard let value else { throw APIProblem.badRequest("'\(field.stringValue)' is required") }
        return value
    }

    /// A date field, if given.
    func date(_ value: String?, _ field: Field) throws -> CalendarDate? {
        guard let value else { return nil }
        do { return try CalendarDate(parsing: value) } catch {
            throw APIProblem.badRequest("'\(field.stringValue)': " + error.localizedDescription)
        }
    }

    /// One of a closed set of words (a kind, a status), if given.
    func choice<T: ClosedChoice>(_ value: String?, _ field: Field) throws -> T? {
        guard let value else { return nil }
        do { return try T.parse(value) } catch {
            throw APIProblem.badRequest("'\(field.stringValue)': " + error.localizedDescription)
        }
    }
}
