import Foundation

/// Writing RFC 4180 CSV, and the list cells Parley's CSV files use.
public enum CSVText {
    /// One record: fields separated by commas, each quoted when it holds a comma, a quote, a line
    /// break or leading or trailing spaces (quotes doubled), ended by CRLF as RFC 4180 asks.
    public static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, quoted when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes =
            text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A list in one cell: its items separated by `; `. When an item holds a `;` itself (a
    /// free-text alias), the whole list is written as a JSON array of strings instead.
    public static func list(_ items: [String]) -> String {
        guard items.contains(where: { $0.contains(";") || $0.hasPrefix("[") }) else {
            return items.joined(separator: "; ")
        }
        return "[" + items.map(jsonString).joined(separator: ",") + "]"
    }

    /// The items of a list cell written by ``list(_:)``; empty for an empty cell.
    public static func items(_ cell: String) throws(ModelError) -> [String] {
        let trimmed = cell.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return [] }
        guard trimmed.hasPrefix("[") else {
            return trimmed.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return try jsonStrings(trimmed)
    }

    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON array of strings, as ``list(_:)`` writes it.
    private static func jsonStrings(_ text: String) throws(ModelError) -> [String] {
        guard let items = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
            throw .malformed(.notAList(text))
        }
        return items
    }
}

/// The statements CSV format: what `parley statements --format csv` and `parley export --format
/// csv` write and `parley import` reads back.
public enum StatementCSV {
    /// Every column, in the order they are written. `date` (the date that counts) is written for
    /// readers and ignored on import.
    public static let columns = [
        "number", "date", "said", "party", "actor", "issue", "kind", "stance", "summary", "quote", "source", "via",
        "about", "recorded", "retracted_at", "retracted_by", "retract_reason", "conditions",
    ]
    /// The columns an import needs.
    public static let required: Set<String> = ["issue", "kind", "stance", "summary", "source"]

    /// Where each column is in a file's header line, checked.
    public struct Header: Sendable {
        public let count: Int
        let index: [String: Int]

        /// Reads a header line: every column known, none twice, the required ones there, and a
        /// party or an actor column.
        public init(_ fields: [String]) throws(ModelError) {
            var index: [String: Int] = [:]
            for (position, title) in fields.enumerated() {
                let key = title.trimmingCharacters(in: .whitespaces)
                guard StatementCSV.columns.contains(key) else {
                    throw .malformed(.unknownColumn(key, known: StatementCSV.columns))
                }
                if index[key] != nil { throw .malformed(.repeatedColumn(key)) }
                index[key] = position
            }
            let missing = StatementCSV.required.subtracting(index.keys).sorted()
            if !missing.isEmpty {
                throw .malformed(.missingColumns(missing))
            }
            if index["party"] == nil && index["actor"] == nil {
                throw .malformed(.noSpeakerColumn)
            }
            self.index = index
            count = fields.count
        }

        /// The value in `column`, nil when the column is absent or the cell empty.
        public func value(_ column: String, in fields: [String]) -> String? {
            guard let position = index[column], position < fields.count, !fields[position].isEmpty else { return nil }
            return fields[position]
        }
    }

    /// The statement a record holds. `party` resolves a record that names only an actor.
    public static func statement(
        _ fields: [String], header: Header, recordedAt: String?,
        party: (_ given: String?, _ actor: String?) throws(ModelError) -> String
    ) throws(ModelError) -> Statement {
        guard fields.count == header.count else {
            throw .malformed(.fieldCount(expected: header.count, found: fields.count))
        }
        func value(_ column: String) -> String? { header.value(column, in: fields) }
        var number: Int64?
        if let text = value("number") {
            guard let parsed = Int64(text), parsed >= 1 else {
                throw .invalidNumber(text)
            }
            number = parsed
        }
        let actor = value("actor")
        var conditions: [Condition] = []
        if let text = value("conditions") {
            guard let list = Condition.list(text) else { throw .invalidCondition(text) }
            conditions = list
        }
        var retraction: Retraction?
        if let at = value("retracted_at") {
            retraction = Retraction(at: at, by: value("retracted_by") ?? "", reason: value("retract_reason") ?? "")
        }
        return Statement(
            number: number, party: try party(value("party"), actor), actor: actor, issue: value("issue") ?? "",
            kind: try StatementKind.parse(value("kind") ?? ""), stance: value("stance") ?? "",
            summary: value("summary") ?? "", quote: value("quote"),
            said: try value("said").map { text throws(ModelError) in try CalendarDate(parsing: text) },
            source: value("source") ?? "", recordedAt: value("recorded") ?? recordedAt, retraction: retraction,
            via: value("via"), about: value("about"), conditions: conditions)
    }

    /// A statement's record; `date` is the date that counts, when known.
    public static func row(_ statement: Statement, date: CalendarDate?) -> [String] {
        [
            statement.number.map(String.init) ?? "", date?.description ?? "", statement.said?.description ?? "",
            statement.party, statement.actor ?? "", statement.issue, statement.kind.rawValue, statement.stance,
            statement.summary, statement.quote ?? "", statement.source, statement.via ?? "", statement.about ?? "",
            statement.recordedAt ?? "", statement.retraction?.at ?? "", statement.retraction?.by ?? "",
            statement.retraction?.reason ?? "", Condition.text(statement.conditions) ?? "",
        ]
    }
}
