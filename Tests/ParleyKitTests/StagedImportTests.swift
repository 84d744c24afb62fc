import Foundation
import ParleyKit
import ParleyModel
import Testing

@testable import ParleyStore

/// A statements import is checked before it takes the write lock and copied in by one short
/// transaction: another writer may write meanwhile, and what it writes is neither lost nor
/// duplicated; what it writes that conflicts with the file stops the import with nothing written.
@Suite("Imports that other writers do not wait for")
struct StagedImportTests {
    /// A case in a file, with the parties, issue and source the CSV below names.
    static func caseFile() throws -> (path: String, csv: String, parley: Parley) {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("case.sqlite").path
        let parley = try Parley.open(database: path, for: .create, clock: testClock)
        for party in ["north", "south"] { try parley.add(Party(id: party, name: party, kind: .state)) }
        try parley.add(Issue(id: "water", title: "Sharing the river"))
        try parley.add(Source(id: "gazette", title: "Gazette", published: try date("2020-05-01")))
        let csv = dir.appendingPathComponent("statements.csv").path
        try Data(
            """
            party,issue,kind,stance,summary,said,source
            north,water,demand,stop-dam,North wants the dam stopped.,2020-04-01,gazette
            south,water,rejection,build-dam,South will build.,2020-04-02,gazette
            north,water,proposal,pause-dam,North offers a pause.,2020-04-03,gazette

            """.utf8
        ).write(to: URL(fileURLWithPath: csv))
        return (path, csv, parley)
    }

    /// What another program would record: a second connection to the same file.
    static func otherWriter(_ path: String) throws -> Parley {
        try Parley.open(database: path, for: .write, clock: testClock, user: "desk")
    }

    static func statement(_ party: String, _ stance: String, said: String, summary: String) throws -> NewStatement {
        NewStatement(
            party: party, issue: "water", kind: .proposal, stance: stance, summary: summary,
            said: try date(said), source: "gazette")
    }

    static func summaries(_ parley: Parley) throws -> [String] {
        try parley.store.read { reader in
            try String.fetchAll(reader.db, sql: "SELECT summary FROM statement ORDER BY pk")
        }
    }

