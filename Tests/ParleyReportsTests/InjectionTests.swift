import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// Stored text is data: whatever it holds, a report shows it without letting it act on the
/// terminal (escape sequences, carriage returns, right-to-left overrides) or on a Markdown or
/// HTML renderer (table breaks, tags), and the stored bytes stay exactly as entered.
@Suite("Hostile text in every report and format")
struct InjectionTests {
    /// Text that tries everything: set the window title, clear the screen, return the carriage,
    /// break a table cell, inject a script, reverse what follows, format and link.
    static let hostile =
        "Evil \u{1B}]0;pwned\u{07}\u{1B}[2J\rcarriage | cell <script>alert(1)</script> & \u{202E}desrever\u{202C} "
        + "*bold* _it_ `code` [link](javascript:x)"

    static func hostileCase() throws -> Parley {
        let parley = try Parley.inMemory()
        let h = hostile
        try parley.add(Party(id: "north", name: "North \(h)", kind: .state, aliases: ["N \(h)"]))
        try parley.add(Party(id: "south", name: "South", kind: .state))
        try parley.add(Actor(id: "nadia", name: "Nadia \(h)", party: "north", role: "Role \(h)"))
        try parley.add(Issue(id: "water", title: "Water \(h)", description: "About \(h)"))
        try parley.add(
            Source(
                id: "paper", title: "Paper \(h)", publisher: "Pub \(h)",
                published: try CalendarDate(parsing: "2020-05-01")))
        try parley.add(Source(id: "other", title: "Other", published: try CalendarDate(parsing: "2020-05-02")))
        try parley.record(
            NewStatement(
                actor: "nadia", issue: "water", kind: .demand, stance: "share", summary: "Summary \(h)",
                quote: "Quote \(h)",
                said: try CalendarDate(parsing: "2020-04-30"), source: "paper"))
        try parley.record(
            NewStatement(
                party: "south", issue: "water", kind: .rejection, stance: "keep", summary: "No \(h)", source: "other"))
        try parley.add(
            Agreement(
                id: "deal", title: "Deal \(h)", issue: "water", terms: "Terms \(h)", parties: ["north", "south"],
                history: [
                    AgreementStep(
                        status: .signed, on: try CalendarDate(parsing: "2020-05"), source: "paper", note: "Note \(h)")
                ]))
        try parley.add(
            Dispute(
                id: "fight", title: "Fight \(h)", issue: "water", parties: ["north", "south"],
                history: [
                    DisputeStep(
                        status: .open, on: try CalendarDate(parsing: "2020-04-30"), source: "paper", note: "N \(h)")
                ]))
        return parley
    }

    static func reports(_ parley: Parley) throws -> [(String, any Report)] {
        let d = { try CalendarDate(parsing: $0) }
        return [
            ("disputes", try parley.disputesReport(asOf: nil)),
            ("positions", try parley.positionsReport(asOf: nil)),
            ("agreements", try parley.agreementsReport(asOf: nil)),
            ("history", try parley.history(issue: "water")),
            ("diff", try parley.diff(from: try d("2019"), to: try d("2021"))),
            ("source diff", try parley.sourceDiff("paper", "other")),
            ("statements", try parley.statements()),
            ("contradictions", try parley.contradictions(asOf: nil)),
            ("search", try parley.search(SearchQuery("evil"))),
            ("parties", try parley.parties()), ("actors", try parley.actors()), ("issues", try parley.issues()),
            ("sources", try parley.sources()), ("agreement list", try parley.list(AgreementStatus.self)),
            ("dispute list", try parley.list(DisputeStatus.self)),
        ]
    }

    @Test("text output shows control and bidi characters escaped, and sends none to the terminal")
    func text() throws {
        for (name, report) in try Self.reports(try Self.hostileCase()) {
            let text = report.rendered(as: .text, style: TextStyle(width: 80, color: false))
            let raw = text.unicodeScalars.filter { $0 != "\n" && Terminal.needsEscape($0) }
            #expect(raw.isEmpty, "\(name): raw \(raw.map { String($0.value, radix: 16) })")
        }
        let statements = try Self.hostileCase().statements().rendered(as: .text)
        #expect(statements.contains(#"Summary Evil \e]0;pwned\u{7}\e[2J\rcarriage"#))
        #expect(statements.contains(#"\u{202E}desrever\u{202C}"#))
    }

