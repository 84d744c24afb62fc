import Foundation
import GRDB
import ParleyCasefile
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Store")
struct StoreTests {
    @Test("the schema itself refuses rows that break the rules")
    func schemaEnforces() throws {
        let db = try smallDatabase()
        let bad = [
            "INSERT INTO party (id, name, kind) VALUES ('east', 'East', 'empire')",
            "INSERT INTO party (id, name, kind) VALUES ('East', 'East', 'state')",
            "INSERT INTO actor (id, name, party_pk) VALUES ('ed', 'Ed', 999)",
            """
            INSERT INTO statement (party_pk, issue_pk, kind, stance, summary, said_key, source_pk, source_key,
                                   recorded_at) VALUES (1, 1, 'threat', 'x', 's', 1, 1, 1, 'now')
            """,
            """
            INSERT INTO dispute_step (dispute_pk, status, "on", on_key, source_pk)
            VALUES (1, 'won', '2020', 20201231, 1)
            """,
            "INSERT INTO dispute_party (dispute_pk, party_pk, role, position) VALUES (1, 1, 'judge', 9)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.writer.write { try $0.execute(sql: sql) } }
        }
    }

    @Test("a write that fails part-way keeps nothing of what it did")
    func writesAreAllOrNothing() throws {
        let db = try smallDatabase()
        let before = try db.export()
        #expect(throws: StoreError.self) {
            try db.write { writer in
                try writer.add(Party(id: "east", name: "East", kind: .state))
                try writer.add(Party(id: "north", name: "Again", kind: .state))
            }
        }
        #expect(try db.export() == before)
    }

    @Test("an unknown id in a filter is an error with suggestions, never an empty answer")
    func unknownFilter() throws {
        let db = try smallDatabase()
        #expect(throws: StoreError.notFound(.issue, id: "wter", suggestions: ["water"])) {
            try db.read { try $0.statements(StatementFilter(issue: "wter")) }
        }
    }

    @Test("agreements and disputes are narrowed in SQL to an issue subtree and a party")
    func trackedFilters() throws {
        let db = try smallDatabase()
        #expect(try db.read { try $0.agreements() }.map(\.id) == ["river-commission"])
        #expect(try db.read { try $0.tracked(AgreementStatus.self, issue: "water/dam") }.isEmpty)
        #expect(try db.read { try $0.tracked(DisputeStatus.self, issue: "water") }.map(\.id) == ["dam-dispute"])
        #expect(try db.read { try $0.tracked(DisputeStatus.self, party: "north") }.first?.history.count == 1)
        try db.write { try $0.add(Party(id: "east", name: "East", kind: .state)) }
        #expect(try db.read { try $0.tracked(DisputeStatus.self, party: "east") }.isEmpty)
    }

    @Test("SQLite's failures come out as the store's own errors")
    func sqliteErrorsMapped() {
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_BUSY)) == .busy)
        #expect(StoreError(DatabaseError(resultCode: .SQLITE_FULL)) == .diskFull)
        if case .damaged = StoreError(DatabaseError(resultCode: .SQLITE_CORRUPT)) {
        } else {
            Issue.record("corrupt is not 'damaged'")
        }
        if case .readOnly = StoreError(DatabaseError(resultCode: .SQLITE_READONLY)) {
        } else {
            Issue.record("read-only is not 'readOnly'")
        }
    }
}

@Suite("Consistent reads")
struct ConsistentReadTests {
    @Test("a report's reads, taken while another connection commits, see all of that commit or none of it")
    func readSeesOneState() throws {
        let path = try temporaryDirectory().appendingPathComponent("case.sqlite").path
        let reader = try ParleyDatabase(path: path, for: .create)
        try reader.write { try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get()) }
        let writer = try ParleyDatabase(path: path)
        let (first, second) = try reader.read { transaction -> (Int, Int) in
            let first = try transaction.statementCount()
            // Another connection commits between the two reads of this transaction.
            try writer.write { w in
                try w.add(Party(id: "east", name: "East", kind: .state))
                try w.record(
                    Statement(
                        party: "east", issue: "water", kind: .demand, stance: "share", summary: "Share.",
                        source: "gazette-2020-05-01",
                        recordedAt: testTime))
            }
            return (first, try transaction.statementCount())
        }
        #expect(first == 2)
        #expect(second == 2)
        #expect(try reader.statementCount() == 3)
    }
}