    @Test("a statement recorded while the file is checked is kept once, beside every imported one")
    func concurrentWriteKept() throws {
        let (path, csv, parley) = try Self.caseFile()
        var number: Int64?
        let counts = try parley.importStatements(
            csvPath: csv,
            staged: {
                number = try Self.otherWriter(path).record(
                    try Self.statement("south", "talk-dam", said: "2020-04-10", summary: "South will talk.")
                ).sequence
            })
        #expect(counts.added == 3)
        // The other writer's statement took the next number; the import's come after it.
        #expect(number == 1)
        #expect(
            try Self.summaries(parley) == [
                "South will talk.", "North wants the dam stopped.", "South will build.", "North offers a pause.",
            ])
        #expect(try parley.log().entries.map(\.action).suffix(2) == [.add, .import])
        try PositionSpanTests.expectSpansAgree(parley)
    }

    @Test("a statement of the file recorded by another writer meanwhile stops the import, leaving that write alone")
    func conflictAtTheSwitch() throws {
        let (path, csv, parley) = try Self.caseFile()
        let logBefore = try parley.log().entries.count
        let error = #expect(throws: StoreError.self) {
            try parley.importStatements(
                csvPath: csv,
                staged: {
                    _ = try Self.otherWriter(path).record(
                        NewStatement(
                            party: "south", issue: "water", kind: .rejection, stance: "build-dam",
                            summary: "South will build.", said: try date("2020-04-02"), source: "gazette"))
                })
        }
        let message = error?.localizedDescription ?? ""
        #expect(message.contains("statements.csv line 3"), "\(message)")
        #expect(message.contains("recorded as #1 by another writer"), "\(message)")
        #expect(error?.kind == .conflict)
        // Only the other writer's statement, and its log entry: nothing of the import.
        #expect(try Self.summaries(parley) == ["South will build."])
        #expect(try parley.log().entries.count == logBefore + 1)
        try PositionSpanTests.expectSpansAgree(parley)
    }

    @Test("records changed while the file is checked: it is checked again, against them")
    func referencesChangedMeanwhile() throws {
        let (path, csv, parley) = try Self.caseFile()
        var checks = 0
        let counts = try parley.importStatements(
            csvPath: csv,
            staged: {
                checks += 1
                if checks == 1 { try Self.otherWriter(path).add(Party(id: "east", name: "East", kind: .state)) }
            })
        #expect(checks == 2)
        #expect(counts.added == 3)
        #expect(try Self.summaries(parley).count == 3)
        try PositionSpanTests.expectSpansAgree(parley)
    }

    @Test("a merge counts a statement recorded meanwhile with the same values as already there")
    func mergeMeetsConcurrentSame() throws {
        let (path, csv, parley) = try Self.caseFile()
        let counts = try parley.importStatements(
            csvPath: csv, merge: true,
            staged: {
                _ = try Self.otherWriter(path).record(
                    NewStatement(
                        party: "south", issue: "water", kind: .rejection, stance: "build-dam",
                        summary: "South will build.", said: try date("2020-04-02"), source: "gazette"))
            })
        #expect(counts.added == 2)
        #expect(counts.unchanged == 1)
        #expect(
            try Self.summaries(parley).sorted() == [
                "North offers a pause.", "North wants the dam stopped.", "South will build.",
            ])
    }

    @Test("the position index of the pairs an import touches follows the writes another writer made to them meanwhile")
    func spansFollowConcurrentWrites() throws {
        let (path, csv, parley) = try Self.caseFile()
        try parley.record(try Self.statement("north", "stop-dam", said: "2020-03-01", summary: "North first."))
        let south = try parley.record(
            try Self.statement("south", "talk-dam", said: "2020-03-15", summary: "South talks.")
        ).sequence
        try parley.record(try Self.statement("north", "pause-dam", said: "2020-04-05", summary: "North pauses."))
        let before = try parley.changeVersion()
        try parley.importStatements(
            csvPath: csv,
            staged: {
                // Between two of the file's statements of the pair, with a label of its own; and one of
                // the other pair's statements taken back.
                let other = try Self.otherWriter(path)
                try other.record(
                    try Self.statement("north", "study-dam", said: "2020-04-02", summary: "North studies."))
                _ = try other.retract(number: south, reason: "misattributed")
            })
        try PositionSpanTests.expectSpansAgree(parley)
        let pairs: Set = [PositionKey(party: "north", issue: "water"), PositionKey(party: "south", issue: "water")]
        #expect(try parley.store.read { try $0.positionChanges(since: before) } == .pairs(pairs, claims: true))
    }

    @Test("the position index after imports of numbered statements, dates with several labels, and merges")
    func spansOfNumberedSameDayAndMerged() throws {
        let (_, csv, parley) = try Self.caseFile()
        try parley.record(try Self.statement("north", "stop-dam", said: "2020-04-03", summary: "North first."))
        try parley.importStatements(csvPath: csv)
        try PositionSpanTests.expectSpansAgree(parley)
        let dir = try temporaryDirectory()
        func importing(_ rows: String, merge: Bool = false) throws {
            let file = dir.appendingPathComponent("more-\(rows.count).csv")
            try Data(("number,party,issue,kind,stance,summary,said,source\n" + rows).utf8).write(to: file)
            try parley.importStatements(csvPath: file.path, merge: merge)
            try PositionSpanTests.expectSpansAgree(parley)
        }
        // Numbers above the highest, before and among statements without one, on a day that already
        // has a statement with another label.
        try importing(
            ",north,water,proposal,share-dam,North shares.,2020-04-03,gazette\n"
                + "20,north,water,demand,stop-dam,North insists.,2020-04-03,gazette\n"
                + ",south,water,proposal,pause-dam,South pauses.,2020-04-01,gazette\n"
                + "12,south,water,demand,build-dam,South insists.,2020-04-04,gazette\n")
        // A merge that finds one statement there already and adds one beside it.
        try importing(
            "20,north,water,demand,stop-dam,North insists.,2020-04-03,gazette\n"
                + ",north,water,proposal,talk-dam,North talks.,2020-04-03,gazette\n", merge: true)
    }
}
