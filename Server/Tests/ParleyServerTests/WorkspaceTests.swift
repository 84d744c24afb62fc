import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Whether Playwright for Python is installed (`.ci/run` installs it from PyPI); it drives the
/// Chromium the browser tests use, never a browser of its own.
enum Playwright {
    static var isAvailable: Bool {
        guard Browser.isAvailable else { return false }
        if ProcessInfo.processInfo.environment["PARLEY_BROWSER_REQUIRED"] != nil { return true }
        let output = try? run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import playwright"])
        return output?.status == 0
    }

    static let missingReason =
        "no browser at \(Browser.path), or no Playwright for Python (python3 -m pip install playwright); "
        + "the workspace's browser test is skipped"
}

extension Case {
    /// ``small()`` with what an article about it names: speakers for both parties (Northland also
    /// called Riverton), and a sub-issue.
    static func workspace() throws -> Case {
        let test = try Case.small()
        try test.parley(["party", "edit", "--id", "north", "--add-alias", "Riverton"])
        try test.parley(["actor", "add", "--id", "lind", "--name", "Nora Lind", "--party", "north"])
        try test.parley(["actor", "add", "--id", "okoro", "--name", "Sam Okoro", "--party", "south"])
        try test.parley(["issue", "add", "--id", "water/dam", "--title", "The dam on the upper river"])
        return test
    }

    /// A fictional article about the case, written where the browser can upload it.
    func article() throws -> URL {
        let url = directory.appendingPathComponent("river-talks.txt")
        try """
        Northland and Southland split over the river

        RIVERTON, May 3 - Northland's prime minister Nora Lind said on Tuesday that the water of the river \
        must be shared equally between the two countries. "Every drop of the river belongs to both of us," Lind \
        told reporters.

        Southland's foreign minister Sam Okoro rejected that demand on Wednesday, saying shares of the river \
        must follow need. "The river is ours to use as we need it," Okoro said.

        Lind also called on Southland to stop building the dam on the upper river until the talks end.

        This article is invented for Parley's tests.

        """.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// The team's workspace in a real browser (Debian's chromium, driven by Playwright for Python
/// through `Tests/Browser/workspace.py`): an editor records, corrects, reviews an article,
/// searches and downloads; a viewer sees no form; a forged cross-site post writes nothing.
/// Screenshots of each page at 1280 and 390 px go to the test artifacts.
@Suite("the workspace in a browser", .serialized)
struct WorkspaceTests {
    @Test(
        "an editor records (near-miss confirmed), amends, retracts, reviews an article, searches and downloads; a viewer sees no form; forgeries write nothing",
        .enabled(if: Playwright.isAvailable, Comment(rawValue: Playwright.missingReason)))
    func workspace() async throws {
        let article = "northland-and-southland-split-over-the-2020-05-03"
        let test = try Case.workspace()
        let editor = try test.token("desk", role: "editor")
        let viewer = try test.token("reader", role: "viewer")
        let server = try RunningServer(database: test.database)
        let script = Binaries.packageRoot.appendingPathComponent("Tests/Browser/workspace.py")
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", script.path, "--chromium", Browser.path, "--server", server.url("/").absoluteString,
                "--editor", editor, "--viewer", viewer, "--artifacts", Binaries.artifacts.path,
                "--article", try test.article().path, "--published", "2020-05-03",
            ])
        #expect(output.status == 0, "\(output.stderr)")
        let seen = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            "\(output.stdout)\n\(output.stderr)")

        // A viewer: no form that writes, the review page refused, who is signed in shown.
        #expect(seen["viewer_forms"] as? Int == 0, "\(seen)")
        #expect(seen["viewer_review_status"] as? Int == 403)
        #expect((seen["viewer_nav"] as? String)?.contains("reader") == true)
        // Signing in returns to the page that asked for it.
        #expect(seen["signin_returned_to"] as? String == "/parties/north")
        #expect((seen["editor_nav"] as? String)?.contains("desk") == true)