@Suite("Migrations")
struct MigrationTests {
    @Test("a database made by the first schema is migrated on open and keeps its disputes")
    func upgradesV1() throws {
        let path = try temporaryDirectory().appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ParleyDatabase.migrator.migrate(queue, upTo: "v1-schema")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO party (id, name, kind) VALUES ('a', 'A', 'state'), ('b', 'B', 'state');
                        INSERT INTO issue (id, title) VALUES ('i', 'I');
                        INSERT INTO source (id, title, published, published_key) VALUES ('s', 'S', '2020', 20201231);
                        INSERT INTO dispute (id, title, issue_pk) VALUES ('d', 'D', 1);
                        INSERT INTO dispute_party (dispute_pk, party_pk, position) VALUES (1, 1, 0), (1, 2, 1);
                        INSERT INTO dispute_step (dispute_pk, status, "on", on_key, source_pk)
                        VALUES (1, 'open', '2020', 20201231, 1);
                        """)
            }
        }
        let db = try ParleyDatabase(path: path)
        let disputes = try db.read { try $0.disputes() }
        #expect(disputes.map(\.parties) == [["a", "b"]])
        #expect(disputes.first?.mediators == [])
    }

    @Test("a database from before the position spans gets them, each position's last move found, on open")
    func upgradesV9() throws {
        let path = try temporaryDirectory().appendingPathComponent("old.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ParleyDatabase.migrator.migrate(queue, upTo: "v9-covering-position-index")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO party (id, name, kind) VALUES ('a', 'A', 'state');
                        INSERT INTO issue (id, title) VALUES ('i', 'I');
                        INSERT INTO source (id, title, published, published_key) VALUES ('s', 'S', '2020', 20201231);
                        INSERT INTO statement (party_pk, issue_pk, kind, stance, summary, said, said_key, source_pk,
                                               source_key, recorded_at)
                        VALUES (1, 1, 'demand', 'x', 'X.', '2020-01-01', 20200101, 1, 20201231, '2026-01-01T00:00:00Z'),
                               (1, 1, 'demand', 'y', 'Y.', '2020-02-01', 20200201, 1, 20201231, '2026-01-01T00:00:00Z'),
                               (1, 1, 'demand', 'y', 'Y again.', '2020-03-01', 20200301, 1, 20201231,
                                '2026-01-01T00:00:00Z');
                        """)
            }
        }
        let db = try ParleyDatabase(path: path)
        try db.read { reader in
            let spans = try PositionSpans.stored(reader.db)
            #expect(spans == (try PositionSpans.recomputed(reader.db)))
            #expect(spans.map(\.span.moved) == [1, 2, 2])
            #expect(spans.map(\.span.previousLabel) == [nil, "x", "x"])
        }
        let now = try db.read { try $0.positions(asOf: nil) }
        #expect(try db.read { try $0.adoptions(of: now, asOf: nil) }.values.map(\.statement.sequence) == [2])
    }

    @Test("a database of the corrections schema keeps its agreement steps, members and retractions on upgrade")
    func upgradesV3() throws {
        let path = try temporaryDirectory().appendingPathComponent("v3.sqlite").path
        do {
            let queue = try DatabaseQueue(path: path)
            try ParleyDatabase.migrator.migrate(queue, upTo: "v3-corrections")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO party (id, name, kind) VALUES ('a', 'A', 'state'), ('b', 'B', 'state'),
                            ('c', 'C', 'state');
                        INSERT INTO issue (id, title) VALUES ('i', 'I');
                        INSERT INTO source (id, title, published, published_key) VALUES ('s', 'S', '2020', 20201231);
                        INSERT INTO agreement (id, title, issue_pk) VALUES ('g', 'G', 1);
                        INSERT INTO agreement_party (agreement_pk, party_pk, role, position) VALUES (1, 1, 'party', 0),
                            (1, 2, 'party', 1);
                        INSERT INTO agreement_step (agreement_pk, seq, status, "on", on_key, source_pk)
                            VALUES (1, 1, 'signed', '2020-01', 20200131, 1);
                        INSERT INTO agreement_step (agreement_pk, seq, status, "on", on_key, source_pk, retracted_at,
                                                    retracted_by, retract_reason)
                            VALUES (1, 2, 'broken', '2020-02', 20200229, 1, '2026-01-01T00:00:00Z', 'x', 'wrong');
                        INSERT INTO agreement_step_party (step_pk, party_pk, role, change) VALUES (1, 3, 'party', 'join');
                        """)
            }
        }
        let db = try ParleyDatabase(path: path)
        let agreement = try #require(try db.read { try $0.agreements() }.first)
        #expect(agreement.history.map(\.status) == [.signed, .broken])
        #expect(agreement.history[0].addParties == ["c"])
        #expect(agreement.history[1].retraction?.reason == "wrong")
        #expect(agreement.history.allSatisfy { $0.accordingTo == nil && !$0.onIsSourceDate })
        #expect(try db.read { try $0.foreignKeyProblems() } == 0)
    }
}

extension StoreReader {
    /// How many rows break a foreign key.
    func foreignKeyProblems() throws -> Int {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
    }
}
