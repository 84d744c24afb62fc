import Foundation
import Hummingbird

/// Reads a write's JSON body as its ``RequestBody`` type, with errors that name the field.
enum JSONBody {
    /// The largest body a write takes: a statement with a long quote fits many times over.
    static let limit = 1 << 20

    /// The body of `request` as `Body`.
    static func decode<Body: RequestBody>(_ type: Body.Type, from request: Request) async throws -> Body {
        let buffer = try await request.body.collect(upTo: limit)
        do {
            return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIProblem.badRequest(message(error))
        }
    }

    /// What was wrong, in the words of the field's type.
    static func message(_ error: DecodingError) -> String {
        let path: [any CodingKey]
        let expected: Any.Type?
        switch error {
        case .typeMismatch(let type, let context):
            (path, expected) = (context.codingPath, type)
        case .valueNotFound(let type, let context):
            (path, expected) = (context.codingPath, type)
        case .keyNotFound(let key, let context):
            return "'\((context.codingPath + [key]).first?.stringValue ?? key.stringValue)' is required"
        case .dataCorrupted:
            return "the body must be a JSON object"
        @unknown default:
            return "the body must be a JSON object"
        }
        guard let field = path.first?.stringValue else { return "the body must be a JSON object" }
        if path.count > 1 || !(expected is String.Type || expected is Bool.Type) {
            return "'\(field)' must be a list of strings"
        }
        return expected is Bool.Type ? "'\(field)' must be true or false" : "'\(field)' must be a string"
    }
}
