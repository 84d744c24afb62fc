import Foundation
import Hummingbird
import ParleyModel

/// The fields of a form a page posts (`application/x-www-form-urlencoded`), checked as the API
/// checks JSON: declared as a form, small, each field one the form has and given once.
enum FormBody {
    /// The fields of `request`'s body; `fields` are the names the form has.
    static func fields(_ request: Request, _ fields: [String], limit: Int = 8192, within seconds: Double)
        async throws -> [String: String]
    {
        let media = request.headers[.contentType]?.split(separator: ";", maxSplits: 1).first
        guard media?.trimmingCharacters(in: .whitespaces).lowercased() == "application/x-www-form-urlencoded" else {
            throw APIProblem(
                status: .unsupportedMediaType, title: "Unsupported media type",
                detail: "send the form as application/x-www-form-urlencoded, as a browser does")
        }
        let text = String(buffer: try await request.collectBody(upTo: limit, within: seconds))
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw APIProblem.badRequest("the form is not well encoded") }
            guard fields.contains(name) else {
                throw APIProblem.badRequest("\(Echo.quoted(name)) is not a field of this form")
            }
            guard values[name] == nil else { throw APIProblem.badRequest("'\(name)' is given twice") }
            guard let value = parts.count == 2 ? decode(parts[1]) : "" else {
                throw APIProblem.badRequest("the form is not well encoded")
            }
            values[name] = value
        }
        return values
    }

    /// A percent-encoded form name or value, `+` for a space.
    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
