import Foundation
import ParleyModel
import ParleyStore

/// How long a browser's session lasts: it ends after `idle` seconds without a request, and
/// `lifetime` seconds after it started whatever happens.
public struct SessionPolicy: Sendable, Equatable {
    /// Seconds without a request after which a session has ended.
    public var idle: Int
    /// Seconds after signing in after which a session has ended.
    public var lifetime: Int

    public init(idle: Int, lifetime: Int) {
        self.idle = idle
        self.lifetime = lifetime
    }

    /// Eight hours idle, seven days in all.
    public static let standard = SessionPolicy(idle: 8 * 3600, lifetime: 7 * 24 * 3600)
}

/// A started session: the id the browser keeps (it is stored only as a digest), and the token
/// it acts for.
public struct StartedSession: Sendable {
    /// The session's own random id; the browser sends it back in a cookie.
    public var id: String
    public var token: APIToken
}

extension Parley {
    /// Signs in with a token's secret: starts a session for the token and returns it, or nil
    /// when the secret is not one of a token in use. Sessions past their lifetime are cleared.
    public func startSession(secret: String, policy: SessionPolicy) throws -> StartedSession? {
        guard secret.hasPrefix(APIToken.secretPrefix) else { return nil }
        let id = Self.randomKey()
        let now = clock.now
        let token = try writing { writer in
            try writer.startSession(
                digest: Self.sessionDigest(id), tokenDigest: APIToken.digest(of: secret),
                at: clock.timestamp,
                expiredBefore: Clock.fixed(now.addingTimeInterval(-Double(policy.lifetime))).timestamp)
        }
        return token.map { StartedSession(id: id, token: $0) }
    }

    /// The token the session with this id acts for, if the session is open: not signed out, its
    /// token not revoked, used within the idle time and started within the lifetime. A use is
    /// recorded when the last one recorded is older than a minute (a quarter of the idle time,
    /// if that is shorter), so that the idle time counts from the latest use within that margin
    /// without a write for every request.
    public func session(id: String, policy: SessionPolicy) throws -> APIToken? {
        let digest = Self.sessionDigest(id)
        guard let session = try lookingUp({ try $0.session(digest: digest) }) else { return nil }
        let now = clock.now
        func ago(_ seconds: Int) -> String { Clock.fixed(now.addingTimeInterval(-Double(seconds))).timestamp }
        guard session.startedAt >= ago(policy.lifetime), session.usedAt >= ago(policy.idle) else { return nil }
        if session.usedAt < ago(min(60, policy.idle / 4)) {
            try writing { try $0.touchSession(digest: digest, at: clock.timestamp) }
        }
        return session.token
    }

    /// Signs out: the session with this id ends (nothing happens if it has ended already).
    public func endSession(id: String) throws {
        try writing { try $0.endSession(digest: Self.sessionDigest(id), at: clock.timestamp) }
    }

    /// What the store keeps of a session id. Ids are 256 random bits, so a plain digest is enough.
    static func sessionDigest(_ id: String) -> String { SHA256.hex("session:" + id) }
}
