import Foundation
import ParleyKit
import ParleyModel
import Testing

/// Rules that every front end follows live once, in the use cases: a front end passes what it
/// was given, and the use case applies the rule and says what was wrong.
@Suite("Rules in the use cases")
struct UseCaseRulesTests {
    @Test("a step without a status keeps the one in force on its date; with none to keep, it is refused")
    func stepKeepsStatus() throws {
        let parley = try smallCase()
        let june = try date("2020-06")
        let (place, step) = try parley.appendStep(
            status: DisputeStatus?.none, on: june, source: "bulletin", to: "dam-dispute"
        ) { $0.note = "still open" }
        #expect(place == 2)
        #expect(step.status == .open && step.on == june && !step.onIsSourceDate && step.note == "still open")
        // Without a date, the step takes its source's.
        let (_, dated) = try parley.appendStep(
            status: DisputeStatus.narrowed, on: nil, source: "bulletin", to: "dam-dispute")
        let published = try date("2023-12-31")
        #expect(dated.on == published && dated.onIsSourceDate)
        // A record whose every step was retracted has no status to keep.
        try parley.retractStep(AgreementStatus.self, number: 1, of: "river-commission", reason: "Wrong source")
        #expect(throws: ModelError.noStatusToKeep(record: "river-commission", on: june)) {
            try parley.appendStep(status: AgreementStatus?.none, on: june, source: "bulletin", to: "river-commission")
        }
    }

    @Test("a period that ends before it starts is refused for listings, exports and searches alike")
    func periods() throws {
        let parley = try smallCase()
        let refused = ModelError.untilBeforeSince(since: try date("2021"), until: try date("2020-12"))
        let filter = StatementFilter(since: try date("2021"), until: try date("2020-12"))
        #expect(throws: refused) { try parley.statements(filter) }
        #expect(throws: refused) { try parley.forEachStatement(filter) { _ in } }
        #expect(throws: refused) {
            try parley.search(SearchQuery("dam", since: try date("2021"), until: try date("2020-12")))
        }
        // The same month on both ends is that month.
        _ = try parley.statements(StatementFilter(since: try date("2020-04"), until: try date("2020-04")))
    }

    @Test("a search asks for 1 to 10,000 hits, whichever front end asks")
    func searchLimit() throws {
        let parley = try smallCase()
        #expect(throws: ModelError.searchLimit(0, most: 10_000)) { try parley.search(SearchQuery("dam", limit: 0)) }
        #expect(throws: ModelError.searchLimit(10_001, most: 10_000)) {
            try parley.search(SearchQuery("dam", limit: 10_001))
        }
        #expect(try parley.search(SearchQuery("dam", limit: 10_000)).hits.isEmpty == false)
    }

    @Test("an issue's and a party's page are the reports the front ends ask for one by one, read together")
    func overviews() throws {
        let parley = try smallCase()
        let issue = try parley.issueOverview("water", asOf: nil)
        #expect(issue.positions == (try parley.positionsReport(asOf: nil, issue: "water")))
        #expect(issue.history == (try parley.history(issue: "water")))
        let party = try parley.partyOverview("north", asOf: try date("2020-12"))
        #expect(party.positions == (try parley.positionsReport(asOf: try date("2020-12"), party: "north")))
        #expect(
            party.statements
                == (try parley.statements(
                    StatementFilter(party: "north", until: try date("2020-12"), includeClaimsAbout: true))))
    }

    @Test("a failed import into a database it created leaves no file behind; a good one creates it")
    func importLeavesNothing() throws {
        let folder = try temporaryDirectory()
        let bad = folder.appendingPathComponent("bad.yaml")
        try Data("parties:\n  - id: a\n    name: A\n    kind: state\nstatements:\n  - party: zz\n".utf8).write(to: bad)
        let database = folder.appendingPathComponent("case.sqlite").path
        #expect(ImportFile(path: bad.path) == .casefile)
        #expect(throws: CasefileError.self) { try Parley.importFile(bad.path, as: .casefile, into: database) }
        let csv = folder.appendingPathComponent("statements.csv")
        try Data("party,issue,kind,stance,summary,source\nnorth,water,demand,x,s,nowhere\n".utf8).write(to: csv)
        #expect(throws: StoreError.self) { try Parley.importFile(csv.path, as: .statements, into: database) }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("case") }
        #expect(left.isEmpty, "left behind: \(left)")

        let good = folder.appendingPathComponent("good.yaml")
        try Data("parties:\n  - id: a\n    name: A\n    kind: state\n".utf8).write(to: good)
        guard case .casefile(let summary) = try Parley.importFile(good.path, as: .casefile, into: database) else {
            Issue.record("a casefile imported as something else")
            return
        }
        #expect(summary.added[.party] == 1)
        #expect(FileManager.default.fileExists(atPath: database))
    }

    @Test("an article's date is the first YYYY-MM-DD in its file's name that is a date")
    func dateInName() throws {
        #expect(Parley.date(inName: "rferl-2021-12-16.txt") == (try date("2021-12-16")))
        #expect(Parley.date(inName: "2021-02-30-then-2021-03-01.txt") == (try date("2021-03-01")))
        #expect(Parley.date(inName: "no-date.txt") == nil)
    }
}
