import Foundation
import ParleyModel

/// A JSON document, built by the reports and encoded with sorted keys so output is stable.
public indirect enum JSONValue: Hashable, Sendable, Encodable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// A string, or null when nil.
    public static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

    /// An ISO date (`2021-12-14`, `2021-12` or `2021`), or null.
    public static func date(_ date: CalendarDate?) -> JSONValue { optional(date?.description) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Pretty-printed JSON with sorted keys and unescaped slashes.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }
}

extension DatedStatement {
    /// The statement's documented JSON fields.
    public var jsonValue: JSONValue {
        let s = statement
        return [
            "party": .string(s.party), "actor": .optional(s.actor), "issue": .string(s.issue),
            "kind": .string(s.kind.rawValue), "stance": .string(s.stance), "summary": .string(s.summary),
            "quote": .optional(s.quote), "said": .date(effectiveDate), "said_is_source_date": .bool(s.said == nil),
            "source": .string(s.source), "source_date": .date(sourceDate), "recorded": .optional(s.recordedAt),
        ]
    }
}
