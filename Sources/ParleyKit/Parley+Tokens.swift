import Foundation
import ParleyModel
import ParleyReports
import ParleyStore

extension Parley {
    /// Makes a token for the server, named `name` (writes made with it are attributed to that
    /// name) with `role`; returns its secret, which is not stored and cannot be shown again.
    public func createToken(name: String, role: TokenRole) throws -> String {
        let secret = APIToken.secretPrefix + Self.randomKey()
        let token = APIToken(name: name, role: role, createdAt: clock.timestamp)
        try writing { writer in
            try writer.addToken(token, digest: APIToken.digest(of: secret))
            try writer.log(
                entry(.token, nil, name, changes: [FieldChange(field: "role", old: nil, new: role.rawValue)]))
        }
        return secret
    }

    /// Revokes the token named `name`.
    public func revokeToken(named name: String) throws {
        try writing { writer in
            try writer.revokeToken(named: name, at: clock.timestamp)
            try writer.log(entry(.token, nil, name, changes: [FieldChange(field: "revoked", old: nil, new: "yes")]))
        }
    }

    /// Every token, by name (never their secrets).
    public func tokens() throws -> RecordList<APIToken> {
        RecordList(try lookingUp { try $0.tokens() }, title: "Tokens", emptyMessage: "No tokens.")
    }

    /// The token a secret belongs to, if it is in use.
    public func authenticate(_ secret: String) throws -> APIToken? {
        guard secret.hasPrefix(APIToken.secretPrefix) else { return nil }
        return try lookingUp { try $0.token(digest: APIToken.digest(of: secret)) }
    }

    /// Whether any token is in use.
    public func hasTokens() throws -> Bool { try lookingUp { try $0.hasTokens() } }

    /// 256 random bits from the system's generator, as Base64 with the URL-safe alphabet and no
    /// padding: it survives a URL, a header, a cookie and a shell without quoting.
    static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

extension APIToken {
    /// The stored digest of a secret: the secret itself is never stored.
    static func digest(of secret: String) -> String { SHA256.hex(secret) }
}
