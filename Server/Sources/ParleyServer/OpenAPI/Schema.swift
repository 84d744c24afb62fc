import ParleyKit
import ParleyModel

/// A JSON Schema (2020-12, the dialect of OpenAPI 3.1), built in code and written as JSON.
///
/// The API's document (``OpenAPIDocument``) is made of these. Objects list every property the
/// server writes; the document leaves them open (`additionalProperties` unset) so that a client
/// generated from it keeps working when a later version adds a field, while the server's tests
/// validate its answers with every object closed, so that a field the document does not list
/// fails them.
struct Schema: Sendable {
    /// The schema as JSON.
    var json: JSONValue

    init(_ json: JSONValue) { self.json = json }

    /// An object schema's members, sorted as every JSON the server writes.
    init(_ members: [(String, JSONValue)]) {
        json = .object(members.map { JSONMember($0.0, $0.1) }.sorted { $0.key < $1.key })
    }

    /// A reference to a schema of the document's components.
    static func ref(_ name: String) -> Schema { Schema([("$ref", .string("#/components/schemas/" + name))]) }

    /// A string, with a pattern, a closed list of values, or a length limit if given.
    static func string(
        _ description: String? = nil, pattern: String? = nil, values: [String]? = nil, maxLength: Int? = nil,
        minLength: Int? = nil
    ) -> Schema {
        var members: [(String, JSONValue)] = [("type", "string")]
        if let pattern { members.append(("pattern", .string(pattern))) }
        if let values { members.append(("enum", .array(values.map { .string($0) }))) }
        if let maxLength { members.append(("maxLength", .int(maxLength))) }
        if let minLength { members.append(("minLength", .int(minLength))) }
        return Schema(members).described(description)
    }

    /// One of a closed list of words (a statement's kind, a status), in the order Parley lists them.
    static func choice<T: ClosedChoice>(_ type: T.Type, _ description: String? = nil) -> Schema {
        string(description, values: T.allowedValues)
    }

    /// A constant string (a discriminator's value).
    static func constant(_ value: String) -> Schema { Schema([("type", "string"), ("const", .string(value))]) }

    static let boolean = Schema([("type", "boolean")])

    /// A whole number, within bounds if given.
    static func integer(_ description: String? = nil, minimum: Int? = nil, maximum: Int? = nil) -> Schema {
        var members: [(String, JSONValue)] = [("type", "integer")]
        if let minimum { members.append(("minimum", .int(minimum))) }
        if let maximum { members.append(("maximum", .int(maximum))) }
        return Schema(members).described(description)
    }

    /// A list of `items`.
    static func array(_ items: Schema, _ description: String? = nil) -> Schema {
        Schema([("type", "array"), ("items", items.json)]).described(description)
    }

    /// An object whose properties are all present (those in `optional` may be left out), open to
    /// properties added later unless `closed` (a request body: the server refuses unknown fields).
    static func object(
        _ description: String?, _ properties: KeyValuePairs<String, Schema>, optional: Set<String> = [],
        closed: Bool = false
    ) -> Schema {
        var members: [(String, JSONValue)] = [
            ("type", "object"),
            ("properties", Schema(properties.map { ($0.key, $0.value.json) }).json),
        ]
        let required = properties.map(\.key).filter { !optional.contains($0) }.sorted()
        if !required.isEmpty { members.append(("required", .array(required.map { .string($0) }))) }
        if closed { members.append(("additionalProperties", false)) }
        return Schema(members).described(description)
    }

    /// This schema or `null`.
    var orNull: Schema {
        if case .object(let members) = json, let type = members.firstIndex(where: { $0.key == "type" }),
            case .string(let name) = members[type].value, !members.contains(where: { $0.key == "const" })
        {
            var copy = members
            copy[type].value = [.string(name), "null"]
            // A closed list admits null only if it lists it.
            if let index = copy.firstIndex(where: { $0.key == "enum" }), case .array(let values) = copy[index].value {
                copy[index].value = .array(values + [.null])
            }
            return Schema(.object(copy))
        }
        return Schema([("anyOf", [json, ["type": "null"]])])
    }

    /// One of `schemas`, told apart by the string property `property`.
    static func oneOf(_ schemas: [Schema], discriminator property: String) -> Schema {
        Schema([
            ("oneOf", .array(schemas.map(\.json))),
            ("discriminator", ["propertyName": .string(property)]),
        ])
    }

    /// The schema with a description, if one is given.
    func described(_ description: String?) -> Schema {
        guard let description, case .object(var members) = json else { return self }
        if let index = members.firstIndex(where: { $0.key == "description" }) {
            members[index].value = .string(description)
        } else {
            members.append(JSONMember("description", .string(description)))
            members.sort { $0.key < $1.key }
        }
        return Schema(.object(members))
    }
}

extension Schema {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a calendar date with its precision. The pattern admits
    /// a few days that do not exist (`2021-02-30`), which the server refuses with 400.
    static let datePattern = "^" + dateBody + "$"

    /// A date of any precision, unanchored: a year from 0001, then a month and a day if given.
    static let dateBody = year + "(-" + month + "(-" + day + ")?)?"
    /// A day's date (`YYYY-MM-DD`), unanchored.
    static let dayBody = year + "-" + month + "-" + day
    private static let year = "([0-9]{3}[1-9]|[0-9]{2}[1-9][0-9]|[0-9][1-9][0-9]{2}|[1-9][0-9]{3})"
    private static let month = "(0[1-9]|1[0-2])"
    private static let day = "(0[1-9]|[12][0-9]|3[01])"

    /// A plain id or a stance label: lowercase letters, digits and single hyphens.
    static let idPattern = "^[a-z0-9]+(-[a-z0-9]+)*$"

    /// An issue id: plain ids separated by `/`.
    static let issuePattern = "^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$"
}
