import Foundation
import ParleyKit
import ParleyModel

extension ParleyCommand.Add {
    /// One line of a batch: the statement, and whether a close new label is confirmed.
    typealias BatchLine = (line: Int, statement: NewStatement, newLabelConfirmed: Bool)

    /// Records the statements of a file of JSON lines (`-`: standard input) in one transaction.
    func recordBatch(_ parley: Parley, from path: String) throws {
        let file = path == "-" ? "standard input" : path
        let lines = try Self.batch(try Self.readBatch(path), file: file)
        guard !lines.isEmpty else { throw ErrorMessage("\(file) holds no statement; nothing was added") }
        let receipts: [StatementReceipt]
        do {
            receipts = try parley.record(batch: lines.map { ($0.statement, $0.newLabelConfirmed) })
        } catch let error as StatementBatchError {
            let line = lines[error.index].line
            let reason: String
            if let field = error.error as? Statement.FieldError {
                reason = "\(field.field.rawValue): " + ErrorMessage.modelText(field.error)
            } else {
                // The command line's advice names the flag; in a batch it is the line's field.
                reason = (ErrorMessage.text(for: error.error) ?? "\(error.error)")
                    .replacingOccurrences(of: "pass --new-label", with: "add \"new_label\": true to the line")
            }
            throw ErrorMessage("\(file) line \(line): \(reason); nothing was added")
        }
        guard let first = receipts.first, let last = receipts.last else { return }
        let numbers = receipts.count == 1 ? "#\(first.sequence)" : "#\(first.sequence) to #\(last.sequence)"
        try say("Recorded \(Plural("statement").count(receipts.count)): \(numbers).")
        let newLabels = zip(lines, receipts).filter { $0.1.isNewLabel && !$0.1.existingLabels.isEmpty }
        if !newLabels.isEmpty {
            let shown = newLabels.prefix(10).map { "\($0.0.line)" }.joined(separator: ", ")
            let more = newLabels.count > 10 ? ", …" : ""
            note(
                "note: a stance label new on its issue on \(Plural("line").form(newLabels.count)) \(shown)\(more); "
                    + "`parley labels --issue I` lists the labels already used")
        }
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

    /// The statements of a batch, one JSON object a line (blank lines skipped); the first line
    /// that is not one is an error naming it.
    static func batch(_ data: Data, file: String) throws -> [BatchLine] {
        let fields = Dictionary(uniqueKeysWithValues: Statement.Field.allCases.map { ($0.rawValue, $0) })
        let names = Statement.Field.allCases.map(\.rawValue) + ["new_label"]
        var out: [BatchLine] = []
        var number = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = number
            func refuse(_ why: String) -> ErrorMessage {
                ErrorMessage("\(file) line \(line): \(why); nothing was added")
            }
            if raw.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(raw)) as? [String: Any] else {
                throw refuse(
                    "not a JSON object; write one statement a line, such as {\"party\": \"p\", \"issue\": \"i\", …}")
            }
            var values: [Statement.Field: String] = [:]
            var confirmed = false
            for (key, value) in object {
                if key == "new_label" {
                    guard let flag = value as? Bool else { throw refuse("new_label: use true or false") }
                    confirmed = flag
                    continue
                }
                guard let field = fields[key] else {
                    let hint = Suggestions.didYouMean(Suggestions.closest(to: key, among: names)).map { " (\($0))" }
                    throw refuse("\(Echo.quoted(key)) is not a field of a statement\(hint ?? "")")
                }
                if value is NSNull { continue }
                guard let text = value as? String else { throw refuse("\(key): give the value as a string") }
                values[field] = text
            }
            do {
                out.append((line, try NewStatement(values), confirmed))
            } catch {
                throw refuse("\(error.field.rawValue): " + ErrorMessage.modelText(error.error))
            }
        }
        return out
    }
}
