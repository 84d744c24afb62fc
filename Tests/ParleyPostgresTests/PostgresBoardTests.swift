import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// The disputes board and positions kept by a serving case on PostgreSQL (two of them, as two
    /// servers on one database), brought up to date pair by pair after every kind of write,
    /// whichever process made it: each equals the board derived from scratch by a case that keeps
    /// none, and the pairs PostgreSQL says a write changed are the pairs SQLite says for the same
    /// write on a twin of the case (the twin of ParleyKitTests' `DisputesBoardTests`), as is
    /// whether it may have changed a name (what the server's kept names and cards go by).
    @Suite(
        "The kept disputes board on PostgreSQL",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresBoardTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

        static func statement(
            _ party: String, _ stance: String, said: String?, source: String = "gazette", issue: String = "water/dam",
            about: String? = nil
        ) throws -> NewStatement {
            NewStatement(
                party: party, issue: issue, kind: .assertion, stance: stance, summary: "\(party) holds \(stance).",
                said: try said.map { try CalendarDate(parsing: $0) }, source: source, about: about)
        }

        /// A small case with a recorded dispute on `water/dam` and an apparent one on `water`.
        static func fill(_ parley: Parley) throws {
            try parley.add(Party(id: "north", name: "Northland", kind: .state, aliases: ["Northern"]))
            try parley.add(Party(id: "south", name: "Southland", kind: .state))
            try parley.add(Party(id: "east", name: "Eastland", kind: .state))
            try parley.add(Issue(id: "water", title: "Sharing the river"))
            try parley.add(Issue(id: "water/dam", title: "The upstream dam"))
            try parley.add(Source(id: "gazette", title: "Gazette", published: try date("2020-05-01")))
            try parley.add(Source(id: "bulletin", title: "Bulletin", published: try date("2023-12-31")))
            try parley.record(try statement("north", "stop-dam", said: "2020-04-30"))
            try parley.record(try statement("south", "build-dam", said: nil))
            try parley.add(
                Dispute(
                    id: "dam-dispute", title: "The dam", issue: "water/dam", parties: ["north", "south"],
                    history: [DisputeStep(status: .open, on: try date("2020-04-30"), source: "gazette")]))
            try parley.record(
                try statement("north", "share-river", said: "2023-11-01", source: "bulletin", issue: "water"))
            try parley.record(
                try statement("south", "keep-river", said: "2023-11-02", source: "bulletin", issue: "water"))
        }

        /// The twins: the case in an SQLite file and in a new PostgreSQL database, each written by
        /// `sqlite` and `writer`; `servers` are two cases serving the PostgreSQL database (each
        /// keeps its board).
        struct Twins {
            let sqlite: Parley
            let writer: Parley
            let servers: [Parley]
            let address: String
            let store: PostgresStore
        }

        func withTwins(_ body: (Twins) throws -> Void) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-board-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let sqlite = try Parley.open(database: file, for: .create, clock: Self.clock, user: "ana")
                let writer = try Parley.open(database: address, for: .write, clock: Self.clock, user: "ana")
                try Self.fill(sqlite)
                try Self.fill(writer)
                let servers = try (0..<2).map { _ in
                    try Parley.open(database: address, for: .serve, clock: Self.clock, user: "ana")
                }
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                try body(Twins(sqlite: sqlite, writer: writer, servers: servers, address: address, store: store))
            }
        }

        /// Checks that each server's kept board and positions equal those derived from scratch
        /// by a case that keeps none (and the SQLite twin's).
        func expectBoardsAgree(_ twins: Twins, _ what: String, sourceLocation: SourceLocation = #_sourceLocation)
            throws
        {
            let fresh = try Parley.open(database: twins.address, for: .read, clock: Self.clock)
            let board = try fresh.disputesReport(asOf: nil)
            let positions = try fresh.positionsReport(asOf: nil)
            #expect(
                board == (try twins.sqlite.disputesReport(asOf: nil)), "SQLite's after \(what)",
                sourceLocation: sourceLocation)
            for (index, server) in twins.servers.enumerated() {
                #expect(
                    try server.disputesReport(asOf: nil) == board, "server \(index)'s board after \(what)",
                    sourceLocation: sourceLocation)
                #expect(
                    try server.positionsReport(asOf: nil) == positions, "server \(index)'s positions after \(what)",
                    sourceLocation: sourceLocation)
            }
        }

        /// Makes `write` on both twins, by `parley` on PostgreSQL (a server, or another process),
        /// then checks that PostgreSQL names the pairs SQLite names (`alike`; otherwise that it
        /// says everything may have changed) and that the boards agree.
        func write(
            _ twins: Twins, _ what: String, by parley: Parley, alike: Bool = true,
            sourceLocation: SourceLocation = #_sourceLocation, _ write: (Parley) throws -> Void
        ) throws {
            let versions = (sqlite: try twins.sqlite.changeVersion(), postgres: try twins.writer.changeVersion())
            try write(twins.sqlite)
            try write(parley)
            let changed = (
                sqlite: try twins.sqlite.store.read { try $0.positionChanges(since: versions.sqlite) },
                postgres: try twins.store.readCase { try $0.positionChanges(since: versions.postgres) }
            )
            #expect(
                try twins.store.readCase { try $0.namesChanged(since: versions.postgres) }
                    == twins.sqlite.store.read { try $0.namesChanged(since: versions.sqlite) },
                "whether \(what) may have changed a name", sourceLocation: sourceLocation)
            if alike {
                #expect(changed.postgres == changed.sqlite, "pairs changed by \(what)", sourceLocation: sourceLocation)
                if case .everything = changed.postgres {
                    Testing.Issue.record("\(what) changed everything on PostgreSQL", sourceLocation: sourceLocation)
                }
            } else {
                #expect(changed.postgres == .everything, "\(what)", sourceLocation: sourceLocation)
            }
            try expectBoardsAgree(twins, what, sourceLocation: sourceLocation)
        }

        @Test("every kind of write, by either server or another process, keeps both servers' boards")
        func everyKindOfWriteKeepsTheBoards() throws {
            try withTwins { twins in
                let (a, b, cli) = (twins.servers[0], twins.servers[1], twins.writer)
                try expectBoardsAgree(twins, "the first read")
                #expect(!(try a.disputesReport(asOf: nil)).apparent.isEmpty)
                // add, a condition on another pair's position, that position taken, add --batch
                try write(twins, "add", by: a) {
                    _ = try $0.record(try Self.statement("north", "pause-dam", said: "2020-04-29"))
                }
                let moved: Int64 = 5
                try write(twins, "a statement with a condition", by: b) { parley in
                    var conditional = try Self.statement("south", "stop-dam", said: "2020-04-30")
                    conditional.statement.conditions = [Condition(party: "east", issue: "water", label: "keep-river")]
                    try parley.record(conditional)
                }
                try write(twins, "the position a condition names taken", by: cli) {
                    try $0.record(
                        try Self.statement("east", "keep-river", said: "2020-04-01", source: "bulletin", issue: "water")
                    )
                }
                try write(twins, "add --batch", by: a) {
                    _ = try $0.record(batch: [
                        (
                            try Self.statement(
                                "east", "keep-river", said: "2020-05-01", source: "bulletin", issue: "water"), true
                        ),
                        (
                            try Self.statement(
                                "south", "share-river", said: "2021-01-01", source: "bulletin", issue: "water"), true
                        ),
                    ])
                }
                // a claim about another party
                try write(twins, "a claim", by: b) {
                    try $0.record(
                        try Self.statement("east", "build-dam", said: "2020-06-01", source: "bulletin", about: "north"))
                }
                let claim: Int64 = 10
                // amend: label, date, summary alone, about, party; by each process
                try write(twins, "amend of a label", by: cli) {
                    try $0.amend(number: moved, StatementChanges([.stance: "study-dam"]), reason: "misread")
                }
                try write(twins, "amend of a date", by: a) {
                    try $0.amend(number: moved, StatementChanges([.said: "2020-03"]), reason: "misdated")
                }
                try write(twins, "amend of a summary", by: b) {
                    try $0.amend(number: moved, StatementChanges([.summary: "North wants a study."]), reason: "clearer")
                }
                try write(twins, "amend of about", by: a) {
                    try $0.amend(number: claim, StatementChanges(clear: [.about]), reason: "its own word")
                }
                try write(twins, "amend of a party", by: cli) {
                    try $0.amend(number: claim, StatementChanges([.party: "south"]), reason: "wrong side")
                }
                try write(twins, "amend of an issue", by: b) {
                    try $0.amend(number: claim, StatementChanges([.issue: "water"]), reason: "wider")
                }
                // retract, relabel, relate
                try write(twins, "retract", by: a) { try $0.retract(number: moved, reason: "not said") }
                try write(twins, "relabel", by: cli) {
                    try $0.relabel(issue: "water", from: "keep-river", to: "own-river")
                }
                try write(twins, "relate", by: b) {
                    try $0.relate(LabelRelation(issue: "water", "own-river", "share-river", kind: .compatible))
                }
                // a dispute's step: the dam's divergence shows
                try write(twins, "a dispute's step", by: a) {
                    try $0.appendStep(
                        status: DisputeStatus.resolved, on: try Self.date("2021-03-01"), source: "bulletin",
                        to: "dam-dispute")
                }
                // records added; a source's date edited and an issue renamed move any position
                try write(twins, "new records", by: cli) {
                    try $0.add(Party(id: "west", name: "Westland", kind: .state))
                    try $0.add(Source(id: "herald", title: "Herald", published: try Self.date("2024-06-30")))
                }
                try write(twins, "a statement from the new records", by: b) {
                    try $0.record(try Self.statement("west", "build-dam", said: nil, source: "herald"))
                }
                try write(twins, "a source's new date", by: a, alike: false) {
                    try $0.editSource("gazette") { $0.published = try CalendarDate(parsing: "2020-05-02") }
                }
                try write(twins, "an issue renamed", by: cli, alike: false) {
                    try $0.renameIssue("water/dam", to: "water/weir")
                }
                try write(twins, "an add after a rename", by: a) {
                    try $0.record(
                        try Self.statement(
                            "north", "stop-dam", said: "2024-01-01", source: "herald", issue: "water/weir"))
                }
                // an import of statements: the pairs it filed, as SQLite's
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-board-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let csv = folder.appendingPathComponent("statements.csv").path
                try """
                party,issue,kind,stance,summary,said,source
                north,water/weir,demand,stop-dam,Stop it.,2023-06-01,bulletin
                south,water/weir,proposal,pause-dam,Pause it.,2023-06-01,bulletin
                east,water,proposal,share-river,Share it.,,bulletin
                """.write(toFile: csv, atomically: true, encoding: .utf8)
                try write(twins, "an import", by: cli) { _ = try $0.importStatements(csvPath: csv) }
                try write(twins, "an add after an import", by: b) {
                    try $0.record(
                        try Self.statement(
                            "east", "stop-dam", said: "2024-02-01", source: "herald", issue: "water/weir"))
                }
            }
        }

        @Test("twelve writes by another process since the boards were made: one pair read again")
        func manyWritesSinceTheBoard() throws {
            try withTwins { twins in
                try expectBoardsAgree(twins, "the first read")
                let version = try twins.writer.changeVersion()
                for day in 1...12 {
                    try twins.writer.record(
                        try Self.statement(
                            "east", "stop-dam", said: "2021-01-\(String(format: "%02d", day))", source: "bulletin"))
                }
                #expect(
                    try twins.store.readCase { try $0.positionChanges(since: version) }
                        == .pairs([PositionKey(party: "east", issue: "water/dam")], claims: false))
                try expectBoardsAgree(twins, "twelve writes")
            }
        }
    }
#endif
