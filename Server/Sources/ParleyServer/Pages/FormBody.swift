import Foundation
import Hummingbird
import ParleyModel

/// The fields of a form a page posts, checked as the API checks JSON: declared as a form, small,
/// each field one the form has and given once. A form is `application/x-www-form-urlencoded`, or
/// `multipart/form-data` when it has a file input: a file's content is its field's value, as
/// text (an empty file input, no file chosen, is no value).
enum FormBody {
    /// Which names a form has: a fixed list, or a rule (a review form's numbered rows).
    struct Names: Sendable {
        let accepts: @Sendable (String) -> Bool

        init(_ names: [String]) {
            let set = Set(names)
            accepts = { set.contains($0) }
        }

        init(accepting: @escaping @Sendable (String) -> Bool) { accepts = accepting }
    }

    /// The fields of `request`'s body; `fields` are the names the form has.
    static func fields(_ request: Request, _ fields: [String], limit: Int = 8192, within seconds: Double)
        async throws -> [String: String]
    {
        try await self.fields(request, Names(fields), limit: limit, within: seconds)
    }

    /// The fields of `request`'s body, each name one that `names` accepts.
    static func fields(_ request: Request, _ names: Names, limit: Int = 8192, within seconds: Double)
        async throws -> [String: String]
    {
        let contentType = request.headers[.contentType] ?? ""
        let media = contentType.split(separator: ";", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
            .lowercased()
        switch media {
        case "application/x-www-form-urlencoded":
            let text = String(buffer: try await request.collectBody(upTo: limit, within: seconds))
            return try urlEncoded(text, names)
        case "multipart/form-data":
            guard let boundary = Multipart.boundary(contentType: contentType) else {
                throw APIProblem.badRequest("the form's multipart body names no boundary")
            }
            let bytes = Array(try await request.collectBody(upTo: limit, within: seconds).readableBytesView)
            return try multipart(bytes, boundary: boundary, names)
        default:
            throw APIProblem(
                status: .unsupportedMediaType, title: "Unsupported media type",
                detail: "send the form as application/x-www-form-urlencoded or multipart/form-data, as a browser does")
        }
    }

    /// The fields of a URL-encoded form.
    static func urlEncoded(_ text: String, _ names: Names) throws -> [String: String] {
        var values: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { throw APIProblem.badRequest("the form is not well encoded") }
            guard let value = parts.count == 2 ? decode(parts[1]) : "" else {
                throw APIProblem.badRequest("the form is not well encoded")
            }
            try add(name, value, to: &values, names)
        }
        return values
    }

    /// The fields of a multipart form; a file's content must be UTF-8 text.
    static func multipart(_ bytes: [UInt8], boundary: String, _ names: Names) throws -> [String: String] {
        let body: Multipart
        do { body = try Multipart(bytes, boundary: boundary) } catch {
            throw APIProblem.badRequest("the form's multipart body is not well formed")
        }
        var values: [String: String] = [:]
        for part in body.parts {
            if part.fileName != nil && part.data.isEmpty { continue }
            guard let text = String(validating: part.data, as: UTF8.self) else {
                let what = part.fileName.map { "the file \(Echo.quoted($0))" } ?? "'\(part.name)'"
                throw APIProblem.badRequest("\(what) is not UTF-8 text; give a plain-text (.txt) file")
            }
            try add(part.name, text, to: &values, names)
        }
        return values
    }

    private static func add(_ name: String, _ value: String, to values: inout [String: String], _ names: Names)
        throws
    {
        guard names.accepts(name) else {
            throw APIProblem.badRequest("\(Echo.quoted(name)) is not a field of this form")
        }
        guard values[name] == nil else { throw APIProblem.badRequest("\(Echo.quoted(name)) is given twice") }
        // A browser sends a text area's line breaks as CRLF: kept as the line feeds typed.
        values[name] = value.contains("\r\n") ? value.replacingOccurrences(of: "\r\n", with: "\n") : value
    }

    /// A percent-encoded form name or value, `+` for a space.
    private static func decode(_ text: Substring) -> String? {
        String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
