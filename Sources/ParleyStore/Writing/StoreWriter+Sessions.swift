import GRDB
import ParleyModel

extension StoreWriter {
    /// Starts a session for the token in use whose secret has `tokenDigest`, filed under the
    /// digest of the session's id; nil (and nothing written) when no such token is in use.
    /// Sessions that have ended, or started before `expiredBefore`, are deleted.
    public func startSession(digest: String, tokenDigest: String, at time: String, expiredBefore cutoff: String)
        throws -> APIToken?
    {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT pk, name, role, created_at FROM api_token WHERE digest = ? AND revoked_at IS NULL",
                arguments: [tokenDigest])
        else { return nil }
        try db.execute(
            sql: "DELETE FROM session WHERE ended_at IS NOT NULL OR started_at < ?", arguments: [cutoff])
        try db.execute(
            sql: "INSERT INTO session (digest, token_pk, started_at, used_at) VALUES (?, ?, ?, ?)",
            arguments: [digest, row["pk"] as Int64, time, time])
        return APIToken(name: row["name"], role: try TokenRole.parse(row["role"]), createdAt: row["created_at"])
    }

    /// Notes that the session with this digest was used at `time`.
    public func touchSession(digest: String, at time: String) throws {
        try db.execute(sql: "UPDATE session SET used_at = ? WHERE digest = ?", arguments: [time, digest])
    }

    /// Ends the session with this digest (signing out); nothing happens if it has ended already.
    public func endSession(digest: String, at time: String) throws {
        try db.execute(
            sql: "UPDATE session SET ended_at = ? WHERE digest = ? AND ended_at IS NULL", arguments: [time, digest])
    }

    /// Ends every open session of the token named `name` (when it is revoked).
    func endSessions(ofTokenNamed name: String, at time: String) throws {
        try db.execute(
            sql: """
                UPDATE session SET ended_at = ?
                WHERE ended_at IS NULL AND token_pk IN (SELECT pk FROM api_token WHERE name = ?)
                """,
            arguments: [time, name])
    }
}

/// A session as stored: its token, and when it started and was last used.
public struct StoredSession: Sendable {
    public var token: APIToken
    /// ISO 8601 UTC.
    public var startedAt: String
    /// ISO 8601 UTC.
    public var usedAt: String

    public init(token: APIToken, startedAt: String, usedAt: String) {
        self.token = token
        self.startedAt = startedAt
        self.usedAt = usedAt
    }
}

extension StoreReader {
    /// The open session with this digest whose token is still in use, if any.
    public func session(digest: String) throws -> StoredSession? {
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT t.name, t.role, t.created_at, s.started_at, s.used_at
                    FROM session s JOIN api_token t ON t.pk = s.token_pk
                    WHERE s.digest = ? AND s.ended_at IS NULL AND t.revoked_at IS NULL
                    """, arguments: [digest])
        else { return nil }
        return StoredSession(
            token: APIToken(name: row["name"], role: try TokenRole.parse(row["role"]), createdAt: row["created_at"]),
            startedAt: row["started_at"], usedAt: row["used_at"])
    }
}
