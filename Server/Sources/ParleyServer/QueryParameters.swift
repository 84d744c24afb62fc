import Foundation
import Hummingbird
import ParleyModel

/// The query parameters a page or an endpoint takes, as a `Decodable` type: its coding keys are
/// the parameters' names.
///
/// ``QueryParameterDecoder`` reads them: an empty value counts as absent, and each value is
/// parsed by its type (``QueryValue``) with an error that names the parameter and the value.
protocol QueryParameters: Decodable, Sendable {
    /// The parameters' names: the type's coding keys.
    associatedtype Name: CodingKey & CaseIterable
}

/// A value a query parameter can take, parsed from its text with an error that names the
/// parameter (`as_of 15/01/2021: use YYYY-MM-DD…`).
protocol QueryValue: Decodable {
    init(parameter name: String, text: String) throws
}

extension QueryValue {
    /// From any decoder that holds the value as text.
    init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parameter: decoder.codingPath.last?.stringValue ?? "value", text: text)
    }
}

/// A query without parameters.
struct NoParameters: QueryParameters {
    enum CodingKeys: CodingKey, CaseIterable {}
    typealias Name = CodingKeys
}

extension String: QueryValue {
    init(parameter name: String, text: String) { self = text }
}

extension Bool: QueryValue {
    /// `true` or `false`, exactly (as the API's document says: one spelling, so that a client's
    /// mistake is not read as a yes or a no).
    init(parameter name: String, text: String) throws {
        switch text {
        case "true": self = true
        case "false": self = false
        default: throw APIProblem.badRequest("\(name) \(Echo.plain(text)): use true or false")
        }
    }
}

extension CalendarDate: QueryValue {
    init(parameter name: String, text: String) throws {
        do { self = try CalendarDate(parsing: text) } catch {
            throw APIProblem.badRequest("\(name) \(Echo.plain(text)): " + CalendarDate.problem(with: text))
        }
    }
}

/// Reads a request's query as a ``QueryParameters`` value: every parameter must be one the type
/// knows, given once. An unknown one is refused rather than ignored, so that a mistyped option
/// is not silently dropped, and so that the question, and the key its answer is kept under, is
/// made of known parameters only.
enum QueryParameterDecoder {
    /// The query of `request` as `Parameters`.
    static func decode<Parameters: QueryParameters>(_ type: Parameters.Type, from request: Request) throws
        -> Parameters
    {
        try decodeWithKey(type, from: request).parameters
    }

    /// The query of `request` as `Parameters`, and the question in a normal form: the path and
    /// the parameters given, sorted by name (`/api/v1/search?limit=5&q=river`), empty ones left out.
    ///
    /// A page takes an empty value as absent (a form's empty date box); the API (`emptyIsAbsent`
    /// false) refuses it, as its document says: a client that sends `as_of=` has lost a value.
    static func decodeWithKey<Parameters: QueryParameters>(
        _ type: Parameters.Type, from request: Request, emptyIsAbsent: Bool = true
    ) throws -> (parameters: Parameters, key: String) {
        let known = Parameters.Name.allCases.map(\.stringValue)
        var given: Set<String> = []
        var values: [String: String] = [:]
        for (rawName, rawValue) in request.uri.queryParameters {
            let name = String(rawName)
            guard known.contains(name) else {
                let takes =
                    known.isEmpty
                    ? "it takes no parameters" : "it takes " + known.map { "'\($0)'" }.joined(separator: ", ")
                throw APIProblem.badRequest(
                    "\(Echo.quoted(name)) is not a parameter of \(Echo.plain(request.uri.path)); \(takes)")
            }
            guard given.insert(name).inserted else {
                throw APIProblem.badRequest("'\(name)' is given twice; give it once")
            }
            if rawValue.isEmpty && !emptyIsAbsent {
                throw APIProblem.badRequest("'\(name)' is empty; give it a value or leave it out")
            }
            if !rawValue.isEmpty { values[name] = String(rawValue) }
        }
        let parameters = try Parameters(from: Reader(values: values))
        // Values percent-encoded, so that no value can pass for another parameter in the key.
        let query = values.sorted { $0.key < $1.key }.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return (parameters, request.uri.path + (query.isEmpty ? "" : "?" + query))
    }

    /// A decoder over the parameters' texts: one keyed container of single values.
    private struct Reader: Decoder {
        let values: [String: String]
        var codingPath: [any CodingKey] = []
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedDecodingContainer<Key> {
            KeyedDecodingContainer(Parameters<Key>(values: values))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw Reader.unsupported }
        func singleValueContainer() throws -> any SingleValueDecodingContainer { throw Reader.unsupported }

        static let unsupported = APIProblem(
            status: .internalServerError, title: "Server error", detail: "a query is a flat list of parameters")
    }

    private struct Parameters<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let values: [String: String]
        var codingPath: [any CodingKey] { [] }
        var allKeys: [Key] { values.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { values[key.stringValue] != nil }
        func decodeNil(forKey key: Key) -> Bool { values[key.stringValue] == nil }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let text = values[key.stringValue] else {
                throw APIProblem.badRequest("give ?\(key.stringValue)=…")
            }
            guard let parse = type as? any QueryValue.Type,
                let value = try parse.init(parameter: key.stringValue, text: text) as? T
            else { throw Reader.unsupported }
            return value
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { throw Reader.unsupported }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { throw Reader.unsupported }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { throw Reader.unsupported }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { throw Reader.unsupported }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { throw Reader.unsupported }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { throw Reader.unsupported }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { throw Reader.unsupported }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { throw Reader.unsupported }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { throw Reader.unsupported }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { throw Reader.unsupported }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { throw Reader.unsupported }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { throw Reader.unsupported }

        /// A value of a type the generic `decode` handles.
        private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
            try decode(type, forKey: key)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        { throw Reader.unsupported }
        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw Reader.unsupported
        }
        func superDecoder() throws -> any Decoder { throw Reader.unsupported }
        func superDecoder(forKey key: Key) throws -> any Decoder { throw Reader.unsupported }
    }
}
