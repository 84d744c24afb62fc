import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Signing in and out in a browser. Signing in trades a token's secret for a session: the
/// browser keeps only the session's own random id, in an HTTP-only, same-site cookie (`Secure`
/// over HTTPS), and the secret never leaves the form.
extension PagesController {
    /// The sign-in form, with its anti-forgery token, and the cookie that holds the token: the
    /// form must be sent back from a page this server served.
    /// After signing in, the browser goes to `next` (a path on this server), else to the board.
    static func signInForm(_ client: Client, next: String? = nil) -> (html: HTML, cookie: Cookie) {
        let token = AntiForgery.newToken()
        let back: HTML = safeReturn(next).map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? ""
        let html: HTML = """
            <form method="post" action="/signin">\(AntiForgery.hiddenField(token))\(back)<label>Token <input \
            name="token" type="password" autocomplete="off" required></label> <button>Sign in</button></form>
            """
        let cookie = Cookie(
            name: AntiForgery.signInCookie, value: token, maxAge: 3600, path: "/signin", secure: client.isSecure,
            httpOnly: true, sameSite: .strict)
        return (html, cookie)
    }

    /// A page that shows the sign-in form (and sets its cookie).
    func signInResponse(
        _ request: Request, _ context: ParleyContext, note: HTML = "", status: HTTPResponse.Status = .ok
    ) -> Response {
        let next = request.uri.queryParameters["next"].map(String.init)
        let form = Self.signInForm(access.client(request, context), next: next)
        var response = Response.html(
            Self.page(title: "Sign in", body: note + form.html, navigation: Self.navigation("/signin", asOf: nil)),
            status: status)
        response.setCookie(form.cookie)
        return response
    }

    /// `GET /signin`: the sign-in form; for a signed-in browser, who it is signed in as and a
    /// form to sign out.
    func signInPage(_ request: Request, context: ParleyContext) async throws -> Response {
        guard case .session(let token, let id) = try await access.credential(request, context) else {
            return signInResponse(request, context)
        }
        let body: HTML = """
            <p>Signed in as <strong>\(token.name)</strong> (\(token.role.rawValue)).</p>
            <form method="post" action="/signout">\(AntiForgery.hiddenField(AntiForgery.token(forSession: id)))\
            <button>Sign out</button></form>

            """
        let viewer = Viewer(token: token, session: id)
        return Response.html(
            Self.page(
                title: "Signed in", body: body,
                navigation: Self.navigation("/signin", uri: "/signin", asOf: nil, viewer: viewer)))
    }

    /// `POST /signin`: a browser signs in with a token's secret and gets a session. Refused when
    /// another site's page sent it or its form token is not the one this server gave; too many
    /// wrong secrets from one address are refused for a while (429).
    func signIn(_ request: Request, context: ParleyContext) async throws -> Response {
        let client = access.client(request, context)
        try AntiForgery.refuseForeign(request, client)
        let form = try await FormBody.fields(
            request, ["token", "next", AntiForgery.field], limit: 8192, within: access.bodyTimeout)
        try AntiForgery.verify(
            form[AntiForgery.field], expected: request.cookies[AntiForgery.signInCookie]?.value ?? "")
        try await access.refuseIfThrottled(client.address)
        let (parley, policy) = (self.parley, access.sessions)
        let secret = form["token"] ?? ""
        guard let session = try await offload({ try parley.startSession(secret: secret, policy: policy) }) else {
            await access.failed(client.address, "sign-ins", context)
            return signInResponse(
                request, context, note: "<p>That token is not in use.</p>\n", status: .unauthorized)
        }
        var response = Response(status: .seeOther, headers: [.location: Self.safeReturn(form["next"]) ?? "/"])
        response.setCookie(
            Cookie(
                name: Access.sessionCookie, value: session.id, maxAge: policy.lifetime, path: "/",
                secure: client.isSecure, httpOnly: true, sameSite: .strict))
        response.setCookie(Self.expired(AntiForgery.signInCookie, path: "/signin", client))
        return response
    }

    /// `POST /signout`: ends the browser's session, from this server's own sign-out form.
    func signOut(_ request: Request, context: ParleyContext) async throws -> Response {
        let client = access.client(request, context)
        try AntiForgery.refuseForeign(request, client)
        let form = try await FormBody.fields(request, [AntiForgery.field], limit: 4096, within: access.bodyTimeout)
        if case .session(_, let id) = try await access.credential(request, context) {
            try AntiForgery.verify(form[AntiForgery.field], expected: AntiForgery.token(forSession: id))
            let parley = self.parley
            try await offload { try parley.endSession(id: id) }
        }
        var response = Response(status: .seeOther, headers: [.location: "/signin"])
        response.setCookie(Self.expired(Access.sessionCookie, path: "/", client))
        return response
    }

    /// A cookie that deletes the browser's cookie of that name.
    static func expired(_ name: String, path: String, _ client: Client) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: client.isSecure, httpOnly: true, sameSite: .strict)
    }

    /// A message as a page shows it: the commands it quotes between backticks (as the API's
    /// messages write them) in `<code>`, the rest as text.
    static func codeSpans(_ message: String) -> HTML {
        var out: HTML = ""
        let pieces = message.components(separatedBy: "`")
        for (index, piece) in pieces.enumerated() {
            // An odd piece is inside backticks, unless the last backtick is unpaired.
            if index % 2 == 1 && !(index == pieces.count - 1 && pieces.count % 2 == 0) {
                out += "<code>\(piece)</code>"
            } else {
                out += HTML(text: (index % 2 == 1 ? "`" : "") + piece)
            }
        }
        return out
    }
}
