import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// The fixture casefile and the golden files live beside this file. Run the tests with
/// `PARLEY_UPDATE_GOLDEN=1` to rewrite the golden files after an intended change, then review
/// the diff.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// The fixture case, loaded the way `--casefile` loads one.
    static func parley() throws -> Parley {
        try Parley.open(casefile: directory.appendingPathComponent("fixture.yaml").path)
    }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// Every report the golden tests cover, by file stem, each built by the use case the front
    /// ends call.
    static func reports() throws -> [(String, any Report)] {
        let parley = try parley()
        return [
            ("disputes", try parley.disputesReport(asOf: nil)),
            ("disputes-2017-06", try parley.disputesReport(asOf: try date("2017-06"))),
            ("positions", try parley.positionsReport(asOf: nil)),
            ("positions-2017-03-ostrana", try parley.positionsReport(asOf: try date("2017-03"), party: "ostrana")),
            ("agreements", try parley.agreementsReport(asOf: nil)),
            ("agreements-2017", try parley.agreementsReport(asOf: try date("2017"))),
            ("history-river", try parley.history(issue: "river")),
            ("diff-2016-06-to-2019", try parley.diff(from: try date("2016-06-01"), to: try date("2019-12"))),
            ("diff-unchanged", try parley.diff(from: try date("2022-01-01"), to: try date("2023"))),
            ("source-diff", try parley.sourceDiff("herald-2019-06-02", "courier-2019-06-03")),
            ("statements-ostrana", try parley.statements(StatementFilter(party: "ostrana"))),
        ]
    }
}

@Suite("Golden reports on the fixture casefile")
struct GoldenTests {
    static let extensions: [OutputFormat: String] = [
        .text: "txt", .markdown: "md", .json: "json", .csv: "csv", .jsonl: "jsonl", .html: "html",
    ]

    @Test("every report in every format matches its golden file", arguments: OutputFormat.allCases)
    func golden(_ format: OutputFormat) throws {
        let update = ProcessInfo.processInfo.environment["PARLEY_UPDATE_GOLDEN"] == "1"
        let folder = Fixture.directory.appendingPathComponent("golden")
        for (name, report) in try Fixture.reports() + NegotiationCase.reports() where report.supports(format) {
            let rendered = report.rendered(as: format, style: TextStyle(width: 80, color: false))
            let url = folder.appendingPathComponent("\(name).\(Self.extensions[format] ?? "txt")")
            if update {
                try Data(rendered.utf8).write(to: url)
                continue
            }
            let expected = try String(contentsOf: url, encoding: .utf8)
            let hint = "if the change is intended, rerun with PARLEY_UPDATE_GOLDEN=1 and review the diff"
            #expect(rendered == expected, "\(url.lastPathComponent) differs; \(hint)")
        }
    }

    @Test("reports written a piece at a time (text a line, JSON an element at a time) write their golden files")
    func streamed() throws {
        let folder = Fixture.directory.appendingPathComponent("golden")
        var streamedJSON = 0
        for (name, report) in try Fixture.reports() + NegotiationCase.reports() {
            if let streaming = report as? any TextStreaming {
                var written = ""
                streaming.writeText(style: TextStyle(width: 80, color: false)) { written += $0 }
                let url = folder.appendingPathComponent("\(name).txt")
                #expect(written == (try String(contentsOf: url, encoding: .utf8)), "\(name).txt")
            }
            if let streaming = report as? any JSONStreaming {
                var written = ""
                streaming.writeJSON { written += $0 }
                let url = folder.appendingPathComponent("\(name).json")
                #expect(written == (try String(contentsOf: url, encoding: .utf8)), "\(name).json")
                streamedJSON += 1
            }
        }
        // The disputes (three of the negotiation, two of the fixture) and contradictions (two).
        #expect(streamedJSON == 7)
    }

    @Test("an object written with one member's elements streamed is the object encoded whole")
    func jsonStreamedMember() {
        let elements: [JSONValue] = [["a": 1, "b": ["x", "y"]], [], "z", .null]
        for streamed in [elements, [], ["only"]] {
            let whole: JSONValue = ["first": 1, "list": .array(streamed), "zeta": ["k": true]]
            var written = ""
            let skeleton: JSONValue = ["first": 1, "list": [], "zeta": ["k": true]]
            skeleton.encode(streaming: "list", streamed) { written += $0 }
            #expect(written == whole.encoded())
        }
    }

    @Test("JSON output parses and has the documented top-level keys")
    func jsonShape() throws {
        let keys: [String: Set<String>] = [
            "disputes": ["as_of", "known_as_of", "recorded", "apparent", "closed", "overdue", "notes"],
            "positions": ["as_of", "known_as_of", "parties", "issues", "notes"],
            "agreements": ["as_of", "known_as_of", "agreements", "notes"],
            "history-river": ["issue", "party", "known_as_of", "events", "notes"],
            "diff-2016-06-to-2019": [
                "from", "to", "known_as_of", "unchanged", "moves", "positions", "agreements", "became_overdue",
                "disputes", "apparent_appeared", "apparent_gone", "notes",
            ],
            "source-diff": ["first_source", "second_source", "known_as_of", "agree", "entries"],
        ]
        for (name, report) in try Fixture.reports() {
            guard let expected = keys[name] else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(report.rendered(as: .json).utf8)) as? [String: Any]
            #expect(Set(object?.keys.map { $0 } ?? []) == expected, "\(name)")
        }
    }

    @Test("text output uses colour only when asked, and wraps to the width")
    func textStyle() throws {
        let reports = try Fixture.reports()
        for (_, report) in reports {
            let plain = report.rendered(as: .text, style: TextStyle(width: 60, color: false))
            #expect(!plain.contains("\u{1B}["))
            #expect(plain.split(separator: "\n").allSatisfy { $0.count <= 60 }, "\(plain)")
        }
        let colored = reports[0].1.rendered(as: .text, style: TextStyle(width: 80, color: true))
        #expect(colored.contains("\u{1B}["))
    }
}

@Suite("JSON output")
struct JSONOutputTests {
    @Test("strings are escaped so that any JSON reader gets them back, keys come sorted")
    func escaping() throws {
        let text = "quote \" backslash \\ newline \n tab \t bell \u{07} slash / accents éü and ☃"
        let value: JSONValue = ["b": .string(text), "a": [1, true, .null, []], "c": [:]]
        let encoded = value.encoded()
        #expect(encoded.hasPrefix("{\n  \"a\" : [\n"))
        let decoded = try JSONSerialization.jsonObject(with: Data(encoded.utf8)) as? [String: Any]
        #expect(decoded?["b"] as? String == text)
        #expect(encoded.contains("\\u0007"))
        #expect(encoded.contains("accents éü"))
    }
}
