import ParleyModel

// Each report as a self-contained web page. Every string from a record goes through
// `HTML.escape`; the pages link to each other when the context gives links (a served page).

extension Describe {
    /// "#12 demand by aliyev, said 2021-12-14, source seed-article" with the source linked.
    static func backingHTML(_ dated: DatedStatement, _ links: HTMLLinks) -> String {
        let s = dated.statement
        let who = speaker(s).map { " by \(HTML.escape($0))" } ?? ""
        let about = s.about.map { " about \(links.partyLink($0))" } ?? ""
        return "#\(dated.sequence) \(HTML.escape(s.kind.rawValue))\(who)\(about), said \(HTML.escape(said(dated))), "
            + "source \(links.sourceLink(s.source))"
    }

    static func quoteHTML(_ dated: DatedStatement) -> String {
        dated.statement.quote.map { "<blockquote>“\(HTML.escape($0))”</blockquote>" } ?? ""
    }
}

extension DisputesReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    /// The disputes board: a card per open dispute, recorded then apparent, each side's stance
    /// with its backing quote and source; stale and closed disputes after.
    public func htmlBody(_ context: HTMLContext) -> String {
        let colours = context.colours
        let links = context.links
        var body = ""
        func card(_ entry: Entry, kind: String) {
            body += "<section class=\"card \(kind)\">\n<h2><span class=\"tag\">\(kind)</span> "
            body += (entry.id.map { HTML.escape($0) + ": " } ?? "") + HTML.escape(entry.title) + "</h2>\n"
            let issues = entry.issues.map { links.issueLink($0) }.joined(separator: ", ")
            let status = Self.statusAndSince(entry).map(HTML.escape).joined(separator: " · ")
            body += "<p class=\"muted\">issue\(entry.issues.count > 1 ? "s" : "") \(issues) · \(status)</p>\n"
            var rows: [[String]] = []
            for side in entry.sides {
                if side.positions.isEmpty && side.claims.isEmpty {
                    rows.append([
                        links.partyLink(side.party), "", "<span class=\"muted\">no position recorded</span>", "",
                    ])
                }
                for held in side.positions {
                    let moved = held.movedOn.map {
                        " <span class=\"muted\">since \(HTML.escape(Describe.said($0)))</span>"
                    }
                    let stale = held.stale ? " <span class=\"tag\">stale, \(held.ageDays ?? 0) days</span>" : ""
                    rows.append([
                        links.partyLink(side.party), links.issueLink(held.position.issue),
                        colours.chip(held.position.stance) + (moved ?? "") + stale,
                        Describe.backingHTML(held.position.backing, links) + Describe.quoteHTML(held.position.backing),
                    ])
                }
                for claim in side.claims {
                    rows.append([
                        links.partyLink(side.party), links.issueLink(claim.statement.issue),
                        colours.chip(claim.statement.stance)
                            + " <span class=\"muted\">according to \(links.partyLink(claim.statement.party))</span>",
                        Describe.backingHTML(claim, links) + Describe.quoteHTML(claim),
                    ])
                }
            }
            body += HTML.table(["side", "issue", "stance", "backed by"], rows) + "</section>\n"
        }
        if open.isEmpty {
            body += "<p>\(stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.")</p>\n"
        }
        for entry in open { card(entry, kind: entry.recorded ? "recorded" : "apparent") }
        if !stale.isEmpty {
            body +=
                "<h2>Stale disputes</h2>\n<p class=\"muted\">Recorded as open, but every side's evidence is "
                + "older than the window: check whether they are still alive.</p>\n"
            for entry in stale { card(entry, kind: "stale") }
        }
        if !closed.isEmpty {
            body += "<h2>Closed disputes</h2>\n<ul>\n"
            for c in closed {
                body +=
                    "<li>\(HTML.escape(c.id)): \(HTML.escape(c.status)) on \(HTML.escape(c.on.description)) "
                    + "(issue \(links.issueLink(c.issue))) — \(HTML.escape(c.title))</li>\n"
            }
            body += "</ul>\n"
        }
        return body
    }
}

