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
    static func signInForm(_ client: Client) -> (html: HTML, cookie: Cookie) {
        let token = AntiForgery.newToken()
        let html: HTML = """
            <form method="post" action="/signin">\(AntiForgery.hiddenField(token))<label>Token <input \
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
        let form = Self.signInForm(access.client(request, context))
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
        return Response.html(
            Self.page(title: "Signed in", body: body, navigation: Self.navigation("/signin", asOf: nil)))
    }

    /// `POST /signin`: a browser signs in with a token's secret and gets a session. Refused when
    /// another site's page sent it or its form token is not the one this server gave; too many
    /// wrong secrets from one address are refused for a while (429).
    func signIn(_ request: Request, context: ParleyContext) async throws -> Response {
        let client = access.client(request, context)
        try AntiForgery.refuseForeign(request, client)
        let form = try await FormBody.fields(
            request, ["token", AntiForgery.field], limit: 4096, within: access.bodyTimeout)
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
        var response = Response(status: .seeOther, headers: [.location: "/"])
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
}
