import ParleyModel

/// Reports as web pages: each report's body under its title, with its notes, built as ``HTML``
/// (so every value from a record is escaped), linking ids to their pages when the context gives
/// links (a served page). Listings, searches, the log and quotation checks have no page (nil).
public struct HTMLFormat: ReportFormat {
    public var context: HTMLContext

    public init(context: HTMLContext = HTMLContext()) { self.context = context }

    var links: HTMLLinks { context.links }
    var colours: LabelColours { context.colours }

    /// "#12 demand by aliyev, said 2021-12-14, source seed-article" with the statement and the
    /// source linked, then the statement's summary.
    func backing(_ dated: DatedStatement) -> HTML {
        let s = dated.statement
        let who: HTML = speaker(s).map { " by \($0)" } ?? ""
        let about: HTML = s.about.map { " about \(links.partyLink($0))" } ?? ""
        return "\(links.statementLink(dated.sequence)) \(s.kind.rawValue)\(who)\(about), said \(Describe.said(dated)), "
            + "source \(links.sourceLink(s.source))<br><span class=\"summary\">\(s.summary)</span>"
    }

    /// ``Describe/speaker(_:)`` with actors' names: "Nikol Pashinyan via …".
    func speaker(_ s: Statement) -> HTML? {
        switch (s.actor, s.via) {
        case (let actor?, let via?): return links.actorName(actor) + " via \(via)"
        case (let actor?, nil): return links.actorName(actor)
        case (nil, let via?): return "via \(via)"
        case (nil, nil): return nil
        }
    }

    /// ``HistoryReport/who(_:)`` with names, the parties linked: "Armenia (Nikol Pashinyan)".
    func who(_ s: Statement) -> HTML {
        let speaker: HTML = speaker(s).map { " (\($0))" } ?? ""
        if let about = s.about { return "\(links.partyLink(about)) according to \(links.partyLink(s.party))\(speaker)" }
        return links.partyLink(s.party) + speaker
    }

    /// The quote as a block quote, if any.
    static func quote(_ dated: DatedStatement) -> HTML {
        dated.statement.quote.map { "<blockquote>“\($0)”</blockquote>" } ?? ""
    }

    /// The ids, each linked, separated by commas.
    func links(_ ids: [String], _ link: (String) -> HTML) -> HTML {
        ids.map(link).joined(separator: ", ")
    }

    // MARK: - Disputes

