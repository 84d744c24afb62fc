import Foundation
import ParleyModel

/// A JSON document, built by the reports and encoded with sorted keys so output is stable.
public indirect enum JSONValue: Hashable, Sendable, Encodable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral
{
    case string(String)
    case int(Int)
    /// A fraction, written in Swift's shortest form (0.86).
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members sorted by key, each key once (a compact array: large reports hold many objects).
    case object([JSONMember])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var members: [JSONMember] = []
        members.reserveCapacity(elements.count)
        for (key, value) in elements {
            if let index = members.firstIndex(where: { $0.key == key }) {
                members[index].value = value
            } else {
                members.append(JSONMember(key: key, value: value))
            }
        }
        members.sort { $0.key < $1.key }
        self = .object(members)
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
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .null: try container.encodeNil()
        case .array(let value): try container.encode(value)
        case .object(let members):
            try container.encode(Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// Pretty-printed JSON with sorted keys (two-space indent, `"key" : value`), written
    /// byte by byte: Foundation's JSONEncoder took most of a large report's time.
    public func encoded() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// JSON on one line, keys sorted, no spaces: a line of JSON Lines.
    public func compact() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        writeCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &out)
                out.append(UInt8(ascii: ":"))
                member.value.writeCompact(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            write(to: &out, indent: 0)
        }
    }

    private static func spaces(_ count: Int, to out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let value): Self.writeString(value, to: &out)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .number(let value): out.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            if values.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (index, value) in values.enumerated() {
                Self.spaces(indent + 2, to: &out)
                value.write(to: &out, indent: indent + 2)
                if index < values.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            Self.spaces(indent, to: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            if members.isEmpty { out.append(UInt8(ascii: "\n")) }
            for (index, member) in members.enumerated() {
                Self.spaces(indent + 2, to: &out)
                Self.writeString(member.key, to: &out)
                out.append(contentsOf: " : ".utf8)
                member.value.write(to: &out, indent: indent + 2)
                if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            Self.spaces(indent, to: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ value: String, to out: inout [UInt8]) {
        JSONText.append(string: value, to: &out)
    }
}

extension JSONValue {
    /// This object as ``encoded()`` writes it, written to `sink` a piece at a time, with the
    /// value of its member `key` the array of `elements`, each made as it is written (the
    /// member's own value is not written): so that a report's longest list is never held as JSON
    /// whole. A value that is not an object is written as ``encoded()`` writes it.
    public func encode(streaming key: String, _ elements: some Sequence<JSONValue>, to sink: (String) -> Void) {
        guard case .object(let members) = self, members.contains(where: { $0.key == key }) else {
            sink(encoded())
            return
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        func flush() {
            sink(String(decoding: out, as: UTF8.self))
            out.removeAll(keepingCapacity: true)
        }
        out.append(contentsOf: "{\n".utf8)
        for (index, member) in members.enumerated() {
            Self.spaces(2, to: &out)
            Self.writeString(member.key, to: &out)
            out.append(contentsOf: " : ".utf8)
            if member.key == key {
                // As an array member is written (see ``write(to:indent:)``), an element at a time.
                out.append(contentsOf: "[\n".utf8)
                var iterator = elements.makeIterator()
                var next = iterator.next()
                if next == nil { out.append(UInt8(ascii: "\n")) }
                while let value = next {
                    Self.spaces(4, to: &out)
                    value.write(to: &out, indent: 4)
                    next = iterator.next()
                    if next != nil { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: "\n"))
                    if out.count >= 1 << 16 { flush() }
                }
                Self.spaces(2, to: &out)
                out.append(UInt8(ascii: "]"))
            } else {
                member.value.write(to: &out, indent: 2)
            }
            if index < members.count - 1 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\n"))
        }
        out.append(UInt8(ascii: "}"))
        flush()
    }
}

/// A report whose JSON is written a piece at a time, its longest list an element at a time,
/// rather than returned as one string: the disputes of 100,000 positions are 137 MB of JSON.
public protocol JSONStreaming: Report {
    /// The report's JSON, ending with a newline, written to `sink` a piece at a time: what
    /// ``Report/rendering(as:style:hints:)`` returns for `.json`.
    func writeJSON(to sink: (String) -> Void)
}

/// One member of a JSON object.
public struct JSONMember: Hashable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }

    public init(_ key: String, _ value: JSONValue) { self.init(key: key, value: value) }
}
