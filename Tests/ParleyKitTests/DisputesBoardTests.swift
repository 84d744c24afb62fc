import Foundation
import ParleyModel
import Testing

@testable import ParleyKit
@testable import ParleyStore

/// The kept disputes board and positions (as of now), brought up to date pair by pair after each
/// write, equal the reports derived from scratch, after every kind of write and after random
/// histories.
@Suite struct DisputesBoardTests {
    /// The board as a full derivation makes it: every position read from the statements (not the
    /// maintained spans), in one read, with the default window.
    static func derived(_ parley: Parley) throws -> DisputesReport {
        try parley.store.read { reader in
            var reader = reader
            reader.derivesPositions = true
            return try DisputesReport(
                snapshot: try reader.snapshot(asOf: nil, staleAfter: .standard), issueTitles: try reader.issueTitles(),
                adoptions: { try reader.adoptions(of: $0, asOf: nil) },
                claims: { try reader.claims(about: $0, on: $1, asOf: nil) })
        }
    }

    /// The positions as of now as a full derivation makes them.
    static func derivedPositions(_ parley: Parley) throws -> PositionsReport {
        try parley.store.read { reader in
            var reader = reader
            reader.derivesPositions = true
            return try Parley.positions(reader, asOf: nil, party: nil, issue: nil, staleAfter: .standard)
        }
    }

