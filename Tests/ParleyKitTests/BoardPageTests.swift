import Foundation
import ParleyModel
import Testing

@testable import ParleyKit
@testable import ParleyStore

/// The board page as a server makes it after each write, from the names kept while no write names
/// anything and the cards kept while their disputes are unchanged, equals the page made from
/// scratch, byte for byte, after every kind of write.
@Suite struct BoardPageTests {
    /// Links as a served page makes them, with `names`.
    static func links(_ names: HTMLNames) -> HTMLLinks {
        HTMLLinks(
            issue: { "/issues/\($0)" }, party: { "/parties/\($0)" }, source: { "/sources/\($0)" },
            statement: { "/statements/\($0)" }, names: names)
    }

    /// The names read from scratch, each list in its own read, as the pages read them before they
    /// were kept.
    static func freshNames(_ parley: Parley) throws -> HTMLNames {
        func byID(_ pairs: [(String, String)]) -> [String: String] {
            Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
        return HTMLNames(
            parties: byID(try parley.parties().records.map { ($0.id, $0.name) }),
            issues: byID(try parley.issues().records.map { ($0.id, $0.title) }),
            actors: byID(try parley.actors().records.map { ($0.id, $0.name) }),
            sources: byID(try parley.sources().records.map { ($0.id, $0.title) }))
    }

    /// What a server keeps between pages: the names, and the cards made with them.
    struct Server {
        var names: KeptNames?
        var cards = HTMLCards()

        /// The board page as of now, from what is kept (brought up to date).
        mutating func page(_ parley: Parley) throws -> String {
            let names = try parley.names(keeping: self.names)
            if names.readAt != self.names?.readAt { cards = HTMLCards() }
            self.names = names
            let context = HTMLContext(links: BoardPageTests.links(names.names), cards: cards)
            return try #require(try parley.disputesReport(asOf: nil).render(in: HTMLFormat(context: context)))
                .page(context).markup
        }
    }

    /// The board page made from scratch: names read again, every card made.
    static func fresh(_ parley: Parley) throws -> String {
        let context = HTMLContext(links: links(try freshNames(parley)))
        return try #require(try DisputesBoardTests.derived(parley).render(in: HTMLFormat(context: context)))
            .page(context).markup
    }

    /// Checks the kept page and names against fresh ones.
    static func expectPageAgrees(
        _ server: inout Server, _ parley: Parley, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let page = try server.page(parley)
        #expect(page == (try fresh(parley)), "the page after \(what)", sourceLocation: sourceLocation)
        let kept = try #require(server.names).names
        let names = try freshNames(parley)
        #expect(
            kept.parties == names.parties && kept.issues == names.issues && kept.actors == names.actors
                && kept.sources == names.sources, "the names after \(what)", sourceLocation: sourceLocation)
    }

