import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Who may do what: a token's secret comes as `Authorization: Bearer SECRET` (the API) or in the
/// `parley_token` cookie set by the sign-in page (a browser). Reads need a viewer or an editor
/// token unless the server reads publicly; writes always need an editor token.
struct Access: Sendable {
    let parley: Parley
    let publicRead: Bool

    static let cookie = "parley_token"

    /// The secret a request carries, if any.
    static func secret(of request: Request) -> String? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        }
        for part in (request.headers[.cookie] ?? "").split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 && pair[0] == cookie { return pair[1] }
        }
        return nil
    }

    /// The token of the request, if it carries one in use.
    func token(_ request: Request) async throws -> APIToken? {
        guard let secret = Self.secret(of: request) else { return nil }
        let parley = self.parley
        return try await offload { try parley.authenticate(secret) }
    }

    /// Lets a read through, or throws 401.
    func requireRead(_ request: Request) async throws {
        if publicRead { return }
        guard try await token(request) != nil else {
            throw APIProblem(
                status: .unauthorized, title: "Unauthorized",
                detail: "this server needs a token to read: send 'Authorization: Bearer SECRET' "
                    + "(`parley token add --name NAME --role viewer` makes one)")
        }
    }

    /// The editor token of a write, or 401 (none, or one not in use) or 403 (a viewer's).
    func requireWrite(_ request: Request) async throws -> APIToken {
        guard let token = try await token(request) else {
            throw APIProblem(
                status: .unauthorized, title: "Unauthorized",
                detail: "writes need an editor token: send 'Authorization: Bearer SECRET' "
                    + "(`parley token add --name NAME --role editor` makes one)")
        }
        guard token.role.canWrite else {
            throw APIProblem(
                status: .forbidden, title: "Forbidden",
                detail: "token '\(token.name)' is a viewer's; writes need an editor's")
        }
        return token
    }
}
