import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Reviewing an article in the browser: its text pasted, uploaded or stored → the drafts beside
/// the text, each draft's words marked in it → the accepted ones (edited or not) and the source
/// with its text recorded in one transaction, under the reviewer's name (`parley draft`, then
/// `parley import` of the reviewed file, in one step).
extension PagesController {
    /// The fields a draft row has: `accept_N`, `new_label_N` and `FIELD_N`; the statement the
    /// reviewer adds has `FIELD_added` and `new_label_added`.
    static let rowFields: Set<String> = Set(Statement.Field.allCases.map(\.rawValue) + ["accept", "new_label"])

    /// What ends the names of the fields of the statement a reviewer adds (`summary_added`).
    static let addedSuffix = "_added"
    /// The added statement's place among a refused review's problems (a draft's is its index;
    /// the source's -1).
    static let addedRow = -2

    /// Whether `name` is a draft row's field (`summary_3`) or the added statement's (`summary_added`).
    static func isRowField(_ name: String) -> Bool {
        guard let underscore = name.lastIndex(of: "_") else { return false }
        let row = name[name.index(after: underscore)...]
        if let index = Int(row) {
            guard index >= 0, index < 1000 else { return false }
        } else if "_" + row != addedSuffix {
            return false
        }
        return rowFields.contains(String(name[..<underscore]))
    }

    /// The article's fields, on the start form and carried by the review form.
    static let articleFields = ["text", "text_file", "source", "title", "published", "publisher", "url"]

    /// The article's fields a form sent, the blank ones left out; an uploaded file is the text.
    static func articleValues(_ form: [String: String]) -> [String: String] {
        var values = form.filter { articleFields.contains($0.key) && !Statement.isBlank($0.value) }
        if let file = values.removeValue(forKey: "text_file") { values["text"] = file }
        return values
    }

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
        let sources = try await offload { [parley] in try Pickers.sources(parley) }
        func value(_ name: String) -> HTML { HTML(text: values[name] ?? "") }
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
            <label for="rv-source">source id</label><div><input id="rv-source" name="source" list="pick-source" \
            value="\(value("source"))" size="32" autocomplete="off"><small>a new id (empty: made from the title and \
            the date), or a recorded source: its stored text is reviewed when none is pasted</small></div>
            <div></div><div><button>Draft the statements</button></div>
            </form>
            \(Pickers.datalist("pick-source", sources))
            """
        let markup = Self.page(title: "Review an article", body: body, navigation: PageMarker.navigation).markup
        return respond(
            markup, request, asOf: nil, viewer: viewer, status: problems.isEmpty ? .ok : .badRequest, page: "/review")
    }

    /// `POST /review`: drafts the article the start form sends (writes nothing).
    func reviewDrafts(_ request: Request, context: ParleyContext) async throws -> Response {
        let (_, form, viewer) = try await formWrite(
            request, context, FormBody.Names(Self.articleFields), limit: Limits.sourceTextBytes + 65536)
        let values = Self.articleValues(form)
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
        let source = sheet.newSource
        let article: [(String, String?)] = [
            ("text", source?.text), ("published", source?.published.description), ("title", source?.title),
            ("publisher", source?.publisher), ("url", source?.url), ("source", sheet.source),
        ]
        for case (let name, let value?) in article {
            form += "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">\n"
        }
        if let messages = problems[-1] { form += Forms.problems(messages) }
        if sheet.rows.isEmpty {
            form += "<p>The drafter found no statement by a known party in this text. Add the parties and their "
            form += "actors (with aliases) that it quotes, or fill in the statements it missed below.</p>\n"
        }
        for (index, row) in sheet.rows.enumerated() {
            form += Self.reviewRow(
                index, row, values: values, sent: sent, problems: problems[index] ?? [],
                nearMiss: nearMisses.contains(index), names: names)
        }
        form += Self.addedBox(
            sheet, values: values, sent: sent, problems: problems[Self.addedRow] ?? [],
            nearMiss: nearMisses.contains(Self.addedRow))
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
        var body: HTML = "<p>\(count) draft\(count == 1 ? "" : "s") from \(what)"
        body += "<span class=\"to-drafts\"> (<a href=\"#drafts\">below the article</a>)</span>. "
        body += "Accept the ones that are statements, give each a stance label, correct what the drafter got "
        body += "wrong; the rest are not recorded.</p>\n"
        body += "<div class=\"review-layout\">\n<section class=\"article\" aria-label=\"The article\">"
        body += "<h2>The article</h2><pre class=\"article\">\(Self.markedText(sheet))</pre></section>\n"
        body += "<section class=\"drafts\" id=\"drafts\" aria-label=\"The drafts\"><h2>The drafts</h2>\n"
        body += Self.reviewKeys
        body += form + "</section>\n</div>\n"
        body += choices.datalists
        body += "<script src=\"\(ReviewScript.path)\" defer></script>\n"
        let markup = Self.page(title: "Review an article", body: body, navigation: PageMarker.navigation).markup
        return respond(
            markup, request, asOf: nil, viewer: viewer, status: problems.isEmpty ? .ok : .badRequest, page: "/review")
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
        let suffix = "_\(index)"
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
        out += Forms.statementFields(
            [.party, .actor, .issue, .kind, .stance, .summary, .quote, .said, .via],
            values: sent ? statementValues(values, suffix: suffix) : row.values, suffix: suffix,
            idPrefix: "d\(index)-", required: false)
        if nearMiss { out += Forms.nearMissBox(name: "new_label" + suffix) }
        out += "</div>\n"
        if !row.issueCandidates.isEmpty {
            let others = row.issueCandidates.map { id in names.issues[id].map { "\($0) (\(id))" } ?? id }
            out += "<p class=\"muted\">Other issues that fit: \(others.joined(separator: "; "))</p>\n"
        }
        return out + "</fieldset>\n"
    }

    /// The box for a statement the drafter missed: the record form's fields but the source (the
    /// article's), said filled in with the article's date. Recorded with the accepted drafts when
    /// anything is typed in it (``addedStatement(_:)``).
    static func addedBox(
        _ sheet: ReviewSheet, values: [String: String], sent: Bool, problems: [String], nearMiss: Bool
    ) -> HTML {
        var out: HTML = "<fieldset class=\"draft added\(problems.isEmpty ? "" : " refused")\" id=\"added\">\n"
        out += "<legend>A statement the drafter missed</legend>\n" + Forms.problems(problems)
        out += "<p class=\"muted\">Fill it in to record it with the accepted drafts, citing the same source; "
        out += "left empty, nothing is added.</p>\n<div class=\"fields\">\n"
        out += Forms.statementFields(
            Statement.Field.allCases.filter { $0 != .source },
            values: sent ? statementValues(values, suffix: addedSuffix) : [.said: sheet.published.description],
            suffix: addedSuffix, idPrefix: "add-", required: false)
        if nearMiss { out += Forms.nearMissBox(name: "new_label" + addedSuffix) }
        return out + "</div>\n</fieldset>\n"
    }

    /// The added statement's values, or nil when nothing but what the box starts with (said, and
    /// the kind a list always sends) was given.
    static func addedStatement(_ form: [String: String]) -> [Statement.Field: String]? {
        let values = statementValues(form, suffix: addedSuffix)
        return values.keys.contains { $0 != .said && $0 != .kind } ? values : nil
    }

    /// The keys of the review page's script (``ReviewScript``), hidden until it runs.
    static let reviewKeys: HTML = """
        <p class="keys" id="review-keys" hidden><strong>Keys:</strong> <span><kbd>j</kbd>/<kbd>k</kbd> \
        next/previous draft</span> · <span><kbd>a</kbd> accept (type its stance, <kbd>Enter</kbd>)</span> · \
        <span><kbd>r</kbd> reject</span> · <span><kbd>e</kbd> edit the summary</span> · <span><kbd>s</kbd> \
        the stance</span> · <span><kbd>m</kbd> add a missed statement</span> · <span><kbd>Esc</kbd> leave a \
        box</span> · <span><kbd>Ctrl</kbd>+<kbd>Enter</kbd> record</span></p>

