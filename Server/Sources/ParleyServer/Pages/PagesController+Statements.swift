import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Statements in the browser: the list with its filters, each statement's page with its change
/// log, and the forms that record, amend and retract, through the same use cases and checks as
/// `parley add`, `amend` and `retract`.
extension PagesController {
    // MARK: - Writing from a form

    /// A form's write: the request must come from this server's own page (Origin, Sec-Fetch-Site),
    /// from a signed-in browser whose session's token the form carries, and the session's token
    /// must be an editor's. Returns the case as written by the token's name, and the form.
    func formWrite(
        _ request: Request, _ context: ParleyContext, _ names: FormBody.Names, limit: Int = 65536
    ) async throws -> (writer: Parley, form: [String: String], viewer: Viewer) {
        guard let credential = try await access.credential(request, context) else {
            throw APIProblem(
                status: .unauthorized, title: "Unauthorized",
                detail: "your session has ended: sign in again, then send the form again")
        }
        guard case .session(let token, let id) = credential else {
            throw AntiForgery.forged("a page's form is sent by a signed-in browser; clients write through /api/v1")
        }
        try AntiForgery.refuseForeign(request, access.client(request, context))
        let accepted = FormBody.Names { $0 == AntiForgery.field || names.accepts($0) }
        let form = try await FormBody.fields(request, accepted, limit: limit, within: access.bodyTimeout)
        try AntiForgery.verify(form[AntiForgery.field], expected: AntiForgery.token(forSession: id))
        guard token.role.canWrite else {
            throw APIProblem(
                status: .forbidden, title: "Forbidden",
                detail: "token '\(token.name)' is a viewer's; writing needs an editor's")
        }
        let viewer = Viewer(token: token, session: id)
        return (parley.by(token.name), form, viewer)
    }

    /// Each problem an error carries, as a form shows it.
    static func messages(_ error: Error) -> [String] {
        if let error = error as? StoreError, case .invalid(let problems) = error {
            return problems.map { $0.located(PageWording.text($0.error) ?? $0.message) }
        }
        if let error = error as? ModelError, let text = PageWording.text(error) { return [text] }
        if let error = error as? APIProblem { return [error.detail] }
        return [APIProblem(error).detail]
    }

    /// Whether the error is only a new label's closeness to one in use (the form then asks to confirm).
    static func isNearMiss(_ error: Error) -> Bool {
        guard let error = error as? StoreError, case .invalid(let problems) = error else { return false }
        return !problems.isEmpty && problems.allSatisfy { if case .labelCloseTo = $0.error { true } else { false } }
    }

    /// A statement's values from a form (each name followed by `suffix`: a review row's `_3`):
    /// each field given and not blank.
    static func statementValues(_ form: [String: String], suffix: String = "") -> [Statement.Field: String] {
        var values: [Statement.Field: String] = [:]
        for field in Statement.Field.allCases {
            if let value = Statement.filled(form[field.rawValue + suffix]) { values[field] = value }
        }
        return values
    }

    /// Names given for the party, the actor and the party a statement is about, as ids (the
    /// command line's rule, ``Parley/resolve(_:_:)``): each name taken as an id is a note; a name
    /// of several records is a problem.
    static func resolveNames(_ values: inout [Statement.Field: String], in parley: Parley) throws -> (
        notes: [String], problems: [String]
    ) {
        var notes: [String] = []
        var problems: [String] = []
        for (field, kind) in [(Statement.Field.party, RecordKind.party), (.actor, .actor), (.about, .party)] {
            guard let name = values[field] else { continue }
            switch try parley.resolve(kind, name) {
            case .id, .unknown: break
            case .alias(let id):
                values[field] = id
                notes.append("\(field.rawValue) \(Echo.quoted(name)) is \(kind.singular) \(id); recorded with that id.")
            case .ambiguous(let ids):
                problems.append(
                    "\(field.rawValue) \(Echo.quoted(name)) names \(kind.count(ids.count)): "
                        + ids.joined(separator: ", ") + "; give the id of the one you mean")
            }
        }
        return (notes, problems)
    }

