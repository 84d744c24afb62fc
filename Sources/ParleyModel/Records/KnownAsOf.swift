/// The case as it was recorded by a moment (`--known-as-of K`): what was in it then, before
/// later recordings, corrections and retractions. A date counts to its end (UTC): `2022-03-01`
/// is everything recorded by 2022-03-01T23:59:59Z; a month or a year to its last day.
public struct KnownAsOf: Hashable, Sendable, CustomStringConvertible {
    /// The last moment counted, as an ISO 8601 UTC timestamp (`2022-03-01T23:59:59Z`).
    public let through: String
    /// What was given: a date (`2022-03-01`, `2022-03`, `2022`) or a timestamp.
    public let given: String

    /// Reads a date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) or an ISO 8601 UTC timestamp to the second
    /// (`2022-03-01T12:00:00Z`).
    public init(parsing text: String) throws(ModelError) {
        given = text
        if let date = try? CalendarDate(parsing: text) {
            let key = date.endKey
            through =
                Self.digits(key / 10_000, 4) + "-" + Self.digits(key / 100 % 100, 2) + "-"
                + Self.digits(key % 100, 2) + "T23:59:59Z"
            return
        }
        guard Self.isTimestamp(text) else { throw .invalidMoment(text) }
        through = text
    }

    /// `2022-03-01` or the timestamp, as given.
    public var description: String { given }

    /// Whether something recorded at `recordedAt` (an ISO 8601 UTC timestamp) was known by then.
    /// A record without a recording time counts as known from the start.
    public func knows(_ recordedAt: String?) -> Bool {
        guard let recordedAt else { return true }
        return recordedAt <= through
    }

    /// Whether a change made at `at` came after the moment: it is undone.
    public func isAfter(_ at: String) -> Bool { at > through }

    /// Whether `text` is `YYYY-MM-DDTHH:MM:SSZ` with a real date and time.
    public static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "Z"),
            (try? CalendarDate(parsing: String(decoding: bytes[0..<10], as: UTF8.self)))?.day != nil
        else { return false }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19) else {
            return false
        }
        return hour < 24 && minute < 60 && second < 60
    }

    private static func digits(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension Statement {
    /// The statement as it was before the changes in `entries` (change-log entries that corrected
    /// it, oldest first) were made: each change's old value put back, the latest first. Relabels
    /// put back the old stance; a field the statement does not have is left alone.
    public func undoing(_ entries: [LogEntry]) -> Statement {
        var statement = self
        for entry in entries.reversed() {
            for change in entry.changes.reversed() {
                // A value the statement could not have held is left as it is.
                if let field = Field(rawValue: change.field) { try? statement.set(field, change.old) }
            }
        }
        return statement
    }
}
