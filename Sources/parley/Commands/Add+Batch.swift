import Foundation
import ParleyKit
import ParleyModel

extension ParleyCommand.Add {
    /// One line of a batch: the statement, and whether a close new label is confirmed.
    typealias BatchLine = (line: Int, statement: NewStatement, newLabelConfirmed: Bool)

    /// A batch file read: the lines that are statements, and what is wrong with each line that is
    /// not one.
    struct Batch {
        var lines: [BatchLine] = []
        var problems: [(line: Int, text: String)] = []
    }

    /// Records the statements of a file of JSON lines (`-`: standard input) in one transaction.
    /// Every line is checked, as `add` checks it; when any is wrong, nothing is added and the
    /// error lists each wrong line with what to fix.
    func recordBatch(_ parley: Parley, from path: String) throws {
        let file = path == "-" ? "standard input" : path
        let batch = Self.batch(try Self.readBatch(path))
        guard !batch.lines.isEmpty || !batch.problems.isEmpty else {
            throw ErrorMessage("\(file) holds no statement; nothing was added")
        }
        let items = batch.lines.map { ($0.statement, $0.newLabelConfirmed) }
        var problems = batch.problems
        var receipts: [StatementReceipt] = []
        do {
            if problems.isEmpty {
                receipts = try parley.record(batch: items)
            } else if !items.isEmpty {
                // Some lines are not statements: the others are still checked (and nothing is
                // written), so that one run names every line to fix.
                problems += try parley.problems(inBatch: items).map {
                    (batch.lines[$0.index].line, Self.reason($0.error))
                }
            }
        } catch let refused as StatementBatchError {
            problems += refused.problems.map { (batch.lines[$0.index].line, Self.reason($0.error)) }
        }
        if !problems.isEmpty { throw Self.refusal(problems, file: file) }
        guard let first = receipts.first, let last = receipts.last else { return }
        let numbers = receipts.count == 1 ? "#\(first.sequence)" : "#\(first.sequence) to #\(last.sequence)"
        try say("Recorded \(Plural("statement").count(receipts.count)): \(numbers).")
        let newLabels = zip(batch.lines, receipts).filter { $0.1.isNewLabel && !$0.1.existingLabels.isEmpty }
        if !newLabels.isEmpty {
            let shown = newLabels.prefix(10).map { "\($0.0.line)" }.joined(separator: ", ")
            let more = newLabels.count > 10 ? ", …" : ""
            note(
                "note: a stance label new on its issue on \(Plural("line").form(newLabels.count)) \(shown)\(more); "
                    + "`parley labels --issue I` lists the labels already used")
        }
    }

    /// The error for a batch with wrong lines: one line for one, else a list in line order.
    static func refusal(_ problems: [(line: Int, text: String)], file: String) -> ErrorMessage {
        let sorted = problems.sorted { $0.line < $1.line }
        guard sorted.count > 1 else {
            return ErrorMessage("\(file) line \(sorted[0].line): \(sorted[0].text); nothing was added")
        }
        return ErrorMessage(
            "\(sorted.count) lines of \(file) are wrong; nothing was added. Fix each and run the batch again:\n"
                + sorted.map { "  line \($0.line): \($0.text)" }.joined(separator: "\n"))
    }