    /// The disputes board: a card per open dispute, recorded then apparent, each side's stance
    /// with its backing quote and source; stale and closed disputes after. The cards are the
    /// context's kept ones where their entries are unchanged (``HTMLCards``).
    public func render(_ report: DisputesReport) -> HTMLReport? {
        let open = report.open
        let stale = report.stale
        let shown: [(entry: DisputesReport.Entry, kind: String)] =
            open.map { ($0, $0.recorded ? "recorded" : "apparent") } + stale.map { ($0, "stale") }
        let cards = context.cards?.cards(shown) { card($0, kind: $1) } ?? shown.map { card($0.entry, kind: $0.kind) }
        var body: HTML = ""
        if open.isEmpty {
            body += "<p>\(stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.")</p>\n"
        }
        for card in cards.prefix(open.count) { body += card }
        if !stale.isEmpty {
            body += "<h2>Stale disputes</h2>\n<p class=\"muted\">\(HTML(DisputesReport.staleExplanation))</p>\n"
            for card in cards.dropFirst(open.count) { body += card }
        }
        if !report.overdue.isEmpty {
            body += "<h2>Overdue commitments</h2>\n<ul>\n"
            for o in report.overdue {
                body += "<li class=\"overdue\">\(Describe.overdue(o.deadline, title: o.title))</li>\n"
            }
            body += "</ul>\n"
        }
        if !report.closed.isEmpty {
            body += "<h2>Closed disputes</h2>\n<ul>\n"
            for c in report.closed {
                body += "<li>\(c.id): \(c.status) on \(c.on) (issue \(links.issueLink(c.issue))) — \(c.title)</li>\n"
            }
            body += "</ul>\n"
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    /// One dispute as a card: its kind and title, issues and status, and a table of the sides.
    private func card(_ entry: DisputesReport.Entry, kind: String) -> HTML {
        var body: HTML = "<section class=\"card \(kind)\">\n<h2><span class=\"tag\">\(kind)</span> "
        body += "\(entry.id.map { $0 + ": " } ?? "")\(entry.title)</h2>\n"
        let status = DisputesReport.statusAndSince(entry).joined(separator: " · ")
        body +=
            "<p class=\"muted\">\(Plural("issue").form(entry.issues.count)) \(links(entry.issues, links.issueLink)) · "
            + "\(status)</p>\n"
        var rows: [[HTML]] = []
        for side in entry.sides {
            if side.positions.isEmpty && side.claims.isEmpty {
                rows.append([links.partyLink(side.party), "", "<span class=\"muted\">no position recorded</span>", ""])
            }
            for held in side.positions {
                let move = Describe.move(held.move, from: held.movedFrom) ?? ""
                let moved: HTML =
                    held.movedOn.map { " <span class=\"muted\">since \(Describe.said($0))\(move)</span>" } ?? ""
                let stale: HTML = held.stale ? " <span class=\"tag\">stale, \(held.ageDays ?? 0) days</span>" : ""
                let conditions: HTML = held.conditions.map {
                    "<br><span class=\"muted\">\(Describe.condition($0))</span>"
                }
                .joined()
                rows.append([
                    links.partyLink(side.party), links.issueLink(held.position.issue),
                    chips(held.position) + moved + stale + conditions,
                    held.position.statements.map { backing($0) + Self.quote($0) }.joined(separator: "<br>"),
                ])
            }
            for claim in side.claims {
                rows.append([
                    links.partyLink(side.party), links.issueLink(claim.statement.issue),
                    colours.chip(claim.statement.stance)
                        + " <span class=\"muted\">according to \(links.partyLink(claim.statement.party))</span>",
                    backing(claim) + Self.quote(claim),
                ])
            }
        }
        return body + HTML.table(["side", "issue", "stance", "backed by"], rows) + "</section>\n"
    }

    /// A position's labels, each a chip, joined by +.
    func chips(_ position: Position) -> HTML {
        position.labels.map { colours.chip($0) }.joined(separator: " + ")
    }

    // MARK: - Positions

    /// The positions matrix: parties across, issues down, each cell the stance label.
    public func render(_ report: PositionsReport) -> HTMLReport? {
        var body: HTML = "<p>\(report.summary) \(PositionsReport.datesAre)</p>\n"
        if report.rows.isEmpty { body += "<p>No positions recorded.</p>\n" }
        let table = report.rows.map { row -> [HTML] in
            let title: HTML =
                links.names.issues[row.issue] == nil ? "<br><span class=\"muted\">\(row.title)</span>" : ""
            let issue: HTML =
                "\(links.issueLink(row.issue))\(title)"
                + (row.diverges ? " <span class=\"diverges\" title=\"parties diverge\">≠</span>" : "")
            return [issue]
                + report.parties.map { party -> HTML in
                    guard let held = row.held.first(where: { $0.position.party == party }) else {
                        return "<span class=\"muted\">·</span>"
                    }
                    let cell: HTML =
                        chips(held.position)
                        + "<br><span class=\"muted\">\(PositionsReport.adopted(held))</span>"
                        + held.conditions.map { "<br><span class=\"muted\">\(Describe.condition($0))</span>" }.joined()
                    return held.stale
                        ? "<span class=\"stale\" title=\"stale, \(held.ageDays ?? 0) days\">\(cell)</span>" : cell
                }
        }
        if !report.rows.isEmpty {
            body += "<div class=\"table\"><table class=\"matrix\">\n<thead><tr><th>issue</th>"
            body += report.parties.map { "<th>\(links.partyLink($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            let headers = ["issue"] + report.parties.map { links.names.parties[$0] ?? $0 }
            for row in table {
                body += "<tr>" + zip(headers, row).map { "<td data-label=\"\($0)\">\($1)</td>" }.joined() + "</tr>\n"
            }
            body +=
                "</tbody></table></div>\n<p class=\"muted\">≠ marks issues where parties are on different sides; "
                + "faded cells are stale; · means no position recorded.</p>\n"
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    // MARK: - Agreements

    public func render(_ report: AgreementsReport) -> HTMLReport? {
        var body: HTML = report.entries.isEmpty ? "<p>No agreements recorded.</p>\n" : ""
        for e in report.entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: report.asOf)
            body += "<section class=\"card\">\n<h2>\(a.title) <span class=\"muted\">(\(a.id))</span></h2>\n"
            body +=
                "<p>Status <strong>\(AgreementsReport.status(e))</strong> since "
                + "\(Describe.date(e.since, sourceDated: e.sinceIsSourceDate))"
                + " · \(Plural("issue").form(a.issues.count)) \(links(a.issues, links.issueLink))"
                + (e.isContested ? " · <span class=\"tag\">contested</span>" : "") + "</p>\n"
            if let package = AgreementsReport.package(e) {
                body += "<p\(e.package?.isHeld ?? false ? " class=\"overdue\"" : "")>\(package)</p>\n"
            }
            if !e.deadlines.isEmpty {
                body += "<ul>\n"
                for deadline in e.deadlines {
                    body +=
                        "<li\(deadline.state == .overdue ? " class=\"overdue\"" : "")>"
                        + "\(AgreementsReport.deadline(deadline))</li>\n"
                }
                body += "</ul>\n"
            }
            body +=
                "<p>Parties: \(links(parties, links.partyLink))"
                + (mediators.isEmpty ? "" : " · mediators: \(links(mediators, links.partyLink))") + "</p>\n"
            if let terms = a.terms { body += "<p>Terms: \(terms)</p>\n" }
            if !e.accounts.isEmpty {
                body += "<h3>\(e.isContested ? "Accounts differ" : "Account of one side")</h3>\n<ul>\n"
                for account in e.accounts {
                    body += "<li>\(links.partyLink(account.party)): \(AgreementsReport.account(account.step))</li>\n"
                }
                body += "</ul>\n"
            }
            body +=
                HTML.table(
                    ["date", "status", "source", "note"],
                    e.history.map {
                        [
                            HTML(text: Describe.on($0)), HTML(text: Describe.step($0)), links.sourceLink($0.source),
                            HTML(text: $0.note ?? ""),
                        ]
                    }) + "</section>\n"
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    // MARK: - Contradictions

    public func render(_ report: ContradictionsReport) -> HTMLReport? {
        var body: HTML = report.contradictions.isEmpty ? "<p>No contradictions found.</p>\n" : ""
        for kind in Contradiction.Kind.allCases {
            let entries = report.contradictions.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            body += "<h2>\(ContradictionsReport.title(kind))</h2>\n"
            for c in entries {
                body += "<section class=\"card\">\n<h3>\(ContradictionsReport.subject(c))</h3>\n<ul>\n"
                for side in [c.first, c.second] { body += "<li>\(ContradictionsReport.evidence(side, in: c))</li>\n" }
                body += "</ul>\n</section>\n"
            }
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    // MARK: - History

    /// An issue's timeline (one per issue that has statements), then every event in date order.
    public func render(_ report: HistoryReport) -> HTMLReport? {
        var body: HTML = ""
        if report.events.isEmpty { body += "<p>Nothing recorded on this issue yet.</p>\n" }
        let issues = Array(Set(report.statements.map(\.statement.issue))).sorted()
        // One time axis for the issue and its sub-issues, so that their timelines line up.
        let axis = Timeline.span(
            statements: report.statements,
            steps: Timeline.steps(agreements: report.agreements, disputes: report.disputes, end: nil))
        for id in issues {
            let svg = Timeline.svg(
                issue: id, statements: report.statements.filter { $0.statement.issue == id },
                agreements: report.agreements.filter { $0.issues.contains(id) },
                disputes: report.disputes.filter { $0.issues.contains(id) },
                window: report.staleAfter, end: nil, colours: colours, moves: report.moves, axis: axis,
                name: links.partyName)
            guard !svg.isEmpty else { continue }
            body += "<h2>\(links.issueLink(id))</h2>\n<figure>\(svg)</figure>\n"
        }
        var rows: [[HTML]] = []
        for event in report.events {
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                rows.append([
                    HTML(text: HistoryReport.date(event)),
                    "\(links.statementLink(dated.sequence)) \(who(s))",
                    links.issueLink(s.issue),
                    "\(s.kind.rawValue): \(colours.chip(s.stance)) \(report.change(change, dated))",
                    HTML(text: s.summary) + Self.quote(dated), links.sourceLink(s.source),
                ])
            case .agreementStep(let a, let step):
                rows.append(stepRow(event, step, "agreement", a.id, parties: a.parties, issue: a.issue, title: a.title))
            case .disputeStep(let d, let step):
                rows.append(stepRow(event, step, "dispute", d.id, parties: d.parties, issue: d.issue, title: d.title))
            }
        }
        if !rows.isEmpty {
            body += "<h2>Events</h2>\n" + HTML.table(["date", "who", "issue", "event", "details", "source"], rows)
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    /// An agreement's or a dispute's step as a row of the events table.
    private func stepRow<Status>(
        _ event: HistoryEvent, _ step: Step<Status>, _ kind: String, _ id: String, parties: [String], issue: String,
        title: String
    ) -> [HTML] {
        [
            HTML(text: HistoryReport.date(event)), links(parties, links.partyLink), links.issueLink(issue),
            "\(kind) \(id): \(Describe.step(step))", HTML(text: step.note ?? title), links.sourceLink(step.source),
        ]
    }

    // MARK: - Diff

    public func render(_ report: DiffReport) -> HTMLReport? {
        let diff = report.diff
        var body: HTML = diff.isEmpty ? "<p>Nothing changed between \(diff.from) and \(diff.to).</p>\n" : ""
        if let summary = report.summary { body += "<p>\(summary)</p>\n" }
        if !diff.positions.isEmpty {
            body +=
                "<h2>Positions</h2>\n"
                + HTML.table(
                    ["party", "issue", "change", "was", "now"],
                    diff.positions.map { c in
                        [
                            links.partyLink(c.party), links.issueLink(c.issue), HTML(text: report.positionLine(c)),
                            c.before.map { backing($0.backing) } ?? "",
                            backing(c.after.backing) + (c.deniedClaim.map { "<br>denies \(Describe.claim($0))" } ?? ""),
                        ]
                    })
        }
        if !diff.becameOverdue.isEmpty {
            body += "<h2>Commitments that became overdue</h2>\n<ul>\n"
            for deadline in diff.becameOverdue {
                body += "<li class=\"overdue\">\(Describe.overdue(deadline))</li>\n"
            }
            body += "</ul>\n"
        }
        if !diff.agreements.isEmpty {
            body +=
                "<h2>Agreements</h2>\n<ul>\n"
                + diff.agreements.map {
                    "<li>\($0.agreement.id) (\($0.agreement.title)): \(DiffReport.agreementLine($0))</li>\n"
                }.joined() + "</ul>\n"
        }
        if !diff.disputes.isEmpty {
            body +=
                "<h2>Recorded disputes</h2>\n<ul>\n"
                + diff.disputes.map {
                    "<li>\($0.dispute.id) (issue \(links.issueLink($0.dispute.issue))): \(DiffReport.disputeLine($0))</li>\n"
                }.joined() + "</ul>\n"
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            body += "<h2>Apparent disputes</h2>\n<ul>\n"
            for a in diff.apparentAppeared {
                body += "<li>appeared on \(links.issueLink(a.issue)): \(DiffReport.sides(a))</li>\n"
            }
            for a in diff.apparentGone { body += "<li>\(DiffReport.gone(a, diff))</li>\n" }
            body += "</ul>\n"
        }
        return HTMLReport(title: report.heading, body: body, notes: report.notes)
    }

    // MARK: - Statements

    public func render(_ report: StatementsReport) -> HTMLReport? {
        let body =
            report.statements.isEmpty
            ? "<p>No statements match.</p>\n"
            : HTML.table(
                ["no.", "said", "who", "issue", "stance", "summary", "source"],
                report.statements.map { dated in
                    let s = dated.statement
                    let retracted: HTML =
                        s.retraction.map { "<span class=\"tag\">retracted</span> \(Describe.retraction($0))<br>" } ?? ""
                    return [
                        links.statementLink(dated.sequence), HTML(text: StatementsReport.date(dated)),
                        who(s), links.issueLink(s.issue),
                        "\(s.kind.rawValue + ": ")\(colours.chip(s.stance))",
                        retracted + HTML(text: s.summary) + Self.quote(dated), links.sourceLink(s.source),
                    ]
                })
        return HTMLReport(
            title: "Statements", body: body,
            notes: ReportNote.sourceDated(statements: report.statements).map { [$0] } ?? [])
    }

    // MARK: - Reports without a page

    public func render(_ report: SourceDiffReport) -> HTMLReport? { nil }
    public func render(_ report: SearchReport) -> HTMLReport? { nil }
    public func render(_ report: LogReport) -> HTMLReport? { nil }
    public func render(_ report: QuoteCheckReport) -> HTMLReport? { nil }
    public func render<Record: Listable>(_ report: RecordList<Record>) -> HTMLReport? { nil }
}