    /// The statement a form's values make, with `parley add`'s checks: a name or alias of the
    /// party, the actor or the party it is about taken as its id (``resolveNames(_:in:)``); a name
    /// of several records, or a value a statement cannot have, refused (400) with what was wrong.
    /// The record form and the review page's rows both read theirs with it.
    static func newStatement(_ values: [Statement.Field: String], in parley: Parley) throws -> NewStatement {
        var values = values
        let (_, problems) = try resolveNames(&values, in: parley)
        if !problems.isEmpty { throw APIProblem.badRequest(problems.joined(separator: "; ")) }
        do { return try NewStatement(values) } catch { throw APIProblem(error) }
    }

    // MARK: - Recording

    /// `GET /statements/new?issue=I&party=P`: the statement form on a page of its own.
    func newStatement(_ request: Request, context: ParleyContext) async throws -> Response {
        let query = try QueryParameterDecoder.decode(NewStatementQuery.self, from: request)
        var values: [Statement.Field: String] = [:]
        values[.issue] = query.issue
        values[.party] = query.party
        values[.source] = query.source
        return try await formPage(request, context, values: values, problems: [], nearMiss: false, status: .ok)
    }

    /// The statement form on its page (for an editor; anyone else is asked to sign in as one).
    func formPage(
        _ request: Request, _ context: ParleyContext, values: [Statement.Field: String], problems: [String],
        nearMiss: Bool, status: HTTPResponse.Status, back: String = "/statements/new"
    ) async throws -> Response {
        let viewer = try await access.requireReader(request, context)
        guard viewer.isEditor else { return editorsOnly(request, viewer, title: "Record a statement") }
        let choices = try await offload { [self] in try pickers() }
        let form = Forms.statement(
            values: values, pickers: choices, action: "/statements", back: back, heading: "The statement",
            problems: problems, nearMiss: nearMiss)
        let markup = Self.page(
            title: "Record a statement", body: form, navigation: PageMarker.navigation
        ).markup
        return respond(markup, request, asOf: nil, viewer: viewer, status: status, page: "/statements/new")
    }

    /// A page that says the forms are an editor's.
    func editorsOnly(_ request: Request, _ viewer: Viewer, title: String) -> Response {
        let body: HTML =
            viewer.name == nil
            ? "<p>Recording needs an editor: <a href=\"\(Self.signInLink(next: request.uri.description))\">sign in</a> "
                + "with an editor's token.</p>\n"
            : "<p>Token '\(viewer.name ?? "")' is a viewer's; recording needs an editor's token.</p>\n"
        let markup = Self.page(title: title, body: body, navigation: PageMarker.navigation).markup
        return respond(
            markup, request, asOf: nil, viewer: viewer, status: viewer.name == nil ? .unauthorized : .forbidden)
    }

    /// `POST /statements`: records the form's statement as `parley add` does, then shows it. A
    /// refused one comes back in its form with the problems (and, for a label close to one in use,
    /// the box that confirms a different position).
    func recordStatement(_ request: Request, context: ParleyContext) async throws -> Response {
        let names = Statement.Field.allCases.map(\.rawValue) + ["new_label", "back"]
        let (writer, form, _) = try await formWrite(request, context, FormBody.Names(names))
        let values = Self.statementValues(form)
        let back = Self.safeReturn(form["back"]) ?? "/statements/new"
        do {
            let number = try await offload { () throws -> Int64 in
                let new = try Self.newStatement(values, in: writer)
                return try writer.record(new, newLabelConfirmed: form["new_label"] == "1").sequence
            }
            return Response(status: .seeOther, headers: [.location: "/statements/\(number)?recorded=true"])
        } catch {
            let problem = APIProblem(error)
            guard [400, 404, 409].contains(problem.status.code) else { throw error }
            return try await formPage(
                request, context, values: values, problems: Self.messages(error), nearMiss: Self.isNearMiss(error),
                status: problem.status == .notFound ? .badRequest : problem.status, back: back)
        }
    }

