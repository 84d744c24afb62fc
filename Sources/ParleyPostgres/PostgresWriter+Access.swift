#if PostgreSQL
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    /// Tokens and browser sessions on PostgreSQL: the rows SQLite's store keeps (`api_token`,
    /// `session`), so that a token made by one process signs in on another, and a session started
    /// on one server is open on every server of the database.
    extension PostgresWriter {
        // MARK: - Look-ups

        public func tokens() throws -> [APIToken] {
            try session.rows("SELECT name, role, created_at, revoked_at FROM api_token ORDER BY name").map { row in
                let (name, role, createdAt, revokedAt) = try row.decode((String, String, String, String?).self)
                return APIToken(name: name, role: try TokenRole.parse(role), createdAt: createdAt, revokedAt: revokedAt)
            }
        }

        public func token(digest: String) throws -> APIToken? {
            try session.rows(
                "SELECT name, role, created_at FROM api_token WHERE digest = $1 AND revoked_at IS NULL",
                [.text(digest)]
            ).first.map { row in
                let (name, role, createdAt) = try row.decode((String, String, String).self)
                return APIToken(name: name, role: try TokenRole.parse(role), createdAt: createdAt)
            }
        }

        public func hasTokens() throws -> Bool {
            try !session.rows("SELECT 1 FROM api_token WHERE revoked_at IS NULL LIMIT 1").isEmpty
        }

        public func session(digest: String) throws -> StoredSession? {
            try session.rows(
                """
                SELECT t.name, t.role, t.created_at, s.started_at, s.used_at
                FROM session s JOIN api_token t ON t.pk = s.token_pk
                WHERE s.digest = $1 AND s.ended_at IS NULL AND t.revoked_at IS NULL
                """, [.text(digest)]
            ).first.map { row in
                let (name, role, createdAt, startedAt, usedAt) = try row.decode(
                    (String, String, String, String, String).self)
                return StoredSession(
                    token: APIToken(name: name, role: try TokenRole.parse(role), createdAt: createdAt),
                    startedAt: startedAt, usedAt: usedAt)
            }
        }

        public func changeVersion() throws -> Int64 { try reader.changeVersion() }

        // MARK: - Writes

        public func addToken(_ token: APIToken, digest: String) throws {
            let taken = try !session.rows("SELECT 1 FROM api_token WHERE name = $1", [.text(token.name)]).isEmpty
            try token.checkNew(nameTaken: taken)
            do {
                try session.execute(
                    """
                    INSERT INTO api_token (pk, name, role, digest, created_at)
                    VALUES (\(Self.nextKey("api_token")), $1, $2, $3, $4)
                    """,
                    [.text(token.name), .text(token.role.rawValue), .text(digest), .text(token.createdAt)])
            } catch StoreError.postgres(_, .server("23505", _)) {
                // Another connection made a token of this name since the check above.
                try token.checkNew(nameTaken: true)
            }
        }

        public func revokeToken(named name: String, at time: String) throws {
            // Locked, so that two processes revoking one token do not both find it in use.
            let names = try session.rows(
                "SELECT name FROM api_token WHERE revoked_at IS NULL ORDER BY name FOR UPDATE"
            ).map { try $0.decode(String.self) }
            try APIToken.checkRevocable(name, inUse: names)
            try session.execute(
                "UPDATE api_token SET revoked_at = $1 WHERE name = $2", [.text(time), .text(name)])
            try session.execute(
                """
                UPDATE session SET ended_at = $1
                WHERE ended_at IS NULL AND token_pk IN (SELECT pk FROM api_token WHERE name = $2)
                """, [.text(time), .text(name)])
        }

        public func startSession(digest: String, tokenDigest: String, at time: String, expiredBefore cutoff: String)
            throws -> APIToken?
        {
            // The token's row is locked (shared), so that it cannot be revoked between this check
            // and the session's insertion.
            guard
                let row = try session.rows(
                    """
                    SELECT pk, name, role, created_at FROM api_token
                    WHERE digest = $1 AND revoked_at IS NULL FOR SHARE
                    """, [.text(tokenDigest)]
                ).first
            else { return nil }
            let (pk, name, role, createdAt) = try row.decode((Int64, String, String, String).self)
            try session.execute(
                "DELETE FROM session WHERE ended_at IS NOT NULL OR started_at < $1", [.text(cutoff)])
            try session.execute(
                """
                INSERT INTO session (pk, digest, token_pk, started_at, used_at)
                VALUES (\(Self.nextKey("session")), $1, $2, $3, $4)
                """,
                [.text(digest), .integer(pk), .text(time), .text(time)])
            return APIToken(name: name, role: try TokenRole.parse(role), createdAt: createdAt)
        }

        public func touchSession(digest: String, at time: String) throws {
            try session.execute("UPDATE session SET used_at = $1 WHERE digest = $2", [.text(time), .text(digest)])
        }

        public func endSession(digest: String, at time: String) throws {
            try session.execute(
                "UPDATE session SET ended_at = $1 WHERE digest = $2 AND ended_at IS NULL", [.text(time), .text(digest)])
        }
    }
#endif
