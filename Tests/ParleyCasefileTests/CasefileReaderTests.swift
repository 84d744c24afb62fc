import Foundation
import ParleyCasefile
import ParleyModel
import Testing

/// Reading and writing casefiles (YAML and CSV tables), without a database: what a user's file
/// turns into, and what it says when it cannot be read.
@Suite("Casefile reader and writer")
struct CasefileReaderTests {
    static func sample() throws -> Casefile {
        Casefile(
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
            ],
            disputes: [
                Tracked(
                    id: "row", title: "Row: the first", issue: "i", parties: ["a", "b"],
                    history: [Step(status: DisputeStatus.open, on: try CalendarDate(parsing: "2021-06"), source: "s")])
            ])
    }

    @Test("text that YAML would misread (dates, numbers, colons, quotes, new lines) is written so it reads back")
    func yamlRoundTrip() throws {
        let casefile = try Self.sample()
        let yaml = try CasefileWriter.yaml(casefile)
        #expect(try CasefileReader.read(yaml: yaml).get() == casefile)
        #expect(try CasefileWriter.yaml(try CasefileReader.read(yaml: yaml).get()) == yaml)
    }

    @Test("the CSV tables hold the same casefile: written, read back, equal")
    func tablesRoundTrip() throws {
        let casefile = try Self.sample()
        let tables = CasefileTables.tables(casefile)
        #expect(tables.map(\.name) == CasefileTables.fileNames)
        var read: [String: CasefileTables.ReadTable] = [:]
        for table in tables {
            let records = table.rows.enumerated().map { (line: $0.offset + 2, fields: $0.element) }
            read[table.name] = CasefileTables.ReadTable(header: table.header, records: records)
        }
        #expect(try CasefileTables.casefile(read).get().casefile == casefile)
    }

    @Test("a casefile with errors lists every problem with its line, and imports nothing")
    func problemsWithLines() throws {
        let yaml = """
            parties:
            - id: north
              name: North
              kind: empire
            issues:
            - id: water
              title: Water
            statements:
            - party: nort
              issue: water
              kind: demand
              stance: share
              summary: Share.
              said: 2021-02-30
              source: paper
              colour: blue

            """
        let error = try #require(CasefileReader.read(yaml: yaml).failure)
        let found = error.problems.map { "\($0.line ?? 0) \($0.path)" }
        #expect(
            found == [
                "4 parties[0].kind", "9 statements[0].party", "14 statements[0].said", "15 statements[0].source",
                "16 statements[0].colour",
            ])
        #expect(error.localizedDescription.contains("5 problems; nothing was imported"))
    }

    @Test("malformed YAML is reported with its line")
    func malformed() throws {
        let error = try #require(CasefileReader.read(yaml: "parties:\n- id: a\n  name: [unclosed\n").failure)
        #expect(error.problems.count == 1)
        #expect(error.problems[0].line != nil)
        #expect(error.problems[0].message.hasPrefix("not valid YAML"))
    }

    @Test("a casefile with bytes that are not UTF-8 is refused with the line and column")
    func casefileInvalidUTF8() throws {
        let url = try temporaryDirectory().appendingPathComponent("bad.yaml")
        try Data(Array("parties:\n- id: north\n  name: Nor".utf8) + [0xFF] + Array("th\n  kind: state\n".utf8)).write(
            to: url)
        guard case .failure(let error) = CasefileReader.read(path: url.path) else {
            Issue.record("accepted")
            return
        }
        #expect(
            error.problems.map(\.description) == [
                "line 3, column 12: file: bytes that are not UTF-8 (0xFF); save the casefile as UTF-8 text, without NUL bytes"
            ])
    }

    @Test("a casefile that YAML aliases blow up is refused, quickly, before anything is built from it")
    func aliasBomb() throws {
        // 60 KB of YAML whose aliases would expand to 100 MB of party names.
        let name = String(repeating: "x", count: 50_000)
        let yaml =
            "parties:\n- &p {id: p, name: \"\(name)\", kind: state}\n" + String(repeating: "- *p\n", count: 2_000)
        guard case .failure(let error) = CasefileReader.read(yaml: yaml) else {
            Issue.record("accepted")
            return
        }
        #expect(error.problems.contains { $0.message.contains("through YAML aliases") })
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
