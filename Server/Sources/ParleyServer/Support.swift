import Foundation
import Hummingbird
import ParleyModel
import ParleyStore

/// Runs blocking work (a SQLite read or write) on a thread of its own, so that the server's
/// event loops and Swift's cooperative threads never wait on the disk or a lock.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// An error answered as `application/problem+json` (RFC 9457): a status, a title, the detail in
/// the same words the command line uses, and each problem of a rejected record.
struct APIProblem: Error {
    var status: HTTPResponse.Status
    var title: String
    var detail: String
    var problems: [Problem] = []

    init(status: HTTPResponse.Status, title: String, detail: String, problems: [Problem] = []) {
        self.status = status
        self.title = title
        self.detail = detail
        self.problems = problems
    }

    static func badRequest(_ detail: String) -> APIProblem {
        APIProblem(status: .badRequest, title: "Bad request", detail: detail)
    }

    /// The problem for an error thrown by the use cases: 404 for an unknown record, 409 for a
    /// record that collides with one already there, 400 for one that breaks a rule, 503 when the
    /// database is busy past its timeout.
    init(_ error: Error) {
        switch error {
        case let problem as APIProblem:
            self = problem
        case let error as StoreError:
            switch error {
            case .notFound:
                self.init(status: .notFound, title: "Not found", detail: error.localizedDescription)
            case .duplicateStatement, .alreadyExists:
                self.init(status: .conflict, title: "Conflict", detail: error.localizedDescription)
            case .invalid(let problems):
                let conflict = problems.contains { problem in
                    switch problem.error {
                    case .conflict, .wouldDuplicate, .alreadyRecorded, .repeatedStatement: return true
                    default: return false
                    }
                }
                // The record a write's URL names (a statement number, an agreement or dispute)
                // is missing: that is the URL's fault, not the body's.
                let missingTarget = problems.allSatisfy { problem in
                    switch problem.error {
                    case .noSuchStatement, .noSuchStep: return true
                    case .unknownReference(let kind, _, _): return kind == .agreement || kind == .dispute
                    default: return false
                    }
                }
                let detail = problems.map(\.description).joined(separator: "; ")
                if missingTarget, !problems.isEmpty {
                    self.init(status: .notFound, title: "Not found", detail: detail, problems: problems)
                } else {
                    self.init(
                        status: conflict ? .conflict : .badRequest, title: conflict ? "Conflict" : "Invalid",
                        detail: detail, problems: problems)
                }
            case .busy:
                self.init(status: .serviceUnavailable, title: "Busy", detail: error.localizedDescription)
            default:
                self.init(status: .internalServerError, title: "Server error", detail: error.localizedDescription)
            }
        case let error as ModelError:
            self.init(status: .badRequest, title: "Invalid", detail: error.localizedDescription)
        default:
            self.init(status: .internalServerError, title: "Server error", detail: "\(error)")
        }
    }

    var response: Response {
        var members: [String: Any] = [
            "type": "about:blank", "title": title, "status": Int(status.code), "detail": detail,
        ]
        if !problems.isEmpty {
            members["problems"] = problems.map { problem -> [String: Any] in
                ["path": problem.path, "message": problem.message]
            }
        }
        let data = (try? JSONSerialization.data(withJSONObject: members, options: [.sortedKeys])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Response {
    /// A text response of `contentType`.
    static func text(_ text: String, _ contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        .text(text, "text/html; charset=utf-8", status: status)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        .text(text, "application/json", status: status)
    }
}

/// A JSON request body, read field by field with errors that name the field. (The parsed
/// object is only read after parsing.)
struct Body: @unchecked Sendable {
    let fields: [String: Any]

    init(_ request: Request) async throws {
        let buffer = try await request.body.collect(upTo: 1 << 20)
        let data = Data(buffer.readableBytesView)
        guard let object = try? JSONSerialization.jsonObject(with: data), let fields = object as? [String: Any] else {
            throw APIProblem.badRequest("the body must be a JSON object")
        }
        self.fields = fields
    }

    func string(_ name: String) throws -> String? {
        guard let value = fields[name], !(value is NSNull) else { return nil }
        guard let text = value as? String else { throw APIProblem.badRequest("'\(name)' must be a string") }
        return text
    }

    func required(_ name: String) throws -> String {
        guard let text = try string(name) else { throw APIProblem.badRequest("'\(name)' is required") }
        return text
    }

    func strings(_ name: String) throws -> [String] {
        guard let value = fields[name], !(value is NSNull) else { return [] }
        guard let list = value as? [String] else { throw APIProblem.badRequest("'\(name)' must be a list of strings") }
        return list
    }

    func bool(_ name: String) throws -> Bool {
        guard let value = fields[name], !(value is NSNull) else { return false }
        guard let flag = value as? Bool else { throw APIProblem.badRequest("'\(name)' must be true or false") }
        return flag
    }

    func date(_ name: String) throws -> CalendarDate? {
        guard let text = try string(name) else { return nil }
        do { return try CalendarDate(parsing: text) } catch {
            throw APIProblem.badRequest("'\(name)': " + error.localizedDescription)
        }
    }

    func choice<T: ClosedChoice>(_ name: String) throws -> T? {
        guard let text = try string(name) else { return nil }
        do { return try T.parse(text) } catch {
            throw APIProblem.badRequest("'\(name)': " + error.localizedDescription)
        }
    }
}

extension Request {
    /// A query parameter, nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters.get(name), !value.isEmpty else { return nil }
        return value
    }

    /// A yes/no query parameter: `true` or `false`; anything else is a 400.
    func flag(_ name: String) throws -> Bool {
        guard let text = query(name) else { return false }
        switch text.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIProblem.badRequest("\(name) \(Echo.plain(text)): use true or false")
        }
    }

    /// A whole-number query parameter within `range`; anything else is a 400.
    func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = query(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIProblem.badRequest(
                "\(name) \(Echo.plain(text)): use a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A date query parameter; an invalid one is a 400.
    func date(_ name: String) throws -> CalendarDate? {
        guard let text = query(name) else { return nil }
        do { return try CalendarDate(parsing: text) } catch {
            throw APIProblem.badRequest("\(name) \(Echo.plain(text)): " + CalendarDate.problem(with: text))
        }
    }
}
