import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// Full-text search: found by any word's form, ranked, highlighted, and always in step with the
/// records, whichever way they were written.
@Suite("Search")
struct SearchTests {
    static func numbers(_ parley: Parley, _ text: String, scopes: Set<SearchQuery.Scope> = [.statements]) throws
        -> [Int64]
    {
        try parley.search(SearchQuery(text, scopes: scopes)).hits.compactMap { hit in
            if case .statement(let dated) = hit.record { return dated.sequence }
            return nil
        }
    }

    static func corridorCase() throws -> Parley {
        let parley = try smallCase()
        try parley.record(
            NewStatement(
                party: "south", issue: "water", kind: .demand, stance: "open-corridor",
                summary: "The corridor must open; a corridor without border controls.", said: try date("2021"),
                source: "bulletin"))
        try parley.record(
            NewStatement(
                party: "north", issue: "water", kind: .rejection, stance: "no-corridor", summary: "No corridor.",
                quote: "Not through Syunik.", said: try date("2021"), source: "bulletin"))
        return parley
    }

    @Test("words are found in any of their forms, as phrases, by prefix, and with hyphens")
    func matching() throws {
        let parley = try Self.corridorCase()
        #expect(try Self.numbers(parley, "control") == [3])
        #expect(try Self.numbers(parley, "\"border controls\"") == [3])
        #expect(try Self.numbers(parley, "\"controls border\"").isEmpty)
        #expect(try Self.numbers(parley, "corrid*").sorted() == [3, 4])
        #expect(try Self.numbers(parley, "syunik") == [4])
        #expect(try Self.numbers(parley, "corridor NOT syunik") == [3])
        #expect(try Self.numbers(parley, "dam OR syunik").sorted() == [1, 2, 4])
        #expect(try Self.numbers(parley, "border-controls") == [3])
        #expect(throws: StoreError.self) { try parley.search(SearchQuery("  AND  ")) }
        // A NUL (an API client can send one) separates words; it never ends the query early.
        #expect(try Self.numbers(parley, "syunik\u{0}") == [4])
        #expect(try Self.numbers(parley, "\"border\u{0}controls\"") == [3])
        #expect(throws: StoreError.self) { try parley.search(SearchQuery("\u{0}")) }
    }

    @Test("hits are ranked; the matched words are highlighted in text and Markdown, listed in JSON and CSV")
    func rankingAndHighlighting() throws {
        let parley = try Self.corridorCase()
        // Two mentions of the word beat one.
        #expect(try Self.numbers(parley, "corridor") == [3, 4])
        let report = try parley.search(SearchQuery("corridor", scopes: [.statements]))
        let text = report.rendered(as: .text)
        #expect(text.contains("1. #3 2021 (year) south on water, demand 'open-corridor', source bulletin"))
        #expect(text.contains("summary: The [corridor] must open; a [corridor] without border controls."))
        #expect(report.rendered(as: .markdown).contains("summary: The **corridor** must open"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any])
        let first = try #require((json["hits"] as? [[String: Any]])?.first)
        #expect(first["kind"] as? String == "statement")
        let match = try #require((first["matches"] as? [[String: Any]])?.first)
        #expect(match["words"] as? [String] == ["corridor"])
        #expect(match["text"] as? String == "The corridor must open; a corridor without border controls.")
        // CSV and JSON carry the text as stored, never with highlighting, and the matched words apart.
        let csv = report.rendered(as: .csv)
        #expect(csv.hasPrefix("rank,kind,id,date,party,issue,source,field,text,words\r\n"))
        #expect(
            csv.contains(
                "1,statement,#3,2021,south,water,bulletin,summary,The corridor must open; a corridor without border controls.,corridor\r\n"
            ))
        #expect(!csv.contains("["))
        let colour = report.rendered(as: .text, style: TextStyle(width: 100, color: true))
        #expect(colour.contains("\u{1B}[1;33mcorridor\u{1B}[0m"))
    }

    @Test("the index follows every write: add, amend, retract, imports, edits and renames")
    func inStep() throws {
        let parley = try Self.corridorCase()
        try parley.amend(number: 4, StatementChanges([.summary: "No passage at all."]), reason: "Wording")
        #expect(try Self.numbers(parley, "passage") == [4])
        #expect(try Self.numbers(parley, "\"no corridor\"").isEmpty)
        try parley.retract(number: 3, reason: "Misreported")
        #expect(try Self.numbers(parley, "controls").isEmpty)
        #expect(
            try parley.search(SearchQuery("controls", scopes: [.statements], includeRetracted: true)).hits.count == 1)
        // A casefile import, and a bulk CSV import, are searchable at once.
        let other = try Parley.inMemory(clock: testClock)
        try other.importCasefile(try parley.exportCasefile())
        #expect(try Self.numbers(other, "passage") == [4])
        let csv = try temporaryDirectory().appendingPathComponent("more.csv")
        try "party,issue,kind,stance,summary,source\nsouth,water,proposal,ferry,A ferry across the lake.,bulletin\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        try other.importStatements(csvPath: csv.path)
        #expect(try Self.numbers(other, "ferries") == [5])
        // Entities: a new name, a new alias, a renamed issue.
        try other.editParty("south") { $0.name = "Southern Republic" }
        try other.renameIssue("water", to: "river")
        let entities = try other.search(SearchQuery("republic OR river", scopes: [.entities])).hits.map(\.kind)
        #expect(Set(entities) == ["party", "issue"])
        // Sources by their stored text.
        try other.add(
            Source(id: "wire", title: "Wire copy", published: try date("2021-03-01"), text: "Talks on the lake ferry."))
        #expect(try other.search(SearchQuery("ferry", scopes: [.sources])).hits.first?.matches.first?.field == "text")
    }

    @Test("filters narrow statements by party, issue and date, and entities and sources with them")
    func filters() throws {
        let parley = try Self.corridorCase()
        #expect(try parley.search(SearchQuery("corridor", scopes: [.statements], party: "north")).hits.count == 1)
        #expect(try parley.search(SearchQuery("dam", scopes: [.statements], issue: "water/dam")).hits.count == 2)
        #expect(try parley.search(SearchQuery("corridor", scopes: [.statements], until: try date("2020"))).hits.isEmpty)
        #expect(
            try parley.search(SearchQuery("nord", scopes: [.entities], party: "north")).hits.map(\.kind) == ["actor"])
        #expect(throws: StoreError.notFound(.party, id: "nort", suggestions: ["north"])) {
            try parley.search(SearchQuery("dam", party: "nort"))
        }
    }

    @Test("imported statements are found, those numbered below the highest as well as the new ones")
    func importedNumberedAndNew() throws {
        let parley = try smallCase()
        let dir = try temporaryDirectory()
        func importing(_ rows: String) throws {
            let file = dir.appendingPathComponent("numbered-\(rows.count).csv")
            try Data(("number,party,issue,kind,stance,summary,said,source\n" + rows).utf8).write(to: file)
            try parley.importStatements(csvPath: file.path)
        }
        try importing("10,north,water,demand,stop-dam,Heron sightings.,2020-04-01,gazette\n")
        try importing(
            "5,south,water,rejection,build-dam,Kingfisher nests.,2020-04-02,gazette\n"
                + ",north,water,proposal,pause-dam,Otter tracks.,2020-04-03,gazette\n")
        #expect(try Self.numbers(parley, "heron") == [10])
        #expect(try Self.numbers(parley, "kingfisher") == [5])
        #expect(try Self.numbers(parley, "otter") == [11])
    }
}
