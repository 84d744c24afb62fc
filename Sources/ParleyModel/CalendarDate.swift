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

    public let year: Int
    public let month: Int?
    public let day: Int?

    /// Creates a date from its parts, or throws if they do not name a real period.
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(ModelError) {
        let text = Self.format(year: year, month: month, day: day)
        guard (1...9999).contains(year) else { throw .invalidDate(text) }
        if let month {
            guard (1...12).contains(month) else { throw .invalidDate(text) }
            if let day {
                guard (1...Self.daysIn(year: year, month: month)).contains(day) else { throw .invalidDate(text) }
            }
        } else if day != nil {
            throw .invalidDate(text)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; anything else, or an impossible date, throws.
    public init(parsing text: String) throws(ModelError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let lengths = [4, 2, 2]
        guard (1...3).contains(parts.count) else { throw .invalidDate(text) }
        var numbers: [Int] = []
        for (index, part) in parts.enumerated() {
            guard part.count == lengths[index], part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let value = Int(part)
            else { throw .invalidDate(text) }
            numbers.append(value)
        }
        do {
            try self.init(
                year: numbers[0],
                month: numbers.count > 1 ? numbers[1] : nil,
                day: numbers.count > 2 ? numbers[2] : nil)
        } catch {
            throw .invalidDate(text)
        }
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

    /// Today's date in UTC, day-precise.
    public static func today(_ now: Date = Date()) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        // Components of a Gregorian date are always in range.
        return (try? CalendarDate(year: parts.year ?? 1970, month: parts.month, day: parts.day))
            ?? CalendarDate(unchecked: 1970, 1, 1)
    }

    /// Builds a date from a `yyyymmdd` key produced by ``endKey`` or ``startKey``.
    public static func fromKey(_ key: Int) -> CalendarDate {
        CalendarDate(unchecked: key / 10_000, (key / 100) % 100, key % 100)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func format(year: Int, month: Int?, day: Int?) -> String {
        var text = String(format: "%04d", year)
        if let month { text += String(format: "-%02d", month) }
        if let day { text += String(format: "-%02d", day) }
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
