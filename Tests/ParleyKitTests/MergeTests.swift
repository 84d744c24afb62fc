import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

/// Two analysts' casefiles, or the bundled case and a bigger database, come together: what is
/// already there is skipped, what is new is added, and conflicts are listed with nothing written.
@Suite("Merging casefiles")
struct MergeTests {
    static func write(_ yaml: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("colleague.yaml")
        try Data(yaml.utf8).write(to: url)
        return url.path
    }

    @Test("a casefile merged into a database that holds half of it adds the other half and counts the rest")
    func halfPresent() throws {
        let full = try smallCase()
        try full.record(
            NewStatement(
                party: "north", issue: "water", kind: .proposal, stance: "share", summary: "Share.",
                said: try date("2020-06"), source: "bulletin"))
        try full.appendStep(
            AgreementStep(status: .signed, on: try date("2020-07"), source: "bulletin"), to: "river-commission")
        let yaml = try full.exportYAML()

        let half = try smallCase()
        let summary = try half.importCasefile(path: try Self.write(yaml), merge: true)
        #expect(summary.added[.statement] == 1)
        #expect(summary.unchanged[.statement] == 2)
        #expect(summary.unchanged[.party] == 2)
        #expect(summary.stepsAdded == 1)
        #expect(try half.exportYAML() == yaml)
        let again = try half.importCasefile(path: try Self.write(yaml), merge: true)
        #expect(again.description == "0 parties, 0 actors, 0 issues, 0 sources, 0 statements, 0 agreements, 0 disputes")
        #expect(try half.log().entries.last?.action == .import)
    }

    @Test("conflicts (same id or number, other content) are all listed with their lines, and nothing is written")
    func conflicts() throws {
        let theirs = try smallCase()
        var yaml = try theirs.exportYAML()
        yaml = yaml.replacingOccurrences(of: "name: Southland", with: "name: Southern Republic")
        yaml = yaml.replacingOccurrences(of: "summary: Work on the dam must stop.", with: "summary: Stop the dam now.")
        let mine = try smallCase()
        let before = try mine.exportYAML()
        let error = #expect(throws: StoreError.self) {
            try mine.importCasefile(path: try Self.write(yaml), merge: true)
        }
        guard case .invalid(let problems) = error else { return }
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.line != nil })
        #expect(
            problems.map(\.description).contains {
                $0.contains(
                    "party south is already in the database with other content (name: 'Southern Republic' in the casefile, 'Southland' in the database)"
                )
            })
        #expect(
            problems.map(\.description).contains {
                $0.contains("statement #1") && $0.contains("summary: 'Stop the dam now.'")
            })
        #expect(try mine.exportYAML() == before)
        // Without --merge the same ids are refused outright.
        #expect(throws: StoreError.self) { try mine.importCasefile(path: try Self.write(yaml)) }
    }

    @Test("retracted and amended statements round-trip byte for byte, numbers and all")
    func roundTrip() throws {
        let parley = try smallCase()
        try parley.amend(
            number: 1, StatementChanges(summary: "Work on the dam must stop at once."), reason: "Closer to the text")
        try parley.retract(number: 2, reason: "Wrong source")
        try parley.appendStep(
            AgreementStep(status: .signed, on: try date("2020-07"), source: "bulletin"), to: "river-commission")
        try parley.retractStep(AgreementStatus.self, number: 2, of: "river-commission", reason: "Not signed after all")
        let yaml = try parley.exportYAML()
        #expect(yaml.contains("number: 2"))
        #expect(yaml.contains("reason: Wrong source"))
        let again = try Parley.inMemory(clock: testClock)
        try again.importCasefile(path: try Self.write(yaml))
        #expect(try again.exportYAML() == yaml)
        #expect(try again.statements().statements.map(\.sequence) == [1])
    }
}
