import Foundation
import ParleyModel
import Testing
@testable import ParleyStore

@Suite("Snapshots in SQL")
struct SnapshotTests {
    static func database() throws -> ParleyDatabase {
        let db = try ParleyDatabase()
        try db.add(Party(id: "a", name: "A", kind: .state))
        try db.add(Party(id: "b", name: "B", kind: .state))
        try db.add(Issue(id: "dam", title: "Dam"))
        try db.add(Issue(id: "dam/funding", title: "Funding"))
        try db.add(Source(id: "herald", title: "H", published: try CalendarDate(parsing: "2019-06-02")))
        try db.add(Source(id: "courier", title: "C", published: try CalendarDate(parsing: "2019-06-03")))
        return db
    }

    static func say(_ db: ParleyDatabase, _ party: String, _ stance: String, _ said: String?, _ source: String, issue: String = "dam") throws {
        try db.add(Statement(party: party, issue: issue, kind: .assertion, stance: stance, summary: stance, said: try said.map { try CalendarDate(parsing: $0) }, source: source))
    }

    @Test("the latest statement on or before the date wins; ties go to the later source, then the later recording")
    func latestAndTies() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2016", "herald")
        try Self.say(db, "a", "conditional", "2019-06-01", "courier")
        try Self.say(db, "a", "accept", "2019-06-01", "herald")
        try Self.say(db, "b", "x", "2019-06-01", "herald")
        try Self.say(db, "b", "y", "2019-06-01", "herald")
        let now = try db.snapshot(asOf: try CalendarDate(parsing: "2019-12"))
        #expect(now.position(party: "a", issue: "dam")?.stance == "conditional")
        #expect(now.position(party: "b", issue: "dam")?.stance == "y")
        #expect(try db.snapshot(asOf: try CalendarDate(parsing: "2018")).position(party: "a", issue: "dam")?.stance == "oppose")
        #expect(try db.snapshot(asOf: try CalendarDate(parsing: "2016-12-30")).positions.isEmpty)
    }

    @Test("a statement without a said date counts from its source's date")
    func sourceDate() throws {
        let db = try Self.database()
        try Self.say(db, "a", "accept", nil, "courier")
        #expect(try db.snapshot(asOf: try CalendarDate(parsing: "2019-06-02")).positions.isEmpty)
        #expect(try db.snapshot(asOf: try CalendarDate(parsing: "2019-06-03")).positions.count == 1)
    }

    @Test("party and issue filters narrow the positions; the issue filter includes sub-issues")
    func filters() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2016", "herald")
        try Self.say(db, "b", "pay", "2016", "herald", issue: "dam/funding")
        #expect(try db.snapshot(asOf: nil, party: "b").positions.map(\.issue) == ["dam/funding"])
        #expect(try db.snapshot(asOf: nil, issue: "dam").positions.count == 2)
        #expect(try db.snapshot(asOf: nil, issue: "dam/funding").positions.count == 1)
        #expect(throws: StoreError.self) { try db.snapshot(asOf: nil, party: "c") }
    }

    @Test("'last moved' is the first statement of the unbroken run of the current label")
    func adoption() throws {
        let db = try Self.database()
        try Self.say(db, "a", "oppose", "2015", "herald")
        try Self.say(db, "a", "accept", "2017-05-01", "herald")
        try Self.say(db, "a", "accept", "2018-01-01", "herald")
        try Self.say(db, "b", "build", "2016-02-01", "herald")
        let snapshot = try db.snapshot(asOf: nil)
        let moved = try db.adoptions(of: snapshot.positions, asOf: nil)
        #expect(moved[PositionKey(party: "a", issue: "dam")]?.effectiveDate.description == "2017-05-01")
        #expect(moved[PositionKey(party: "b", issue: "dam")]?.effectiveDate.description == "2016-02-01")
    }
}