    /// Why a statement of a batch was refused, worded for a line of the file: its fields are the
    /// line's, not the command line's options.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let field as Statement.FieldError:
            return "\(field.field.rawValue): " + ErrorMessage.modelText(field.error)
        case StoreError.invalid(let problems):
            return problems.map { reason($0.error) }.joined(separator: "; ")
        case StoreError.duplicateStatement:
            // The same statement may be one recorded before, or one on an earlier line.
            var text = error.localizedDescription
            if text.hasSuffix("; nothing was added") { text.removeLast("; nothing was added".count) }
            return text.replacingOccurrences(
                of: "this statement is already recorded",
                with: "this statement is already recorded or on an earlier line")
                + "; leave the line out"
        case let error as ModelError:
            return reason(error)
        default:
            // The command line's advice names the flag; in a batch it is the line's field.
            return (ErrorMessage.text(for: error) ?? "\(error)")
                .replacingOccurrences(of: "pass --new-label", with: "add \"new_label\": true to the line")
        }
    }

    private static func reason(_ error: ModelError) -> String {
        switch error {
        case .noSpeaker:
            return "no \"party\" and no \"actor\": add \"party\": \"…\" (\(Self.meaning(.party))) or \"actor\": \"…\" "
                + "(\(Self.meaning(.actor)), whose party it then is)"
        default:
            return ErrorMessage.modelText(error)
                .replacingOccurrences(of: "pass --new-label", with: "add \"new_label\": true to the line")
        }
    }

    /// The fields of a line that a statement must have and the line does not give, worded as
    /// what to add: `no "issue" or "source": add "issue": "…" (the id of the issue) and …`.
    static func missing(_ fields: [Statement.Field]) -> String {
        let list = Manual.list
        func meaning(_ field: Statement.Field) -> String {
            guard field == .kind else { return Self.meaning(field) }
            return Self.meaning(field) + ": " + list(StatementKind.allCases.map(\.rawValue), "or")
        }
        return "no " + list(fields.map { "\"\($0.rawValue)\"" }, "or") + ": add "
            + list(fields.map { "\"\($0.rawValue)\": \"…\" (\(meaning($0)))" }, "and") + " to the line"
    }

    /// The bytes of the batch file, or of standard input for `-`.
    static func readBatch(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ErrorMessage(
                "cannot read \(Echo.quoted(path)): no such file, or not readable; pass a file of JSON lines")
        }
    }

    /// The statements of a batch, one JSON object a line (blank lines skipped), and what is wrong
    /// with every line that does not give one: each line is read, whatever the lines before it.
    static func batch(_ data: Data) -> Batch {
        let fields = Dictionary(uniqueKeysWithValues: Statement.Field.allCases.map { ($0.rawValue, $0) })
        let names = Statement.Field.allCases.map(\.rawValue) + ["new_label"]
        var out = Batch()
        var number = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                out.problems.append(
                    (
                        number,
                        "not a JSON object; write one statement a line, such as {\"party\": \"p\", \"issue\": \"i\", …}"
                    ))
                continue
            }
            var values: [Statement.Field: String] = [:]
            var confirmed = false
            var wrong: [String] = []
            var suggested: Set<Statement.Field> = []
            for key in object.keys.sorted() {
                let value = object[key]
                if key == "new_label" {
                    if let flag = value as? Bool {
                        confirmed = flag
                    } else {
                        wrong.append("new_label: use true or false")
                    }
                    continue
                }
                guard let field = fields[key] else {
                    let close = Suggestions.closest(to: key, among: names)
                    let hint = Suggestions.didYouMean(close).map { " (\($0))" }
                    wrong.append("\(Echo.quoted(key)) is not a field of a statement\(hint ?? "")")
                    // A misspelt field is not missing as well: the hint says what to write.
                    suggested.formUnion(close.compactMap { fields[$0] })
                    continue
                }
                if value is NSNull { continue }
                guard let text = value as? String else {
                    wrong.append("\(key): give the value as a string")
                    continue
                }
                values[field] = text
            }
            let problems = NewStatement.problems(values)
            let absent = problems.filter { if case .missingField = $0.error { true } else { false } }.map(\.field)
            wrong += problems.filter { !absent.contains($0.field) }.map(reason)
            let unnamed = absent.filter { !suggested.contains($0) }
            if !unnamed.isEmpty { wrong.append(missing(unnamed)) }
            if wrong.isEmpty, let statement = try? NewStatement(values) {
                out.lines.append((number, statement, confirmed))
            } else {
                out.problems.append((number, wrong.joined(separator: "; ")))
            }
        }
        return out
    }
}
