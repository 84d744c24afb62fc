import Foundation
import ParleyModel
import Yams

/// Reads a YAML casefile into a ``Casefile``, collecting every problem with its line number:
/// malformed YAML, unknown or missing fields, bad dates and choices, and (through
/// ``Casefile/problems()``) bad ids, dangling references and duplicates.
public enum CasefileReader {
    /// The result of reading: the casefile, when it has no problems, or every problem found.
    public static func read(yaml text: String) -> Result<Casefile, CasefileError> {
        document(yaml: text).map(\.casefile)
    }

    /// Reads the casefile at `path`.
    public static func read(path: String) -> Result<Casefile, CasefileError> {
        document(path: path).map(\.casefile)
    }

    /// Reads a casefile and keeps where each record is, so that later problems (a merge's
    /// conflicts) can name their lines. With `outsideReferences`, a reference to a record the
    /// casefile does not hold is left for the import to look up in the database (a reviewed draft
    /// names the parties, issues and sources already there).
    public static func document(yaml text: String, outsideReferences: Bool = false) -> Result<
        CasefileDocument, CasefileError
    > {
        var reader = NodeReader(budget: Limits.casefileExpansion * text.utf8.count + Limits.casefileExpansionSlack)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return .failure(
                CasefileError(problems: [
                    Problem(
                        path: "file", line: yamlErrorLine(error),
                        .malformed(.notYAML(detail: yamlErrorSummary(error))))
                ]))
        }
        let casefile = reader.casefile(root)
        // Records with field problems are kept (with placeholders) so that the whole-file checks
        // still run on them: the user sees every problem in one pass.
        let parsed = Set(reader.problems.map(\.path))
        var deferred: [Problem] = []
        var checked: [Problem] = []
        for problem in casefile.problems() where !parsed.contains(problem.path) {
            var located = problem
            located.line = reader.line(for: problem.path)
            if outsideReferences && problem.error.namesAbsentRecord {
                deferred.append(located)
            } else {
                checked.append(located)
            }
        }
        let problems = (reader.problems + checked).enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
        var document = CasefileDocument(casefile: casefile, lines: reader.lines)
        document.reviewedDrafts = reader.draftNotes
        return problems.isEmpty ? .success(document) : .failure(CasefileError(problems: problems, deferred: deferred))
    }

    /// Reads the casefile at `path`, keeping where each record is.
    public static func document(path: String, outsideReferences: Bool = false) -> Result<
        CasefileDocument, CasefileError
    > {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            // NUL bytes and bytes that are not UTF-8 are refused where they are, not replaced.
            if let bad = data.withUnsafeBytes({ UTF8Check.firstProblem($0.bindMemory(to: UInt8.self)) }) {
                return .failure(
                    CasefileError(problems: [
                        Problem(
                            path: "file", line: bad.line, column: bad.column,
                            .malformed(.notText(bad.fault, format: .casefile)))
                    ]))
            }
            return document(yaml: String(decoding: data, as: UTF8.self), outsideReferences: outsideReferences)
        } catch {
            return .failure(
                CasefileError(problems: [
                    Problem(path: path, .unreadableFile(FileFault(path: path, error)))
                ]))
        }
    }

    private static func yamlErrorLine(_ error: Error) -> Int? {
        guard let yamlError = error as? YamlError else { return nil }
        switch yamlError {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func yamlErrorSummary(_ error: Error) -> String {
        guard let yamlError = error as? YamlError else { return error.localizedDescription }
        switch yamlError {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        default:
            return String(describing: yamlError)
        }
    }
}

/// A casefile as read, with the line each record and field was on.
public struct CasefileDocument: Sendable {
    public var casefile: Casefile
    let lines: [String: Int]
    /// For a casefile read from CSV tables, the file each record came from (`statements[3]` →
    /// `statements.csv`); empty for a YAML casefile, whose problems name lines only.
    let files: [String: String]
    /// How many statements came with `parley draft`'s notes (a reviewed draft): the notes are
    /// not kept, but the import says the statements were reviewed.
    public var reviewedDrafts = 0

    /// A casefile that was not read from a file: no lines to name.
    public init(casefile: Casefile) {
        self.init(casefile: casefile, lines: [:])
    }

    init(casefile: Casefile, lines: [String: Int], files: [String: String] = [:]) {
        self.casefile = casefile
        self.lines = lines
        self.files = files
    }

    /// The file the record at `path` came from, for a casefile read from CSV tables.
    public func file(for path: String) -> String? {
        var candidate = path
        while true {
            if let file = files[candidate] { return file }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }

    /// The line of `path` (`statements[3].party`), or of the nearest record around it.
    public func line(for path: String) -> Int? {
        var candidate = path
        while true {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }
}

// MARK: - Walking the YAML tree

/// A mapping node's fields, with the path that names the record in messages.
private struct Fields {
    var values: [String: Node]
    var path: String
}

private struct NodeReader {
    var problems: [Problem] = []
    /// Statements that carried `parley draft`'s notes.
    var draftNotes = 0
    /// What is left of the nodes and bytes of text the reader may walk: YAML aliases (`*name`)
    /// can make a small file expand into a huge one, and past the budget reading stops.
    var budget: Int
    var exhausted = false

    init(budget: Int) { self.budget = budget }

    /// Spends `units` of the budget; false once it is spent, with one problem recorded.
    mutating func charge(_ units: Int, at node: Node?) -> Bool {
        guard !exhausted else { return false }
        budget -= units
        if budget < 0 {
            exhausted = true
            problem("file", node, .malformed(.aliasExpansion(limit: Limits.casefileExpansion)))
            return false
        }
        return true
    }
    var lines: [String: Int] = [:]

    func line(for path: String) -> Int? {
        var candidate = path
        while true {
            if let line = lines[candidate] { return line }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = String(candidate[..<cut])
        }
    }

    mutating func problem(_ path: String, _ node: Node?, _ error: ModelError) {
        problems.append(Problem(path: path, line: node?.mark?.line, error))
    }

    mutating func problem(_ path: String, _ node: Node?, expected shape: ModelError.Malformed.Shape) {
        problem(path, node, .malformed(.shape(expected: shape)))
    }

    mutating func casefile(_ root: Node?) -> Casefile {
        guard let root else { return Casefile() }
        guard let top = fields(root, path: "casefile", known: CasefileFormat.sections) else { return Casefile() }
        var casefile = Casefile()
        entities(top, into: &casefile)
        casefile.statements = records(top, "statements", CasefileFormat.statementFields) { r, f in
            if f.values["draft"] != nil { r.draftNotes += 1 }
            return Statement(
                number: r.number(f, "number"), party: r.text(f, "party"), actor: r.optionalText(f, "actor"),
                issue: r.text(f, "issue"), kind: r.choice(f, "kind") ?? .assertion, stance: r.text(f, "stance"),
                summary: r.text(f, "summary"), quote: r.optionalText(f, "quote"), said: r.optionalDate(f, "said"),
                source: r.text(f, "source"), recordedAt: r.optionalText(f, "recorded"), retraction: r.retraction(f),
                via: r.optionalText(f, "via"), about: r.optionalText(f, "about"), conditions: r.conditions(f))
        }
        casefile.labelRelations = records(top, "label_relations", CasefileFormat.labelRelationFields) { r, f in
            let labels = r.list(f, "labels")
            if labels.count != 2 {
                r.problem(f.path + ".labels", f.values["labels"], expected: .labelPair)
            }
            return LabelRelation(
                issue: r.text(f, "issue"), labels.first ?? "", labels.count > 1 ? labels[1] : "",
                kind: r.choice(f, "kind") ?? .compatible)
        }
        casefile.labelOrders = records(top, "label_orders", CasefileFormat.labelOrderFields) { r, f in
            LabelOrder(issue: r.text(f, "issue"), harder: r.text(f, "harder"), softer: r.text(f, "softer"))
        }
        casefile.agreements = tracked(top)
        casefile.disputes = tracked(top)
        return casefile.datedBySources()
    }

    /// The parties, actors, issues and sources sections.
    mutating func entities(_ top: Fields, into casefile: inout Casefile) {
        casefile.parties = records(top, "parties", CasefileFormat.partyFields) { r, f in
            Party(
                id: r.text(f, "id"), name: r.text(f, "name"), kind: r.choice(f, "kind") ?? .other,
                aliases: r.list(f, "aliases"))
        }
        casefile.actors = records(top, "actors", CasefileFormat.actorFields) { r, f in
            Actor(
                id: r.text(f, "id"), name: r.text(f, "name"), party: r.text(f, "party"),
                role: r.optionalText(f, "role"), aliases: r.list(f, "aliases"))
        }
        casefile.issues = records(top, "issues", CasefileFormat.issueFields) { r, f in
            Issue(
                id: r.text(f, "id"), title: r.text(f, "title"), description: r.optionalText(f, "description"),
                aliases: r.list(f, "aliases"), staleAfter: r.window(f, "stale_after"))
        }
        casefile.sources = records(top, "sources", CasefileFormat.sourceFields) { r, f in
            Source(
                id: r.text(f, "id"), title: r.text(f, "title"), publisher: r.optionalText(f, "publisher"),
                url: r.optionalText(f, "url"), published: r.date(f, "published") ?? placeholderDate,
                reliability: r.optionalChoice(f, "reliability"), text: r.optionalText(f, "text"))
        }
    }

    /// A staleness window such as `2y`, `18m` or `400d`.
    mutating func window(_ f: Fields, _ key: String) -> StaleWindow? {
        guard let value = scalar(f, key) else { return nil }
        do { return try StaleWindow(parsing: value) } catch {
            problem("\(f.path).\(key)", f.values[key], error)
            return nil
        }
    }

    /// A record's issues: `issue: ID`, or `issues: [ID, ID]` (the first the main one).
    mutating func issues(_ f: Fields) -> (String, [String]) {
        if f.values["issues"] != nil {
            if f.values["issue"] != nil {
                problem(f.path + ".issues", f.values["issues"], .malformed(.issueAndIssues))
            }
            let issues = list(f, "issues")
            if issues.isEmpty {
                problems.append(Problem(path: f.path + ".issues", line: lines[f.path], .missingField("issues")))
            }
            return (issues.first ?? "", Array(issues.dropFirst()))
        }
        return (text(f, "issue"), [])
    }

    /// The agreements or the disputes (by the status type asked for): one reader for both.
    mutating func tracked<Status: StepStatus>(_ top: Fields) -> [Tracked<Status>] {
        records(top, Status.record.section, CasefileFormat.trackedFields) { r, f in
            let (issue, moreIssues) = r.issues(f)
            return Tracked(
                id: r.text(f, "id"), title: r.text(f, "title"), issue: issue, moreIssues: moreIssues,
                terms: r.optionalText(f, "terms"),
                parties: r.list(f, "parties"), mediators: r.list(f, "mediators"),
                history: r.steps(f) { r, s in
                    // A bad status is a problem already recorded; any status stands in for it.
                    let status: Status? = r.choice(s, "status") ?? Status.allCases.first
                    return status.map {
                        Step(
                            status: $0, on: r.optionalDate(s, "on") ?? placeholderDate, source: r.text(s, "source"),
                            note: r.optionalText(s, "note"), addParties: r.list(s, "add_parties"),
                            removeParties: r.list(s, "remove_parties"), addMediators: r.list(s, "add_mediators"),
                            removeMediators: r.list(s, "remove_mediators"), retraction: r.retraction(s),
                            accordingTo: r.optionalText(s, "according_to"),
                            onIsSourceDate: s.values["on"].map(r.isNull) ?? true, due: r.optionalDate(s, "due"),
                            term: r.optionalText(s, "term"), recordedAt: r.optionalText(s, "recorded"))
                    }
                }, package: r.optionalText(f, "package"))
        }
    }

    mutating func fields(_ node: Node, path: String, known: [String]) -> Fields? {
        guard charge(1, at: node) else { return nil }
        guard case .mapping(let mapping) = node else {
            problem(path, node, expected: .record)
            return nil
        }
        lines[path] = node.mark?.line
        var values: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let fieldPath = "\(path).\(key)"
            if !known.contains(key) {
                let hint = Suggestions.closest(to: key, among: known, limit: 1).first
                problem(fieldPath, keyNode, .unknownField(key, suggestion: hint, known: known))
                continue
            }
            if values[key] != nil { problem(fieldPath, keyNode, .malformed(.repeatedField(key))) }
            // A value `parley draft` left for a person to fill in.
            if key != "draft", case .scalar(let scalar) = value,
                scalar.string.drop(while: { $0 == " " }).hasPrefix("review:")
            {
                problem(fieldPath, value, .malformed(.markedForReview(field: key, value: scalar.string)))
            }
            values[key] = value
            lines[fieldPath] = value.mark?.line ?? keyNode.mark?.line
        }
        return Fields(values: values, path: path)
    }

    mutating func records<T>(
        _ top: Fields, _ section: String, _ known: [String], _ build: (inout NodeReader, Fields) -> T
    ) -> [T] {
        guard let node = top.values[section], !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(section, node, expected: .records)
            return []
        }
        var result: [T] = []
        for (index, item) in sequence.enumerated() {
            if exhausted { break }
            guard let record = fields(item, path: "\(section)[\(index)]", known: known) else { continue }
            result.append(build(&self, record))
        }
        return result
    }

    mutating func steps<T>(_ f: Fields, _ build: (inout NodeReader, Fields) -> T?) -> [T] {
        guard let node = f.values["history"], !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            problem(f.path + ".history", node, expected: .steps)
            return []
        }
        return sequence.enumerated().compactMap { index, item in
            fields(item, path: "\(f.path).history[\(index)]", known: CasefileFormat.stepFields).flatMap {
                build(&self, $0)
            }
        }
    }

    func isNull(_ node: Node) -> Bool { node.null != nil }

    mutating func scalar(_ f: Fields, _ key: String) -> String? {
        guard let node = f.values[key], !isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            problem("\(f.path).\(key)", node, expected: .value)
            return nil
        }
        guard charge(1 + scalar.string.utf8.count, at: node) else { return nil }
        return scalar.string
    }

    mutating func text(_ f: Fields, _ key: String) -> String {
        guard let value = scalar(f, key) else {
            if f.values[key].map(isNull) ?? true {
                problems.append(Problem(path: "\(f.path).\(key)", line: lines[f.path], .missingField(key)))
            }
            return ""
        }
        return value
    }

    mutating func optionalText(_ f: Fields, _ key: String) -> String? { scalar(f, key) }

    /// A whole number from 1 up, such as a statement number.
    mutating func number(_ f: Fields, _ key: String) -> Int64? {
        guard let text = scalar(f, key) else { return nil }
        guard let value = Int64(text), value >= 1 else {
            problem("\(f.path).\(key)", f.values[key], .malformed(.notAWholeNumber(text)))
            return nil
        }
        return value
    }

    /// A statement's conditions: a list of `issue=label` or `party:issue=label`.
    mutating func conditions(_ f: Fields) -> [Condition] {
        list(f, "conditions").compactMap { text in
            guard let condition = Condition(text: text) else {
                problem("\(f.path).conditions", f.values["conditions"], .invalidCondition(text))
                return nil
            }
            return condition
        }
    }

    /// A record's retraction: `{at: TIME, by: NAME, reason: TEXT}`.
    mutating func retraction(_ f: Fields) -> Retraction? {
        guard let node = f.values["retraction"], !isNull(node),
            let fields = fields(node, path: "\(f.path).retraction", known: CasefileFormat.retractionFields)
        else { return nil }
        return Retraction(at: text(fields, "at"), by: text(fields, "by"), reason: text(fields, "reason"))
    }

    mutating func list(_ f: Fields, _ key: String) -> [String] {
        guard let node = f.values[key], !isNull(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            problem("\(f.path).\(key)", node, expected: .list)
            return []
        }
        return sequence.compactMap { item in
            guard case .scalar(let scalar) = item else {
                problem("\(f.path).\(key)", item, expected: .plainValues)
                return nil
            }
            guard charge(1 + scalar.string.utf8.count, at: item) else { return nil }
            return scalar.string
        }
    }

    mutating func optionalDate(_ f: Fields, _ key: String) -> CalendarDate? {
        guard let value = scalar(f, key) else { return nil }
        do { return try CalendarDate(parsing: value) } catch {
            problem("\(f.path).\(key)", f.values[key], error)
            return nil
        }
    }

    mutating func date(_ f: Fields, _ key: String) -> CalendarDate? {
        if f.values[key].map(isNull) ?? true {
            _ = text(f, key)
            return nil
        }
        return optionalDate(f, key)
    }

    mutating func optionalChoice<T: ClosedChoice>(_ f: Fields, _ key: String) -> T? {
        guard let value = scalar(f, key) else { return nil }
        do { return try T.parse(value) } catch {
            problem("\(f.path).\(key)", f.values[key], error)
            return nil
        }
    }

    mutating func choice<T: ClosedChoice>(_ f: Fields, _ key: String) -> T? {
        if f.values[key].map(isNull) ?? true {
            _ = text(f, key)
            return nil
        }
        return optionalChoice(f, key)
    }
}

/// Stands in for a missing date while reading; a problem is always recorded alongside it.
private let placeholderDate = CalendarDate.earliest

extension Casefile {
    /// The casefile with each step marked as dated by its source taking that source's published
    /// date (a placeholder when the source is missing: that is reported by the checks).
    func datedBySources() -> Casefile {
        var casefile = self
        let published = Dictionary(sources.map { ($0.id, $0.published) }) { first, _ in first }
        func date<Status>(_ record: inout Tracked<Status>) {
            for i in record.history.indices where record.history[i].onIsSourceDate {
                record.history[i].on = published[record.history[i].source] ?? placeholderDate
            }
        }
        for i in casefile.agreements.indices { date(&casefile.agreements[i]) }
        for i in casefile.disputes.indices { date(&casefile.disputes[i]) }
        return casefile
    }
}
