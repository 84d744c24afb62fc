import GRDB
import ParleyModel

extension StoreWriter {
    /// Stores a token by the digest of its secret; its name must be new.
    public func add(_ token: APIToken, digest: String) throws {
        try token.checkNew(
            nameTaken: try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE name = ?)", arguments: [token.name]) == true)
        try db.execute(
            sql: "INSERT INTO api_token (name, role, digest, created_at) VALUES (?, ?, ?, ?)",
            arguments: [token.name, token.role.rawValue, digest, token.createdAt])
    }

    /// Revokes the token named `name`: the server refuses it, and ends its sessions, from the
    /// next request on.
    public func revokeToken(named name: String, at time: String) throws {
        let names = try String.fetchAll(db, sql: "SELECT name FROM api_token WHERE revoked_at IS NULL ORDER BY name")
        try APIToken.checkRevocable(name, inUse: names)
        try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE name = ?", arguments: [time, name])
        try endSessions(ofTokenNamed: name, at: time)
    }
}

extension StoreReader {
    /// Every token, by name, revoked ones included.
    public func tokens() throws -> [APIToken] {
        try Row.fetchAll(db, sql: "SELECT name, role, created_at, revoked_at FROM api_token ORDER BY name").map { row in
            APIToken(
                name: row["name"], role: try TokenRole.parse(row["role"]), createdAt: row["created_at"],
                revokedAt: row["revoked_at"])
        }
    }

    /// The token in use whose secret has this digest, if any.
    public func token(digest: String) throws -> APIToken? {
        try Row.fetchOne(
            db, sql: "SELECT name, role, created_at FROM api_token WHERE digest = ? AND revoked_at IS NULL",
            arguments: [digest]
        ).map { row in APIToken(name: row["name"], role: try TokenRole.parse(row["role"]), createdAt: row["created_at"])
        }
    }

    /// Whether any token is in use.
    public func hasTokens() throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM api_token WHERE revoked_at IS NULL)") ?? false
    }
}
