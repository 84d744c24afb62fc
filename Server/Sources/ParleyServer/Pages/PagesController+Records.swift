import Foundation
import Hummingbird
import ParleyKit
import ParleyModel

/// Agreements' and disputes' pages with their status steps, label relations on an issue, and
/// sources added from the browser.
extension PagesController {
    // MARK: - Agreements and disputes

    /// `GET /agreements/ID`: the agreement as of the date, its history; for an editor, a form
    /// that adds a step (`parley agreement update`).
    func agreementPage(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        return try await renderPage(request, context, PageQuery.self) { [self] _, frame in
            try trackedPage(AgreementStatus.self, id: id, frame, summary: agreementSummary)
        }
    }

    /// `GET /disputes/ID`: the dispute as of the date (its sides and their positions while it is
    /// live), its history; for an editor, a form that adds a step (`parley dispute update`).
    func disputePage(_ request: Request, context: ParleyContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        return try await renderPage(request, context, PageQuery.self) { [self] _, frame in
            try trackedPage(DisputeStatus.self, id: id, frame, summary: disputeSummary)
        }
    }

    /// The agreement `id` as of the frame's date: the agreements report, narrowed to it.
    func agreementSummary(_ id: String, _ frame: PageFrame) throws -> HTML {
        var report = try parley.agreementsReport(asOf: frame.asOf, knownAsOf: frame.knownAsOf)
        report.entries = report.entries.filter { $0.agreement.id == id }
        return try Self.html(report, frame.html).body
    }

    /// The dispute `id` as of the frame's date: the disputes report, narrowed to it.
    func disputeSummary(_ id: String, _ frame: PageFrame) throws -> HTML {
        var report = try parley.disputesReport(asOf: frame.asOf, knownAsOf: frame.knownAsOf)
        report.recorded = report.recorded.filter { $0.id == id }
        report.apparent = []
        report.closed = report.closed.filter { $0.id == id }
        return try Self.html(report, frame.html).body
    }

    /// An agreement's or a dispute's page: `summary` (its report, narrowed to it), its history, and
    /// for an editor the step form (with a refused step's `problems` and the `values` sent).
    func trackedPage<Status: StepStatus>(
        _ type: Status.Type, id: String, _ frame: PageFrame, problems: [String] = [], values: [String: String] = [:],
        summary: (String, PageFrame) throws -> HTML
    ) throws -> HTML {
        let record = try parley.tracked(Status.self, id: id, knownAsOf: frame.knownAsOf)
        var body = try summary(id, frame)
        body += "<h2>History</h2>\n" + Self.history(record, frame.html)
        if frame.editor {
            body += Forms.step(
                kind: Status.record.plural, id: id, statuses: Status.allCases.map(\.rawValue), pickers: try pickers(),
                problems: problems, values: values)
        }
        return Self.page(
            title: record.title,
            heading: "\(record.title) <small class=\"id\">\(Status.record.singular) \(id)</small>",
            body: body, navigation: frame.html.navigation)
    }

