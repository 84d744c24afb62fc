import Foundation
import Hummingbird
import HummingbirdCore
import ParleyKit
import ParleyModel

/// Who is looking at a page: nobody signed in, a viewer, or an editor. An editor signed in with a
/// session (a browser) gets the forms; a bearer token in a browser gets none, as its forms could
/// not carry a session's anti-forgery token.
struct Viewer: Sendable {
    /// The token's name.
    var name: String?
    /// The token's role (`viewer`, `editor`).
    var role: String?
    /// The session's id, when signed in with a cookie.
    var session: String?
    /// Whether the viewer's token may write.
    var canWrite: Bool

    static let anonymous = Viewer(name: nil, role: nil, session: nil, canWrite: false)

    /// Whether pages show this viewer the forms that write.
    var isEditor: Bool { canWrite && session != nil }

    /// The hidden field that carries the session's anti-forgery token.
    var formToken: HTML { session.map { AntiForgery.hiddenField(AntiForgery.token(forSession: $0)) } ?? "" }
}

extension Viewer {
    /// Whoever holds `token`, signed in with the session `session` (nil: a bearer token).
    init(token: APIToken, session: String?) {
        self.init(name: token.name, role: token.role.rawValue, session: session, canWrite: token.role.canWrite)
    }
}

extension Access {
    /// Who is looking: whatever vouches for the request, if anything.
    func viewer(_ request: Request, _ context: ParleyContext) async throws -> Viewer {
        switch try await credential(request, context) {
        case .session(let token, let id)?:
            return Viewer(token: token, session: id)
        case .bearer(let token)?:
            return Viewer(token: token, session: nil)
        case nil:
            return .anonymous
        }
    }
}

/// Places in a cached page that differ from one reader to the next, filled in as each page is
/// sent: the navigation bar (who is signed in) and each form's anti-forgery token. A marker is a
/// comment, which text from a record can never become (its `<` is escaped).
enum PageMarker {
    static let navigation: HTML = "<!--parley:navigation-->"
    static let formToken: HTML = "<!--parley:form-token-->"

}

/// A page cut at its markers (``PageMarker``) once, when it is made: the bytes between them and
/// which marker stood at each cut. Filling it for a reader writes the pieces and the reader's
/// navigation and token into one buffer, without searching or re-encoding the page (a kept
/// board is megabytes, read by many).
struct KeptPage: Sendable {
    enum Place: Sendable { case navigation, formToken }

    /// The page's bytes before, between and after the places: one more than `places`.
    let pieces: [ByteBuffer]
    /// The places, in the page's order.
    let places: [Place]

    init(_ markup: String) {
        var markup = markup
        (pieces, places) = markup.withUTF8 { Self.cut($0) }
    }

    /// `page` cut at its markers: every marker begins with `<!--parley:`, whose `<` is found with
    /// `memchr` and whose `!` is looked at next (a kept board is megabytes of tags: a look at each
    /// byte in Swift cost it milliseconds), then which marker it is.
    private static func cut(_ page: UnsafeBufferPointer<UInt8>) -> (pieces: [ByteBuffer], places: [Place]) {
        let markers: [(Place, [UInt8])] = [
            (.navigation, Array(PageMarker.navigation.markup.utf8)),
            (.formToken, Array(PageMarker.formToken.markup.utf8)),
        ]
        let lead = Array("<!--parley:".utf8)
        var pieces: [ByteBuffer] = []
        var places: [Place] = []
        guard let base = page.baseAddress else { return ([ByteBuffer()], []) }
        var start = 0
        var at = 0
        while at < page.count, let found = memchr(base + at, Int32(lead[0]), page.count - at) {
            let index = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            guard index + lead.count <= page.count, page[index + 1] == lead[1],
                let (place, marker) = markers.first(where: { _, marker in
                    index + marker.count <= page.count && page[index..<index + marker.count].elementsEqual(marker)
                })
            else {
                at = index + 1
                continue
            }
            pieces.append(ByteBuffer(bytes: page[start..<index]))
            places.append(place)
            at = index + marker.count
            start = at
        }
        pieces.append(ByteBuffer(bytes: page[start..<page.count]))
        return (pieces, places)
    }

    /// The bytes kept.
    var size: Int { pieces.reduce(0) { $0 + $1.readableBytes } }

    /// The page for `viewer`, with `navigation` in the navigation's place and the viewer's token
    /// in each form's.
    func filled(navigation: HTML, viewer: Viewer) -> ByteBuffer {
        let navigation = ByteBuffer(string: navigation.markup)
        let token = ByteBuffer(string: viewer.formToken.markup)
        var out = ByteBuffer()
        out.reserveCapacity(
            size + places.reduce(0) { $0 + ($1 == .navigation ? navigation : token).readableBytes })
        for (index, piece) in pieces.enumerated() {
            out.writeImmutableBuffer(piece)
            if index < places.count { out.writeImmutableBuffer(places[index] == .navigation ? navigation : token) }
        }
        return out
    }
}

