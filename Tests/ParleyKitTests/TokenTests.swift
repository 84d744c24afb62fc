import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

/// Tokens let a team use parley-server: the secret is shown once and only its digest is kept.
@Suite("Tokens")
struct TokenTests {
    @Test("a token's secret authenticates it until it is revoked; the log names who made and revoked it")
    func lifecycle() throws {
        let parley = try smallCase().by("admin")
        #expect(try parley.hasTokens() == false)
        let secret = try parley.createToken(name: "newsdesk", role: .editor)
        #expect(secret.hasPrefix("parley_"))
        #expect(secret.count > 40)
        #expect(try parley.hasTokens())
        let token = try #require(try parley.authenticate(secret))
        #expect(token.name == "newsdesk")
        #expect(token.role == .editor)
        #expect(try parley.authenticate(secret + "x") == nil)
        #expect(try parley.authenticate("newsdesk") == nil)

        try parley.revokeToken(named: "newsdesk")
        #expect(try parley.authenticate(secret) == nil)
        #expect(try parley.hasTokens() == false)
        let log = try parley.log().entries.filter { $0.action == .token }
        #expect(log.count == 2)
        #expect(log.allSatisfy { $0.by == "admin" })
    }

    @Test("two tokens never share a secret, a name is used once, and an unknown name cannot be revoked")
    func namesAndSecrets() throws {
        let parley = try smallCase()
        let first = try parley.createToken(name: "a", role: .viewer)
        let second = try parley.createToken(name: "b", role: .viewer)
        #expect(first != second)
        // A taken name collides, a blank one is invalid, an unknown one is not found: each front end
        // answers them differently (409, 400, 404 from the server).
        func kind(_ body: () throws -> Void) -> ErrorKind? {
            do { try body() } catch let error as any KindedError { return error.kind } catch { return nil }
            return nil
        }
        #expect(kind { _ = try parley.createToken(name: "a", role: .editor) } == .conflict)
        #expect(kind { _ = try parley.createToken(name: " ", role: .editor) } == .invalid)
        #expect(kind { try parley.revokeToken(named: "nobody") } == .notFound)
        #expect(try parley.tokens().records.map(\.name) == ["a", "b"])
    }
}

/// A clock a test moves forward.
final class MovingClock: @unchecked Sendable {
    private var date = Date(timeIntervalSince1970: 1_767_225_600)
    private let lock = NSLock()
    var clock: Clock { Clock { [self] in lock.withLock { date } } }
    func advance(_ seconds: Double) { lock.withLock { date += seconds } }
}

/// Browser sessions: signing in trades a token's secret for a session id of its own.
@Suite("Sessions")
struct SessionTests {
    let policy = SessionPolicy(idle: 3600, lifetime: 4 * 3600)

    func parley(_ time: MovingClock) throws -> Parley {
        let parley = try smallCase()
        return Parley(store: try parley.store, clock: time.clock, user: "admin")
    }

    @Test(
        "a session acts for its token until its user signs out; its id is not the secret and is stored only as a digest"
    )
    func signInAndOut() throws {
        let time = MovingClock()
        let parley = try parley(time)
        let secret = try parley.createToken(name: "desk", role: .editor)
        #expect(try parley.startSession(secret: secret + "x", policy: policy) == nil)
        let session = try #require(try parley.startSession(secret: secret, policy: policy))
        #expect(session.token.name == "desk")
        #expect(session.id != secret && !session.id.contains(secret) && session.id.count >= 43)
        #expect(try parley.session(id: session.id, policy: policy)?.role == .editor)
        let stored = try parley.store.read { reader in
            try reader.session(digest: SHA256.hex("session:" + session.id))
        }
        #expect(stored != nil, "the store keeps the digest of the id")
        #expect(try parley.session(id: session.id + "x", policy: policy) == nil)
        try parley.endSession(id: session.id)
        #expect(try parley.session(id: session.id, policy: policy) == nil)
        // Signing in and out is not a change to the case: the log has only the token's making.
        #expect(try parley.log().entries.count { $0.action == .token } == 1)
    }

    @Test("a session ends after its idle time, and after its lifetime however busy it is")
    func lifetimes() throws {
        let time = MovingClock()
        let parley = try parley(time)
        let secret = try parley.createToken(name: "desk", role: .viewer)
        let idle = try #require(try parley.startSession(secret: secret, policy: policy))
        let busy = try #require(try parley.startSession(secret: secret, policy: policy))
        for _ in 0..<3 {
            time.advance(50 * 60)
            #expect(try parley.session(id: busy.id, policy: policy) != nil, "used every 50 minutes, it stays open")
        }
        #expect(try parley.session(id: idle.id, policy: policy) == nil, "unused for 150 minutes, it has ended")
        time.advance(50 * 60)
        #expect(try parley.session(id: busy.id, policy: policy) != nil)
        time.advance(50 * 60)  // 250 minutes after signing in: past the four hours
        #expect(try parley.session(id: busy.id, policy: policy) == nil)
    }

    @Test("revoking a token ends its sessions at once")
    func revoke() throws {
        let time = MovingClock()
        let parley = try parley(time)
        let secret = try parley.createToken(name: "desk", role: .editor)
        let other = try parley.createToken(name: "other", role: .editor)
        let session = try #require(try parley.startSession(secret: secret, policy: policy))
        let kept = try #require(try parley.startSession(secret: other, policy: policy))
        try parley.revokeToken(named: "desk")
        #expect(try parley.session(id: session.id, policy: policy) == nil)
        #expect(try parley.session(id: kept.id, policy: policy) != nil)
        #expect(try parley.startSession(secret: secret, policy: policy) == nil)
    }
}
