import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// The headers every answer carries, so that a browser confines what a page can do even if
/// something hostile slipped into it: scripts (`script-src 'self'`: no inline script, and the one
/// script is the review page's own file, ``ReviewScript``), styles and everything else only from
/// this server, forms posting only here, no framing by another page, no MIME sniffing, and no
/// full address in the `Referer` sent to other sites.
///
/// A later page with forms keeps to it: forms post to this server (`form-action 'self'`) and
/// style comes from ``Stylesheet``, never from `style` attributes or elements.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ParleyContext

    /// The Content-Security-Policy of every answer.
    static let policy: ContentSecurityPolicy = [
        .defaultSrc(.self), .scriptSrc(.self), .baseURI(.none), .formAction(.self), .frameAncestors(.none),
        .objectSrc(.none),
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

/// A file the pages load from this server (the stylesheet, the review page's script): its text is
/// compiled into the binary and served from an address that changes with its content, so that a
/// browser may keep it for a year and still never use an old one.
struct Asset: Sendable {
    let text: String
    let contentType: String
    /// `/assets/NAME-1a2b3c4d5e6f.EXT`.
    let path: String

    init(name: String, extension: String, contentType: String, text: String) {
        self.text = text
        self.contentType = contentType
        path = "/assets/\(name)-\(SHA256.hex(text).prefix(12)).\(`extension`)"
    }

    /// Serves the file; it is public, as the sign-in page needs the stylesheet.
    func serve(_ request: Request, context: ParleyContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: contentType, .cacheControl: "public, max-age=31536000, immutable"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The pages' stylesheet (``HTML/css``).
enum Stylesheet {
    static let asset = Asset(
        name: "parley", extension: "css", contentType: "text/css; charset=utf-8", text: HTML.css + HTML.workspaceCSS)
    /// `/assets/parley-1a2b3c4d5e6f.css`.
    static var path: String { asset.path }
}