extension PagesController {
    /// The navigation bar for `viewer` on the page at `here` (its path) reached as `uri` (path
    /// and query, where signing in returns to): the pages, a search box, the date control (keeping the
    /// page's other parameters), and who is signed in with a form to sign out (or a link to sign in).
    /// A page asked with `known_as_of` shows it in the date control, where it can be changed or
    /// emptied, and the links to the reports carry it.
    static func navigation(
        _ here: String, uri: String, asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil, viewer: Viewer
    ) -> HTML {
        let query = query(asOf: asOf)
        let reportQuery = Self.query(asOf: asOf, knownAsOf: knownAsOf)
        let reports: Set<String> = ["/", "/positions", "/agreements", "/contradictions", "/diff"]
        var items = [
            ("/", "Disputes"), ("/positions", "Positions"), ("/agreements", "Agreements"),
            ("/contradictions", "Contradictions"), ("/issues", "Issues"), ("/parties", "Parties"),
            ("/sources", "Sources"), ("/statements", "Statements"), ("/diff", "Diff"),
        ]
        if viewer.isEditor { items.append(("/review", "Review an article")) }
        // The date box keeps the page's other parameters (a list's filters).
        var kept: HTML = ""
        for (name, value) in URI(uri).queryParameters
        where !["as_of", "known_as_of", "format"].contains(name) && !value.isEmpty {
            kept += "<input type=\"hidden\" name=\"\(String(name))\" value=\"\(String(value))\">"
        }
        let current: HTML = " aria-current=\"page\""
        let knownBox: HTML =
            knownAsOf.map {
                " <label>known as of <input name=\"known_as_of\" value=\"\($0.given)\" size=\"20\"></label>"
            } ?? ""
        var out: HTML = "<nav>\n<strong><a class=\"home\" href=\"/\">Parley</a></strong>\n"
        for (href, label) in items {
            let target = href == "/review" ? href : href + (reports.contains(href) ? reportQuery : query)
            out += "<a href=\"\(target)\"\(href == here ? current : "")>\(label)</a>\n"
        }
        out += """
            <form class="search" method="get" action="/search" role="search"><input type="search" name="q" \
            aria-label="Search statements, sources and names" placeholder="Search" size="14"> <button>Search</button></form>
            <form class="date" method="get" action="\(here)">\(kept)<label>As of <input name="as_of" \
            value="\(asOf?.description ?? "")" placeholder="YYYY-MM-DD" size="10" \
            pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"></label>\(knownBox) <button>Show</button></form>

            """
        if let name = viewer.name {
            out += "<span class=\"account\">Signed in as <a href=\"/signin\">\(name)</a> (\(viewer.role ?? ""))"
            if viewer.session != nil {
                out += """
                     <form class="signout" method="post" action="/signout">\(viewer.formToken)<button>Sign out</button></form>
                    """
            }
            out += "</span>\n"
        } else {
            out += "<a class=\"account\" href=\"\(signInLink(next: uri))\">Sign in</a>\n"
        }
        return out + "</nav>"
    }

    /// `/signin?next=URI`: the sign-in page that returns to `uri`.
    static func signInLink(next uri: String) -> String {
        guard let next = safeReturn(uri), next != "/", !next.hasPrefix("/signin") else { return "/signin" }
        return "/signin?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
    }

    /// `uri` if it is a path on this server (so that signing in never sends a browser elsewhere).
    static func safeReturn(_ uri: String?) -> String? {
        guard let uri, uri.hasPrefix("/"), !uri.hasPrefix("//"), !uri.hasPrefix("/\\"), uri.count < 2048,
            !uri.contains(where: { $0.isNewline || $0 == "\\" })
        else { return nil }
        return uri
    }

    /// A finished page for `viewer`: the navigation and form tokens filled in. `page` is the
    /// address of the page a form was sent from: when it is refused, the page comes back at the
    /// address the form was posted to, which answers no GET, so the date box and the sign-in link
    /// go to `page` instead (a GET request's own address is always the page's).
    func respond(
        _ markup: String, _ request: Request, asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil, viewer: Viewer,
        status: HTTPResponse.Status = .ok, page: String? = nil
    ) -> Response {
        respond(KeptPage(markup), request, asOf: asOf, knownAsOf: knownAsOf, viewer: viewer, status: status, page: page)
    }

    /// ``respond(_:_:asOf:knownAsOf:viewer:status:page:)`` for a page already cut at its markers.
    func respond(
        _ kept: KeptPage, _ request: Request, asOf: CalendarDate?, knownAsOf: KnownAsOf? = nil, viewer: Viewer,
        status: HTTPResponse.Status = .ok, page: String? = nil
    ) -> Response {
        let sentFrom = request.method == .get ? nil : page
        let here = sentFrom ?? request.uri.path
        let query = sentFrom == nil ? Self.pageQuery(request.uri) : ""
        let navigation = Self.navigation(
            here, uri: here + (query.isEmpty ? "" : "?" + query), asOf: asOf, knownAsOf: knownAsOf, viewer: viewer)
        return .html(kept.filled(navigation: navigation, viewer: viewer), status: status)
    }
}