    // MARK: - A statement's page

    /// `GET /statements/N`: the statement, retracted or not, with its change log; for an editor,
    /// the forms to amend and retract it.
    func statementPage(_ request: Request, context: ParleyContext) async throws -> Response {
        let number = try APIController.number(context)
        return try await renderPage(request, context, StatementPageQuery.self) { [self] query, frame in
            let record = try parley.statementRecord(number: number)
            var body: HTML = ""
            if query.recorded == true { body += Forms.notices(Self.recordedNotes(record)) }
            if query.amended == true { body += Forms.notices(["Amended statement #\(number)."]) }
            body += Self.statementDetails(record, frame.html)
            if frame.editor, !record.statement.statement.isRetracted {
                let pickers = try pickers()
                body += Forms.amend(record.statement, pickers: pickers) + Forms.retract(number)
            }
            let s = record.statement.statement
            let party = frame.html.links.names.parties[s.party] ?? s.party
            return Self.page(
                title: "Statement #\(number)",
                heading: "Statement #\(number) <small class=\"id\">\(party) · \(s.kind.rawValue) · \(s.stance)</small>",
                body: body, navigation: frame.html.navigation)
        }
    }

    /// What recording said: the statement, and its label's news (the command line's notes).
    static func recordedNotes(_ record: StatementRecord) -> [String] {
        let s = record.statement.statement
        let who = s.party + (s.actor.map { " (\($0))" } ?? "") + (s.about.map { " about \($0)" } ?? "")
        var notes = [
            "Recorded statement #\(record.statement.sequence): \(who) on \(s.issue): \(s.kind.rawValue) '\(s.stance)'."
        ]
        if record.hasNewLabel && !record.otherLabels.isEmpty {
            notes.append(
                "'\(s.stance)' is a new stance label on \(s.issue). Labels already used there: "
                    + record.otherLabels.joined(separator: ", ") + ".")
            if !record.nearMisses.isEmpty {
                notes.append(
                    "'\(s.stance)' is close to " + record.nearMisses.map { "'\($0)'" }.joined(separator: ", ")
                        + "; if it is the same position, amend it to reuse that label.")
            }
        } else if record.hasNewLabel {
            notes.append("'\(s.stance)' is the first stance label on \(s.issue).")
        }
        return notes
    }

    /// The statement's fields and its change log.
    static func statementDetails(_ record: StatementRecord, _ context: HTMLContext) -> HTML {
        let dated = record.statement
        let s = dated.statement
        let links = context.links
        var rows: [(String, HTML)] = [
            ("party", links.partyLink(s.party)), ("actor", s.actor.map(links.actorName) ?? "—"),
            ("issue", links.issueLink(s.issue)), ("kind", HTML(text: s.kind.rawValue)),
            ("stance", context.colours.chip(s.stance)), ("summary", HTML(text: s.summary)),
            ("said", HTML(text: s.said?.description ?? "\(dated.effectiveDate) (the source's date)")),
            ("source", links.sourceLink(s.source)), ("recorded", HTML(text: s.recordedAt ?? "")),
        ]
        if let quote = s.quote { rows.insert(("quote", "<blockquote>“\(quote)”</blockquote>"), at: 6) }
        if let via = s.via { rows.append(("via", HTML(text: via))) }
        if let about = s.about { rows.append(("about", links.partyLink(about))) }
        if let conditions = Condition.text(s.conditions) { rows.append(("if", HTML(text: conditions))) }
        var out: HTML = ""
        if let retraction = s.retraction {
            out +=
                "<p class=\"retracted\"><span class=\"tag\">retracted</span> on \(retraction.at) by \(retraction.by): "
                + "\(retraction.reason)</p>\n"
        }
        out += "<dl class=\"record\">\n"
        for (name, value) in rows { out += "<dt>\(name)</dt><dd>\(value)</dd>\n" }
        out += "</dl>\n<h2>Change log</h2>\n"
        if record.log.isEmpty { return out + "<p class=\"muted\">No change is logged.</p>\n" }
        out += "<ol class=\"log\">\n"
        for entry in record.log {
            out += "<li><strong>\(entry.action.rawValue)</strong> on \(entry.at) by \(entry.by)"
            if let reason = entry.reason { out += ": \(reason)" }
            if !entry.changes.isEmpty && entry.action != .add {
                out += "<ul>"
                for change in entry.changes {
                    out +=
                        "<li>\(change.field): <del>\(change.old ?? "—")</del> → <ins>\(change.new ?? "—")</ins></li>"
                }
                out += "</ul>"
            }
            out += "</li>\n"
        }
        return out + "</ol>\n"
    }

