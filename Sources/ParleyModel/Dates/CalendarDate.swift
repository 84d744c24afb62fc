import Foundation

/// A calendar date known to the day, the month or the year: `2021-12-14`, `2021-12`, `2021`.
///
/// Parley compares dates by the *last day* of the period they name: a month-precise date is not
/// known to precede any day of its month, so for "on or before D" it counts as the month's end.
public struct CalendarDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How much of the date is known.
    public enum Precision: String, Sendable, Comparable {
        case year, month, day

        private var rank: Int { self == .year ? 0 : self == .month ? 1 : 2 }
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rank < rhs.rank }
    }

    // Stored in 4 bytes rather than 26 (an Int and two optional Ints): a statement holds three
    // dates, and a report at 10M statements holds hundreds of thousands of statements.
    private let storedYear: Int16
    /// 0: not known.
    private let storedMonth: UInt8
    private let storedDay: UInt8

    public var year: Int { Int(storedYear) }
    public var month: Int? { storedMonth == 0 ? nil : Int(storedMonth) }
    public var day: Int? { storedDay == 0 ? nil : Int(storedDay) }

    /// Creates a date from its parts, or throws if they do not name a real period.
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(ModelError) {
        var valid = (1...9999).contains(year)
        if let month {
            valid = valid && (1...12).contains(month)
            if let day, valid { valid = (1...Self.daysIn(year: year, month: month)).contains(day) }
        } else if day != nil {
            valid = false
        }
        guard valid else { throw .invalidDate(Self.format(year: year, month: month, day: day)) }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; anything else, or an impossible date, throws.
    public init(parsing text: String) throws(ModelError) {
        // Exactly YYYY, YYYY-MM or YYYY-MM-DD in ASCII digits; read byte by byte (bulk imports
        // parse a date per record).
        let bytes = Array(text.utf8)
        guard bytes.count == 4 || bytes.count == 7 || bytes.count == 10 else { throw .invalidDate(text) }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let digit = Int(bytes[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4) else { throw .invalidDate(text) }
        var month: Int?
        var day: Int?
        if bytes.count >= 7 {
            guard bytes[4] == UInt8(ascii: "-"), let m = number(5..<7) else { throw .invalidDate(text) }
            month = m
        }
        if bytes.count == 10 {
            guard bytes[7] == UInt8(ascii: "-"), let d = number(8..<10) else { throw .invalidDate(text) }
            day = d
        }
        do {
            try self.init(year: year, month: month, day: day)
        } catch {
            throw .invalidDate(text)
        }
    }

    /// Why `text` is not a date, worded for a message: `month 13 does not exist; use …`.
    public static func problem(with text: String) -> String {
        let forms = "use YYYY-MM-DD, YYYY-MM or YYYY"
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.map { part in part.allSatisfy(\.isASCII) ? Int(part) : nil }
        let shapes = [[4], [4, 2], [4, 2, 2]]
        guard shapes.contains(parts.map(\.count)), !numbers.contains(nil) else {
            return "\(forms) (for example 2021-12-14, 2021-12 or 2021)"
        }
        let values = numbers.compactMap { $0 }
        if values[0] < 1 { return "year \(parts[0]) does not exist; \(forms)" }
        if values.count > 1 && !(1...12).contains(values[1]) { return "month \(values[1]) does not exist; \(forms)" }
        if values.count > 2 {
            let days = daysIn(year: values[0], month: values[1])
            return "\(parts[0])-\(parts[1]) has \(days) days, so there is no day \(values[2]); \(forms)"
        }
        return forms
    }

    /// How much of the date is known.
    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// The ISO form, as written in casefiles: `2021-12-14`, `2021-12` or `2021`.
    public var description: String { Self.format(year: year, month: month, day: day) }

    /// The last day of the period as an integer `yyyymmdd`; what "on or before" compares.
    public var endKey: Int {
        let m = month ?? 12
        let d = day ?? Self.daysIn(year: year, month: m)
        return year * 10_000 + m * 100 + d
    }

    /// The first day of the period as an integer `yyyymmdd`.
    public var startKey: Int { year * 10_000 + (month ?? 1) * 100 + (day ?? 1) }

    /// Orders by the end of the period, then by its start, so `2021-12-14` < `2021-12` < `2021`.
    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.endKey, rhs.startKey) < (rhs.endKey, lhs.startKey)
    }

    /// Whether the date is on or before `other`, both read as the end of their periods.
    public func isOnOrBefore(_ other: CalendarDate) -> Bool { endKey <= other.endKey }

    /// The last day of the period: `2021-12` → `2021-12-31`; a day-precise date is itself.
    public var lastDay: CalendarDate {
        let m = month ?? 12
        return CalendarDate(unchecked: year, m, day ?? Self.daysIn(year: year, month: m))
    }

    /// The first day Parley can record, 0001-01-01: what "since the beginning" compares against.
    public static let earliest = CalendarDate(unchecked: 1, 1, 1)
    /// The last day Parley can record, 9999-12-31: what "everything recorded" compares against.
    public static let latest = CalendarDate(unchecked: 9999, 12, 31)

    /// The day-precise date of a `yyyymmdd` key such as ``endKey`` gives, or nil when the key
    /// does not name a real day.
    public init?(key: Int) {
        guard let date = try? CalendarDate(year: key / 10_000, month: (key / 100) % 100, day: key % 100) else {
            return nil
        }
        self = date
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.init(checkedYear: year, month: month, day: day)
    }

    /// A date whose parts were checked when it was first made (or read back from ``Packed``).
    init(checkedYear year: Int, month: Int?, day: Int?) {
        storedYear = Int16(truncatingIfNeeded: year)
        storedMonth = UInt8(truncatingIfNeeded: month ?? 0)
        storedDay = UInt8(truncatingIfNeeded: day ?? 0)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func format(year: Int, month: Int?, day: Int?) -> String {
        // By hand rather than String(format:): reports format a date per row.
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var text = digits(year, 4)
        if let month { text += "-" + digits(month, 2) }
        if let day { text += "-" + digits(day, 2) }
        return text
    }
}

extension CalendarDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
