import ParleyModel

/// How text output is laid out: the line width and whether ANSI colour may be used.
public struct TextStyle: Sendable, Hashable {
    public var width: Int
    public var color: Bool
    /// Whether tables are fitted to the width; a table written to a pipe is not wrapped at all,
    /// so that each row stays one line for `grep` and `cut`.
    public var wrapsTables: Bool

    public init(width: Int = 100, color: Bool = false, wrapsTables: Bool = true) {
        self.width = max(40, width)
        self.color = color
        self.wrapsTables = wrapsTables
    }

    // Colour is applied line by line, after wrapping, so escape codes never count toward the width.
    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }
    func red(_ text: String) -> String { paint(text, "31") }
    func yellow(_ text: String) -> String { paint(text, "33") }

    private func paint(_ text: String, _ code: String) -> String {
        guard color else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "\u{1B}[\(code)m\($0)\u{1B}[0m" }
            .joined(separator: "\n")
    }
}

/// Reports as terminal text: wrapped to the style's width with hanging indents, aligned tables,
/// colour only when the style allows it, and user text with control characters shown escaped.
public struct TextFormat: ReportFormat {
    public var style: TextStyle
    /// How the front end words a report's hints.
    public var hints: HintWording

    public init(style: TextStyle = TextStyle(), hints: HintWording = .plain) {
        self.style = style
        self.hints = hints
    }

    func hanging(_ lead: String, _ text: String, deeper: Int = 0) -> String {
        TextLayout.hanging(lead, text, width: style.width, deeper: deeper)
    }

    /// The notes as dim `Note:` lines.
    func noteLines(_ notes: [ReportNote]) -> [String] { notes.map { style.dim(hanging("Note: ", $0.text)) } }

    /// The lines, joined, without the trailing blank ones.
    func joined(_ lines: [String]) -> String { lines.joined(separator: "\n").trimmingTrailingNewlines() }

    // MARK: - Disputes

    public func render(_ report: DisputesReport) -> String {
        var text = ""
        var lines = TextLines { text += $0 }
        write(report, to: &lines)
        return text
    }

    /// The disputes' text, an entry at a time (see ``TextStreaming``).
    public func write(_ report: DisputesReport, to out: inout TextLines) {
        out.append(contentsOf: [style.bold(report.heading), ""])
        let stale = report.stale
        if !report.anyOpen {
            out.append(stale.isEmpty ? "No open disputes." : "No open disputes with recent evidence.")
        }
        for entry in report.recorded where !entry.stale {
            out.append(contentsOf: disputeLines(entry, label: entry.recorded ? "RECORDED" : "APPARENT"))
        }
        for entry in report.apparent {
            out.append(contentsOf: disputeLines(entry, label: entry.recorded ? "RECORDED" : "APPARENT"))
        }
        if !stale.isEmpty {
            out.append(style.bold("Stale disputes"))
            out.append(hanging("", DisputesReport.staleExplanation.description))
            out.append("")
            for entry in stale { out.append(contentsOf: disputeLines(entry, label: "STALE")) }
        }
        if !report.overdue.isEmpty {
            out.append(style.bold("Overdue commitments"))
            for o in report.overdue {
                out.append(style.red(hanging("  ", Describe.overdue(o.deadline, title: o.title))))
            }
            out.append("")
        }
        if !report.closed.isEmpty {
            out.append(style.bold("Closed disputes"))
            for c in report.closed {
                out.append(hanging("  ", "\(c.id): \(c.status) on \(c.on) (issue \(c.issue)) - \(c.title)"))
            }
            out.append("")
        }
        out.append(contentsOf: noteLines(report.notes))
    }

