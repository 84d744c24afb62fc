import Foundation

/// A `multipart/form-data` body (RFC 7578), as a browser sends a form with a file input: each
/// part's name, its file name when it is a file, and its bytes. Only what forms send is read: no
/// nested multiparts, no transfer encodings.
struct Multipart {
    struct Part {
        var name: String
        var fileName: String?
        var data: [UInt8]
    }

    var parts: [Part]

    /// Why a body is not one.
    enum Failure: Error, Equatable {
        case noBoundary
        case malformed
    }

    /// The boundary a `Content-Type: multipart/form-data; boundary=…` header names.
    static func boundary(contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = String(value.dropFirst().dropLast())
            }
            return value.isEmpty || value.count > 70 ? nil : value
        }
        return nil
    }

    /// The parts of `body`, whose parts are separated by `--boundary` lines.
    init(_ body: [UInt8], boundary: String) throws(Failure) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n".utf8) + delimiter
        // The first delimiter may open the body or follow a preamble.
        guard let first = Self.find(delimiter, in: body, from: 0) else { throw .malformed }
        var position = first + delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if body[position...].starts(with: Array("--".utf8)) { break }
            guard body[position...].starts(with: Array("\r\n".utf8)) else { throw .malformed }
            position += 2
            guard let headEnd = Self.find(Array("\r\n\r\n".utf8), in: body, from: position) else { throw .malformed }
            let head = String(decoding: body[position..<headEnd], as: UTF8.self)
            let start = headEnd + 4
            guard let end = Self.find(separator, in: body, from: start) else { throw .malformed }
            guard let part = Self.part(head: head, data: Array(body[start..<end])) else { throw .malformed }
            parts.append(part)
            position = end + separator.count
        }
        self.parts = parts
    }

    /// A part from its header lines: `Content-Disposition: form-data; name="…"; filename="…"`.
    private static func part(head: String, data: [UInt8]) -> Part? {
        for line in head.components(separatedBy: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-disposition"
            else { continue }
            var name: String?
            var fileName: String?
            for parameter in Self.parameters(String(pair[1])) {
                switch parameter.key.lowercased() {
                case "name": name = parameter.value
                case "filename": fileName = parameter.value
                default: break
                }
            }
            return name.map { Part(name: $0, fileName: fileName, data: data) }
        }
        return nil
    }

    /// `form-data; name="a"; filename="b.txt"` → [(name, a), (filename, b.txt)], quotes undone
    /// (a browser writes a quotation mark in a name as `%22`, and a backslash as it is).
    private static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(String, String)] = []
        var rest = Substring(text)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let close = rest.firstIndex(of: "\"") else { break }
                value = String(rest[..<close])
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(of: ";") ?? rest.endIndex
                value = String(rest[..<end])
                rest = rest[end...]
            }
            result.append((key, value.replacingOccurrences(of: "%22", with: "\"")))
        }
        return result
    }

    /// Where `needle` first occurs in `haystack` at or after `from`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, needle.count <= haystack.count else { return nil }
        var index = from
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
