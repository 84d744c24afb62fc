import ParleyModel

/// A table for CSV: a header row and the records.
public struct CSVTable: Hashable, Sendable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The CSV text (RFC 4180): the header line, then one line per row.
    public var text: String {
        var out = CSVText.record(header)
        for row in rows { out += CSVText.record(row) }
        return out
    }
}

/// The reports that are tables, as one CSV table each, for spreadsheets: one row per record,
/// every value in a cell of its own; nil for the reports that are not tables.
public struct CSVFormat: ReportFormat {
    public init() {}

    /// One row per party and issue; a position of several labels lists them in `labels`.
    public func render(_ report: PositionsReport) -> CSVTable? {
        CSVTable(
            header: [
                "issue", "party", "stance", "adopted", "said", "age_days", "stale", "diverges", "statement", "source",
                "labels", "move", "moved_from", "conditions",
            ],
            rows: report.rows.flatMap { row in
                row.held.map { held in
                    [
                        row.issue, held.position.party, held.position.stance,
                        held.movedOn?.effectiveDate.description ?? "", held.position.backing.effectiveDate.description,
                        held.ageDays.map(String.init) ?? "", held.stale ? "true" : "false",
                        row.diverges ? "true" : "false",
                        String(held.position.backing.sequence), held.position.backing.statement.source,
                        CSVText.list(held.position.labels), held.move?.rawValue ?? "", held.movedFrom ?? "",
                        held.conditions.map { "\($0.condition.text) (\($0.words))" }.joined(separator: "; "),
                    ]
                }
            })
    }

    /// One row per change: positions, agreements, disputes and apparent disputes.
    public func render(_ report: DiffReport) -> CSVTable? {
        let diff = report.diff
        var rows: [[String]] = []
        for (c, moved) in zip(diff.positions, report.movedAfter) {
            rows.append([
                "position", DiffReport.change(c), "", c.party, c.issue, c.before?.stance ?? "", c.after.stance,
                c.before.map { String($0.backing.sequence) } ?? "", String(c.after.backing.sequence),
                moved?.on.description ?? "",
            ])
        }
        for c in diff.agreements {
            rows.append([
                "agreement", c.kind.rawValue, c.agreement.id, "", c.agreement.issue, c.before?.status.rawValue ?? "",
                c.after.status.rawValue, "", "", c.after.on.description,
            ])
        }
        for c in diff.disputes {
            rows.append([
                "dispute", c.kind.rawValue, c.dispute.id, "", c.dispute.issue, c.before?.status.rawValue ?? "",
                c.after.status.rawValue, "", "", c.after.on.description,
            ])
        }
        for d in diff.becameOverdue {
            rows.append([
                "deadline", "became-overdue", d.agreement, "", "", d.term ?? "", d.state.rawValue, "", "",
                d.due.description,
            ])
        }
        for a in diff.apparentAppeared {
            rows.append(["apparent-dispute", "appeared", "", "", a.issue, "", "", "", "", ""])
        }
        for a in diff.apparentGone {
            let change = diff.apparentWentStale.contains(a.issue) ? "went-stale" : "went-away"
            rows.append(["apparent-dispute", change, "", "", a.issue, "", "", "", "", ""])
        }
        return CSVTable(
            header: [
                "what", "change", "id", "party", "issue", "before", "after", "before_statement", "after_statement",
                "date",
            ], rows: rows)
    }

    /// The statements in the format `parley import` reads back.
    public func render(_ report: StatementsReport) -> CSVTable? {
        CSVTable(
            header: StatementCSV.columns,
            rows: report.statements.map { StatementCSV.row($0.statement, date: $0.effectiveDate) })
    }

    /// One row per matching field of each hit.
    public func render(_ report: SearchReport) -> CSVTable? {
        CSVTable(
            header: ["rank", "kind", "id", "date", "party", "issue", "source", "field", "text", "words"],
            rows: report.hits.enumerated().flatMap { index, hit -> [[String]] in
                var date = ""
                var party = ""
                var issue = ""
                var source = ""
                switch hit.record {
                case .statement(let dated):
                    date = dated.effectiveDate.description
                    party = dated.statement.party
                    issue = dated.statement.issue
                    source = dated.statement.source
                case .source(let found):
                    date = found.published.description
                    source = found.id
                case .actor(let actor): party = actor.party
                case .party(let found): party = found.id
                case .issue(let found): issue = found.id
                }
                return hit.matches.map { match in
                    [
                        // The text as stored, without highlighting: the matched words have a cell of their own.
                        String(index + 1), hit.kind, SearchReport.reference(hit), date, party, issue, source,
                        match.field, match.plain, CSVText.list(match.words),
                    ]
                }
            })
    }

    /// Every field of every record, lists in one cell.
    public func render<Record: Listable>(_ report: RecordList<Record>) -> CSVTable? {
        CSVTable(header: Record.csvColumns, rows: report.records.map(\.csvCells))
    }

    public func render(_ report: DisputesReport) -> CSVTable? { nil }
    public func render(_ report: AgreementsReport) -> CSVTable? { nil }
    public func render(_ report: ContradictionsReport) -> CSVTable? { nil }
    public func render(_ report: HistoryReport) -> CSVTable? { nil }
    public func render(_ report: SourceDiffReport) -> CSVTable? { nil }
    public func render(_ report: LogReport) -> CSVTable? { nil }
    public func render(_ report: QuoteCheckReport) -> CSVTable? { nil }
}
