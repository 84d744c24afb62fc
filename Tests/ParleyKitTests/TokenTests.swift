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
