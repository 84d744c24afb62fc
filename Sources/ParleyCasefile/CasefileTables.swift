import ParleyModel

/// A casefile as a set of CSV tables, one per kind of record, for spreadsheets: what `parley
/// export --format csv --output DIR` writes and `parley import DIR` reads back. Every field of
/// the casefile has a column, so export → import → export is exact. A list is one cell (see
/// ``CSVText/list(_:)``).
public enum CasefileTables {
    /// A table: its file name in the folder, its header and its rows.
    public struct Table: Hashable, Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[String]]

        public init(name: String, header: [String], rows: [[String]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    /// A table as read from a file: the header and each record with the line it started on.
    public struct ReadTable: Sendable {
        public var header: [String]
        public var records: [(line: Int, fields: [String])]

        public init(header: [String], records: [(line: Int, fields: [String])]) {
            self.header = header
            self.records = records
        }
    }

    static let partyColumns = ["id", "name", "kind", "aliases"]
    static let actorColumns = ["id", "name", "party", "role", "aliases"]
    static let issueColumns = ["id", "title", "description", "aliases", "stale_after"]
    static let sourceColumns = ["id", "title", "publisher", "url", "published", "reliability", "text"]
    static let relationColumns = ["issue", "label", "other_label", "kind"]
    static let orderColumns = ["issue", "harder", "softer"]
    static let trackedColumns = ["id", "title", "issues", "terms", "parties", "mediators", "package"]
    static let stepColumns = [
        "record", "status", "on", "source", "according_to", "note", "add_parties", "remove_parties", "add_mediators",
        "remove_mediators", "retracted_at", "retracted_by", "retract_reason", "term", "due", "recorded",
    ]
    /// The statements table leaves out `date`, which is derived.
    static let statementColumns = StatementCSV.columns.filter { $0 != "date" }

    /// The file names, in the order they are written and read (references first).
    public static let fileNames = [
        "parties.csv", "actors.csv", "issues.csv", "sources.csv", "statements.csv", "label_relations.csv",
        "label_orders.csv", "agreements.csv", "agreement_steps.csv", "disputes.csv", "dispute_steps.csv",
    ]

    /// The casefile as tables; a step without its own date has an empty `on`.
    public static func tables(_ casefile: Casefile) -> [Table] {
        func tracked<Status>(_ records: [Tracked<Status>]) -> (records: [[String]], steps: [[String]]) {
            let rows = records.map { r in
                [
                    r.id, r.title, CSVText.list(r.issues), r.terms ?? "", CSVText.list(r.parties),
                    CSVText.list(r.mediators), r.package ?? "",
                ]
            }
            let steps = records.flatMap { r in
                r.history.map { s in
                    [
                        r.id, s.status.rawValue, s.onIsSourceDate ? "" : s.on.description, s.source,
                        s.accordingTo ?? "",
                        s.note ?? "", CSVText.list(s.addParties), CSVText.list(s.removeParties),
                        CSVText.list(s.addMediators), CSVText.list(s.removeMediators), s.retraction?.at ?? "",
                        s.retraction?.by ?? "", s.retraction?.reason ?? "", s.term ?? "", s.due?.description ?? "",
                        s.recordedAt ?? "",
                    ]
                }
            }
            return (rows, steps)
        }
        let agreements = tracked(casefile.agreements)
        let disputes = tracked(casefile.disputes)
        let statementIndices = StatementCSV.columns.indices.filter { StatementCSV.columns[$0] != "date" }
        return [
            Table(
                name: "parties.csv", header: partyColumns,
                rows: casefile.parties.map { [$0.id, $0.name, $0.kind.rawValue, CSVText.list($0.aliases)] }),
            Table(
                name: "actors.csv", header: actorColumns,
                rows: casefile.actors.map { [$0.id, $0.name, $0.party, $0.role ?? "", CSVText.list($0.aliases)] }),
            Table(
                name: "issues.csv", header: issueColumns,
                rows: casefile.issues.map {
                    [$0.id, $0.title, $0.description ?? "", CSVText.list($0.aliases), $0.staleAfter?.description ?? ""]
                }),
            Table(
                name: "sources.csv", header: sourceColumns,
                rows: casefile.sources.map {
                    [
                        $0.id, $0.title, $0.publisher ?? "", $0.url ?? "", $0.published.description,
                        $0.reliability?.rawValue ?? "", $0.text ?? "",
                    ]
                }),
            Table(
                name: "statements.csv", header: statementColumns,
                rows: casefile.statements.map { statement in
                    let row = StatementCSV.row(statement, date: nil)
                    return statementIndices.map { row[$0] }
                }),
            Table(
                name: "label_relations.csv", header: relationColumns,
                rows: casefile.labelRelations.map { [$0.issue, $0.labels.0, $0.labels.1, $0.kind.rawValue] }),
            Table(
                name: "label_orders.csv", header: orderColumns,
                rows: casefile.labelOrders.map { [$0.issue, $0.harder, $0.softer] }),
            Table(name: "agreements.csv", header: trackedColumns, rows: agreements.records),
            Table(name: "agreement_steps.csv", header: stepColumns, rows: agreements.steps),
            Table(name: "disputes.csv", header: trackedColumns, rows: disputes.records),
            Table(name: "dispute_steps.csv", header: stepColumns, rows: disputes.steps),
        ]
    }

    /// The casefile the tables hold (by file name; any may be missing), checked like a YAML
    /// casefile: every problem, with its file and line, and nothing when there is one.
    public static func casefile(_ tables: [String: ReadTable]) -> Result<CasefileDocument, CasefileError> {
        var reader = TableReader(tables: tables)
        let casefile = records(&reader).datedBySources()
        let parsed = Set(reader.problems.map(\.path))
        let checked = casefile.problems().filter { !parsed.contains($0.path) }.map { problem in
            var located = problem
            let place = reader.place(of: problem.path)
            located.file = place?.file
            located.line = place?.line
            return located
        }
        let problems = reader.problems + checked
        guard problems.isEmpty else { return .failure(CasefileError(problems: problems)) }
        return .success(CasefileDocument(casefile: casefile, lines: reader.lines, files: reader.files))
    }

    /// Every record of every table, each row read into its record (problems kept by `reader`).
    private static func records(_ reader: inout TableReader) -> Casefile {
        var casefile = Casefile()
        casefile.parties = reader.rows("parties.csv", partyColumns, section: "parties") { r in
            Party(
                id: r.text("id"), name: r.text("name"), kind: r.choice("kind") ?? .other, aliases: r.list("aliases"))
        }
        casefile.actors = reader.rows("actors.csv", actorColumns, section: "actors") { r in
            Actor(
                id: r.text("id"), name: r.text("name"), party: r.text("party"), role: r.optional("role"),
                aliases: r.list("aliases"))
        }
        casefile.issues = reader.rows("issues.csv", issueColumns, section: "issues") { r in
            Issue(
                id: r.text("id"), title: r.text("title"), description: r.optional("description"),
                aliases: r.list("aliases"), staleAfter: r.window("stale_after"))
        }
        casefile.sources = reader.rows("sources.csv", sourceColumns, section: "sources") { r in
            Source(
                id: r.text("id"), title: r.text("title"), publisher: r.optional("publisher"), url: r.optional("url"),
                published: r.date("published") ?? .earliest, reliability: r.optionalChoice("reliability"),
                text: r.optional("text"))
        }
        let actorParty = Dictionary(casefile.actors.map { ($0.id, $0.party) }) { first, _ in first }
        casefile.statements = reader.statements(actorParty: actorParty)
        casefile.labelRelations = reader.rows("label_relations.csv", relationColumns, section: "label_relations") { r in
            LabelRelation(
                issue: r.text("issue"), r.text("label"), r.text("other_label"), kind: r.choice("kind") ?? .compatible)
        }
        casefile.labelOrders = reader.rows("label_orders.csv", orderColumns, section: "label_orders") { r in
            LabelOrder(issue: r.text("issue"), harder: r.text("harder"), softer: r.text("softer"))
        }
        casefile.agreements = reader.tracked("agreements", steps: "agreement_steps")
        casefile.disputes = reader.tracked("disputes", steps: "dispute_steps")
        return casefile
    }
}

/// Reads the rows of the tables into records, collecting every problem with its file and line.
private struct TableReader {
    let tables: [String: CasefileTables.ReadTable]
    var problems: [Problem] = []
    /// The line and the file of each record path (`statements[3]`, `agreements[0].history[1]`).
    var lines: [String: Int] = [:]
    var files: [String: String] = [:]

    init(tables: [String: CasefileTables.ReadTable]) { self.tables = tables }

    func place(of path: String) -> (file: String, line: Int)? {
        var candidate = path
        while true {
            if let line = lines[candidate], let file = files[candidate] { return (file, line) }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }

    /// One row being read: its fields by column, and where it is.
    struct Row {
        let fields: [String: String]
        let file: String
        let line: Int
        let path: String
        var problems: [Problem] = []

        func optional(_ column: String) -> String? {
            guard let value = fields[column], !value.isEmpty else { return nil }
            return value
        }

        mutating func problem(_ column: String, _ error: ModelError) {
            problems.append(Problem(path: "\(path).\(column)", file: file, line: line, error))
        }

        mutating func text(_ column: String) -> String {
            guard let value = optional(column) else {
                problem(column, .missingField(column))
                return ""
            }
            return value
        }

        mutating func list(_ column: String) -> [String] {
            do throws(ModelError) { return try CSVText.items(fields[column] ?? "") } catch {
                problem(column, error)
                return []
            }
        }

        mutating func date(_ column: String) -> CalendarDate? {
            guard let text = optional(column) else {
                problem(column, .missingField(column))
                return nil
            }
            do throws(ModelError) { return try CalendarDate(parsing: text) } catch {
                problem(column, error)
                return nil
            }
        }

        mutating func optionalDate(_ column: String) -> CalendarDate? {
            guard optional(column) != nil else { return nil }
            return date(column)
        }

        mutating func window(_ column: String) -> StaleWindow? {
            guard let text = optional(column) else { return nil }
            do throws(ModelError) { return try StaleWindow(parsing: text) } catch {
                problem(column, error)
                return nil
            }
        }

        mutating func optionalChoice<T: ClosedChoice>(_ column: String) -> T? {
            guard let text = optional(column) else { return nil }
            do throws(ModelError) { return try T.parse(text) } catch {
                problem(column, error)
                return nil
            }
        }

        mutating func choice<T: ClosedChoice>(_ column: String) -> T? {
            guard optional(column) != nil else {
                problem(column, .missingField(column))
                return nil
            }
            return optionalChoice(column)
        }

        mutating func retraction() -> Retraction? {
            guard let at = optional("retracted_at") else { return nil }
            return Retraction(at: at, by: optional("retracted_by") ?? "", reason: optional("retract_reason") ?? "")
        }
    }

    /// The header's columns, checked: every one known and none twice.
    mutating func columns(_ file: String, _ known: [String]) -> [String]? {
        guard let table = tables[file] else { return nil }
        var seen = Set<String>()
        var ok = true
        for column in table.header {
            if !known.contains(column) {
                let hint = Suggestions.closest(to: column, among: known, limit: 1).first
                problems.append(Problem(file: file, line: 1, .unknownField(column, suggestion: hint, known: known)))
                ok = false
            }
            if !seen.insert(column).inserted {
                problems.append(Problem(file: file, line: 1, .malformed(.repeatedColumn(column))))
                ok = false
            }
        }
        return ok ? table.header : nil
    }

    mutating func rows<T>(_ file: String, _ known: [String], section: String, _ build: (inout Row) -> T) -> [T] {
        guard let header = columns(file, known), let table = tables[file] else { return [] }
        var result: [T] = []
        for (index, record) in table.records.enumerated() {
            let path = "\(section)[\(index)]"
            lines[path] = record.line
            files[path] = file
            guard record.fields.count == header.count else {
                problems.append(
                    Problem(
                        path: path, file: file, line: record.line,
                        .malformed(.fieldCount(expected: header.count, found: record.fields.count))
                    ))
                continue
            }
            var row = Row(
                fields: Dictionary(zip(header, record.fields)) { first, _ in first }, file: file, line: record.line,
                path: path)
            result.append(build(&row))
            problems += row.problems
        }
        return result
    }

    mutating func statements(actorParty: [String: String]) -> [Statement] {
        let file = "statements.csv"
        guard let table = tables[file] else { return [] }
        let header: StatementCSV.Header
        do throws(ModelError) { header = try StatementCSV.Header(table.header) } catch {
            problems.append(Problem(file: file, line: 1, error))
            return []
        }
        var result: [Statement] = []
        for (index, record) in table.records.enumerated() {
            let path = "statements[\(index)]"
            lines[path] = record.line
            files[path] = file
            do throws(ModelError) {
                result.append(
                    try StatementCSV.statement(record.fields, header: header, recordedAt: nil) {
                        given, actor throws(ModelError) in
                        if let given { return given }
                        if let actor, let party = actorParty[actor] { return party }
                        throw .missingField("party")
                    })
            } catch {
                problems.append(Problem(path: path, file: file, line: record.line, error))
            }
        }
        return result
    }

    mutating func tracked<Status: StepStatus>(_ section: String, steps stepSection: String) -> [Tracked<Status>] {
        var steps: [String: [(step: Step<Status>, line: Int)]] = [:]
        _ = rows(stepSection + ".csv", CasefileTables.stepColumns, section: stepSection) { r -> Void in
            // A bad status is already a problem; the first status stands in for it, so that the
            // row's other fields are checked too.
            guard let status: Status = r.choice("status") ?? Status.allCases.first else { return }
            let onText = r.optional("on")
            let step = Step(
                status: status, on: r.optionalDate("on") ?? .earliest,
                source: r.text("source"), note: r.optional("note"), addParties: r.list("add_parties"),
                removeParties: r.list("remove_parties"), addMediators: r.list("add_mediators"),
                removeMediators: r.list("remove_mediators"), retraction: r.retraction(),
                accordingTo: r.optional("according_to"), onIsSourceDate: onText == nil,
                due: r.optionalDate("due"), term: r.optional("term"), recordedAt: r.optional("recorded"))
            steps[r.text("record"), default: []].append((step, r.line))
        }
        var records: [Tracked<Status>] = rows(section + ".csv", CasefileTables.trackedColumns, section: section) { r in
            let issues = r.list("issues")
            if issues.isEmpty { r.problem("issues", .missingField("issues")) }
            return Tracked(
                id: r.text("id"), title: r.text("title"), issue: issues.first ?? "",
                moreIssues: Array(issues.dropFirst()),
                terms: r.optional("terms"), parties: r.list("parties"), mediators: r.list("mediators"), history: [],
                package: r.optional("package"))
        }
        for index in records.indices {
            let found = steps.removeValue(forKey: records[index].id) ?? []
            records[index].history = found.map(\.step)
            for (position, step) in found.enumerated() {
                lines["\(section)[\(index)].history[\(position)]"] = step.line
                files["\(section)[\(index)].history[\(position)]"] = stepSection + ".csv"
            }
        }
        for record in steps.keys.sorted() {
            problems.append(Problem(file: stepSection + ".csv", .stepsWithoutRecord(Status.record, record: record)))
        }
        return records
    }
}