    /// One dispute: its label and title, its issues and status, then each side's positions with
    /// their backing, and the claims others make about the side.
    private func disputeLines(_ entry: DisputesReport.Entry, label: String) -> [String] {
        var out: [String] = []
        let heading = hanging("\(label) ", (entry.id.map { "\($0): " } ?? "") + entry.title)
        out.append((entry.recorded ? style.red(label) : style.yellow(label)) + heading.dropFirst(label.count))
        let issues = entry.issues.count > 1 ? "issues " + entry.issues.joined(separator: ", ") : "issue \(entry.issue)"
        out.append(style.dim(hanging("  ", ([issues] + DisputesReport.statusAndSince(entry)).joined(separator: " · "))))
        for side in entry.sides {
            out.append("  " + style.bold(side.party))
            if side.positions.isEmpty { out.append("    (no position recorded)") }
            for held in side.positions {
                let line = hanging("    ", DisputesReport.held(held, entry))
                out.append(held.stale ? style.dim(line) : style.yellow(line))
                for statement in held.position.statements {
                    out.append(hanging("      ", Describe.backing(statement)))
                    if let quote = Describe.quote(statement) { out.append(hanging("      ", quote)) }
                }
                for condition in held.conditions { out.append(hanging("      ", Describe.condition(condition))) }
            }
            for claim in side.claims {
                out.append(hanging("    ", DisputesReport.on(claim.statement.issue, entry) + Describe.claim(claim)))
            }
        }
        out.append("")
        return out
    }

    // MARK: - Positions

    public func render(_ report: PositionsReport) -> String {
        var text = ""
        var lines = TextLines { text += $0 }
        write(report, to: &lines)
        return text
    }

    /// The positions' text, a row at a time (see ``TextStreaming``).
    public func write(_ report: PositionsReport, to out: inout TextLines) {
        guard !report.rows.isEmpty else {
            out.append(
                style.bold(report.heading) + "\n\nNo positions recorded"
                    + (report.asOf.map { " on or before \($0)" } ?? "") + ".")
            return
        }
        out.append(contentsOf: [
            style.bold(report.heading), hanging("", report.summary + " " + PositionsReport.datesAre), "",
        ])
        let partyWidth = report.parties.map(\.count).max() ?? 0
        let stanceWidth = report.labelsWidth
        let dateWidth = report.adoptedOnWidth
        let header = "  " + "party".padded(to: partyWidth) + "  " + "stance".padded(to: stanceWidth) + "  adopted"
        if header.count <= style.width { out.append(contentsOf: [style.dim(header), ""]) }
        for row in report.rows {
            let mark = row.diverges ? "  " + style.red("≠ parties diverge") : ""
            out.append(style.bold(row.issue) + mark)
            out.append(style.dim(hanging("  ", row.title)))
            for held in row.held {
                let p = held.position
                let lead = "  " + p.party.padded(to: partyWidth) + "  "
                let rest =
                    held.stale
                    ? PositionsReport.adoptedOn(held).padded(to: dateWidth) + "  stale (\(held.ageDays ?? 0) days)"
                    : PositionsReport.adoptedOn(held)
                let labels = Describe.labels(p)
                var line = lead + labels.padded(to: stanceWidth) + "  " + rest
                if line.count > style.width { line = hanging(lead, labels + "  " + rest) }
                line = line.trimmingTrailingSpaces()
                out.append(held.stale ? style.dim(line) : row.diverges ? style.yellow(line) : line)
                let indent = String(repeating: " ", count: lead.count + 2)
                if let how = PositionsReport.how(held) { out.append(style.dim(hanging(indent, how))) }
                for condition in held.conditions {
                    out.append(style.dim(hanging(indent, Describe.condition(condition))))
                }
            }
            out.append("")
        }
        out.append(contentsOf: noteLines(report.notes))
    }

    // MARK: - Agreements

