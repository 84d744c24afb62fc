import Foundation
import GRDB
import ParleyModel
import Testing

@testable import ParleyStore

/// The snapshot as of `date` (nil: everything), in one read.
private func snapshot(_ db: ParleyDatabase, _ date: String? = nil, party: String? = nil, issue: String? = nil) throws
    -> Snapshot
{
    try db.read { try $0.snapshot(asOf: try date.map { try CalendarDate(parsing: $0) }, party: party, issue: issue) }
}

@Suite("Snapshots in SQL")
struct SnapshotTests {
    static func database() throws -> ParleyDatabase {
        let db = try ParleyDatabase()
        try db.write { w in
            try w.add(Party(id: "a", name: "A", kind: .state))
            try w.add(Party(id: "b", name: "B", kind: .state))
            try w.add(Issue(id: "dam", title: "Dam"))
            try w.add(Issue(id: "dam/funding", title: "Funding"))
            try w.add(Source(id: "herald", title: "H", published: try CalendarDate(parsing: "2019-06-02")))
            try w.add(Source(id: "courier", title: "C", published: try CalendarDate(parsing: "2019-06-03")))
        }
        return db
    }

    static func say(
        _ db: ParleyDatabase, _ party: String, _ stance: String, _ said: String?, _ source: String,
        issue: String = "dam"
    ) throws {
        try db.record(
            Statement(
                party: party, issue: issue, kind: .assertion, stance: stance, summary: stance,
                said: try said.map { try CalendarDate(parsing: $0) }, source: source))
    }

    @Test("the latest statement on or before the date wins; ties go to the later source, then the later recording")
    func latestAndTies() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2016", "herald")
        try Self.say(db, "a", "conditional", "2019-06-01", "courier")
        try Self.say(db, "a", "accept", "2019-06-01", "herald")
        try Self.say(db, "b", "x", "2019-06-01", "herald")
        try Self.say(db, "b", "y", "2019-06-01", "herald")
        let now = try snapshot(db, "2019-12")
        #expect(now.position(party: "a", issue: "dam")?.stance == "conditional")
        #expect(now.position(party: "b", issue: "dam")?.stance == "y")
        #expect(try snapshot(db, "2018").position(party: "a", issue: "dam")?.stance == "oppose")
        #expect(try snapshot(db, "2016-12-30").positions.isEmpty)
    }

    @Test("a statement without a said date counts from its source's date")
    func sourceDate() throws {
        let db = try Self.database()
        try Self.say(db, "a", "accept", nil, "courier")
        #expect(try snapshot(db, "2019-06-02").positions.isEmpty)
        #expect(try snapshot(db, "2019-06-03").positions.count == 1)
    }

    @Test("party and issue filters narrow the positions; the issue filter includes sub-issues")
    func filters() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2016", "herald")
        try Self.say(db, "b", "pay", "2016", "herald", issue: "dam/funding")
        #expect(try snapshot(db, party: "b").positions.map(\.issue) == ["dam/funding"])
        #expect(try snapshot(db, issue: "dam").positions.count == 2)
        #expect(try snapshot(db, issue: "dam/funding").positions.count == 1)
        #expect(throws: StoreError.self) { try snapshot(db, party: "c") }
    }

    @Test("a position and its last move are found on the position index alone, without reading statements")
    func coveringIndex() throws {
        let db = try Self.database()
        // The shapes of the as-of seek and of the walk back over a run of one label (see
        // `positions(asOf:)` and `adoptions(of:asOf:)`): SQLite must answer both from the index.
        let seek = """
            SELECT x.said_key FROM statement x
            WHERE x.party_pk = 1 AND x.issue_pk = 1 AND x.said_key <= 20200101
              AND x.retracted_at IS NULL AND x.about_pk IS NULL
            ORDER BY x.said_key DESC LIMIT 1
            """
        let walk = """
            SELECT x.pk FROM statement x
            WHERE x.party_pk = 1 AND x.issue_pk = 1 AND x.said_key <= 20200101
              AND x.retracted_at IS NULL AND x.about_pk IS NULL AND instr(',a,', ',' || x.stance || ',') = 0
            ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1
            """
        for sql in [seek, walk] {
            let plan = try db.read { reader in
                try String.fetchAll(
                    reader.db, sql: "EXPLAIN QUERY PLAN " + sql, adapter: SuffixRowAdapter(fromIndex: 3))
            }
            #expect(
                plan == ["SEARCH x USING COVERING INDEX statement_position (party_pk=? AND issue_pk=? AND said_key<?)"])
        }
    }

    @Test("'last moved' is the first statement of the unbroken run of the current label")
    func adoption() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2015", "herald")
        try Self.say(db, "a", "accept", "2017-05-01", "herald")
        try Self.say(db, "a", "accept", "2018-01-01", "herald")
        try Self.say(db, "b", "build", "2016-02-01", "herald")
        let moved = try db.read { try $0.adoptions(of: try $0.snapshot(asOf: nil).positions, asOf: nil) }
        #expect(moved[PositionKey(party: "a", issue: "dam")]?.statement.effectiveDate.description == "2017-05-01")
        #expect(moved[PositionKey(party: "b", issue: "dam")]?.statement.effectiveDate.description == "2016-02-01")
    }
}
