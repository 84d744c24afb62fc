import ParleyKit
import ParleyModel
import ParleyReports
import Testing

/// Reports are values and each format writes them; HTML is escaped by construction, and the
/// advice a report gives is a value each front end words.
@Suite("Formats")
struct FormatTests {
    @Test("text put into HTML is escaped on the way in; HTML put into HTML is kept; literals are markup")
    func htmlEscapesByConstruction() {
        let name = #"<script>alert("x")</script> & 'y'"#
        let cell: HTML = "<td>\(name)</td>"
        #expect(cell.markup == "<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</td>")
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.markup == "<tr>" + cell.markup + "</tr>")
        #expect(HTML(text: "a < b").markup == "a &lt; b")
        #expect(([HTML(text: "<a>"), "<b>x</b>"] as [HTML]).joined(separator: ", ").markup == "&lt;a&gt;, <b>x</b>")
        // Control and bidirectional characters are shown, not obeyed, in a page as on a terminal.
        #expect(HTML(text: "\u{1B}[2J\u{202E}").markup == #"\e[2J\u{202E}"#)
    }

    @Test("a served page names parties, actors and sources (id in small type) where a file shows ids")
    func htmlNames() throws {
        let parley = try Fixture.parley()
        func byID(_ pairs: [(String, String)]) -> [String: String] { Dictionary(uniqueKeysWithValues: pairs) }
        let names = HTMLNames(
            parties: byID(try parley.parties().records.map { ($0.id, $0.name) }),
            issues: byID(try parley.issues().records.map { ($0.id, $0.title) }),
            actors: byID(try parley.actors().records.map { ($0.id, $0.name) }),
            sources: byID(try parley.sources().records.map { ($0.id, $0.title) }))
        let context = HTMLContext(
            links: HTMLLinks(
                issue: { "/issues/\($0)" }, party: { "/parties/\($0)" }, source: { "/sources/\($0)" }, names: names))
        let statements = try parley.statements(StatementFilter(party: "ostrana"))
        let list = try #require(statements.html(context))
        #expect(list.contains(#"<a href="/parties/ostrana">Ostrana</a> (Ivo Marr)"#))
        #expect(
            list.contains(
                #"<a href="/sources/herald-2019-06-02">Summit account, Herald</a> <small class="id">herald-2019-06-02</small>"#
            ))
        #expect(!list.contains("ostrana (ivo-marr)"))
        let history = try #require(try parley.history(issue: "river").html(context))
        #expect(history.contains(">Ostrana</text>") && !history.contains(">ostrana</text>"))
        #expect(history.contains(#"<a href="/parties/ostrana">Ostrana</a> (Ivo Marr"#))
        let board = try #require(try parley.disputesReport(asOf: nil).html(context))
        #expect(board.contains(" by Ivo Marr, said"))
        // A file and the text report keep the ids.
        #expect(try #require(statements.html()).contains("ostrana (ivo-marr)"))
        #expect(statements.rendered(as: .text, style: TextStyle(width: 200, color: false)).contains("ivo-marr"))
    }

    @Test("a page escapes its title and notes, and holds the body as it is")
    func page() {
        let page = HTML.page(title: "A & B", body: "<p>body</p>\n", notes: [.sourceDated]).markup
        #expect(page.contains("<title>A &amp; B</title>"))
        #expect(page.contains("<h1>A &amp; B</h1>\n<p>body</p>\n"))
        #expect(page.contains("<footer class=\"notes\">\n<p>* marks a date taken from the source&#39;s"))
    }

    @Test("a quotation check's advice is a value: plain words name no command, a front end adds its own")
    func hints() {
        let misquoted = QuoteCheckReport(
            checked: 1,
            misquotes: [
                .init(number: 3, party: "north", actor: nil, source: "paper", quote: "We never agreed", matches: "We")
            ], unchecked: [])
        let unchecked = QuoteCheckReport(checked: 0, misquotes: [], unchecked: [("paper", 2)])
        #expect(misquoted.hints == [.correctQuotations])
        #expect(unchecked.hints == [.storeSourceTexts])
        #expect(QuoteCheckReport(checked: 2, misquotes: [], unchecked: []).hints.isEmpty)
        let plain = misquoted.rendered(as: .text)
        #expect(plain.contains("Correct them by amending the statements' quotations."))
        #expect(!plain.contains("parley"))
        let worded = unchecked.rendered(as: .text, hints: HintWording { _ in "Run the store command." })
        #expect(worded.hasSuffix("\n\nRun the store command.\n"))
        // Advice is for a reader at a terminal; the data formats carry the facts only.
        #expect(!misquoted.rendered(as: .json).contains("Correct"))
    }

    @Test("each format says which reports it writes: every one in text, Markdown and JSON, tables in CSV")
    func supports() {
        let statements = StatementsReport(statements: [])
        let log = LogReport(entries: [])
        #expect(OutputFormat.allCases.allSatisfy(statements.supports))
        #expect(log.supports(.text) && log.supports(.markdown) && log.supports(.json))
        #expect(!log.supports(.csv) && !log.supports(.jsonl) && !log.supports(.html))
        #expect(log.rendering(as: .html) == nil)
        #expect(log.rendered(as: .csv) == "")
    }

    @Test("a change log value too long for the line wraps under the value, not under its field's name")
    func logValueWraps() throws {
        let summary = "Cargo on the route must not pass the other side's border controls at any point of the road."
        let entry = LogEntry(
            at: "2026-11-20T10:00:00Z", by: "ana", action: .amend, kind: .statement, record: "#4",
            reason: "Wrong summary", changes: [FieldChange(field: "summary", old: nil, new: summary)])
        let lines = LogReport(entries: [entry]).rendered(as: .text, style: TextStyle(width: 50, color: false))
            .split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex { $0.hasPrefix("    summary: Cargo") })
        let rest = lines[(first + 1)...].prefix { $0.hasPrefix(" ") }
        #expect(!rest.isEmpty)
        #expect(rest.allSatisfy { $0.hasPrefix(String(repeating: " ", count: "    summary: ".count)) })
        #expect(
            lines[first...].joined(separator: " ").split(separator: " ").joined(separator: " ").contains(
                "any point of the road."))
    }
}