    // MARK: - Corrections

    /// `POST /statements/N/amend`: the fields that differ from the statement's, with a reason; an
    /// optional field emptied is cleared.
    func amendStatement(_ request: Request, context: ParleyContext) async throws -> Response {
        let number = try APIController.number(context)
        let names = Statement.Field.allCases.map(\.rawValue) + ["reason"]
        let (writer, form, viewer) = try await formWrite(request, context, FormBody.Names(names))
        let values = Self.statementValues(form)
        do {
            try await offload {
                var values = values
                let current = try writer.statementRecord(number: number).statement.statement
                let (_, problems) = try Self.resolveNames(&values, in: writer)
                if !problems.isEmpty { throw APIProblem.badRequest(problems.joined(separator: "; ")) }
                var changes: [Statement.Field: String?] = [:]
                var clear: Set<Statement.Field> = []
                for field in Statement.Field.allCases {
                    let old = current.text(field)
                    if let new = values[field] {
                        if new != old { changes[field] = new }
                    } else if old != nil, field.isOptional {
                        clear.insert(field)
                    }
                }
                try writer.amend(number: number, StatementChanges(changes, clear: clear), reason: form["reason"] ?? "")
            }
            return Response(status: .seeOther, headers: [.location: "/statements/\(number)?amended=true"])
        } catch {
            let problem = APIProblem(error)
            guard [400, 404, 409].contains(problem.status.code), problem.status != .notFound else { throw error }
            return try await correctionPage(request, number, viewer, problems: Self.messages(error), values: values)
        }
    }

    /// `POST /statements/N/retract`, with a reason.
    func retractStatement(_ request: Request, context: ParleyContext) async throws -> Response {
        let number = try APIController.number(context)
        let (writer, form, viewer) = try await formWrite(request, context, FormBody.Names(["reason"]))
        do {
            try await offload { _ = try writer.retract(number: number, reason: form["reason"] ?? "") }
            return Response(status: .seeOther, headers: [.location: "/statements/\(number)"])
        } catch {
            let problem = APIProblem(error)
            guard [400, 409].contains(problem.status.code) else { throw error }
            return try await correctionPage(request, number, viewer, problems: Self.messages(error), values: nil)
        }
    }

    /// A statement's page again, with the problems of a refused correction above its forms.
    func correctionPage(
        _ request: Request, _ number: Int64, _ viewer: Viewer, problems: [String], values: [Statement.Field: String]?
    ) async throws -> Response {
        let (record, choices, context) = try await offload { [self] in
            (try parley.statementRecord(number: number), try pickers(), try pageContext(asOf: nil))
        }
        var body = Self.statementDetails(record, context)
        body += Forms.amend(record.statement, pickers: choices, problems: problems, values: values)
        body += Forms.retract(number)
        let markup = Self.page(title: "Statement #\(number)", body: body, navigation: PageMarker.navigation).markup
        return respond(markup, request, asOf: nil, viewer: viewer, status: .badRequest, page: "/statements/\(number)")
    }

