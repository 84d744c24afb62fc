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

    /// The problem as `application/problem+json`.
    var response: Response {
        let document = Document(
            type: "about:blank", title: title, status: Int(status.code), detail: detail,
            problems: problems.isEmpty ? nil : problems.map { Document.Item(path: $0.path, message: $0.message) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(document)) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/problem+json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The members of a problem document.
    struct Document: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        /// Each problem of a rejected record, when there are any.
        var problems: [Item]?

        struct Item: Encodable {
            var path: String
            var message: String
        }
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
