import Foundation
import ParleyCasefile
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Casefile")
struct CasefileTests {
    @Test("export, import into a fresh database, export again: byte-identical")
    func roundTrip() throws {
        let first = try CasefileWriter.yaml(try smallDatabase().export())
        let again = try ParleyDatabase()
        try again.write { try $0.importCasefile(try CasefileReader.read(yaml: first).get()) }
        let second = try CasefileWriter.yaml(try again.export())
        #expect(first == second)
        #expect(first.contains("- {status: open, on: 2020-04-30, source: gazette-2020-05-01}"))
        #expect(first.contains("quote: Stop the dam."))
    }

    @Test("text that YAML would misread (dates, numbers, colons, quotes, new lines) survives the round trip")
    func awkwardText() throws {
        let db = try ParleyDatabase()
        let casefile = Casefile(
            parties: [
                Party(id: "a", name: "yes", kind: .state, aliases: ["null", "1.5", "- x"]),
                Party(id: "b", name: "B: the other", kind: .movement),
            ],
            issues: [Issue(id: "i", title: "2021-12-14", description: "Line one\nLine \"two\"\n")],
            sources: [
                Source(
                    id: "s", title: "'quoted' # not a comment", published: try CalendarDate(parsing: "2021"),
                    text: "Para 1.\n\nPara 2.")
            ],
            statements: [
                Statement(
                    party: "a", issue: "i", kind: .denial, stance: "no", summary: "~", quote: "on",
                    said: try CalendarDate(parsing: "2021-12"), source: "s", recordedAt: "2026-01-01T00:00:00Z")
            ])
        try db.write { try $0.importCasefile(casefile) }
        let yaml = try CasefileWriter.yaml(try db.export())
        let back = try CasefileReader.read(yaml: yaml).get()
        #expect(back.parties == casefile.parties)
        #expect(back.issues == casefile.issues)
        #expect(back.sources == casefile.sources)
        #expect(
            back.statements.map {
                var s = $0
                s.number = nil
                return s
            } == casefile.statements)
        #expect(back.statements.map(\.number) == [1])
    }

    @Test("importing ids that already exist is refused as a whole")
    func collisions() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let casefile = try CasefileReader.read(yaml: smallCasefileYAML).get()
        let error = #expect(throws: StoreError.self) { try db.write { try $0.importCasefile(casefile) } }
        #expect(error?.localizedDescription.contains("party 'north' is already in the database") == true)
        #expect(try db.statementCount() == count)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
