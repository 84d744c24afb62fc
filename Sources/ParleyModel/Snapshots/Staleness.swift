/// How old evidence may be before a position resting on it counts as stale: `2y`, `18m`, `400d`.
public struct StaleWindow: Hashable, Sendable, CustomStringConvertible {
    /// The unit of a window.
    public enum Unit: String, Hashable, Sendable {
        case years = "y"
        case months = "m"
        case days = "d"
    }

    public var count: Int
    public var unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    /// Two years: what reports use unless told otherwise.
    public static let standard = StaleWindow(count: 2, unit: .years)

    /// Parses `2y`, `18m` or `400d` (a whole number from 1 up and a unit).
    public init(parsing text: String) throws(ModelError) {
        guard let last = text.last, let unit = Unit(rawValue: String(last)), let count = Int(text.dropLast()),
            count >= 1, count <= 1_000_000
        else { throw .invalidWindow(text) }
        self.init(count: count, unit: unit)
    }

    /// `2y`.
    public var description: String { "\(count)\(unit.rawValue)" }

    /// The earliest day (`yyyymmdd`) that is still inside the window before `date` (read as its
    /// last day): evidence dated before it is older than the window, so stale. Two years before
    /// 2021-12-16 is 2019-12-16; a month back from 31 March is the last day of February.
    public func start(before date: CalendarDate) -> Int {
        let end = date.lastDay
        let (year, month, day) = (end.year, end.month ?? 12, end.day ?? 31)
        switch unit {
        case .days:
            return Days.key(max(Days.number(10101), Days.number(end.endKey) - count))
        case .months, .years:
            let total = max(12, year * 12 + (month - 1) - (unit == .years ? count * 12 : count))
            let (y, m) = (total / 12, total % 12 + 1)
            return y * 10_000 + m * 100 + min(day, CalendarDate.daysIn(year: y, month: m))
        }
    }
}

/// Which positions are stale as of a date: older than the window of their issue (or the report's).
public struct Staleness: Hashable, Sendable {
    /// The day ages are measured from (`yyyymmdd`).
    public var reference: CalendarDate
    /// The report's window.
    public var window: StaleWindow
    /// Issues with windows of their own, by id.
    public var issueWindows: [String: StaleWindow]

    public init(reference: CalendarDate, window: StaleWindow = .standard, issueWindows: [String: StaleWindow] = [:]) {
        self.reference = reference
        self.window = window
        self.issueWindows = issueWindows
    }

    /// The window that applies to `issue`: its own, or its nearest parent's, or the report's.
    public func window(for issue: String) -> StaleWindow {
        // Most cases set no window of their own: no need to walk the issue's parents.
        if issueWindows.isEmpty { return window }
        var candidate: String? = issue
        while let id = candidate {
            if let window = issueWindows[id] { return window }
            candidate = Identifier.parentIssue(of: id)
        }
        return window
    }

    /// How many days old a statement dated `date` is on the reference day (from the end of its period).
    public func age(of date: CalendarDate) -> Int {
        max(0, Days.number(reference.lastDay.endKey) - Days.number(date.endKey))
    }

    /// Whether evidence dated `date` on `issue` is older than the window.
    public func isStale(_ date: CalendarDate, issue: String) -> Bool {
        date.endKey < window(for: issue).start(before: reference)
    }
}

/// Day numbers, so that dates can be counted in days.
public enum Days {
    /// The day number of a `yyyymmdd` key (days since 0000-03-01, proleptic Gregorian).
    public static func number(_ key: Int) -> Int {
        var y = key / 10_000
        let m = (key / 100) % 100
        let d = key % 100
        y -= m <= 2 ? 1 : 0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe
    }

    /// The `yyyymmdd` key of a day number.
    static func key(_ number: Int) -> Int {
        let z = number
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return y * 10_000 + m * 100 + d
    }
}

extension StaleWindow {
    /// The window in words: `2 years`, `18 months`, `400 days`.
    public var spoken: String {
        let unit: String
        switch self.unit {
        case .years: unit = "year"
        case .months: unit = "month"
        case .days: unit = "day"
        }
        return "\(count) \(unit)\(count == 1 ? "" : "s")"
    }
}

extension CalendarDate {
    /// The first day of the period, counted in days (for drawing time to scale).
    public var firstDayNumber: Int { Days.number(startKey) }
    /// The last day of the period, counted in days.
    public var lastDayNumber: Int { Days.number(endKey) }
    /// The day a day number names.
    public static func day(number: Int) -> CalendarDate {
        let key = Days.key(number)
        return (try? CalendarDate(year: key / 10_000, month: key / 100 % 100, day: key % 100)) ?? .earliest
    }
}

extension StaleWindow {
    /// How many days the window spans back from `date`.
    public func days(before date: CalendarDate) -> Int {
        date.lastDayNumber - Days.number(start(before: date))
    }
}