    /// Every step of a history, retracted ones marked.
    static func history<Status>(_ record: Tracked<Status>, _ context: HTMLContext) -> HTML {
        var out: HTML =
            "<div class=\"table\"><table>\n<thead><tr><th>date</th><th>status</th><th>according to</th>"
            + "<th>source</th><th>note</th></tr></thead>\n<tbody>\n"
        for step in record.history {
            let retracted: HTML = step.retraction.map { " <span class=\"tag\">retracted</span> \($0.reason)" } ?? ""
            out +=
                "<tr><td data-label=\"date\">\(step.on)\(step.onIsSourceDate ? "*" : "")</td>"
                + "<td data-label=\"status\">\(step.status.rawValue)\(retracted)</td>"
                + "<td data-label=\"according to\">\(step.accordingTo.map { context.links.partyLink($0) } ?? "")</td>"
                + "<td data-label=\"source\">\(context.links.sourceLink(step.source))</td>"
                + "<td data-label=\"note\">\(step.note ?? "")</td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// `POST /agreements/ID/steps`.
    func addAgreementStep(_ request: Request, context: ParleyContext) async throws -> Response {
        try await addStep(AgreementStatus.self, request, context, prefix: "/agreements", summary: agreementSummary)
    }

    /// `POST /disputes/ID/steps`.
    func addDisputeStep(_ request: Request, context: ParleyContext) async throws -> Response {
        try await addStep(DisputeStatus.self, request, context, prefix: "/disputes", summary: disputeSummary)
    }

    /// A step from the step form, through the API's step rules; back to the page, or the page
    /// made again (never a kept one) with the problems, the form holding what was sent, and the
    /// refusal's status.
    func addStep<Status: StepStatus>(
        _ type: Status.Type, _ request: Request, _ context: ParleyContext, prefix: String,
        summary: @escaping @Sendable (String, PageFrame) throws -> HTML
    ) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let (writer, form, viewer) = try await formWrite(
            request, context, FormBody.Names(["status", "on", "source", "according_to", "note"]))
        func given(_ name: String) -> String? { Statement.filled(form[name]) }
        do {
            let accordingTo = try given("according_to").map { name -> String in
                if case .alias(let party) = try writer.resolve(.party, name) { return party }
                return name
            }
            let body = StepRequest(
                status: given("status"), source: given("source"), on: given("on"), note: given("note"),
                accordingTo: accordingTo)
            _ = try await offload { try APIController.addStep(Status.self, to: id, body, by: writer) }
            return Response(status: .seeOther, headers: [.location: Self.path(prefix, id) + "#step"])
        } catch {
            let problem = APIProblem(error)
            // A source that is not recorded is the form's mistake (400); an unknown record throws below.
            guard [400, 404, 409].contains(problem.status.code) else { throw error }
            let values = form.filter { $0.key != AntiForgery.field }
            let markup = try await offload { [self] in
                let frame = PageFrame(asOf: nil, html: try pageContext(asOf: nil), editor: true)
                return try trackedPage(
                    Status.self, id: id, frame, problems: Self.messages(error), values: values, summary: summary
                ).markup
            }
            return respond(
                markup, request, asOf: nil, viewer: viewer,
                status: problem.status == .notFound ? .badRequest : problem.status, page: Self.path(prefix, id))
        }
    }

    // MARK: - Label relations

    /// `POST /relations`: two labels on an issue are compatible or opposed (`parley labels relate`).
    func relateLabels(_ request: Request, context: ParleyContext) async throws -> Response {
        let (writer, form, viewer) = try await formWrite(request, context, FormBody.Names(["issue", "a", "b", "kind"]))
        let issue = form["issue"] ?? ""
        do {
            let kind: LabelRelation.Kind
            do { kind = try LabelRelation.Kind.parse(form["kind"] ?? "") } catch {
                throw APIProblem.badRequest("\(error.localizedDescription)")
            }
            let relation = LabelRelation(issue: issue, form["a"] ?? "", form["b"] ?? "", kind: kind)
            try await offload { _ = try writer.relate(relation) }
            return Response(status: .seeOther, headers: [.location: Self.path("/issues", issue) + "#relate"])
        } catch {
            let problem = APIProblem(error)
            guard [400, 404, 409].contains(problem.status.code) else { throw error }
            return simplePage(
                request, viewer, title: "Labels not related",
                body: Forms.problems(Self.messages(error))
                    + "<p><a href=\"\(Self.path("/issues", issue))#relate\">Back to the issue</a></p>\n",
                status: problem.status == .notFound ? .badRequest : problem.status, page: Self.path("/issues", issue))
        }
    }

    /// A page of the server's own words for `viewer` (`page`: the page its form was sent from, as
    /// ``respond(_:_:asOf:viewer:status:page:)`` takes it).
    func simplePage(
        _ request: Request, _ viewer: Viewer, title: String, body: HTML, status: HTTPResponse.Status = .ok,
        page: String? = nil
    ) -> Response {
        respond(
            Self.page(title: title, body: body, navigation: PageMarker.navigation).markup, request, asOf: nil,
            viewer: viewer, status: status, page: page)
    }

    // MARK: - Sources

    /// `POST /sources`: adds a source (`parley source add`), its text pasted or uploaded as a file.
    func addSource(_ request: Request, context: ParleyContext) async throws -> Response {
        let names = ["id", "title", "published", "publisher", "url", "reliability", "text", "text_file"]
        let (writer, form, viewer) = try await formWrite(
            request, context, FormBody.Names(names), limit: Limits.sourceTextBytes + 65536)
        var values = form.filter { !Statement.isBlank($0.value) }
        if let file = values["text_file"] {
            values["text"] = file
            values["text_file"] = nil
        }
        do {
            let source = try Self.source(values)
            try await offload { try writer.add(source) }
            return Response(status: .seeOther, headers: [.location: Self.path("/sources", source.id)])
        } catch {
            let problem = APIProblem(error)
            guard [400, 409].contains(problem.status.code) else { throw error }
            return simplePage(
                request, viewer, title: "Add a source",
                body: Forms.source(problems: Self.messages(error), values: values),
                status: problem.status, page: "/sources")
        }
    }

    /// A source from a form's values: its date and reliability checked as the command line checks them.
    static func source(_ values: [String: String]) throws -> Source {
        var problems: [String] = []
        var published = CalendarDate.earliest
        if let text = values["published"] {
            do { published = try CalendarDate(parsing: text) } catch {
                problems.append("published \(Echo.plain(text)): " + CalendarDate.problem(with: text))
            }
        } else {
            problems.append("'published' is required: the day the source was published")
        }
        var reliability: Reliability?
        if let text = values["reliability"] {
            do { reliability = try Reliability.parse(text) } catch { problems.append(error.localizedDescription) }
        }
        if !problems.isEmpty { throw APIProblem.badRequest(problems.joined(separator: "; ")) }
        return Source(
            id: values["id"] ?? "", title: values["title"] ?? "", publisher: values["publisher"], url: values["url"],
            published: published, reliability: reliability, text: values["text"])
    }
}
