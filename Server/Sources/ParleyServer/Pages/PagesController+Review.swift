import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Reviewing an article in the browser: its text pasted, uploaded or stored → the drafts beside
/// the text, each draft's words marked in it → the accepted ones (edited or not) and the source
/// with its text recorded in one transaction, under the reviewer's name (`parley draft`, then
/// `parley import` of the reviewed file, in one step).
extension PagesController {
    /// The fields a draft row has: `accept_N`, `new_label_N` and `FIELD_N`.
    static let rowFields: Set<String> = Set(Statement.Field.allCases.map(\.rawValue) + ["accept", "new_label"])

    /// Whether `name` is a draft row's field (`summary_3`).
    static func isRowField(_ name: String) -> Bool {
        guard let underscore = name.lastIndex(of: "_"), let index = Int(name[name.index(after: underscore)...]),
            index >= 0, index < 1000
        else { return false }
        return rowFields.contains(String(name[..<underscore]))
    }

    /// The article's fields, on the start form and carried by the review form.
    static let articleFields = ["text", "text_file", "source", "title", "published", "publisher", "url"]

    /// `GET /review`: the form that starts a review (paste, upload or pick a stored source);
    /// `GET /review?source=ID`: the drafts of that source's stored text.
    func reviewStart(_ request: Request, context: ParleyContext) async throws -> Response {
        let viewer = try await access.requireReader(request, context)
        guard viewer.isEditor else { return editorsOnly(request, viewer, title: "Review an article") }
        let query = try QueryParameterDecoder.decode(ReviewQuery.self, from: request)
        if let source = query.source {
            do {
                let sheet = try await offload { [parley] in
                    try parley.reviewSheet(text: nil, published: nil, source: source)
                }
                return try await reviewPage(request, viewer, sheet, values: [:], problems: [:])
            } catch {
                return try await reviewForm(request, viewer, values: ["source": source], problems: Self.messages(error))
            }
        }
        return try await reviewForm(request, viewer, values: [:], problems: [])
    }

    /// The start form.
    func reviewForm(
        _ request: Request, _ viewer: Viewer, values: [String: String], problems: [String]
    ) async throws -> Response {
        let sources = try await offload { [parley] in
            try parley.sources().records.filter { $0.text?.isEmpty == false || true }
        }
        func value(_ name: String) -> HTML { HTML(text: values[name] ?? "") }
        var options: HTML = ""
        for source in sources {
            options += "<option value=\"\(source.id)\">\(source.published.description) · \(source.title)</option>"
        }
        let body: HTML = """
            <p class="muted">Paste an article (or upload it as a .txt file) with its published date. The drafts \
            the case's names find in it are listed beside the text; accept, edit or reject each, then record the \
            accepted ones and the source, with its text, in one step.</p>
            \(Forms.problems(problems))<form method="post" action="/review" enctype="multipart/form-data" \
            class="fields" id="review-start">\(PageMarker.formToken)
            <label for="rv-text">article</label><div><textarea id="rv-text" name="text" rows="12" cols="60">\
            \(value("text"))</textarea><small>plain text, paragraphs separated by blank lines; or upload it:</small> \
            <input type="file" name="text_file" accept=".txt,text/plain" aria-label="article file"></div>
            <label for="rv-published">published</label><div><input id="rv-published" name="published" \
            value="\(value("published"))" size="10" placeholder="YYYY-MM-DD" \
            pattern="[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"><small>the day the article was published</small></div>
            <label for="rv-title">title</label><div><input id="rv-title" name="title" value="\(value("title"))" \
            size="48"><small>the source's title (empty: the article's headline)</small></div>
            <label for="rv-publisher">publisher</label><div><input id="rv-publisher" name="publisher" \
            value="\(value("publisher"))" size="32"></div>
            <label for="rv-url">url</label><div><input id="rv-url" name="url" type="url" value="\(value("url"))" \
            size="48"></div>
            <label for="rv-source">source id</label><div><input id="rv-source" name="source" list="review-sources" \
            value="\(value("source"))" size="32" autocomplete="off"><small>a new id (empty: made from the title and \
            the date), or a recorded source: its stored text is reviewed when none is pasted</small></div>
            <div></div><div><button>Draft the statements</button></div>
            </form>
            <datalist id="review-sources">\(options)</datalist>

            """
        let markup = Self.page(title: "Review an article", body: body, navigation: PageMarker.navigation).markup
        return respond(markup, request, asOf: nil, viewer: viewer, status: problems.isEmpty ? .ok : .badRequest)
    }

