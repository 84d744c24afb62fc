import ParleyModel

/// Reports as GitHub-flavoured Markdown, for committing and sharing: headings, tables and lists,
/// with every value from a record escaped (``Markdown/escape(_:)``) and ids in code spans.
public struct MarkdownFormat: ReportFormat {
    public init() {}

    /// The notes as block quotes.
    func noteLines(_ notes: [ReportNote]) -> [String] { notes.map { "> " + Markdown.escape($0.text) } }

    // MARK: - Disputes

    public func render(_ report: DisputesReport) -> String {
        var out = ["# \(report.heading)", ""]
        if report.open.isEmpty {
            out += [report.stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.", ""]
        }
        for entry in report.open { out += dispute(entry, kind: entry.recorded ? "Recorded" : "Apparent") }
        if !report.stale.isEmpty {
            out += ["## Stale disputes", "", DisputesReport.staleExplanation.description, ""]
            for entry in report.stale { out += dispute(entry, kind: "Stale") }
        }
        if !report.overdue.isEmpty {
            out += ["## Overdue commitments", ""]
            for o in report.overdue { out.append("- " + Markdown.escape(Describe.overdue(o.deadline, title: o.title))) }
            out.append("")
        }
        if !report.closed.isEmpty {
            out += ["## Closed disputes", ""]
            for c in report.closed {
                out.append("- `\(c.id)`: \(c.status) on \(c.on) (issue `\(c.issue)`): \(Markdown.escape(c.title))")
            }
            out.append("")
        }
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    /// One dispute: a heading, its issues and status, and a table of each side's positions and
    /// the claims about it.
    private func dispute(_ entry: DisputesReport.Entry, kind: String) -> [String] {
        var out = ["## \(kind): \(Markdown.escape(entry.title))" + (entry.id.map { " (`\($0)`)" } ?? ""), ""]
        let issues = entry.issues.map { "`\($0)`" }.joined(separator: ", ")
        out.append(
            "\(Plural("Issue").form(entry.issues.count)) \(issues), status **\(entry.status)**, "
                + (DisputesReport.since(entry) ?? "date unknown") + ".")
        out.append("")
        var rows: [[String]] = []
        for side in entry.sides {
            if side.positions.isEmpty && side.claims.isEmpty {
                rows.append([side.party, "", "(no position recorded)", "", "", ""])
            }
            for held in side.positions {
                let conditions = held.conditions.map { "; " + Markdown.escape(Describe.condition($0)) }.joined()
                rows.append([
                    side.party, held.position.issue, Markdown.escape(Describe.labels(held.position)),
                    held.movedOn.map {
                        Markdown.escape(Describe.said($0) + (Describe.move(held.move, from: held.movedFrom) ?? ""))
                    } ?? "",
                    held.ageDays.map { "\($0) days" + (held.stale ? ", **stale**" : "") } ?? "",
                    held.position.statements.map(Self.backing).joined(separator: "; ") + conditions,
                ])
            }
            for claim in side.claims {
                rows.append([
                    side.party, claim.statement.issue,
                    "\(claim.statement.stance) (according to \(claim.statement.party))", "", "", Self.backing(claim),
                ])
            }
        }
        out.append(Markdown.table(["side", "issue", "stance", "last moved", "age", "backed by"], rows))
        out.append("")
        return out
    }

    /// Who said it, when and where, and the quote: escaped.
    static func backing(_ dated: DatedStatement) -> String {
        Markdown.escape(Describe.backing(dated)) + (Describe.quote(dated).map { " " + Markdown.escape($0) } ?? "")
    }

    // MARK: - Positions

    public func render(_ report: PositionsReport) -> String {
        var out = ["# \(report.heading)", ""]
        guard !report.rows.isEmpty else { return (out + ["No positions recorded.", ""]).joined(separator: "\n") }
        out += [report.summary, ""]
        let table = report.rows.map { row -> [String] in
            [row.issue + (row.diverges ? " ≠" : "")]
                + report.parties.map { party in
                    row.held.first { $0.position.party == party }.map {
                        Markdown.escape(Describe.labels($0.position))
                            + " (\(Markdown.escape(PositionsReport.adopted($0)))\($0.stale ? ", stale" : ""))"
                            + $0.conditions.map { "; " + Markdown.escape(Describe.condition($0)) }.joined()
                    } ?? "·"
                }
        }
        out.append(Markdown.table(["issue"] + report.parties, table))
        out += [
            "",
            PositionsReport.datesAre
                + " ≠ marks issues where parties are on different sides (labels that differ and are not recorded as "
                + "compatible, stale positions aside); · means no position recorded.", "",
        ]
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Agreements

    public func render(_ report: AgreementsReport) -> String {
        var out = ["# \(report.heading)", ""]
        if report.entries.isEmpty { out += ["No agreements recorded.", ""] }
        for e in report.entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: report.asOf)
            out += ["## \(Markdown.escape(a.title)) (`\(a.id)`)", ""]
            out.append(
                "- Status: **\(AgreementsReport.status(e))** since "
                    + Markdown.escape(Describe.date(e.since, sourceDated: e.sinceIsSourceDate))
                    + (e.isContested ? ", **contested**" : ""))
            if let package = AgreementsReport.package(e) { out.append("- Package: " + Markdown.escape(package)) }
            for deadline in e.deadlines {
                let text = Markdown.escape(AgreementsReport.deadline(deadline))
                out.append("- Deadline: " + (deadline.state == .overdue ? "**\(text)**" : text))
            }
            out.append(
                "- \(Plural("Issue").form(a.issues.count)): " + a.issues.map { "`\($0)`" }.joined(separator: ", "))
            out.append("- Parties: \(parties.joined(separator: ", "))")
            if !mediators.isEmpty { out.append("- Mediators: \(mediators.joined(separator: ", "))") }
            if let terms = a.terms { out.append("- Terms: \(Markdown.escape(terms))") }
            if !e.accounts.isEmpty {
                out.append("- " + (e.isContested ? "**Accounts differ:**" : "Account of one side:"))
                for account in e.accounts {
                    out.append("  - \(account.party): \(Markdown.escape(AgreementsReport.account(account.step)))")
                }
            }
            out.append("")
            out.append(
                Markdown.table(
                    ["date", "status", "source", "note"],
                    e.history.map {
                        [
                            Markdown.escape(Describe.on($0)), Markdown.escape(Describe.step($0)), $0.source,
                            Markdown.escape($0.note ?? ""),
                        ]
                    }))
            out.append("")
        }
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Contradictions

    public func render(_ report: ContradictionsReport) -> String {
        var out = ["# \(report.heading)", ""]
        if report.contradictions.isEmpty { out += ["No contradictions found.", ""] }
        for kind in Contradiction.Kind.allCases {
            let entries = report.contradictions.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            out += ["## \(ContradictionsReport.title(kind))", ""]
            for c in entries {
                out.append("- **\(Markdown.escape(ContradictionsReport.subject(c)))**")
                for side in [c.first, c.second] {
                    out.append("  - \(Markdown.escape(ContradictionsReport.evidence(side, in: c)))")
                }
            }
            out.append("")
        }
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - History

    public func render(_ report: HistoryReport) -> String {
        var out = ["# \(report.heading)", ""]
        if report.events.isEmpty { return (out + ["Nothing recorded on this issue yet.", ""]).joined(separator: "\n") }
        let rows = report.events.map { event -> [String] in
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                let described = Markdown.escape(report.change(change, dated))
                let what = report.isMove(dated) || change == .retracted ? "**\(described)**" : described
                return [
                    Markdown.escape(HistoryReport.date(event)),
                    "#\(dated.sequence) " + Markdown.escape(HistoryReport.who(s)),
                    s.issue, "\(s.kind.rawValue): \(what)",
                    Markdown.escape(s.summary + (Describe.quote(dated).map { " " + $0 } ?? "")), s.source,
                ]
            case .agreementStep(let a, let step):
                return Self.stepRow(step, "agreement", a.id, parties: a.parties, issue: a.issue, title: a.title)
            case .disputeStep(let d, let step):
                return Self.stepRow(step, "dispute", d.id, parties: d.parties, issue: d.issue, title: d.title)
            }
        }
        out.append(Markdown.table(["date", "who", "issue", "event", "details", "source"], rows))
        out.append("")
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    /// An agreement's or a dispute's step as a row of the history table.
    static func stepRow<Status>(
        _ step: Step<Status>, _ kind: String, _ id: String, parties: [String], issue: String, title: String
    ) -> [String] {
        [
            Markdown.escape(Describe.on(step)), parties.joined(separator: ", "), issue,
            "\(kind) `\(id)`: \(Markdown.escape(Describe.step(step)))", Markdown.escape(step.note ?? title),
            step.source,
        ]
    }

    // MARK: - Diff

    public func render(_ report: DiffReport) -> String {
        let diff = report.diff
        var out = ["# \(report.heading)", ""]
        if diff.isEmpty { out += ["Nothing changed between \(diff.from) and \(diff.to).", ""] }
        if let summary = report.summary { out += [summary, ""] }
        if !diff.positions.isEmpty {
            out += ["## Positions", ""]
            out.append(
                Markdown.table(
                    ["party", "issue", "change", "was", "now"],
                    diff.positions.map { c in
                        [
                            c.party, c.issue, Markdown.escape(report.positionLine(c)),
                            c.before.map { Markdown.escape(Describe.backing($0.backing)) } ?? "",
                            Markdown.escape(Describe.backing(c.after.backing))
                                + (c.deniedClaim.map { "; denies " + Markdown.escape(Describe.claim($0)) } ?? ""),
                        ]
                    }))
            out.append("")
        }
        if !diff.becameOverdue.isEmpty {
            out += ["## Commitments that became overdue", ""]
            for deadline in diff.becameOverdue { out.append("- " + Markdown.escape(Describe.overdue(deadline))) }
            out.append("")
        }
        if !diff.agreements.isEmpty {
            out += ["## Agreements", ""]
            for c in diff.agreements {
                out.append(
                    "- `\(c.agreement.id)` (\(Markdown.escape(c.agreement.title))): "
                        + Markdown.escape(DiffReport.agreementLine(c)))
            }
            out.append("")
        }
        if !diff.disputes.isEmpty {
            out += ["## Recorded disputes", ""]
            for c in diff.disputes {
                out.append("- `\(c.dispute.id)` (issue `\(c.dispute.issue)`): \(DiffReport.disputeLine(c))")
            }
            out.append("")
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            out += ["## Apparent disputes", ""]
            for a in diff.apparentAppeared { out.append("- appeared on `\(a.issue)`: " + DiffReport.sides(a)) }
            for a in diff.apparentGone { out.append("- " + Markdown.escape(DiffReport.gone(a, diff))) }
            out.append("")
        }
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Source diff

    public func render(_ report: SourceDiffReport) -> String {
        let diff = report.diff
        var out = ["# \(report.heading)", ""]
        if diff.entries.isEmpty {
            return (out + ["Neither source reports any statement.", ""]).joined(separator: "\n")
        }
        func said(_ dated: DatedStatement?) -> String {
            dated.map { "\($0.statement.stance): \(Markdown.escape($0.statement.summary))" } ?? ""
        }
        out.append(
            Markdown.table(
                ["party", "issue", "comparison", diff.firstSource, diff.secondSource],
                diff.entries.map { e in
                    [
                        SourceDiffReport.who(e), e.issue, SourceDiffReport.label(e.kind, diff), said(e.first),
                        said(e.second),
                    ]
                }))
        out.append("")
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Statements

    public func render(_ report: StatementsReport) -> String {
        guard !report.statements.isEmpty else { return "# Statements\n\nNo statements match.\n" }
        let rows = report.statements.map { dated -> [String] in
            let s = dated.statement
            let retracted = s.retraction.map { "**RETRACTED** (\(Markdown.escape(Describe.retraction($0)))) " } ?? ""
            return [
                "#\(dated.sequence)", Markdown.escape(StatementsReport.date(dated)),
                s.party + (s.about.map { " about \($0)" } ?? ""),
                Markdown.escape(Describe.speaker(s) ?? ""), s.issue, s.kind.rawValue, s.stance,
                retracted + Markdown.escape(s.summary + (s.quote.map { " “\($0)”" } ?? "")), s.source,
            ]
        }
        let legend =
            ReportNote.sourceDated(statements: report.statements).map { "\n" + noteLines([$0]).joined() + "\n" } ?? ""
        return "# Statements\n\n"
            + Markdown.table(["no.", "said", "party", "actor", "issue", "kind", "stance", "summary", "source"], rows)
            + "\n" + legend
    }

    // MARK: - Search

    public func render(_ report: SearchReport) -> String {
        var out = ["# \(Markdown.escape(report.heading))", ""]
        if report.hits.isEmpty { out += ["Nothing found.", ""] }
        for (index, hit) in report.hits.enumerated() {
            out.append("\(index + 1). \(Markdown.escape(SearchReport.title(hit)))")
            for match in hit.matches {
                // Escaped first, then the marks become bold: a matched word is never unescaped.
                let text = Markdown.escape(SearchReport.highlighted(match, "\u{E000}", "\u{E001}"))
                out.append(
                    "   - \(match.field): "
                        + text.replacingOccurrences(of: "\u{E000}", with: "**").replacingOccurrences(
                            of: "\u{E001}", with: "**"))
            }
        }
        out.append("")
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Change log

    public func render(_ report: LogReport) -> String {
        var out = ["# \(report.heading)", ""]
        if report.entries.isEmpty { return (out + ["No changes recorded.", ""]).joined(separator: "\n") }
        out.append(
            Markdown.table(
                ["when", "who", "what", "reason", "changes"],
                report.entries.map { entry in
                    [
                        entry.at, Markdown.escape(entry.by), LogReport.what(entry), Markdown.escape(entry.reason ?? ""),
                        entry.changes.map { Markdown.escape(LogReport.change($0)) }.joined(separator: "<br>"),
                    ]
                }))
        out.append("")
        return out.joined(separator: "\n")
    }

    // MARK: - Quotations

    public func render(_ report: QuoteCheckReport) -> String {
        var out = ["# Quotations checked against their sources", "", Markdown.escape(report.summary), ""]
        if !report.misquotes.isEmpty {
            out.append(
                Markdown.table(
                    ["no.", "who", "source", "recorded", "the text has"],
                    report.misquotes.map { m in
                        [
                            "#\(m.number)", Markdown.escape(QuoteCheckReport.who(m)), Markdown.escape(m.source),
                            Markdown.escape(m.quote), Markdown.escape(m.matches),
                        ]
                    }))
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: - Listings

    public func render<Record: Listable>(_ report: RecordList<Record>) -> String {
        "# \(report.title)\n\n"
            + (report.records.isEmpty
                ? report.emptyMessage
                : Markdown.table(Record.columns.map(\.heading), report.records.map { $0.cells.map(Markdown.escape) }))
            + "\n"
    }
}
