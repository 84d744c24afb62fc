import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Runs blocking work (a SQLite read or write) on a thread of its own, so that the server's
/// event loops and Swift's cooperative threads never wait on the disk or a lock.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// An error answered as `application/problem+json` (RFC 9457): a status, a problem type and
/// title for its sort of failure, the detail in the same words the command line uses (without
/// its commands), and each problem of a rejected record.
struct APIProblem: Error {
    var status: HTTPResponse.Status
    /// The problem type: `/problems/KIND` for Parley's own errors (a page that says what the
    /// sort of failure means), `about:blank` for plain HTTP ones.
    var type: String
    var title: String
    var detail: String
    var problems: [Problem] = []
    /// Headers the answer carries (`Retry-After`).
    var headers: HTTPFields = [:]

    init(
        status: HTTPResponse.Status, type: String = "about:blank", title: String, detail: String,
        problems: [Problem] = [], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.problems = problems
        self.headers = headers
    }

    /// A problem of one of Parley's sorts of failure.
    init(_ kind: ErrorKind, detail: String, problems: [Problem] = []) {
        self.init(status: kind.status, type: kind.problemType, title: kind.title, detail: detail, problems: problems)
    }

    static func badRequest(_ detail: String) -> APIProblem {
        APIProblem(.invalid, detail: detail)
    }

    /// The problem for an error thrown by the use cases, by its sort: 404 for a record the URL
    /// names that does not exist, 409 for a write that collides with what is recorded, 400 for
    /// one that breaks a rule (a record naming an unknown one included), 503 when the database
    /// is busy past its timeout or (PostgreSQL) cannot be reached, 507 when the disk is full.
    init(_ error: Error) {
        switch error {
        case let problem as APIProblem:
            self = problem
        case ModelError.searchLimit(let limit, _):
            self = SearchLimit.problem("limit", String(limit))
        case ModelError.noStatusToKeep(let record, let on):
            self.init(.invalid, detail: "\(record) has no status on \(on) to keep; give 'status'")
        case let error as Statement.FieldError:
            // A value for one of a statement's fields: named as the body names it.
            let detail =
                if case .missingField = error.error {
                    "'\(error.field.rawValue)' is required"
                } else {
                    "'\(error.field.rawValue)': " + error.error.localizedDescription
                }
            self.init(error.kind, detail: detail)
        case let error as any KindedError:
            let problems = (error as? StoreError)?.problems ?? []
            let detail =
                problems.isEmpty ? error.localizedDescription : problems.map(\.description).joined(separator: "; ")
            self.init(error.kind, detail: detail, problems: problems)
            if case .diskFull? = error as? StoreError {
                // The server cannot store it (507, RFC 4918): neither the request's fault nor a bug.
                status = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
            }
        default:
            self.init(.bug, detail: "\(error)")
        }
    }

    /// The problem as `application/problem+json`.
    var response: Response {
        let document = Document(
            type: type, title: title, status: Int(status.code), detail: detail,
            problems: problems.isEmpty ? nil : problems.map { Document.Item(path: $0.path, message: $0.message) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(document)) ?? Data()
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
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

/// The pages' wording of the errors whose neutral wording speaks of what the command line is
/// given (an article's file, a date left out of the command): on a page, the fix is a box to fill
/// or to leave empty. The command line words the same errors in `ErrorMessage.commandText`.
enum PageWording {
    /// The error as a page says it; nil where the neutral wording fits a page too.
    static func text(_ error: ModelError) -> String? {
        switch error {
        case .noSourceText(let source):
            return "source '\(source)' has no stored text; paste the article, or upload it as a .txt file"
        case .publishedDiffers(let source, let published, let given):
            return "source '\(source)' was published on \(published), not \(given); leave 'published' empty, or give "
                + "another source id"
        default:
            return nil
        }
    }
}

extension ErrorKind {
    /// The HTTP status the API answers this sort of failure with.
    var status: HTTPResponse.Status {
        switch self {
        case .invalid, .malformed, .unreadable: return .badRequest
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .busy: return .serviceUnavailable
        case .storage, .bug: return .internalServerError
        }
    }

    /// The problem type's title: the same for every problem of the sort.
    var title: String {
        switch self {
        case .invalid: return "Invalid"
        case .malformed: return "Malformed"
        case .notFound: return "Not found"
        case .conflict: return "Conflict"
        case .unreadable: return "Unreadable"
        case .busy: return "Busy"
        case .storage: return "Storage error"
        case .bug: return "Server error"
        }
    }

    /// The problem type's URI, relative to the server: a page that says what the sort means.
    var problemType: String { "/problems/" + rawValue }

    /// What the sort of failure means and what a client does about it, for the problem type's page.
    var explanation: String {
        switch self {
        case .invalid:
            return "The request breaks one of Parley's rules: a value that is not one (a date, a choice, a label), "
                + "an empty field, a date after its source's, or a record that names one that does not exist. "
                + "The detail says which; correct the request and send it again."
        case .malformed:
            return "The input's form is wrong: it is not the syntax or shape Parley reads. Correct it and send it "
                + "again."
        case .notFound:
            return "The statement, agreement, dispute or other record the request names does not exist."
        case .conflict:
            return "The write collides with what is already recorded (the same statement again, or a change that "
                + "would make two statements one). Nothing was written."
        case .unreadable:
            return "A file the request needs cannot be read."
        case .busy:
            return "The database stayed locked by other writers past the server's timeout, or (PostgreSQL) could "
                + "not be reached: its server is down or restarting. The detail names it, and says whether "
                + "anything was written (a write cut off while it was being committed may have been kept); "
                + "send the request again."
        case .storage:
            return "The server cannot use its database (missing, read-only, full or damaged). Nothing was written; "
                + "tell the server's operator."
        case .bug:
            return "Something that should not happen: a bug in Parley. Please report it with the detail."
        }
    }
}

extension Response {
    /// A text response of `contentType`.
    static func text(_ text: String, _ contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        .bytes(ByteBuffer(string: text), contentType, status: status)
    }

    /// `bytes` as the answer, not to be stored by the browser.
    static func bytes(_ bytes: ByteBuffer, _ contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: .init(byteBuffer: bytes))
    }

    static func html(_ bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        .bytes(bytes, "text/html; charset=utf-8", status: status)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        .text(text, "text/html; charset=utf-8", status: status)
    }

    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        .html(html.markup, status: status)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        .text(text, "application/json", status: status)
    }
}

extension Request {
    /// The body, at most `limit` bytes, sent within `seconds`. A body declared larger than the
    /// limit is refused (413) before any of it is read; one that turns out larger, or comes too
    /// slowly (408), is refused as soon as that is clear. Either way the connection closes after
    /// the answer (``ProblemMiddleware``), so the rest is never read.
    func collectBody(upTo limit: Int, within seconds: Double) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap({ Int($0) }), declared > limit {
            throw HTTPError(.contentTooLarge)
        }
        let body = self.body
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw APIProblem(
                    status: .requestTimeout, title: "Request timeout",
                    detail: "the body did not arrive within \(Int(seconds)) seconds")
            }
            return buffer
        }
    }
}
