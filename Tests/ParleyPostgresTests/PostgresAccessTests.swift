import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// Tokens and browser sessions on PostgreSQL: made, refused and revoked as on SQLite, and
    /// shared by every connection to the database, so that a token made by one process signs in
    /// on another and a session started through one server is open on the others.
    extension PostgresWriteTests {
        /// Every table's rows without the digests of secrets and session ids (random on each twin).
        func rowsWithoutDigests(_ rows: Rows) -> Rows {
            rows.mapValues { Self.sorted($0.map { $0.filter { $0.key != "digest" } }) }
        }

        @Test("tokens are made, listed, refused and revoked as on SQLite, with the same change log")
        func tokens() throws {
            try withTwins { sqlite, postgres, file, address in
                var secrets: [String] = []
                for parley in [sqlite, postgres] {
                    secrets.append(try parley.createToken(name: "desk", role: .editor))
                    _ = try parley.createToken(name: "reader", role: .viewer)
                }
                #expect(try postgres.tokens().records == sqlite.tokens().records)
                #expect(try postgres.tokens().records.map(\.name) == ["desk", "reader"])
                #expect(try postgres.authenticate(secrets[1])?.name == "desk")
                #expect(try postgres.authenticate(secrets[0]) == nil, "the SQLite twin's secret is not PostgreSQL's")
                #expect(try postgres.hasTokens())
                // A name taken, a blank name, an unknown token (with the closest name).
                _ = try expectRefusedAlike(sqlite, postgres, file, address, alsoComparing: false) {
                    _ = try $0.createToken(name: "desk", role: .viewer)
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address, alsoComparing: false) {
                    _ = try $0.createToken(name: "  ", role: .viewer)
                }
                let unknown = try expectRefusedAlike(sqlite, postgres, file, address, alsoComparing: false) {
                    try $0.revokeToken(named: "dek")
                }
                #expect(unknown?.localizedDescription.contains("desk") == true)
                for parley in [sqlite, postgres] { try parley.revokeToken(named: "desk") }
                #expect(try postgres.authenticate(secrets[1]) == nil)
                #expect(try postgres.tokens().records == sqlite.tokens().records)
                // Revoked tokens stay listed, and a revoked one cannot be revoked again.
                _ = try expectRefusedAlike(sqlite, postgres, file, address, alsoComparing: false) {
                    try $0.revokeToken(named: "desk")
                }
                #expect(try rowsWithoutDigests(rows(postgres: address)) == rowsWithoutDigests(rows(sqlite: file)))
                #expect(try reports(postgres) == reports(sqlite))
                #expect(try postgres.changeVersion() == sqlite.changeVersion())
            }
        }

        @Test("a token made through one connection signs in through another; sessions are shared and end alike")
        func sessionsAcrossConnections() throws {
            try withTwins { _, postgres, _, address in
                let policy = SessionPolicy(idle: 600, lifetime: 3600)
                let secret = try postgres.createToken(name: "desk", role: .editor)
                // Another process: a connection of its own.
                let other = try Parley.open(database: address, for: .write, clock: Self.clock, user: "server-b")
                #expect(try other.authenticate(secret)?.role == .editor)
                #expect(try other.startSession(secret: "parley_wrong", policy: policy) == nil)
                let started = try #require(try other.startSession(secret: secret, policy: policy))
                #expect(try postgres.session(id: started.id, policy: policy)?.name == "desk")
                // Idle too long, seen from a third connection whose clock is later.
                let later = try Parley.open(
                    database: address, for: .write,
                    clock: .fixed(Self.clock.now.addingTimeInterval(601)), user: "server-c")
                #expect(try later.session(id: started.id, policy: policy) == nil)
                // Used within the idle time on one connection, then signed out on another.
                let soon = try Parley.open(
                    database: address, for: .write,
                    clock: .fixed(Self.clock.now.addingTimeInterval(300)), user: "server-c")
                #expect(try soon.session(id: started.id, policy: policy)?.name == "desk")
                #expect(try later.session(id: started.id, policy: policy)?.name == "desk", "the use was recorded")
                try postgres.endSession(id: started.id)
                #expect(try other.session(id: started.id, policy: policy) == nil)
                // Revoking a token ends its open sessions on every connection.
                let again = try #require(try postgres.startSession(secret: secret, policy: policy))
                #expect(try other.session(id: again.id, policy: policy) != nil)
                try other.revokeToken(named: "desk")
                #expect(try postgres.session(id: again.id, policy: policy) == nil)
                #expect(try postgres.authenticate(secret) == nil)
                #expect(try !postgres.hasTokens())
            }
        }
    }
#endif