    @Test func everyKindOfWriteKeepsThePage() throws {
        let parley = try DisputesBoardTests.board()
        var server = Server()
        try Self.expectPageAgrees(&server, parley, "the first read")
        let moved = try parley.record(try DisputesBoardTests.statement("north", "pause-dam", said: "2020-04-30"))
            .sequence
        try Self.expectPageAgrees(&server, parley, "add")
        _ = try parley.record(batch: [
            (
                try DisputesBoardTests.statement(
                    "east", "keep-river", said: "2020-05-01", source: "bulletin", issue: "water"),
                true
            )
        ])
        try Self.expectPageAgrees(&server, parley, "add --batch")
        try parley.record(
            NewStatement(
                actor: "nadia", issue: "water", kind: .demand, stance: "share-river", summary: "Share <it> & \"now\".",
                quote: "Share it.", said: try date("2023-11-05"), source: "bulletin"))
        try Self.expectPageAgrees(&server, parley, "a statement by an actor, with markup in its summary")
        try parley.amend(number: moved, StatementChanges([.summary: "North wants a study."]), reason: "clearer")
        try Self.expectPageAgrees(&server, parley, "amend of a summary")
        try parley.amend(number: moved, StatementChanges([.stance: "study-dam"]), reason: "misread")
        try Self.expectPageAgrees(&server, parley, "amend of a label")
        try parley.retract(number: moved, reason: "not said")
        try Self.expectPageAgrees(&server, parley, "retract")
        try parley.relabel(issue: "water", from: "keep-river", to: "own-river")
        try Self.expectPageAgrees(&server, parley, "relabel")
        try parley.relate(LabelRelation(issue: "water", "own-river", "share-river", kind: .opposed))
        try Self.expectPageAgrees(&server, parley, "relate")
        try parley.appendStep(
            status: DisputeStatus.narrowed, on: try date("2021-03-01"), source: "bulletin", to: "dam-dispute")
        try Self.expectPageAgrees(&server, parley, "a dispute's step")
        // Writes that name things: each record kind added and edited, an issue renamed.
        try parley.add(Party(id: "west", name: "Westland", kind: .state))
        try parley.add(Actor(id: "sami", name: "Sami South", party: "south", role: "Minister"))
        try parley.add(Issue(id: "water/canal", title: "The canal"))
        try parley.add(Source(id: "herald", title: "Herald", published: try date("2024-06-30")))
        try Self.expectPageAgrees(&server, parley, "records added")
        try parley.editParty("north") { $0.name = "The <North>" }
        try Self.expectPageAgrees(&server, parley, "a party's name edited")
        try parley.editActor("nadia") { $0.name = "Nadia N." }
        try Self.expectPageAgrees(&server, parley, "an actor's name edited")
        try parley.editIssue("water") { $0.title = "The river, shared" }
        try Self.expectPageAgrees(&server, parley, "an issue's title edited")
        try parley.editSource("bulletin") { $0.title = "The Bulletin" }
        try Self.expectPageAgrees(&server, parley, "a source's title edited")
        try parley.renameIssue("water/dam", to: "water/barrage")
        try Self.expectPageAgrees(&server, parley, "an issue renamed")
        try parley.record(
            ReviewedArticle(
                newSource: Source(id: "wire", title: "Wire", published: try date("2024-07-01")),
                statements: [
                    .init(
                        try DisputesBoardTests.statement("west", "build-dam", said: nil, source: "wire", issue: "water")
                    )
                ]))
        try Self.expectPageAgrees(&server, parley, "review's record with a new source")
        let folder = try temporaryDirectory()
        let csv = folder.appendingPathComponent("statements.csv").path
        try """
        party,issue,kind,stance,summary,said,source
        north,water/barrage,demand,stop-dam,Stop it.,2024-06-01,herald
        south,water,proposal,keep-river,Keep it.,2024-06-02,herald
        """.write(toFile: csv, atomically: true, encoding: .utf8)
        try parley.importStatements(csvPath: csv)
        try Self.expectPageAgrees(&server, parley, "an import")
    }

    /// A statement names nothing: the names are not read again, and only the cards whose
    /// disputes it changed are made again.
    @Test func aStatementMakesOnlyItsCardsAgain() throws {
        let parley = try DisputesBoardTests.board()
        var server = Server()
        _ = try server.page(parley)
        let before = try parley.disputesReport(asOf: nil)
        let readAt = try #require(server.names).readAt
        let made = server.cards.made
        #expect(made == before.recorded.count + before.apparent.count)
        try parley.record(
            try DisputesBoardTests.statement(
                "north", "share-river-fairly", said: "2023-12-01", source: "bulletin", issue: "water"))
        #expect(try server.page(parley) == (try Self.fresh(parley)))
        #expect(server.names?.readAt == readAt)
        let after = try parley.disputesReport(asOf: nil)
        let changed = (after.recorded + after.apparent).filter { entry in
            !(before.recorded + before.apparent).contains(entry)
        }
        #expect(!changed.isEmpty && changed.count < after.recorded.count + after.apparent.count)
        #expect(server.cards.made - made == changed.count)
        // A name edited: the names are read again, and the cards made again with them.
        try parley.editParty("east") { $0.name = "Eastland, renamed" }
        #expect(try server.page(parley) == (try Self.fresh(parley)))
        #expect(server.names?.readAt != readAt)
    }
}
