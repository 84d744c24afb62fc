import Foundation
import ParleyKit
import ParleyModel
import Testing

@testable import ParleyStore

/// The maintained position index (`position_span`) after every kind of write: it equals a
/// recomputation from the statements, and the positions and last moves read from it equal the
/// ones derived from the statements, as of every date said and now.
@Suite struct PositionSpanTests {
    /// Checks the spans of `parley`'s database against the statements.
    static func expectSpansAgree(_ parley: Parley, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try parley.store.read { reader in
            #expect(try PositionSpans.areCurrent(reader.db), sourceLocation: sourceLocation)
            let stored = try PositionSpans.stored(reader.db)
            #expect(stored == (try PositionSpans.recomputed(reader.db)), sourceLocation: sourceLocation)
            var derived = reader
            derived.derivesPositions = true
            var dates: [CalendarDate?] = [nil, try CalendarDate(parsing: "1900-01-01")]
            for key in Set(stored.map(\.span.key)).sorted() {
                dates.append(
                    try CalendarDate(
                        parsing: String(format: "%04d-%02d-%02d", key / 10_000, key / 100 % 100, key % 100)))
            }
            for date in dates {
                let read = try reader.positions(asOf: date)
                let derivedPositions = try derived.positions(asOf: date)
                #expect(
                    read == derivedPositions, "positions as of \(date?.description ?? "now")",
                    sourceLocation: sourceLocation)
                #expect(
                    try reader.adoptions(of: read, asOf: date) == derived.adoptions(of: derivedPositions, asOf: date),
                    "last moves as of \(date?.description ?? "now")", sourceLocation: sourceLocation)
            }
        }
    }

    static func statement(
        _ party: String, _ stance: String, said: String?, source: String = "gazette", issue: String = "water/dam"
    ) throws -> NewStatement {
        NewStatement(
            party: party, issue: issue, kind: .assertion, stance: stance, summary: "\(party) holds \(stance).",
            said: try said.map { try CalendarDate(parsing: $0) }, source: source)
    }

    @Test func everyKindOfWriteKeepsTheSpans() throws {
        let parley = try smallCase()
        try Self.expectSpansAgree(parley)
        // add
        let moved = try parley.record(try Self.statement("north", "pause-dam", said: "2020-04-30")).sequence
        try Self.expectSpansAgree(parley)
        // add --batch
        _ = try parley.record(batch: [
            (try Self.statement("north", "stop-dam", said: "2020-05-01", source: "bulletin"), true),
            (try Self.statement("south", "pause-dam", said: "2021-01-01", source: "bulletin"), true),
        ])
        try Self.expectSpansAgree(parley)
        // amend: a new label, then a new date
        try parley.amend(number: moved, StatementChanges([.stance: "study-dam"]), reason: "misread")
        try Self.expectSpansAgree(parley)
        try parley.amend(number: moved, StatementChanges([.said: "2020-03"]), reason: "misdated")
        try Self.expectSpansAgree(parley)
        // retract
        try parley.retract(number: moved, reason: "not said")
        try Self.expectSpansAgree(parley)
        // relabel (labels rename)
        try parley.relabel(issue: "water/dam", from: "stop-dam", to: "halt-dam")
        try Self.expectSpansAgree(parley)
        // a source's new date moves the statements dated by it
        try parley.editSource("gazette") { $0.published = try CalendarDate(parsing: "2020-05-02") }
        try Self.expectSpansAgree(parley)
        // review's record
        try parley.record(
            ReviewedArticle(
                newSource: Source(id: "herald", title: "Herald", published: try CalendarDate(parsing: "2022-02-02")),
                statements: [.init(try Self.statement("south", "build-dam", said: nil, source: "herald"))]))
        try Self.expectSpansAgree(parley)
        // import, then import --merge of the same case with one statement more
        let folder = try temporaryDirectory()
        let yaml = try parley.exportYAML()
        let path = folder.appendingPathComponent("case.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let copy = try Parley.inMemory(clock: testClock)
        try copy.importCasefile(path: path)
        try Self.expectSpansAgree(copy)
        try parley.record(try Self.statement("north", "pause-dam", said: "2023-01-01", source: "bulletin"))
        try parley.exportYAML().write(toFile: path, atomically: true, encoding: .utf8)
        try copy.importCasefile(path: path, merge: true)
        try Self.expectSpansAgree(copy)
        // bulk import of statements, and the same file merged again
        let csv = folder.appendingPathComponent("statements.csv").path
        try """
        party,issue,kind,stance,summary,said,source
        north,water/dam,demand,stop-dam,Stop it.,2023-06-01,bulletin
        south,water/dam,proposal,pause-dam,Pause it.,2023-06-01,bulletin
        south,water,proposal,share-river,Share it.,,bulletin
        """.write(toFile: csv, atomically: true, encoding: .utf8)
        try parley.importStatements(csvPath: csv)
        try Self.expectSpansAgree(parley)
        try parley.importStatements(csvPath: csv, merge: true)
        try Self.expectSpansAgree(parley)
    }

    @Test func aRefusedWriteLeavesTheSpansAsTheyWere() throws {
        let parley = try smallCase()
        let before = try parley.store.read { try PositionSpans.stored($0.db) }
        #expect(throws: (any Error).self) {
            _ = try parley.record(batch: [
                (try Self.statement("north", "pause-dam", said: "2020-04-30"), true),
                (try Self.statement("nobody", "pause-dam", said: "2020-04-30"), true),
            ])
        }
        #expect(try parley.store.read { try PositionSpans.stored($0.db) } == before)
        try Self.expectSpansAgree(parley)
    }

    /// Random histories (statements added, amended, retracted and relabelled in random order,
    /// from a fixed seed): after each write the spans agree with the statements.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomHistoriesKeepTheSpans(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let parley = try Parley.inMemory(clock: testClock)
        for party in ["north", "south", "east"] {
            try parley.add(Party(id: party, name: party.capitalized, kind: .state))
        }
        try parley.add(Issue(id: "water", title: "Sharing the river"))
        try parley.add(Issue(id: "water/dam", title: "The upstream dam"))
        let sources = [("gazette", "2020-06-30"), ("bulletin", "2020-12"), ("herald", "2021-06-30")]
        for (id, published) in sources {
            try parley.add(Source(id: id, title: id.capitalized, published: try CalendarDate(parsing: published)))
        }
        let labels = ["stop-dam", "pause-dam", "build-dam", "share-river"]
        let saidDates = [nil, "2020-03-01", "2020-06", "2020-06-30", "2020-06-15", "2020"]
        var numbers: [Int64] = []
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        for step in 0..<120 {
            do {
                switch random.next() % 10 {
                case 0...4:
                    let source = pick(sources).0
                    let said = source == "gazette" ? pick(saidDates.filter { $0 != "2020" }) : pick(saidDates)
                    let new = try Self.statement(
                        pick(["north", "south", "east"]), pick(labels), said: said, source: source,
                        issue: pick(["water", "water/dam"]))
                    numbers.append(try parley.record(new).sequence)
                case 5, 6:
                    guard !numbers.isEmpty else { continue }
                    let field = pick([Statement.Field.stance, .said, .party, .source])
                    let value: String? =
                        switch field {
                        case .stance: pick(labels)
                        case .said: pick(saidDates.compactMap { $0 })
                        case .party: pick(["north", "south", "east"])
                        default: pick(sources).0
                        }
                    try parley.amend(number: pick(numbers), StatementChanges([field: value]), reason: "step \(step)")
                case 7, 8:
                    guard !numbers.isEmpty else { continue }
                    try parley.retract(number: pick(numbers), reason: "step \(step)")
                default:
                    let from = pick(labels)
                    try parley.relabel(
                        issue: pick(["water", "water/dam"]), from: from, to: pick(labels.filter { $0 != from }))
                }
            } catch {
                // A write the rules refuse (a duplicate, a date after its source, a statement
                // retracted twice) changes nothing; the spans must still agree.
            }
            try Self.expectSpansAgree(parley)
        }
        #expect(try parley.store.read { try PositionSpans.stored($0.db) }.count > 10)
    }
}

/// A small deterministic random number generator (SplitMix64), so that a failing history can be
/// replayed from its seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
