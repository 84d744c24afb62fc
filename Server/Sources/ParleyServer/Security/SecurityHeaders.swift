import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// The headers every answer carries, so that a browser confines what a page can do even if
/// something hostile slipped into it: scripts, styles and everything else only from this server
/// (and the pages have no script at all), forms posting only here, no framing by another page,
/// no MIME sniffing, and no full address in the `Referer` sent to other sites.
///
/// A later page with forms keeps to it: forms post to this server (`form-action 'self'`) and
/// style comes from ``Stylesheet``, never from `style` attributes or elements.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ParleyContext

    /// The Content-Security-Policy of every answer.
    static let policy: ContentSecurityPolicy = [
        .defaultSrc(.self), .baseURI(.none), .formAction(.self), .frameAncestors(.none), .objectSrc(.none),
    ]

    static let headers: HTTPFields = {
        var headers: HTTPFields = [.contentSecurityPolicy: policy.description, .xContentTypeOptions: "nosniff"]
        headers.set("X-Frame-Options", "DENY")
        headers.set("Referrer-Policy", "same-origin")
        return headers
    }()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        for field in Self.headers where response.headers[field.name] == nil { response.headers.append(field) }
        return response
    }
}

/// The pages' stylesheet (``HTML/css``), served from an address that changes with its content,
/// so that a browser may keep it for a year and still never use an old one.
enum Stylesheet {
    static let text = HTML.css + HTML.workspaceCSS
    /// `/assets/parley-1a2b3c4d.css`.
    static let path = "/assets/parley-\(SHA256.hex(text).prefix(12)).css"

    /// Serves the stylesheet; it is public, as the sign-in page needs it.
    static func serve(_ request: Request, context: ParleyContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