    /// `POST /review`: drafts the article the start form sends (writes nothing).
    func reviewDrafts(_ request: Request, context: ParleyContext) async throws -> Response {
        let (_, form, viewer) = try await formWrite(
            request, context, FormBody.Names(Self.articleFields), limit: Limits.sourceTextBytes + 65536)
        var values = form.filter { !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        if let file = values.removeValue(forKey: "text_file") { values["text"] = file }
        do {
            let given = values
            let sheet = try await offload { [parley] in try Self.sheet(given, parley) }
            return try await reviewPage(request, viewer, sheet, values: [:], problems: [:])
        } catch {
            let problem = APIProblem(error)
            guard [400, 404, 409].contains(problem.status.code) else { throw error }
            return try await reviewForm(request, viewer, values: values, problems: Self.messages(error))
        }
    }

    /// The review sheet of an article's fields, as the start form (or the review form) sends them.
    static func sheet(_ values: [String: String], _ parley: Parley) throws -> ReviewSheet {
        var published: CalendarDate?
        if let text = values["published"] {
            do { published = try CalendarDate(parsing: text) } catch {
                throw APIProblem.badRequest("published \(Echo.plain(text)): " + CalendarDate.problem(with: text))
            }
        }
        var sheet = try parley.reviewSheet(
            text: values["text"], published: published, source: values["source"], title: values["title"])
        sheet.newSource?.publisher = values["publisher"]
        sheet.newSource?.url = values["url"]
        return sheet
    }

    /// The review page: the article's text with each draft's words marked, and beside it the form
    /// with one row per draft. `values` are a row's fields as last sent (`summary_3`), `problems`
    /// each refused row's messages (by row; -1 for the source).
    func reviewPage(
        _ request: Request, _ viewer: Viewer, _ sheet: ReviewSheet, values: [String: String], problems: [Int: [String]],
        nearMisses: Set<Int> = []
    ) async throws -> Response {
        let (choices, names) = try await offload { [self] in (try pickers(), try self.names()) }
        let sent = !values.isEmpty
        var form: HTML =
            "<form method=\"post\" action=\"/review/record\" class=\"review\" id=\"review\">\(PageMarker.formToken)\n"
        // The article travels with the form, so that recording needs nothing kept on the server.
        if let source = sheet.newSource {
            form += "<input type=\"hidden\" name=\"text\" value=\"\(source.text ?? "")\">\n"
            form += "<input type=\"hidden\" name=\"published\" value=\"\(source.published.description)\">\n"
            form += "<input type=\"hidden\" name=\"title\" value=\"\(source.title)\">\n"
            if let publisher = source.publisher {
                form += "<input type=\"hidden\" name=\"publisher\" value=\"\(publisher)\">\n"
            }
            if let url = source.url { form += "<input type=\"hidden\" name=\"url\" value=\"\(url)\">\n" }
        }
        form += "<input type=\"hidden\" name=\"source\" value=\"\(sheet.source)\">\n"
        if let messages = problems[-1] { form += Forms.problems(messages) }
        if sheet.rows.isEmpty {
            form += "<p>The drafter found no statement by a known party in this text. Add the parties and their "
            form += "actors (with aliases) that it quotes, or record statements with the "
            form += "<a href=\"/statements/new?source=\(sheet.source)\">statement form</a>.</p>\n"
        }
        for (index, row) in sheet.rows.enumerated() {
            form += Self.reviewRow(
                index, row, values: values, sent: sent, problems: problems[index] ?? [],
                nearMiss: nearMisses.contains(index), names: names)
        }
        let count = sheet.rows.count
        form += """
            <p class="review-submit"><button>Record the accepted statements</button> \
            <small>the accepted statements\(sheet.newSource == nil ? "" : " and the source with its text") are \
            recorded together, or none is</small></p>
            </form>

            """
        let what: HTML =
            sheet.newSource.map {
                "a new source, <strong>\($0.title)</strong> (\($0.id), published \($0.published.description))"
            }
            ?? "source \(PagesController.links(asOf: nil).sourceLink(sheet.source))"
        var body: HTML = "<p>\(count) draft\(count == 1 ? "" : "s") from \(what). "
        body += "Accept the ones that are statements, give each a stance label, correct what the drafter got "
        body += "wrong; the rest are not recorded.</p>\n"
        body += "<div class=\"review-layout\">\n<section class=\"article\" aria-label=\"The article\">"
        body += "<h2>The article</h2><pre class=\"article\">\(Self.markedText(sheet))</pre></section>\n"
        body +=
            "<section class=\"drafts\" aria-label=\"The drafts\"><h2>The drafts</h2>\n" + form + "</section>\n</div>\n"
        body += choices.datalists
        let markup = Self.page(title: "Review an article", body: body, navigation: PageMarker.navigation).markup
        return respond(markup, request, asOf: nil, viewer: viewer, status: problems.isEmpty ? .ok : .badRequest)
    }

    /// The article's text with each draft's words in a `<mark>` that links to its row.
    static func markedText(_ sheet: ReviewSheet) -> HTML {
        let scalars = Array(sheet.text.unicodeScalars)
        func text(_ range: Range<Int>) -> HTML {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            return HTML(text: String(view))
        }
        var out: HTML = ""
        var position = 0
        let spans = sheet.rows.enumerated().map { ($0.offset, $0.element.span) }.sorted {
            $0.1.lowerBound < $1.1.lowerBound
        }
        for (index, span) in spans {
            let start = max(position, min(span.lowerBound, scalars.count))
            let end = max(start, min(span.upperBound, scalars.count))
            out += text(position..<start)
            out +=
                "<a class=\"span\" id=\"span-\(index + 1)\" href=\"#draft-\(index + 1)\"><mark>\(text(start..<end))</mark>"
            out += "<sup>\(index + 1)</sup></a>"
            position = end
        }
        return out + text(position..<scalars.count)
    }

    /// One draft's row: accept or not, and its fields (as proposed, or as last sent).
    static func reviewRow(
        _ index: Int, _ row: ReviewSheet.Row, values: [String: String], sent: Bool, problems: [String],
        nearMiss: Bool, names: HTMLNames
    ) -> HTML {
        let number = index + 1
        func value(_ field: Statement.Field) -> String {
            sent ? values["\(field.rawValue)_\(index)"] ?? "" : row.values[field] ?? ""
        }
        let accepted = sent ? values["accept_\(index)"] == "1" : false
        let checked: HTML = accepted ? " checked" : ""
        var out: HTML = "<fieldset class=\"draft\(problems.isEmpty ? "" : " refused")\" id=\"draft-\(number)\">\n"
        out += "<legend><a href=\"#span-\(number)\">Draft \(number)</a>"
        let speaker = row.speaker.map { " · \($0)" } ?? ""
        out +=
            " <small class=\"muted\">\(speaker) · confidence \(Int((row.confidence * 100).rounded()))%</small></legend>\n"
        out += Forms.problems(problems)
        out +=
            "<p class=\"decision\"><label><input type=\"checkbox\" name=\"accept_\(index)\" value=\"1\"\(checked)> "
            + "Accept</label> <small class=\"muted\">\(row.resolution); \(row.issueEvidence)</small></p>\n"
        out += "<div class=\"fields\">\n"
        for field in [Statement.Field.party, .actor, .issue, .kind, .stance, .summary, .quote, .said, .via] {
            out += Forms.statementField(
                field, value: value(field), name: "\(field.rawValue)_\(index)", required: false,
                id: "d\(index)-\(field.rawValue)")
        }
        if nearMiss { out += Forms.nearMissBox(name: "new_label_\(index)") }
        out += "</div>\n"
        if !row.issueCandidates.isEmpty {
            let others = row.issueCandidates.map { id in names.issues[id].map { "\($0) (\(id))" } ?? id }
            out += "<p class=\"muted\">Other issues that fit: \(others.joined(separator: "; "))</p>\n"
        }
        return out + "</fieldset>\n"
    }

    /// `POST /review/record`: records the accepted drafts, and the new source with its text, in one
    /// transaction under the reviewer's name; then the source's page. A refused one comes back
    /// with every row's problem, and nothing is written.
    func reviewRecord(_ request: Request, context: ParleyContext) async throws -> Response {
        let names = FormBody.Names { Self.articleFields.contains($0) || Self.isRowField($0) }
        let (writer, form, viewer) = try await formWrite(
            request, context, names, limit: Limits.sourceTextBytes * 2 + 262_144)
        let article = form.filter { Self.articleFields.contains($0.key) && !Statement.isBlank($0.value) }
        let sheet: ReviewSheet
        do {
            sheet = try await offload { [parley] in try Self.sheet(article, parley) }
        } catch {
            throw APIProblem.badRequest(
                "the article could not be read again: " + Self.messages(error).joined(separator: "; "))
        }
        var accepted: [(row: Int, statement: ReviewedArticle.Accepted)] = []
        var problems: [Int: [String]] = [:]
        for index in sheet.rows.indices where form["accept_\(index)"] == "1" {
            var values = Self.statementValues(form, suffix: "_\(index)")
            values[.source] = sheet.source
            do {
                let resolved = try Self.resolveNames(&values, in: writer)
                if !resolved.problems.isEmpty { throw APIProblem.badRequest(resolved.problems.joined(separator: "; ")) }
                let statement: NewStatement
                do { statement = try NewStatement(values) } catch { throw APIProblem(error) }
                accepted.append(
                    (index, ReviewedArticle.Accepted(statement, newLabelConfirmed: form["new_label_\(index)"] == "1")))
            } catch {
                problems[index] = Self.messages(error)
            }
        }
        if accepted.isEmpty && problems.isEmpty {
            problems[-1] = ["accept at least one draft (tick its Accept box), or leave the page to record nothing"]
        }
        var nearMisses: Set<Int> = []
        if problems.isEmpty {
            let chosen = accepted
            do {
                _ = try await offload {
                    try writer.record(ReviewedArticle(newSource: sheet.newSource, statements: chosen.map(\.statement)))
                }
                let location = Self.path("/sources", sheet.source) + "?recorded=\(chosen.count)"
                return Response(status: .seeOther, headers: [.location: location])
            } catch let error as ReviewError {
                if let source = error.source { problems[-1] = ["the source: "] + Self.messages(source) }
                for (place, failure) in error.statements {
                    let row = chosen[place].row
                    problems[row] = Self.messages(failure)
                    if error.isNearMiss(place) { nearMisses.insert(row) }
                }
            }
        }
        return try await reviewPage(request, viewer, sheet, values: form, problems: problems, nearMisses: nearMisses)
    }
}

/// `/review?source=ID`.
struct ReviewQuery: QueryParameters {
    var source: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case source
    }
    typealias Name = CodingKeys
}