        // Recording: the near miss is refused with the CLI's words and the box that confirms it.
        #expect((seen["near_miss_problem"] as? String)?.contains("close to 'share-equally'") == true, "\(seen)")
        #expect(seen["near_miss_box"] as? Int == 1)
        #expect((seen["recorded_notice"] as? String)?.contains("Labels already used there") == true)
        let number = try #require(seen["recorded_number"] as? Int)
        #expect(seen["positions_has_label"] as? Bool == true)
        #expect(seen["positions_has_name"] as? Bool == true)
        // Amended, then retracted, both in the change log; no form on a retracted statement.
        let log = try #require(seen["log"] as? String)
        #expect(log.contains("amend") && log.contains("wording as in the bulletin"), "\(log)")
        #expect(log.contains("retract") && log.contains("the bulletin withdrew the report"))
        #expect(seen["forms_after_retraction"] as? Int == 0)
        let recorded = try #require(
            try test.json(["statements", "--all", "--party", "north"]) as? [[String: Any]])
        let mine = try #require(recorded.first { $0["number"] as? Int == number })
        #expect(mine["party"] as? String == "north", "the alias Riverton was taken as north")
        #expect(mine["summary"] as? String == "Northland asks once more for an equal share of the river.")
        #expect(mine["retraction"] is [String: Any], "\(mine)")
        let cliLog = try test.parley(["log"])
        #expect(cliLog.contains("desk  add statement #\(number)"), "\(cliLog)")
        #expect(cliLog.contains("desk  amend statement #\(number)"))
        #expect(cliLog.contains("desk  retract statement #\(number)"))

        // The review: five drafts marked in the text; two accepted, recorded with the source.
        #expect(seen["drafts"] as? Int == 5, "\(seen)")
        #expect(seen["marked_spans"] as? Int == 5)
        #expect(seen["review_landed_on"] as? String == "/sources/\(article)?recorded=2")
        let source = try #require(try test.json(["source", "list"]) as? [[String: Any]])
        #expect(source.contains { $0["id"] as? String == article })
        let reviewed = try #require(
            try test.json(["statements", "--source", article]) as? [[String: Any]])
        #expect(reviewed.map { $0["stance"] as? String } == ["share-equally", "share-by-need"], "\(reviewed)")
        #expect(reviewed.map { $0["party"] as? String } == ["north", "south"])
        #expect(cliLog.contains("desk  add source \(article)"))
        #expect((seen["issue_events"] as? Int ?? 0) >= 2)

        // Search and download.
        #expect((seen["search_marks"] as? Int ?? 0) > 0)
        #expect((seen["search_statement_links"] as? Int ?? 0) > 0)
        #expect(seen["csv_name"] as? String == "statements.csv")
        #expect((seen["csv_columns"] as? [String])?.prefix(3) == ["number", "date", "said"])
        #expect(seen["csv_stances"] as? [String] == ["share-by-need", "share-equally"])

        // Forgeries: a cross-site request with the cookie (403), another site's form (no cookie sent).
        #expect(seen["forged_with_cookie_status"] as? Int == 403)
        #expect(!(cliLog.contains("retract statement #1")), "nothing forged was written")
        let first = try #require(recorded.first { $0["number"] as? Int == 1 })
        #expect(first["retraction"] is NSNull, "\(first)")

        // Every screenshot was written.
        let shots = try #require(seen["shots"] as? [String])
        #expect(shots.count >= 18)
        #expect(shots.allSatisfy { FileManager.default.fileExists(atPath: $0) })
    }

    @Test(
        "the review page with the keyboard alone: two drafts accepted, one rejected, one edited, recorded with Ctrl+Enter; without JavaScript it is the same form",
        .enabled(if: Playwright.isAvailable, Comment(rawValue: Playwright.missingReason)))
    func reviewKeys() async throws {
        let article = "northland-and-southland-split-over-the-2020-05-03"
        let test = try Case.workspace()
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        let script = Binaries.packageRoot.appendingPathComponent("Tests/Browser/workspace.py")
        let output = try run(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", script.path, "--chromium", Browser.path, "--server", server.url("/").absoluteString,
                "--editor", editor, "--artifacts", Binaries.artifacts.path, "--article", try test.article().path,
                "--published", "2020-05-03", "--flows", "keys",
            ])
        #expect(output.status == 0, "\(output.stderr)")
        let all = try #require(
            try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any],
            "\(output.stdout)\n\(output.stderr)")
        let seen = try #require(all["keys"] as? [String: Any])
        func now(_ name: String) -> [String: Any] { seen[name] as? [String: Any] ?? [:] }

        // The legend is shown; the first draft is current, its words marked with it.
        #expect((seen["legend"] as? String)?.contains("accept") == true, "\(seen)")
        #expect(now("start")["draft"] as? [String] == ["draft-1"], "\(seen)")
        #expect(now("start")["span"] as? [String] == ["span-1"])
        // a: accepted, the cursor in its stance box; the letters typed there are not keys.
        #expect(now("after_accept")["focus"] as? String == "d0-stance")
        #expect(now("after_enter")["draft"] as? [String] == ["draft-2"])
        #expect(now("after_reject")["draft"] as? [String] == ["draft-3"])
        #expect(now("editing")["focus"] as? String == "d2-summary")
        #expect(now("after_escape")["draft"] as? [String] == ["draft-3"])
        #expect(now("after_escape")["focus"] as? String == "draft-3")
        #expect(now("after_k")["draft"] as? [String] == ["draft-3"])
        #expect(now("after_k")["span"] as? [String] == ["span-3"])
        #expect(now("after_j")["draft"] as? [String] == ["draft-4"])
        #expect(seen["accepted"] as? [String] == ["accept_0", "accept_2"])
        #expect(seen["rejected"] as? [String] == ["draft-2"])
        #expect(seen["marked_accepted"] as? [String] == ["span-1", "span-3"])
        #expect(seen["landed_on"] as? String == "/sources/\(article)?recorded=2")

        let recorded = try #require(try test.json(["statements", "--source", article]) as? [[String: Any]])
        #expect(recorded.map { $0["stance"] as? String } == ["share-equally", "share-by-need"], "\(recorded)")
        #expect(recorded.map { $0["issue"] as? String } == ["water", "water"])
        #expect(recorded.last?["summary"] as? String == "Okoro says the shares of the river must follow need.")

        // Without JavaScript: no legend, and the form as it is.
        #expect(seen["no_script_legend_visible"] as? Bool == false)
        #expect(seen["no_script_drafts"] as? Int == 5)
        #expect(seen["no_script_accept_boxes"] as? Int == 5)
    }
}