    /// Checks that the kept board and positions of `parley` equal full derivations.
    static func expectBoardAgrees(_ parley: Parley, _ what: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        #expect(
            try parley.disputesReport(asOf: nil) == derived(parley), "after \(what)", sourceLocation: sourceLocation)
        #expect(
            try parley.positionsReport(asOf: nil) == derivedPositions(parley), "positions after \(what)",
            sourceLocation: sourceLocation)
    }

    static func statement(
        _ party: String, _ stance: String, said: String?, source: String = "gazette", issue: String = "water/dam",
        about: String? = nil
    ) throws -> NewStatement {
        NewStatement(
            party: party, issue: issue, kind: .assertion, stance: stance, summary: "\(party) holds \(stance).",
            said: try said.map { try CalendarDate(parsing: $0) }, source: source, about: about)
    }

    /// A case with an apparent dispute on `water` (north and south differ) beside the recorded
    /// one on `water/dam`, and a third party.
    static func board() throws -> Parley {
        let parley = try smallCase()
        try parley.add(Party(id: "east", name: "Eastland", kind: .state))
        try parley.record(try statement("north", "share-river", said: "2023-11-01", source: "bulletin", issue: "water"))
        try parley.record(try statement("south", "keep-river", said: "2023-11-02", source: "bulletin", issue: "water"))
        return parley
    }

    @Test func everyKindOfWriteKeepsTheBoard() throws {
        let parley = try Self.board()
        try Self.expectBoardAgrees(parley, "the first read")
        #expect(!(try parley.disputesReport(asOf: nil)).apparent.isEmpty)
        // add, add --batch
        let moved = try parley.record(try Self.statement("north", "pause-dam", said: "2020-04-30")).sequence
        try Self.expectBoardAgrees(parley, "add")
        // a condition on another pair's position, then that position taken and changed
        var conditional = try Self.statement("south", "stop-dam", said: "2020-04-30")
        conditional.statement.conditions = [Condition(party: "east", issue: "water", label: "keep-river")]
        try parley.record(conditional)
        try Self.expectBoardAgrees(parley, "a statement with a condition")
        try parley.record(
            try Self.statement("east", "keep-river", said: "2020-04-01", source: "bulletin", issue: "water"))
        try Self.expectBoardAgrees(parley, "the position a condition names taken")
        _ = try parley.record(batch: [
            (try Self.statement("east", "keep-river", said: "2020-05-01", source: "bulletin", issue: "water"), true),
            (try Self.statement("south", "share-river", said: "2021-01-01", source: "bulletin", issue: "water"), true),
        ])
        try Self.expectBoardAgrees(parley, "add --batch")
        // a claim about another party, then a claim withdrawn by amending it
        let claim = try parley.record(
            try Self.statement("east", "build-dam", said: "2020-06-01", source: "bulletin", about: "north")
        ).sequence
        try Self.expectBoardAgrees(parley, "a claim")
        // amend: label, date, summary alone (moves nothing, changes what is shown), party
        try parley.amend(number: moved, StatementChanges([.stance: "study-dam"]), reason: "misread")
        try Self.expectBoardAgrees(parley, "amend of a label")
        try parley.amend(number: moved, StatementChanges([.said: "2020-03"]), reason: "misdated")
        try Self.expectBoardAgrees(parley, "amend of a date")
        try parley.amend(number: moved, StatementChanges([.summary: "North wants a study."]), reason: "clearer")
        try Self.expectBoardAgrees(parley, "amend of a summary")
        try parley.amend(number: claim, StatementChanges(clear: [.about]), reason: "its own word")
        try Self.expectBoardAgrees(parley, "amend of about")
        try parley.amend(number: claim, StatementChanges([.party: "south"]), reason: "wrong side")
        try Self.expectBoardAgrees(parley, "amend of a party")
        // retract, relabel, relate
        try parley.retract(number: moved, reason: "not said")
        try Self.expectBoardAgrees(parley, "retract")
        try parley.relabel(issue: "water", from: "keep-river", to: "own-river")
        try Self.expectBoardAgrees(parley, "relabel")
        try parley.relate(LabelRelation(issue: "water", "own-river", "share-river", kind: .compatible))
        try Self.expectBoardAgrees(parley, "relate")
        // agreement and dispute steps: the recorded dispute resolved, so the dam's divergence shows
        try parley.appendStep(
            status: AgreementStatus.signed, on: try date("2021-02-01"), source: "bulletin", to: "river-commission")
        try Self.expectBoardAgrees(parley, "an agreement's step")
        try parley.appendStep(
            status: DisputeStatus.resolved, on: try date("2021-03-01"), source: "bulletin", to: "dam-dispute")
        try Self.expectBoardAgrees(parley, "a dispute's step")
        // records: a party, an issue and a source added; a party's name and a source's date edited
        try parley.add(Party(id: "west", name: "Westland", kind: .state))
        try parley.add(Issue(id: "water/canal", title: "The canal"))
        try parley.add(Source(id: "herald", title: "Herald", published: try date("2024-06-30")))
        try Self.expectBoardAgrees(parley, "new records (the ages move with the latest source)")
        try parley.editParty("north") { $0.name = "The North" }
        try Self.expectBoardAgrees(parley, "a party edited")
        try parley.editSource("gazette") { $0.published = try CalendarDate(parsing: "2020-05-02") }
        try Self.expectBoardAgrees(parley, "a source's new date")
        try parley.renameIssue("water/canal", to: "water/channel")
        try Self.expectBoardAgrees(parley, "an issue renamed")
        // review's record
        try parley.record(
            ReviewedArticle(
                newSource: Source(id: "wire", title: "Wire", published: try date("2024-07-01")),
                statements: [.init(try Self.statement("west", "build-dam", said: nil, source: "wire"))]))
        try Self.expectBoardAgrees(parley, "review's record")
        // bulk import of statements, the same file merged again, and a casefile merged in
        let folder = try temporaryDirectory()
        let csv = folder.appendingPathComponent("statements.csv").path
        try """
        party,issue,kind,stance,summary,said,source
        north,water/dam,demand,stop-dam,Stop it.,2023-06-01,bulletin
        south,water/dam,proposal,pause-dam,Pause it.,2023-06-01,bulletin
        east,water,proposal,share-river,Share it.,,bulletin
        """.write(toFile: csv, atomically: true, encoding: .utf8)
        try parley.importStatements(csvPath: csv)
        try Self.expectBoardAgrees(parley, "an import")
        try parley.importStatements(csvPath: csv, merge: true)
        try Self.expectBoardAgrees(parley, "an import merged")
        let other = try Self.board()
        try other.record(try Self.statement("east", "stop-dam", said: "2022-01-01", source: "bulletin"))
        let path = folder.appendingPathComponent("case.yaml").path
        try other.exportYAML().write(toFile: path, atomically: true, encoding: .utf8)
        _ = try? parley.importCasefile(path: path, merge: true)
        try Self.expectBoardAgrees(parley, "a casefile merged")
    }

    /// A write is told to the board as the pairs it changed, not as a reason to derive it all.
    @Test func aWriteChangesItsPairOnly() throws {
        let parley = try Self.board()
        let before = try parley.changeVersion()
        try parley.record(try Self.statement("east", "stop-dam", said: "2021-01-01", source: "bulletin"))
        let east = PositionKey(party: "east", issue: "water/dam")
        #expect(try parley.store.read { try $0.positionChanges(since: before) } == .pairs([east], claims: false))
        let afterAdd = try parley.changeVersion()
        try parley.relabel(issue: "water", from: "keep-river", to: "own-river")
        #expect(
            try parley.store.read { try $0.positionChanges(since: afterAdd) }
                == .pairs([PositionKey(party: "south", issue: "water")], claims: true))
        let afterRelabel = try parley.changeVersion()
        try parley.appendStep(
            status: DisputeStatus.narrowed, on: try date("2021-03-01"), source: "bulletin", to: "dam-dispute")
        #expect(try parley.store.read { try $0.positionChanges(since: afterRelabel) } == .pairs([], claims: false))
        try parley.editParty("north") { $0.name = "The North" }
        #expect(try parley.store.read { try $0.positionChanges(since: afterRelabel) } == .everything)
    }

    /// Random histories (statements and claims added, amended, retracted and relabelled, steps
    /// recorded, in random order, from a fixed seed), the board read after each write.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomHistoriesKeepTheBoard(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let parley = try Self.board()
        let parties = ["north", "south", "east"]
        let issues = ["water", "water/dam"]
        let sources = [("gazette", "2020-06-30"), ("bulletin", "2020-12"), ("herald", "2021-06-30")]
        try parley.add(Source(id: "herald", title: "Herald", published: try date("2021-06-30")))
        let labels = ["stop-dam", "pause-dam", "build-dam", "share-river"]
        let saidDates = [nil, "2020-03-01", "2020-06", "2020-04-30", "2020-04-15", "2020"]
        var numbers: [Int64] = [1, 2, 3, 4]
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        for step in 0..<100 {
            do {
                switch random.next() % 12 {
                case 0...4:
                    let source = pick(sources).0
                    let said = source == "gazette" ? pick(saidDates.filter { $0 != "2020" }) : pick(saidDates)
                    let party = pick(parties)
                    let about = random.next() % 5 == 0 ? pick(parties.filter { $0 != party }) : nil
                    let new = try Self.statement(
                        party, pick(labels), said: said, source: source, issue: pick(issues), about: about)
                    numbers.append(try parley.record(new).sequence)
                case 5, 6:
                    let field = pick([Statement.Field.stance, .said, .party, .source, .summary])
                    let value: String =
                        switch field {
                        case .stance: pick(labels)
                        case .said: pick(saidDates.compactMap { $0 })
                        case .party: pick(parties)
                        case .summary: "Restated at step \(step)."
                        default: pick(sources).0
                        }
                    try parley.amend(number: pick(numbers), StatementChanges([field: value]), reason: "step \(step)")
                case 7, 8:
                    try parley.retract(number: pick(numbers), reason: "step \(step)")
                case 9:
                    let from = pick(labels)
                    try parley.relabel(issue: pick(issues), from: from, to: pick(labels.filter { $0 != from }))
                case 10:
                    try parley.appendStep(
                        status: pick([DisputeStatus.open, .narrowed, .resolved, .dormant]), on: nil,
                        source: pick(sources).0, to: "dam-dispute")
                default:
                    let a = pick(labels)
                    try parley.relate(
                        LabelRelation(
                            issue: pick(issues), a, pick(labels.filter { $0 != a }),
                            kind: pick([.compatible, .opposed])))
                }
            } catch {
                // A write the rules refuse changes nothing; the board must still agree.
            }
            try Self.expectBoardAgrees(parley, "step \(step) of history \(seed)")
        }
    }
}
