import Foundation
import ParleyCasefile
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
        #expect(try half.log().entries.last?.action == .import)
        // Merged again, everything is there already: nothing changes and nothing is logged.
        let logged = try half.log().entries.count
        let again = try half.importCasefile(path: try Self.write(yaml), merge: true)
        #expect(again.description == "0 parties, 0 actors, 0 issues, 0 sources, 0 statements, 0 agreements, 0 disputes")
        #expect(try half.log().entries.count == logged)
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
            number: 1, StatementChanges([.summary: "Work on the dam must stop at once."]), reason: "Closer to the text")
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

    @Test("a casefile may name the parties, actors, issues and sources the database holds without listing them")
    func referencesToTheDatabase() throws {
        let parley = try smallCase()
        let yaml = """
            statements:
            - actor: nadia
              party: north
              issue: water
              kind: proposal
              stance: share-water
              summary: Share the water.
              source: bulletin
            agreements:
            - id: dam-freeze
              title: A freeze on the dam
              issue: water/dam
              parties: [north, south]
              history:
              - {status: proposed, source: bulletin}
            """
        let summary = try parley.importCasefile(path: try Self.write(yaml), merge: true)
        #expect(summary.added[.statement] == 1)
        #expect(summary.added[.agreement] == 1)
        // A step without a date takes its source's, though the source is only in the database.
        let steps = try parley.list(AgreementStatus.self).records.first { $0.id == "dam-freeze" }?.history
        #expect(steps?.first?.on == (try date("2023-12-31")))
        // A reference neither holds is still refused, with the closest ids.
        let bad = yaml.replacingOccurrences(of: "source: bulletin", with: "source: bulletn")
            .replacingOccurrences(of: "dam-freeze", with: "other")
        let error = #expect(throws: StoreError.self) {
            try parley.importCasefile(path: try Self.write(bad), merge: true)
        }
        guard case .invalid(let problems) = error else { return }
        #expect(problems.contains { $0.description.contains("no source with id 'bulletn'") })
    }

    @Test(
        "a field the casefile leaves out is not a conflict; one that differs is, and every one that differs is listed")
    func silenceAndEveryField() throws {
        let parley = try smallCase()
        _ = try parley.editSource("gazette") { $0.text = "Nadia Nord said: Stop the dam." }
        let silent = """
            sources:
            - id: gazette
              title: Gazette
              published: 2020-05-01
            parties:
            - id: north
              name: Northland
              kind: state
            """
        let summary = try parley.importCasefile(path: try Self.write(silent), merge: true)
        #expect(summary.unchanged[.source] == 1)
        #expect(summary.unchanged[.party] == 1)
        let differing = """
            parties:
            - id: south
              name: Southern Republic
              kind: movement
              aliases: [Sud]
            """
        let error = #expect(throws: StoreError.self) {
            try parley.importCasefile(path: try Self.write(differing), merge: true)
        }
        guard case .invalid(let problems) = error else { return }
        #expect(problems.count == 1)
        let message = problems.first?.description ?? ""
        #expect(message.contains("name: 'Southern Republic' in the casefile, 'Southland' in the database"))
        #expect(message.contains("kind: 'movement' in the casefile, 'state' in the database"))
        #expect(message.contains("aliases: 'Sud' in the casefile, '' in the database"))
    }

    @Test("after an issue is renamed, a casefile that still uses the old id follows the alias, new sub-issues too")
    func renamedIssues() throws {
        let parley = try smallCase()
        let yaml = try parley.exportYAML()
        _ = try parley.renameIssue("water", to: "river")
        let summary = try parley.importCasefile(path: try Self.write(yaml), merge: true)
        #expect(summary.added.values.reduce(0, +) == 0)
        let more = """
            issues:
            - id: water/quotas
              title: Water quotas
            statements:
            - party: south
              issue: water/quotas
              kind: proposal
              stance: fixed-quotas
              summary: Fixed quotas.
              source: bulletin
            """
        try parley.importCasefile(path: try Self.write(more), merge: true)
        let issue = try parley.issues().records.first { $0.id == "river/quotas" }
        #expect(issue?.aliases == ["water/quotas"])
        #expect(try parley.statements(StatementFilter(issue: "river/quotas")).statements.count == 1)
    }

    @Test("a casefile with other problems lists the references the database lacks too, not those it holds")
    func everyProblemAtOnce() throws {
        let parley = try smallCase()
        let yaml = """
            statements:
            - party: north
              issue: water
              kind: proposal
              stance: share-water
              summary: Share the water.
              said: 2020-02-30
              source: bulletin
            - party: nowhere
              issue: water
              kind: proposal
              stance: share-water
              summary: Share the water.
              source: bulletin
            """
        let error = #expect(throws: CasefileError.self) {
            try parley.importCasefile(path: try Self.write(yaml), merge: true)
        }
        let messages = error?.problems.map(\.description) ?? []
        #expect(messages.count == 2)
        #expect(messages.contains { $0.contains("statements[0].said") })
        #expect(messages.contains { $0.contains("statements[1].party: no party with id 'nowhere'") })
    }
}