        """

    /// `POST /review/record`: records the accepted drafts, and the new source with its text, in one
    /// transaction under the reviewer's name; then the source's page. A refused one comes back
    /// with every row's problem, and nothing is written.
    func reviewRecord(_ request: Request, context: ParleyContext) async throws -> Response {
        let names = FormBody.Names { Self.articleFields.contains($0) || Self.isRowField($0) }
        let (writer, form, viewer) = try await formWrite(
            request, context, names, limit: Limits.sourceTextBytes * 2 + 262_144)
        let article = Self.articleValues(form)
        let sheet: ReviewSheet
        do {
            sheet = try await offload { [parley] in try Self.sheet(article, parley) }
        } catch {
            throw APIProblem.badRequest(
                "the article could not be read again: " + Self.messages(error).joined(separator: "; "))
        }
        var accepted: [(row: Int, statement: ReviewedArticle.Accepted)] = []
        var problems: [Int: [String]] = [:]
        // The accepted drafts, then the statement the reviewer added, each as the record form reads it.
        var rows = sheet.rows.indices.filter { form["accept_\($0)"] == "1" }.map {
            (row: $0, suffix: "_\($0)", values: Self.statementValues(form, suffix: "_\($0)"))
        }
        if let added = Self.addedStatement(form) { rows.append((Self.addedRow, Self.addedSuffix, added)) }
        for (row, suffix, values) in rows {
            var values = values
            values[.source] = sheet.source
            do {
                let statement = try Self.newStatement(values, in: writer)
                accepted.append(
                    (row, ReviewedArticle.Accepted(statement, newLabelConfirmed: form["new_label" + suffix] == "1")))
            } catch {
                problems[row] = Self.messages(error)
            }
        }
        if accepted.isEmpty && problems.isEmpty {
            problems[-1] = [
                "accept at least one draft (tick its Accept box) or fill in a statement the drafter missed, "
                    + "or leave the page to record nothing"
            ]
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
