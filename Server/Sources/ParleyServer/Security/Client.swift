import Foundation
import HTTPTypes
import Hummingbird

/// Where a request came from, as far as the server can tell: the connection's address, or,
/// behind a proxy the server was told to trust (`--trust-proxy`), what the proxy reports.
struct Client: Sendable {
    /// The client's IP address, for limits per client.
    var address: String
    /// Whether the browser reached the server over HTTPS (a proxy's TLS): cookies are then `Secure`.
    var isSecure: Bool
    /// The host (and port) the browser addressed: a same-origin request's `Origin` names it.
    var host: String?

    /// The client of `request`. Without `trustProxy` the `X-Forwarded-*` headers are ignored:
    /// anyone can send them.
    init(_ request: Request, _ context: ParleyContext, trustProxy: Bool) {
        address = context.peer
        isSecure = false
        host = request.head.authority
        guard trustProxy else { return }
        // The proxy appends the address it saw to whatever the client sent: the last entry is the
        // one the proxy vouches for.
        if let forwarded = request.headers.value(named: "X-Forwarded-For")?.split(separator: ",").last {
            let address = forwarded.trimmingCharacters(in: .whitespaces)
            if !address.isEmpty { self.address = address }
        }
        isSecure = request.headers.value(named: "X-Forwarded-Proto")?.lowercased() == "https"
        if let forwardedHost = request.headers.value(named: "X-Forwarded-Host") { host = forwardedHost }
    }
}

extension HTTPFields {
    /// The value of the header named `name` (any case), whether or not HTTPTypes names it.
    func value(named name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.canonicalName == wanted }?.value
    }

    /// Sets the header named `name`.
    mutating func set(_ name: String, _ value: String) {
        if let field = HTTPField.Name(name) { self[field] = value }
    }
}