extension PositionsReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    /// The positions matrix: parties across, issues down, each cell the stance label.
    public func htmlBody(_ context: HTMLContext) -> String {
        let colours = context.colours
        let links = context.links
        var body = "<p>\(HTML.escape(summary)) \(HTML.escape(Self.datesAre))</p>\n"
        if rows.isEmpty { body += "<p>No positions recorded.</p>\n" }
        let table = rows.map { row -> [String] in
            let issue =
                links.issueLink(row.issue) + "<br><span class=\"muted\">\(HTML.escape(row.title))</span>"
                + (row.diverges ? " <span class=\"diverges\" title=\"parties diverge\">≠</span>" : "")
            return [issue]
                + parties.map { party in
                    guard let held = row.held.first(where: { $0.position.party == party }) else {
                        return "<span class=\"muted\">·</span>"
                    }
                    let cell =
                        colours.chip(held.position.stance)
                        + "<br><span class=\"muted\">\(HTML.escape(Self.adopted(held)))</span>"
                    return held.stale
                        ? "<span class=\"stale\" title=\"stale, \(held.ageDays ?? 0) days\">\(cell)</span>" : cell
                }
        }
        if !rows.isEmpty {
            body += "<div class=\"table\"><table class=\"matrix\">\n<thead><tr><th>issue</th>"
            body += parties.map { "<th>\(links.partyLink($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            for row in table { body += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
            body +=
                "</tbody></table></div>\n<p class=\"muted\">≠ marks issues where parties are on different sides; "
                + "faded cells are stale; · means no position recorded.</p>\n"
        }
        return body
    }
}

extension AgreementsReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    public func htmlBody(_ context: HTMLContext) -> String {
        let links = context.links
        var body = entries.isEmpty ? "<p>No agreements recorded.</p>\n" : ""
        for e in entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: asOf)
            body +=
                "<section class=\"card\">\n<h2>\(HTML.escape(a.title)) <span class=\"muted\">(\(HTML.escape(a.id)))"
                + "</span></h2>\n"
            body +=
                "<p>Status <strong>\(HTML.escape(Self.status(e)))</strong> since \(HTML.escape(Describe.date(e.since)))"
                + " · issue\(a.issues.count > 1 ? "s" : "") \(a.issues.map { links.issueLink($0) }.joined(separator: ", "))</p>\n"
            body +=
                "<p>Parties: \(parties.map { links.partyLink($0) }.joined(separator: ", "))"
                + (mediators.isEmpty
                    ? "" : " · mediators: \(mediators.map { links.partyLink($0) }.joined(separator: ", "))")
                + "</p>\n"
            if let terms = a.terms { body += "<p>Terms: \(HTML.escape(terms))</p>\n" }
            if !e.accounts.isEmpty {
                body += "<h3>\(e.isContested ? "Accounts differ" : "Account of one side")</h3>\n<ul>\n"
                for account in e.accounts {
                    body += "<li>\(links.partyLink(account.party)): \(HTML.escape(Self.account(account.step)))</li>\n"
                }
                body += "</ul>\n"
            }
            body +=
                HTML.table(
                    ["date", "status", "source", "note"],
                    e.history.map {
                        [
                            HTML.escape(Describe.on($0)), HTML.escape(Describe.step($0)), links.sourceLink($0.source),
                            HTML.escape($0.note ?? ""),
                        ]
                    }) + "</section>\n"
        }
        return body
    }
}

extension ContradictionsReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    public func htmlBody(_ context: HTMLContext) -> String {
        var body = contradictions.isEmpty ? "<p>No contradictions found.</p>\n" : ""
        for kind in Contradiction.Kind.allCases {
            let entries = contradictions.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            body += "<h2>\(HTML.escape(Self.title(kind)))</h2>\n"
            for c in entries {
                body += "<section class=\"card\">\n<h3>\(HTML.escape(Self.subject(c)))</h3>\n<ul>\n"
                for side in [c.first, c.second] { body += "<li>\(HTML.escape(Self.evidence(side, in: c)))</li>\n" }
                body += "</ul>\n</section>\n"
            }
        }
        return body
    }
}

