import Foundation
import Hummingbird
import ParleyKit
import ParleyReports

extension PagesController {
    /// The form that puts a token's secret into the sign-in cookie.
    static let signInForm = """
        <form method="post" action="/signin"><label>Token <input name="token" type="password" \
        autocomplete="off" required></label> <button>Sign in</button></form>
        """

    /// `GET /signin`: the sign-in form.
    func signInPage(_ request: Request, context: ParleyContext) async throws -> Response {
        Response.html(HTML.page(title: "Sign in", body: Self.signInForm))
    }

    /// `POST /signin`: a browser signs in with a token's secret, which goes into a cookie.
    func signIn(_ request: Request, context: ParleyContext) async throws -> Response {
        let buffer = try await request.body.collect(upTo: 4096)
        let form = String(buffer: buffer)
        let secret =
            form.split(separator: "&").compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0] == "token" else { return nil }
                return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }.first ?? ""
        guard try await offload({ [parley] in try parley.authenticate(secret) }) != nil else {
            return Response.html(
                HTML.page(title: "Sign in", body: "<p>That token is not in use.</p>"), status: .unauthorized)
        }
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.headers[.setCookie] = "\(Access.cookie)=\(secret); Path=/; HttpOnly; SameSite=Strict"
        return response
    }
}
