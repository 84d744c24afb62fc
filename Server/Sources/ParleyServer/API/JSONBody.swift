import Foundation
import Hummingbird
import ParleyModel

/// Reads a write's JSON body as its ``RequestBody`` type, with errors that name the field.
enum JSONBody {
    /// The largest body a write takes: a statement with a long quote fits many times over.
    static let limit = 1 << 20

    /// The body of `request` as `Body`. It must be declared as JSON (`Content-Type:
    /// application/json`): a browser sends a cross-site form or a `no-cors` fetch only as
    /// `text/plain`, form-encoded or multipart, so a page elsewhere cannot make a JSON write. Every
    /// key must be a field of `Body`, each given once.
    static func decode<Body: RequestBody>(_ type: Body.Type, from request: Request, within seconds: Double)
        async throws -> Body
    {
        guard isJSON(request.headers[.contentType]) else {
            throw APIProblem(
                status: .unsupportedMediaType, title: "Unsupported media type",
                detail: "send the body as JSON, with 'Content-Type: application/json'"
                    + (request.headers[.contentType].map { " (this request's is \(Echo.quoted($0)))" } ?? ""))
        }
        let bytes = Array(try await request.collectBody(upTo: limit, within: seconds).readableBytesView)
        let fields = Body.fields
        for key in try JSONKeys.topLevel(of: bytes) where !fields.contains(key) {
            throw APIProblem.badRequest(
                "\(Echo.quoted(key)) is not a field of this request; its fields are "
                    + fields.map { "'\($0)'" }.joined(separator: ", "))
        }
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw APIProblem.badRequest(message(error))
        }
    }

    /// Whether a `Content-Type` names JSON (`application/json`, with or without parameters).
    static func isJSON(_ contentType: String?) -> Bool {
        guard let media = contentType?.split(separator: ";", maxSplits: 1).first else { return false }
        return media.trimmingCharacters(in: .whitespaces).lowercased() == "application/json"
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
