import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Defences against writes forged by another site's page: a browser sends the sign-in cookie
/// with any request to this server, whichever page made it, so a write that a cookie vouches for
/// must show that this server's own page made it.
///
/// Every form this server serves (sign-in, sign-out, and any later form) uses both checks:
/// - ``refuseForeign(_:_:)``: the browser's own statement of where the request came from
///   (`Sec-Fetch-Site`, `Origin`), which a page cannot forge;
/// - a token in a hidden field (``field``) that a page elsewhere cannot read: per session
///   (``token(forSession:)``) once signed in, and before sign-in the value of a cookie that only
///   the form's own response set (``signInCookie``).
///
/// JSON writes need neither token: a page elsewhere can send JSON only after a CORS preflight,
/// which this server never grants; ``refuseForeign(_:_:)`` still applies to them when a cookie
/// vouches for them.
enum AntiForgery {
    /// The hidden field every form carries.
    static let field = "form_token"
    /// The cookie that holds the sign-in form's token, sent back to `/signin` only.
    static let signInCookie = "parley_form"

    /// Refuses (403) a request that a browser says came from a page on another site, or from
    /// another origin: a page on another port of this host is same-site, not same-origin, and
    /// refused too.
    static func refuseForeign(_ request: Request, _ client: Client) throws {
        if let site = request.headers.value(named: "Sec-Fetch-Site")?.lowercased(),
            site == "cross-site" || site == "same-site"
        {
            throw forged("the browser says a page on another site sent it (Sec-Fetch-Site: \(site))")
        }
        if let origin = request.headers[.origin] {
            guard let host = client.host?.lowercased(), Self.host(ofOrigin: origin) == host else {
                throw forged("it comes from \(Echo.quoted(origin)), not from this server's pages")
            }
        }
    }

    /// The form token of a signed-in session. Derived from the session's id, which only the
    /// browser and (as a digest) the database know, so it needs no storage of its own.
    static func token(forSession id: String) -> String { SHA256.hex("form:" + id) }

    /// A new random token for the sign-in form.
    static func newToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
    }

    /// The hidden field that carries `token`.
    static func hiddenField(_ token: String) -> HTML {
        "<input type=\"hidden\" name=\"\(field)\" value=\"\(token)\">"
    }

    /// Refuses (403) a form whose token is missing or not `expected`.
    static func verify(_ given: String?, expected: String) throws {
        guard let given, !expected.isEmpty, constantTimeEqual(given, expected) else {
            throw forged("the form's token is missing or stale; reload the page and send the form again")
        }
    }

    static func forged(_ why: String) -> APIProblem {
        APIProblem(status: .forbidden, title: "Forbidden", detail: "refused as a possibly forged request: \(why)")
    }

    /// `host[:port]` of an origin (`http://127.0.0.1:8080`); nil for `null` and anything else.
    static func host(ofOrigin origin: String) -> String? {
        guard let range = origin.range(of: "://") else { return nil }
        let host = origin[range.upperBound...]
        return host.isEmpty || host.contains("/") ? nil : host.lowercased()
    }

    /// Whether two strings are equal, in a time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
