import Foundation
import Testing

/// `parley draft` and `parley check quotes` as an analyst uses them: draft an article, review,
/// import; check the quotations against the stored text.
@Suite("Drafting from articles")
struct DraftCommandTests {
    static let article = """
        Northland rejects dam plan

        Nadia Nord said on Tuesday that work on the upstream dam must stop. “We will not watch the river \
        run dry,” she told reporters.

        Southland's government rejected the demand.
        """

    /// The harness's case, with Nadia Nord's surname usable as an alias.
    func seeded() throws -> CLIHarness {
        let cli = try CLIHarness()
        try cli.seed()
        try cli.succeed(["actor", "edit", "--id", "nadia", "--add-alias", "Nord"])
        return cli
    }

    @Test("a draft names speakers, dates and quotes; import refuses it until every review: value is replaced")
    func draftReviewImport() throws {
        let cli = try seeded()
        let article = try cli.write("nord.txt", Self.article)
        let draftPath = cli.directory.appendingPathComponent("nord.draft.yaml").path
        let drafted = try cli.run(["draft", article, "--published", "2023-12-14", "--output", draftPath])
        #expect(drafted.status == 0, "\(drafted.stderr)")
        #expect(drafted.stderr.contains("3 statements drafted"))
        let yaml = try String(contentsOfFile: draftPath, encoding: .utf8)
        #expect(yaml.contains("- party: \"north\"\n  actor: \"nadia\""))
        #expect(yaml.contains("said: 2023-12-12"))  // Tuesday before Thursday 14 December 2023
        #expect(yaml.contains("said_evidence: \"on Tuesday\""))
        #expect(yaml.contains("quote: \"We will not watch the river run dry\""))
        #expect(yaml.contains("- party: \"south\""))
        #expect(yaml.contains("title: Northland rejects dam plan"))  // the headline names the new source
        // Nothing was written to the case.
        #expect(try cli.succeed(["statements", "--format", "json"]).stdout.contains("\"number\"") == false)

        // Not reviewed yet: refused, each marker with its line, nothing imported.
        let refused = try cli.run(["import", draftPath, "--merge"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is still marked for review"))
        #expect(refused.stderr.contains("line "))
        #expect(try cli.succeed(["statements", "--format", "json"]).stdout.contains("\"number\"") == false)

        // Reviewed: every review: value replaced, and the file imports.
        var reviewed = yaml
        var count = 0
        while let range = reviewed.range(of: #""review: [^"]*""#, options: .regularExpression) {
            count += 1
            let line = reviewed[reviewed.lineRange(for: range)]
            let value =
                line.contains("stance:")
                ? "\"label-\(count)\"" : line.contains("issue:") ? "\"water/dam\"" : "\"Reviewed.\""
            reviewed.replaceSubrange(range, with: value)
        }
        let reviewedPath = try cli.write("reviewed.yaml", reviewed)
        let imported = try cli.run(["import", reviewedPath, "--merge"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let statements = try cli.succeed(["statements", "--source", "nord-2023-12-14"]).stdout
        #expect(statements.contains("2023-12-12"))
        #expect(statements.contains("We will not watch the river run dry"))
    }

    @Test("JSON drafts carry offsets into the article; bad input is refused with what to do")
    func jsonAndErrors() throws {
        let cli = try seeded()
        let article = try cli.write("nord.txt", Self.article)
        let output = try cli.succeed(["draft", article, "--published", "2023-12-14", "--format", "json"]).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let drafts = try #require(json["drafts"] as? [[String: Any]])
        let scalars = Array(Self.article.unicodeScalars)
        for draft in drafts {
            let span = try #require(draft["span"] as? [Int])
            let text = String(String.UnicodeScalarView(scalars[span[0]..<span[1]]))
            #expect(text.split(whereSeparator: \.isWhitespace) == (draft["text"] as? String)?.split(separator: " "))
        }
        // No date, a future date, a missing file, bytes that are not UTF-8.
        #expect(try cli.run(["draft", article]).stderr.contains("published"))
        #expect(try cli.run(["draft", article, "--published", "2999-01-01"]).status != 0)
        #expect(try cli.run(["draft", "missing.txt", "--published", "2023-12-14"]).stderr.contains("missing.txt"))
        let binary = cli.directory.appendingPathComponent("bad.txt")
        try Data([0x41, 0xFF, 0x42]).write(to: binary)
        let bad = try cli.run(["draft", binary.path, "--published", "2023-12-14"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("line 1, column 2"))
    }

    @Test("a folder of articles drafts into a folder, one file each, dated by their names")
    func folder() throws {
        let cli = try seeded()
        let folder = cli.directory.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for day in ["2023-12-14", "2023-12-15"] {
            try Data(Self.article.utf8).write(to: folder.appendingPathComponent("gazette-\(day).txt"))
        }
        try Data(Self.article.utf8).write(to: folder.appendingPathComponent("undated.txt"))
        let out = cli.directory.appendingPathComponent("drafts").path
        let result = try cli.run(["draft", folder.path, "--output", out])
        #expect(result.status == 1)  // one article had no date
        #expect(result.stderr.contains("undated.txt: no date"))
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["gazette-2023-12-14.draft.yaml", "gazette-2023-12-15.draft.yaml"])
        let second = try String(contentsOfFile: out + "/gazette-2023-12-15.draft.yaml", encoding: .utf8)
        #expect(second.contains("published: 2023-12-15"))
    }

    @Test("check quotes finds a quotation that is not in its source's text, and exits 1")
    func checkQuotes() throws {
        let cli = try seeded()
        let text = try cli.write("gazette.txt", "Nadia Nord said: “Stop the dam — now.” Then she left.")
        try cli.succeed(["source", "edit", "--id", "gazette", "--text-file", text])
        try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "demand", "--stance", "stop-dam",
            "--summary", "Stop the dam.", "--quote", "stop the dam - now", "--source", "gazette",
            "--said", "2020-04-30",
        ])
        try cli.succeed(["check", "quotes"])
        try cli.succeed([
            "add", "--actor", "nadia", "--issue", "water/dam", "--kind", "assertion", "--stance", "stop-dam",
            "--summary", "Stop the dam.", "--quote", "Stop the dam at once", "--source", "gazette",
        ])
        let failed = try cli.run(["check", "quotes"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("#2"))
        #expect(failed.stdout.contains("“Stop the dam” and then differs"))
        #expect(failed.stderr.contains("1 quotation is not in its source's text"))
    }
}