    @Test("Markdown output has no raw HTML, no stray line breaks in table rows, no control characters")
    func markdown() throws {
        for (name, report) in try Self.reports(try Self.hostileCase()) {
            let markdown = report.rendered(as: .markdown)
            #expect(!markdown.contains("<script"), "\(name)")
            #expect(!markdown.contains("\r"), "\(name)")
            #expect(markdown.unicodeScalars.allSatisfy { $0 == "\n" || !Terminal.needsEscape($0) }, "\(name)")
            for line in markdown.split(separator: "\n") where line.hasPrefix("|") {
                #expect(line.hasSuffix("|"), "\(name): a table row was broken: \(line)")
            }
        }
    }

    @Test("JSON output carries the text exactly, escaped only as JSON requires")
    func json() throws {
        let parley = try Self.hostileCase()
        for (name, report) in try Self.reports(parley) {
            let json = report.rendered(as: .json)
            #expect(throws: Never.self, "\(name)") { try JSONSerialization.jsonObject(with: Data(json.utf8)) }
            #expect(json.unicodeScalars.allSatisfy { $0.value >= 0x20 || $0 == "\n" }, "\(name)")
        }
        let list =
            try JSONSerialization.jsonObject(with: Data(parley.statements().rendered(as: .json).utf8))
            as? [[String: Any]]
        #expect(list?.first?["summary"] as? String == "Summary \(Self.hostile)")
    }

    @Test("the stored text stays byte for byte as entered")
    func storedUnchanged() throws {
        let parley = try Self.hostileCase()
        let casefile = try parley.exportCasefile()
        #expect(casefile.statements.first?.summary == "Summary \(Self.hostile)")
        #expect(casefile.parties.first?.aliases == ["N \(Self.hostile)"])
        #expect(casefile.agreements.first?.history.first?.note == "Note \(Self.hostile)")
        let again = try Parley.inMemory()
        try again.importCasefile(casefile)
        #expect(try again.exportYAML() == (try parley.exportYAML()))
    }

    @Test("HTML pages escape every string: no tag, link or control character comes from stored text")
    func html() throws {
        let reports = try Self.reports(try Self.hostileCase()).filter { $0.1.supports(.html) }
        #expect(reports.count == 7)
        for (name, report) in reports {
            let page = report.rendered(as: .html)
            #expect(!page.contains("<script"), "\(name)")
            #expect(!page.contains("javascript:x\">"), "\(name)")
            // (The hostile case has no contradictions: that page shows none of its text.)
            let shows = name != "contradictions"
            #expect(!shows || page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "\(name)")
            #expect(page.unicodeScalars.allSatisfy { $0 == "\n" || !Terminal.needsEscape($0) }, "\(name)")
        }
    }

    /// A real browser's reading of each page. Skipped, with the reason shown in the test output,
    /// where no browser is installed (the README's set-up does not need one); `.ci/run` installs
    /// Chromium and sets PARLEY_BROWSER_REQUIRED, so CI always runs it.
    @Test(
        "HTML pages read by a real browser: its DOM has no injected element and shows the text",
        .enabled(if: Browser.isAvailable, Comment(rawValue: Browser.missingReason)))
    func htmlInBrowser() throws {
        let reports = try Self.reports(try Self.hostileCase()).filter { $0.1.supports(.html) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, report) in reports {
            let shows = name != "contradictions"
            let file = folder.appendingPathComponent("\(name.replacingOccurrences(of: " ", with: "-")).html")
            try Data(report.rendered(as: .html).utf8).write(to: file)
            let dom = try Browser.dumpDOM(file)
            #expect(!dom.contains("<script"), "\(name): the browser found a script element")
            #expect(!shows || dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name)")
            #expect(dom.contains("</html>"), "\(name): the browser did not read the page")
        }
    }
}

/// Headless Chromium, as a reader's browser: Debian's `chromium` package, or the browser that
/// `PARLEY_BROWSER` names.
enum Browser {
    static let path = ProcessInfo.processInfo.environment["PARLEY_BROWSER"] ?? "/usr/bin/chromium"

    /// Whether the browser tests run: the browser is there, or it is required (CI), in which
    /// case a missing browser fails the tests instead of skipping them.
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: path)
            || ProcessInfo.processInfo.environment["PARLEY_BROWSER_REQUIRED"] != nil
    }

    /// Why the browser tests are skipped, shown by `swift test`.
    static let missingReason =
        "no browser at \(path): install Debian's chromium package (or set PARLEY_BROWSER to a Chromium) to run it"

    /// The DOM a browser builds from the page, serialised.
    static func dumpDOM(_ file: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", file.absoluteString]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