    // MARK: - The list

    /// `GET /statements?party=P&issue=I&kind=K&since=D&until=D&source=S&all=true`: the statements
    /// that match, with a form that sets the filters (kept in the URL) and downloads.
    func statementList(_ request: Request, context: ParleyContext) async throws -> Response {
        let make: @Sendable (StatementListQuery) throws -> any Report = { [parley] query in
            try parley.statements(
                StatementFilter(
                    party: query.party, issue: query.issue, source: query.source, since: query.since,
                    until: query.until, includeRetracted: query.all ?? false),
                kinds: query.kind.map { [$0.kind] } ?? [])
        }
        let question = try PageQuestion(StatementListQuery.self, request)
        if let response = try await download(request, context, question, [.csv, .json], make) {
            return response
        }
        return try await renderPage(request, context, question) { [self] query, frame in
            let html = try Self.html(make(query), frame.html)
            var body = Self.filterForm(query, pickers: try pickers())
            body += Self.downloadLinks(request.uri, [.csv, .json])
            if frame.editor {
                body +=
                    "<p><a href=\"/statements/new\">Record a statement</a> · <a href=\"/review\">Review an article</a></p>\n"
            }
            body += html.body
            return Self.page(title: "Statements", body: body, notes: html.notes, navigation: frame.html.navigation)
        }
    }

    /// The filters of the statement list, as a GET form (so that the URL says what is shown).
    static func filterForm(_ query: StatementListQuery, pickers: Pickers) -> HTML {
        var kinds: HTML = "<option value=\"\">any</option>"
        for kind in StatementKind.allCases {
            let selected: HTML = query.kind?.kind == kind ? " selected" : ""
            kinds += "<option\(selected)>\(kind.rawValue)</option>"
        }
        let all: HTML = query.all == true ? " checked" : ""
        let fields =
            filterField("party", query.party, list: "pick-party")
            + filterField("issue", query.issue, list: "pick-issue", size: 20)
            + "<label>kind <select name=\"kind\">\(kinds)</select></label>\n"
            + filterField("since", query.since?.description, date: true)
            + filterField("until", query.until?.description, date: true)
            + filterField("source", query.source, list: "pick-source", size: 16)
            + "<label><input type=\"checkbox\" name=\"all\" value=\"true\"\(all)> retracted too</label>\n"
        return filterForm(action: "/statements", asOf: query.asOf, fields, pickers: pickers)
    }
}

/// `/statements/new?issue=I&party=P&source=S`: the form's first values.
struct NewStatementQuery: QueryParameters {
    var issue: String?
    var party: String?
    var source: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case issue, party, source
    }
    typealias Name = CodingKeys
}

/// `/statements/N?recorded=1`: after a write, what it did.
struct StatementPageQuery: PageParameters {
    var recorded: Bool?
    var amended: Bool?
    var asOf: CalendarDate?
    var format: DownloadFormat?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case recorded, amended, format
        case asOf = "as_of"
    }
    typealias Name = CodingKeys
}

/// `/statements?party=P&issue=I&kind=K&since=D&until=D&source=S&all=true`.
struct StatementListQuery: PageParameters {
    var party: String?
    var issue: String?
    var kind: KindFilter?
    var since: CalendarDate?
    var until: CalendarDate?
    var source: String?
    var all: Bool?
    var asOf: CalendarDate?
    var format: DownloadFormat?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case party, issue, kind, since, until, source, all, format
        case asOf = "as_of"
    }
    typealias Name = CodingKeys
}

/// A statement kind as a filter.
struct KindFilter: QueryValue, Sendable {
    var kind: StatementKind

    init(parameter name: String, text: String) throws {
        guard let kind = StatementKind(rawValue: text) else {
            throw APIProblem.badRequest(
                "\(name) \(Echo.plain(text)): not one of "
                    + StatementKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self.kind = kind
    }
}
