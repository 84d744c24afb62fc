import Foundation
import Testing

/// The report commands run end to end on the fictional fixture casefile of the report tests.
@Suite("parley report commands end to end")
struct ReportCommandTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ParleyReportsTests/Fixtures/fixture.yaml").path

    @Test("report disputes shows recorded and apparent disputes, and writes --output files")
    func disputes() throws {
        let cli = try CLIHarness()
        let text = try cli.succeed(["report", "disputes", "--casefile", Self.fixture, "--as-of", "2021"], useDB: false)
            .stdout
        #expect(text.contains("STALE dam-dispute"))
        #expect(text.contains("APPARENT"))
        #expect(text.contains("fishing-rights: resolved on 2018-09-10"))
        let file = cli.directory.appendingPathComponent("disputes.json").path
        let written = try cli.succeed(
            ["report", "disputes", "--casefile", Self.fixture, "--format", "json", "--output", file], useDB: false)
        #expect(written.stdout.isEmpty)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any]
        #expect((json?["recorded"] as? [Any])?.count == 1)
    }

    @Test("report positions narrows by party and issue and marks divergence")
    func positions() throws {
        let cli = try CLIHarness()
        let text = try cli.succeed(
            ["report", "positions", "--casefile", Self.fixture, "--issue", "river", "--as-of", "2017-03"], useDB: false
        ).stdout
        #expect(text.contains("river/dam  ≠ parties diverge"))
        #expect(!text.contains("security/ceasefire"))
        let markdown = try cli.succeed(
            ["report", "positions", "--casefile", Self.fixture, "--party", "ostrana", "--format", "markdown"],
            useDB: false
        ).stdout
        #expect(markdown.contains("| issue | ostrana |"))
    }

    @Test("history marks each change of stance old → new")
    func history() throws {
        let cli = try CLIHarness()
        let text = try cli.succeed(
            ["history", "--casefile", Self.fixture, "--issue", "river/dam", "--party", "ostrana"], useDB: false
        ).stdout
        #expect(text.contains("MOVED: oppose-dam → accept-dam"))
        #expect(text.contains("dispute dam-dispute: open"))
    }

    @Test("diff by dates and by sources; no change says so and exits 0")
    func diff() throws {
        let cli = try CLIHarness()
        let dates = try cli.succeed(
            ["diff", "--casefile", Self.fixture, "--from", "2016-06-01", "--to", "2019-12"], useDB: false
        ).stdout
        #expect(dates.contains("ostrana on river/dam: moved: oppose-dam → accept-dam + conditional-acceptance"))
        #expect(dates.contains("Moves: 2 restated, 3 moved."))
        #expect(dates.contains("read as its last day, 2019-12-31"))
        let none = try cli.succeed(
            ["diff", "--casefile", Self.fixture, "--from", "2022", "--to", "2023"], useDB: false
        ).stdout
        #expect(none.contains("Nothing changed between 2022 and 2023."))
        let sources = try cli.succeed(
            ["diff", "--casefile", Self.fixture, "--source", "herald-2019-06-02", "--source", "courier-2019-06-03"],
            useDB: false
        ).stdout
        #expect(sources.contains("ostrana on river/dam: DIFFERENT stances"))
    }

    @Test("bad report arguments fail with a message that says what to do")
    func badArguments() throws {
        let cli = try CLIHarness()
        let backwards = try cli.run(
            ["diff", "--casefile", Self.fixture, "--from", "2020", "--to", "2019"], useDB: false)
        #expect(backwards.status != 0)
        #expect(backwards.stderr.contains("pass --from earlier than --to"))
        let oneSource = try cli.run(
            ["diff", "--casefile", Self.fixture, "--source", "herald-2019-06-02"], useDB: false)
        #expect(oneSource.stderr.contains("exactly twice"))
        let badDate = try cli.run(
            ["report", "disputes", "--casefile", Self.fixture, "--as-of", "2021-02-30"], useDB: false)
        #expect(badDate.status != 0)
        let unknown = try cli.run(["history", "--casefile", Self.fixture, "--issue", "rivr"], useDB: false)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("did you mean 'river'"))
        let noDir = try cli.run(
            ["report", "agreements", "--casefile", Self.fixture, "--output", "/nonexistent/dir/x.md"], useDB: false)
        #expect(noDir.status == 1)
        #expect(noDir.stderr.contains("cannot write /nonexistent/dir/x.md"))
    }

    @Test("colour is used on request only: never when NO_COLOR is set or output is not a terminal")
    func noColour() throws {
        let cli = try CLIHarness()
        let text = try cli.succeed(["report", "disputes", "--casefile", Self.fixture], useDB: false).stdout
        #expect(!text.contains("\u{1B}["))
    }
}