extension HistoryReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    /// An issue's timeline (one per issue that has statements), then every event in date order.
    public func htmlBody(_ context: HTMLContext) -> String {
        let colours = context.colours
        let links = context.links
        var body = ""
        if events.isEmpty { body += "<p>Nothing recorded on this issue yet.</p>\n" }
        let issues = Array(Set(statements.map(\.statement.issue))).sorted()
        for id in issues {
            let own = statements.filter { $0.statement.issue == id }
            let svg = Timeline.svg(
                issue: id, statements: own,
                agreements: agreements.filter { $0.issues.contains(id) },
                disputes: disputes.filter { $0.issues.contains(id) },
                window: staleAfter, end: nil, colours: colours)
            guard !svg.isEmpty else { continue }
            body += "<h2>\(links.issueLink(id))</h2>\n<figure>\(svg)</figure>\n"
        }
        var rows: [[String]] = []
        for event in events {
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                rows.append([
                    HTML.escape(Self.date(event)), "#\(dated.sequence) " + HTML.escape(Self.who(s)),
                    links.issueLink(s.issue),
                    HTML.escape("\(s.kind.rawValue): ") + colours.chip(s.stance) + " "
                        + HTML.escape(Self.change(change, s)),
                    HTML.escape(s.summary) + Describe.quoteHTML(dated), links.sourceLink(s.source),
                ])
            case .agreementStep(let a, let step):
                rows.append([
                    HTML.escape(Self.date(event)), a.parties.map { links.partyLink($0) }.joined(separator: ", "),
                    links.issueLink(a.issue), "agreement \(HTML.escape(a.id)): \(HTML.escape(Describe.step(step)))",
                    HTML.escape(step.note ?? a.title), links.sourceLink(step.source),
                ])
            case .disputeStep(let d, let step):
                rows.append([
                    HTML.escape(Self.date(event)), d.parties.map { links.partyLink($0) }.joined(separator: ", "),
                    links.issueLink(d.issue), "dispute \(HTML.escape(d.id)): \(HTML.escape(Describe.step(step)))",
                    HTML.escape(step.note ?? d.title), links.sourceLink(step.source),
                ])
            }
        }
        if !rows.isEmpty {
            body += "<h2>Events</h2>\n" + HTML.table(["date", "who", "issue", "event", "details", "source"], rows)
        }
        return body
    }
}

extension DiffReport: HTMLRenderable {
    public var htmlTitle: String { heading }
    public var htmlNotes: [ReportNote] { notes }

    public func htmlBody(_ context: HTMLContext) -> String {
        let links = context.links
        var body = diff.isEmpty ? "<p>Nothing changed between \(diff.from) and \(diff.to).</p>\n" : ""
        if !diff.positions.isEmpty {
            body +=
                "<h2>Positions</h2>\n"
                + HTML.table(
                    ["party", "issue", "change", "was", "now"],
                    diff.positions.map { c in
                        [
                            links.partyLink(c.party), links.issueLink(c.issue), HTML.escape(positionLine(c)),
                            c.before.map { Describe.backingHTML($0.backing, links) } ?? "",
                            Describe.backingHTML(c.after.backing, links),
                        ]
                    })
        }
        if !diff.agreements.isEmpty {
            body +=
                "<h2>Agreements</h2>\n<ul>\n"
                + diff.agreements.map {
                    "<li>\(HTML.escape($0.agreement.id)) (\(HTML.escape($0.agreement.title))): "
                        + "\(HTML.escape(Self.agreementLine($0)))</li>\n"
                }.joined() + "</ul>\n"
        }
        if !diff.disputes.isEmpty {
            body +=
                "<h2>Recorded disputes</h2>\n<ul>\n"
                + diff.disputes.map {
                    "<li>\(HTML.escape($0.dispute.id)) (issue \(links.issueLink($0.dispute.issue))): "
                        + "\(HTML.escape(Self.disputeLine($0)))</li>\n"
                }.joined() + "</ul>\n"
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            body += "<h2>Apparent disputes</h2>\n<ul>\n"
            for a in diff.apparentAppeared {
                body +=
                    "<li>appeared on \(links.issueLink(a.issue)): "
                    + HTML.escape(a.positions.map { "\($0.party) \($0.stance)" }.joined(separator: " vs ")) + "</li>\n"
            }
            for a in diff.apparentGone { body += "<li>\(HTML.escape(Self.gone(a, diff)))</li>\n" }
            body += "</ul>\n"
        }
        return body
    }
}

extension StatementsReport: HTMLRenderable {
    public var htmlTitle: String { "Statements" }
    public var htmlNotes: [ReportNote] { ReportNote.sourceDated(statements: statements).map { [$0] } ?? [] }

    public func htmlBody(_ context: HTMLContext) -> String {
        let colours = context.colours
        let links = context.links
        let body =
            statements.isEmpty
            ? "<p>No statements match.</p>\n"
            : HTML.table(
                ["no.", "said", "who", "issue", "stance", "summary", "source"],
                statements.map { dated in
                    let s = dated.statement
                    let retracted =
                        s.retraction.map {
                            "<span class=\"tag\">retracted</span> " + HTML.escape(Describe.retraction($0)) + "<br>"
                        } ?? ""
                    return [
                        "#\(dated.sequence)", HTML.escape(Self.date(dated)), HTML.escape(HistoryReport.who(s)),
                        links.issueLink(s.issue), HTML.escape(s.kind.rawValue + ": ") + colours.chip(s.stance),
                        retracted + HTML.escape(s.summary) + Describe.quoteHTML(dated), links.sourceLink(s.source),
                    ]
                })
        return body
    }
}