    public func render(_ report: AgreementsReport) -> String {
        var out = [style.bold(report.heading), ""]
        if report.entries.isEmpty { out.append("No agreements recorded.") }
        for e in report.entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: report.asOf)
            out.append(style.bold(hanging("", "\(a.id): \(a.title)")))
            out.append(
                style.yellow(
                    hanging(
                        "  ",
                        (["status \(AgreementsReport.statusSince(e))", AgreementsReport.issues(a)]
                            + (e.isContested ? ["contested"] : [])).joined(separator: " · "))))
            if let package = AgreementsReport.package(e) {
                out.append((e.package?.isHeld ?? false ? style.red : { $0 })(hanging("  ", package)))
            }
            for deadline in e.deadlines {
                let line = hanging("  ", AgreementsReport.deadline(deadline))
                out.append(deadline.state == .overdue ? style.red(line) : line)
            }
            out.append(
                hanging(
                    "  ",
                    "parties: \(parties.joined(separator: ", "))"
                        + (mediators.isEmpty ? "" : " · mediators: \(mediators.joined(separator: ", "))")))
            if let terms = a.terms { out.append(hanging("  terms: ", terms)) }
            if !e.accounts.isEmpty {
                out.append(style.red("  " + (e.isContested ? "Accounts differ:" : "Account of one side:")))
                for account in e.accounts {
                    out.append(hanging("    \(account.party): ", AgreementsReport.account(account.step)))
                }
            }
            for step in e.history {
                let note = step.note.map { " - \($0)" } ?? ""
                let date = step.on.description + (step.onIsSourceDate ? ReportNote.sourceDateMark : "")
                out.append(
                    hanging("    \(date.padded(to: 11)) ", "\(Describe.step(step)) (source \(step.source))\(note)"))
            }
            out.append("")
        }
        out += noteLines(report.notes)
        return joined(out)
    }

    // MARK: - Contradictions

    public func render(_ report: ContradictionsReport) -> String {
        var text = ""
        var lines = TextLines { text += $0 }
        write(report, to: &lines)
        return text
    }

    /// The contradictions' text, an entry at a time (see ``TextStreaming``).
    public func write(_ report: ContradictionsReport, to out: inout TextLines) {
        out.append(contentsOf: [style.bold(report.heading), ""])
        if report.contradictions.isEmpty { out.append(contentsOf: ["No contradictions found.", ""]) }
        for c in report.contradictions {
            let label = ContradictionsReport.title(c.kind).uppercased()
            out.append(style.red(label) + hanging(label + "  ", ContradictionsReport.subject(c)).dropFirst(label.count))
            for side in [c.first, c.second] { out.append(hanging("  ", ContradictionsReport.evidence(side, in: c))) }
            out.append("")
        }
        out.append(contentsOf: noteLines(report.notes))
    }

    // MARK: - History

    public func render(_ report: HistoryReport) -> String {
        var out = [style.bold(report.heading), ""]
        if report.events.isEmpty { out.append("Nothing recorded on this issue yet.") }
        // Dates, some marked *, then a space.
        let width = max(11, (report.events.map { HistoryReport.date($0).count }.max() ?? 0) + 1)
        let indent = String(repeating: " ", count: width)
        for event in report.events {
            let date = HistoryReport.date(event).padded(to: width)
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                let header = hanging(
                    date,
                    "#\(dated.sequence) " + HistoryReport.who(s) + " on \(s.issue): \(s.kind.rawValue), "
                        + report.change(change, dated))
                switch change {
                case .retracted, .claim: out.append(style.dim(header))
                default: out.append(report.isMove(dated) ? style.red(header) : header)
                }
                out.append(hanging(indent, s.summary + (Describe.quote(dated).map { " " + $0 } ?? "")))
                out.append(style.dim(hanging(indent, "source \(s.source) (\(dated.sourceDate))")))
            case .agreementStep(let a, let step):
                out.append(hanging(date, "agreement \(a.id): " + Self.step(step)))
            case .disputeStep(let d, let step):
                out.append(hanging(date, "dispute \(d.id): " + Self.step(step)))
            }
        }
        if !report.notes.isEmpty { out.append("") }
        out += noteLines(report.notes)
        return joined(out)
    }

    /// "signed; joined: x (source s) - note".
    static func step<Status>(_ step: Step<Status>) -> String {
        "\(Describe.step(step)) (source \(step.source))" + (step.note.map { " - \($0)" } ?? "")
    }

    // MARK: - Diff

    public func render(_ report: DiffReport) -> String {
        var text = ""
        var lines = TextLines { text += $0 }
        write(report, to: &lines)
        return text
    }

    /// The diff's text, a line at a time as each change is read (see ``TextStreaming``).
    public func write(_ report: DiffReport, to out: inout TextLines) {
        let diff = report.diff
        out.append(contentsOf: [style.bold(report.heading), ""])
        if diff.isEmpty { out.append("Nothing changed between \(diff.from) and \(diff.to).") }
        if let summary = report.summary { out.append(contentsOf: [hanging("", summary), ""]) }
        if !diff.positions.isEmpty {
            out.append(style.bold("Positions"))
            for change in diff.positions {
                // Continued lines sit deeper than the next position's and above its was: and now:.
                let line = hanging(
                    "  ", "\(change.party) on \(change.issue): " + report.positionLine(change), deeper: 2)
                out.append(change.move?.isMove ?? false ? style.red(line) : line)
                if let before = change.before, change.kind == .changed {
                    for statement in before.statements {
                        out.append(hanging("      was: ", Describe.backing(statement)))
                    }
                }
                for statement in change.after.statements {
                    out.append(hanging("      now: ", Describe.backing(statement)))
                }
                if let claim = change.deniedClaim { out.append(hanging("      denies: ", Describe.claim(claim))) }
            }
            out.append("")
        }
        if !diff.becameOverdue.isEmpty {
            out.append(style.bold("Commitments that became overdue"))
            for deadline in diff.becameOverdue { out.append(style.red(hanging("  ", Describe.overdue(deadline)))) }
            out.append("")
        }
        if !diff.agreements.isEmpty {
            out.append(style.bold("Agreements"))
            for change in diff.agreements {
                out.append(hanging("  ", "\(change.agreement.id): \(DiffReport.agreementLine(change))"))
            }
            out.append("")
        }
        if !diff.disputes.isEmpty {
            out.append(style.bold("Recorded disputes"))
            for change in diff.disputes {
                out.append(
                    hanging("  ", "\(change.dispute.id) (\(change.dispute.issue)): \(DiffReport.disputeLine(change))"))
            }
            out.append("")
        }
        if !diff.apparentAppeared.isEmpty || !diff.apparentGone.isEmpty {
            out.append(style.bold("Apparent disputes"))
            for a in diff.apparentAppeared {
                out.append(hanging("  ", "appeared on \(a.issue): " + DiffReport.sides(a)))
            }
            for a in diff.apparentGone { out.append(hanging("  ", DiffReport.gone(a, diff))) }
            out.append("")
        }
        out.append(contentsOf: noteLines(report.notes))
    }

    // MARK: - Source diff

    public func render(_ report: SourceDiffReport) -> String {
        let diff = report.diff
        var out = [style.bold(report.heading), ""]
        if diff.entries.isEmpty { out.append("Neither source reports any statement.") }
        if diff.isEmpty && !diff.entries.isEmpty {
            out += ["The two sources agree on every party and issue they report.", ""]
        }
        for e in diff.entries {
            let line = hanging("", SourceDiffReport.who(e) + " on \(e.issue): " + SourceDiffReport.label(e.kind, diff))
            out.append(e.kind == .different ? style.red(line) : line)
            for (source, dated) in [(diff.firstSource, e.first), (diff.secondSource, e.second)] {
                guard let dated else { continue }
                out.append(hanging("    \(source): ", "\(dated.statement.stance) - \(dated.statement.summary)"))
            }
        }
        if !report.notes.isEmpty { out.append("") }
        out += noteLines(report.notes)
        return joined(out)
    }

    // MARK: - Statements

    public func render(_ report: StatementsReport) -> String {
        guard !report.statements.isEmpty else { return "No statements match." }
        let legend = ReportNote.sourceDated(statements: report.statements).map { [$0] } ?? []
        return report.statements.map { dated in
            let s = dated.statement
            var lines = [
                style.bold(
                    hanging(
                        "",
                        "#\(dated.sequence)  \(StatementsReport.date(dated))  \(HistoryReport.who(s))  on \(s.issue)"))
            ]
            lines.append(style.yellow(hanging("  ", "\(s.kind.rawValue): \(s.stance)")))
            if let retraction = s.retraction {
                lines.append(style.red(hanging("  ", "RETRACTED " + Describe.retraction(retraction))))
            }
            lines.append(hanging("  ", s.summary))
            if let quote = s.quote { lines.append(hanging("  “", quote + "”")) }
            lines.append(style.dim(hanging("  ", "source: \(s.source) (\(dated.sourceDate))")))
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n") + (legend.isEmpty ? "" : "\n\n" + noteLines(legend).joined(separator: "\n"))
    }

    // MARK: - Search

    public func render(_ report: SearchReport) -> String {
        var out = [style.bold(report.heading), ""]
        if report.hits.isEmpty { out.append("Nothing found.") }
        // Matched words: bold yellow on a colour terminal, [in brackets] otherwise. The marks
        // are put in after wrapping, so they never count toward the width.
        let (open, close) = style.color ? ("\u{1B}[1;33m", "\u{1B}[0m") : ("[", "]")
        for (index, hit) in report.hits.enumerated() {
            let number = "\(index + 1). "
            out.append(style.bold(hanging(number, SearchReport.title(hit))))
            let indent = String(repeating: " ", count: number.count)
            for match in hit.matches {
                // Private-use characters hold the places of the marks through wrapping (which shows
                // control characters escaped), then become the marks.
                let (start, end) = ("\u{E000}", "\u{E001}")
                let wrapped = hanging(indent + match.field + ": ", SearchReport.highlighted(match, start, end))
                out.append(
                    wrapped.replacingOccurrences(of: start, with: open).replacingOccurrences(of: end, with: close))
            }
        }
        if !report.notes.isEmpty { out.append("") }
        out += noteLines(report.notes)
        return out.joined(separator: "\n")
    }

    // MARK: - Change log

    public func render(_ report: LogReport) -> String {
        var out = [style.bold(report.heading), ""]
        if report.entries.isEmpty {
            out.append("No changes recorded" + (report.since.map { " since \($0)" } ?? "") + ".")
        }
        for entry in report.entries {
            out.append(style.bold(hanging("", "\(entry.at)  \(entry.by)  \(LogReport.what(entry))")))
            if let reason = entry.reason { out.append(hanging("  reason: ", reason)) }
            // A long value wraps under itself, not under its field's name.
            for change in entry.changes {
                let lead = "    \(change.field)"
                out.append(LogReport.value(change).map { hanging(lead + ": ", $0) } ?? lead)
            }
        }
        return joined(out)
    }

    // MARK: - Quotations

    public func render(_ report: QuoteCheckReport) -> String {
        var out = [style.bold("Quotations checked against their sources"), "", hanging("", report.summary)]
        for m in report.misquotes {
            out.append("")
            out.append(
                style.bold(
                    "#\(m.number) \(Terminal.visible(QuoteCheckReport.who(m))), source \(Terminal.visible(m.source))"))
            out.append(hanging("  recorded: ", "“\(Terminal.visible(m.quote))”"))
            out.append(
                hanging(
                    "  the text has: ",
                    m.matches.isEmpty ? "not even its first word" : "“\(Terminal.visible(m.matches))” and then differs")
            )
        }
        for hint in report.hints { out += ["", hints(hint)] }
        return out.joined(separator: "\n")
    }

    // MARK: - Listings

    public func render<Record: Listable>(_ report: RecordList<Record>) -> String {
        report.records.isEmpty
            ? report.emptyMessage
            : TextLayout.table(
                Record.columns, report.records.map(\.cells), width: style.wrapsTables ? style.width : nil, style: style)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
