import Foundation
import ParleyCasefile
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

/// One bad statement, and the verdict every write path must give it.
struct BadStatement: CustomTestStringConvertible, Sendable {
    var name: String
    var party = "north"
    var actor: String?
    var issue = "water"
    var stance = "share"
    var summary = "Share the river."
    var source = "gazette"
    var expected: [ModelError]

    var testDescription: String { name }
}

/// The same bad statements sent through `parley add` (the record use case), a casefile and a CSV
/// file: one validator, so one verdict.
@Suite("One statement validator")
struct ValidatorTests {
    static let cases: [BadStatement] = [
        BadStatement(name: "blank summary", summary: "   ", expected: [.emptyField("summary")]),
        BadStatement(name: "summary that is only a line break", summary: "\n", expected: [.emptyField("summary")]),
        BadStatement(name: "summary of tabs and line breaks", summary: "\t\r\n", expected: [.emptyField("summary")]),
        BadStatement(name: "bad stance label", stance: "Bad Label", expected: [.invalidStance("Bad Label")]),
        BadStatement(
            name: "unknown party", party: "nort",
            expected: [.unknownReference(.party, id: "nort", suggestions: ["north"])]),
        BadStatement(
            name: "unknown actor", actor: "nadja",
            expected: [.unknownReference(.actor, id: "nadja", suggestions: ["nadia"])]),
        BadStatement(
            name: "actor of another party", party: "south", actor: "nadia",
            expected: [.actorSpeaksForAnother(actor: "nadia", owner: "north", party: "south")]),
        BadStatement(
            name: "unknown issue", issue: "watr",
            expected: [.unknownReference(.issue, id: "watr", suggestions: ["water", "water/dam"])]),
        BadStatement(
            name: "unknown source", source: "gazete",
            expected: [.unknownReference(.source, id: "gazete", suggestions: ["gazette"])]),
        BadStatement(
            name: "several problems at once", party: "nort", stance: "X", summary: "",
            expected: [
                .unknownReference(.party, id: "nort", suggestions: ["north"]), .invalidStance("X"),
                .emptyField("summary"),
            ]),
    ]

    @Test("parley add gives the expected verdict", arguments: cases)
    func add(_ bad: BadStatement) throws {
        let parley = try smallCase()
        let error = #expect(throws: StoreError.self) {
            try parley.record(
                NewStatement(
                    party: bad.party, actor: bad.actor, issue: bad.issue, kind: .demand, stance: bad.stance,
                    summary: bad.summary,
                    source: bad.source))
        }
        guard case .invalid(let problems) = error else {
            Issue.record("not a rule violation: \(String(describing: error))")
            return
        }
        #expect(problems.map(\.error) == bad.expected)
    }

    @Test("a casefile gives the same verdict", arguments: cases)
    func casefile(_ bad: BadStatement) throws {
        var yaml = try smallCase().exportYAML()
        yaml = yaml.replacingOccurrences(
            of: "agreements:",
            with: """
                - party: \(json(bad.party))
                \(bad.actor.map { "  actor: \(json($0))\n" } ?? "")  issue: \(json(bad.issue))
                  kind: demand
                  stance: \(json(bad.stance))
                  summary: \(json(bad.summary))
                  source: \(json(bad.source))
                agreements:
                """)
        let result = CasefileReader.read(yaml: yaml)
        guard case .failure(let error) = result else {
            Issue.record("the casefile was accepted")
            return
        }
        #expect(error.problems.filter { $0.path.hasPrefix("statements[2]") }.map(\.error) == bad.expected)
    }

    @Test("a CSV file gives the same verdict", arguments: cases)
    func csv(_ bad: BadStatement) throws {
        let parley = try smallCase()
        let path = try temporaryDirectory().appendingPathComponent("statements.csv").path
        let fields = [bad.party, bad.actor ?? "", bad.issue, "demand", bad.stance, bad.summary, bad.source]
        let line = fields.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        try Data("party,actor,issue,kind,stance,summary,source\n\(line)\n".utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try parley.importStatements(csvPath: path) }
        guard case .invalid(let problems) = error else {
            Issue.record("not a rule violation: \(String(describing: error))")
            return
        }
        #expect(problems.map(\.error) == bad.expected)
        #expect(problems.allSatisfy { $0.file == "statements.csv" && $0.line == 2 })
    }

    /// A YAML double-quoted scalar (JSON's string syntax is a subset of it).
    func json(_ text: String) -> String {
        (try? JSONEncoder().encode(text)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }
}
