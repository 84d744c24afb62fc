import Foundation
import ParleyCasefile
import ParleyModel
import Testing

@testable import ParleyStore

/// What a write staged on a copy of a case wrote and read (the footprint an import into PostgreSQL
/// holds the writes made meanwhile against), and the rule that says which of those writes meet it.
@Suite("The footprint of a staged write")
struct StagedFootprintTests {
    /// The tables of a case, parents first (PostgreSQL's copy moves these).
    static let tables = [
        "party", "actor", "issue", "source", "statement", "position_key", "agreement", "dispute",
        "agreement_step", "agreement_party", "agreement_step_party", "agreement_issue",
        "dispute_step", "dispute_party", "dispute_step_party", "dispute_issue",
        "change_log", "statement_condition", "label_relation", "label_order", "api_token", "session",
    ]

    /// The small case, captured, then a statements file (one statement numbered by SQLite, one
    /// with a number of its own, #10, on another pair) and a casefile adding party `east` staged
    /// on it; the database and the footprint.
    static func staged() throws -> (ParleyDatabase, StagedFootprint) {
        let db = try smallDatabase()
        try db.captureChanges(of: tables)
        let csv = try temporaryDirectory().appendingPathComponent("statements.csv")
        try Data(
            """
            number,party,issue,kind,stance,summary,source
            ,north,water/dam,demand,halt-dam,Halt the dam.,gazette-2020-05-01
            10,south,water,assertion,share-water,Share the river.,gazette-2020-05-01

            """.utf8
        ).write(to: csv)
        _ = try db.importStatements(csvPath: csv.path, recordedAt: testTime)
        let casefile = try CasefileReader.read(yaml: "parties:\n- {id: east, name: Eastland, kind: state}\n").get()
        try db.write { _ = try $0.importCasefile(casefile) }
        var footprint = try db.capturedFootprint(of: tables)
        footprint.skipped = []
        footprint.readsRelations = false
        return (db, footprint)
    }

    static func entry(_ action: LogAction, _ kind: RecordKind?, _ record: String?) -> LogEntry {
        LogEntry(at: testTime, by: "ana", action: action, kind: kind, record: record)
    }

    @Test("notes the numbers a write gave its rows above the highest, not the ones SQLite gave, and what it named")
    func footprint() throws {
        let (db, footprint) = try Self.staged()
        #expect(footprint.highest["statement"] == 2)
        #expect(footprint.chosenAbove == ["statement"])
        #expect(footprint.added[.party] == ["east"])
        #expect(footprint.touched[.party] == ["north", "south"])
        #expect(footprint.touched[.source] == ["gazette-2020-05-01"])
        #expect(footprint.touched[.issue] == ["water", "water/dam"])
        #expect(footprint.touchedStatements.isEmpty)
        let pairs = try [Int64(3), 10].map { number -> Int64 in
            let keys = try #require(try db.statementKeys(number))
            return keys.party << 32 | keys.issue
        }
        #expect(footprint.pairs == Set(pairs))
        // SQLite gave #3 and the party after the highest there was: they follow the case's highest.
        #expect(footprint.key(3, of: "statement", after: ["statement": 7]) == 8)
        #expect(footprint.key(2, of: "statement", after: ["statement": 7]) == 2)
        // #10 was the file's own: once other statements came in, the numbers SQLite gives depend
        // on the order, so the write must be made again.
        #expect(footprint.numbering(current: ["statement": 3, "party": 2]) != nil)
        #expect(footprint.numbering(current: ["statement": 2, "party": 5]) == nil)
    }

    @Test("writes made meanwhile meet it only where they touch what it wrote or read")
    func conflicts() throws {
        let (db, footprint) = try Self.staged()
        func conflict(_ entry: LogEntry, now: StatementKeys? = nil) throws -> String? {
            try footprint.conflict(
                with: entry, now: { number in try now ?? db.statementKeys(number) }, then: db.statementKeys,
                addsSame: db.addedStatement(sameAs:))
        }
        #expect(try conflict(Self.entry(.token, nil, "reader")) == nil)
        #expect(try conflict(Self.entry(.add, .party, "west")) == nil)
        #expect(try conflict(Self.entry(.add, .party, "east")) != nil)
        #expect(try conflict(Self.entry(.add, .source, "wire-2024-01-01")) == nil)
        // A statement added meanwhile: another one meets nothing, the one the file adds meets it.
        let added = try #require(try db.statementKeys(3))
        var other = added
        other.identity[1] = .text("other-stance")
        #expect(try conflict(Self.entry(.add, .statement, "#20"), now: other) == nil)
        #expect(try conflict(Self.entry(.add, .statement, "#20"), now: added) != nil)
        // #1 is north on water/dam, where the file adds a statement; #2 south on water/dam, where
        // it adds none.
        #expect(try conflict(Self.entry(.amend, .statement, "#1")) != nil)
        #expect(try conflict(Self.entry(.retract, .statement, "#2")) == nil)
        var skipping = footprint
        skipping.skipped = [.statement]
        #expect(
            try skipping.conflict(
                with: Self.entry(.amend, .statement, "#2"), now: db.statementKeys, then: db.statementKeys,
                addsSame: { _ in false }) != nil)
        // Records it named, or of a kind it added, edited meanwhile.
        #expect(try conflict(Self.entry(.edit, .source, "gazette-2020-05-01")) != nil)
        #expect(try conflict(Self.entry(.edit, .source, "bulletin-2023-12-31")) == nil)
        #expect(try conflict(Self.entry(.edit, .party, "north")) != nil)
        #expect(try conflict(Self.entry(.step, .agreement, "river-commission")) == nil)
        #expect(try conflict(Self.entry(.relate, .issue, "water/dam")) == nil)
        #expect(try conflict(Self.entry(.relabel, .issue, "water")) != nil)
        #expect(try conflict(Self.entry(.import, nil, "more.yaml")) != nil)
    }
}
