import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Who may do what. A client sends a token's secret as `Authorization: Bearer SECRET`; a browser
/// signs in at `/signin` with the secret and then holds a session cookie (``sessionCookie``) of
/// its own, never the secret. Reads need a viewer's or an editor's token unless the server reads
/// publicly; writes always need an editor's.
struct Access: Sendable {
    let parley: Parley
    let publicRead: Bool
    /// Whether `X-Forwarded-*` headers are believed (``Client``).
    let trustProxy: Bool
    /// How long sessions last.
    let sessions: SessionPolicy
    /// Failed secrets per client address.
    let throttle: Throttle
    /// Seconds a client has to send a request's whole body.
    var bodyTimeout: Double = 15

    /// The cookie that holds a browser's session id.
    static let sessionCookie = "parley_session"

    /// What vouches for a request.
    enum Credential: Sendable {
        /// A token's secret in the `Authorization` header.
        case bearer(APIToken)
        /// A browser's session, by the id in its cookie.
        case session(APIToken, id: String)

        var token: APIToken {
            switch self {
            case .bearer(let token), .session(let token, _): return token
            }
        }
    }

    func client(_ request: Request, _ context: ParleyContext) -> Client {
        Client(request, context, trustProxy: trustProxy)
    }

    /// The bearer secret a request carries, if any.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            return nil
        }
        return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
    }

    /// What vouches for the request, if anything does. A bearer secret that is not in use counts
    /// as none, and against the client's address; past the limit the address is refused (429)
    /// before its secret is looked at. A session cookie that is not (or no longer)
    /// open counts as no credential: the browser is asked to sign in.
    func credential(_ request: Request, _ context: ParleyContext) async throws -> Credential? {
        let parley = self.parley
        if let secret = Self.bearer(request) {
            let address = client(request, context).address
            try await refuseIfThrottled(address)
            if let token = try await offload({ try parley.authenticate(secret) }) {
                return .bearer(token)
            }
            await failed(address, "bearer secrets", context)
            return nil
        }
        if let id = request.cookies[Self.sessionCookie]?.value, !id.isEmpty {
            let policy = sessions
            if let token = try await offload({ try parley.session(id: id, policy: policy) }) {
                return .session(token, id: id)
            }
        }
        return nil
    }

    /// Refuses (429) an address that has failed too often lately.
    func refuseIfThrottled(_ address: String) async throws {
        if let wait = await throttle.retryAfter(address) {
            throw APIProblem(
                status: .tooManyRequests, title: "Too many requests",
                detail: "too many wrong secrets from \(address) in the last minute; try again in \(wait) s",
                headers: [.retryAfter: String(wait)])
        }
    }

    /// Counts a failure, and says in the log when an address reaches the limit.
    func failed(_ address: String, _ what: String, _ context: ParleyContext) async {
        if await throttle.failed(address) {
            context.logger.warning(
                "\(throttle.limit) failed \(what) from \(address) within \(Int(throttle.window)) s; refusing its attempts for a while"
            )
        }
    }

    /// Lets a read through, or throws 401.
    func requireRead(_ request: Request, _ context: ParleyContext) async throws {
        if publicRead { return }
        guard try await credential(request, context) != nil else { throw Self.readNeedsToken }
    }

    /// Who is reading, after letting the read through (or throwing 401, as ``requireRead(_:_:)``).
    /// The credential is checked once, so that a wrong secret counts once against its address.
    func requireReader(_ request: Request, _ context: ParleyContext) async throws -> Viewer {
        let viewer = try await self.viewer(request, context)
        if viewer.name == nil, !publicRead { throw Self.readNeedsToken }
        return viewer
    }

    /// A read without a token where one is needed.
    static let readNeedsToken = APIProblem(
        status: .unauthorized, title: "Unauthorized",
        detail: "this server needs a token to read: send 'Authorization: Bearer SECRET' "
            + "(`parley token add --name NAME --role viewer` makes one)")

    /// The editor token of a write, or 401 (none, or one not in use) or 403 (a viewer's, or a
    /// session's write sent by a page on another site).
    func requireWrite(_ request: Request, _ context: ParleyContext) async throws -> APIToken {
        guard let credential = try await credential(request, context) else {
            throw APIProblem(
                status: .unauthorized, title: "Unauthorized",
                detail: "writes need an editor token: send 'Authorization: Bearer SECRET' "
                    + "(`parley token add --name NAME --role editor` makes one)")
        }
        if case .session = credential {
            try AntiForgery.refuseForeign(request, client(request, context))
        }
        guard credential.token.role.canWrite else {
            throw APIProblem(
                status: .forbidden, title: "Forbidden",
                detail: "token '\(credential.token.name)' is a viewer's; writes need an editor's")
        }
        return credential.token
    }
}
