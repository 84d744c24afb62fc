import Foundation
import ParleyKit
import ParleyModel

// The bodies of the API's writes, as the JSON objects clients send. Fields are named as the
// command line's options; the use cases check the values, so these only carry them.

/// `POST /api/v1/statements`: `parley add`. Its fields are a statement's (``Statement/Field``),
/// and `new_label`.
struct RecordStatementRequest: RequestBody {
    var values: [Statement.Field: String]
    var newLabel: Bool?

    enum Extra: String, CodingKey, CaseIterable {
        case newLabel = "new_label"
    }
    static var fields: [String] { Statement.Field.allCases.map(\.stringValue) + Extra.allCases.map(\.stringValue) }

    init(from decoder: any Decoder) throws {
        values = try Statement.Field.values(from: decoder)
        newLabel = try decoder.container(keyedBy: Extra.self).decodeIfPresent(Bool.self, forKey: .newLabel)
    }

    /// The statement to record: a field a statement must have is required, and a kind or a date
    /// must be one.
    func statement() throws -> NewStatement {
        do { return try NewStatement(values) } catch { throw APIProblem(error) }
    }
}

/// `POST /api/v1/statements/N/amend`: `parley amend N`. Its fields are a statement's
/// (``Statement/Field``), `clear` and `reason`.
struct AmendStatementRequest: RequestBody {
    var values: [Statement.Field: String]
    var clear: [String]?
    var reason: String?

    enum Extra: String, CodingKey, CaseIterable {
        case clear, reason
    }
    static var fields: [String] { Statement.Field.allCases.map(\.stringValue) + Extra.allCases.map(\.stringValue) }

    init(from decoder: any Decoder) throws {
        values = try Statement.Field.values(from: decoder)
        let extra = try decoder.container(keyedBy: Extra.self)
        clear = try extra.decodeIfPresent([String].self, forKey: .clear)
        reason = try extra.decodeIfPresent(String.self, forKey: .reason)
    }

    /// The changes to make: the values given, and the optional fields to empty.
    func changes() throws -> StatementChanges {
        let optional = Statement.Field.optional
        let clear = try (self.clear ?? []).map { name in
            guard let field = Statement.Field(rawValue: name), field.isOptional else {
                throw APIProblem.badRequest(
                    "clear: '\(name)' is not one of " + optional.map(\.rawValue).joined(separator: ", "))
            }
            return field
        }
        return StatementChanges(values, clear: Set(clear))
    }

    /// `reason`, which an amendment needs.
    func requiredReason() throws -> String {
        guard let reason else { throw APIProblem.badRequest("'reason' is required") }
        return reason
    }
}

extension Statement.Field {
    /// The statement fields of a JSON object, each a string when given.
    static func values(from decoder: any Decoder) throws -> [Statement.Field: String] {
        let container = try decoder.container(keyedBy: Statement.Field.self)
        var values: [Statement.Field: String] = [:]
        for field in allCases {
            if let value = try container.decodeIfPresent(String.self, forKey: field) { values[field] = value }
        }
        return values
    }
}

/// `POST /api/v1/statements/N/retract`: `parley retract N`.
struct RetractStatementRequest: KeyedRequestBody {
    var reason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case reason
    }
    typealias Field = CodingKeys
}

/// `POST /api/v1/agreements/ID/steps` and `/disputes/ID/steps`: `agreement update`, `dispute update`.
struct StepRequest: KeyedRequestBody {
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

/// A JSON object a write takes.
protocol RequestBody: Decodable, Sendable {
    /// The names of the object's fields: a key that is not one is refused.
    static var fields: [String] { get }
}

/// A JSON object whose coding keys are its fields.
protocol KeyedRequestBody: RequestBody {
    associatedtype Field: CodingKey & CaseIterable
}

extension KeyedRequestBody {
    static var fields: [String] { Field.allCases.map(\.stringValue) }

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
