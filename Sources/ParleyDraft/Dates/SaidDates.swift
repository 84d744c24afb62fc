import ParleyModel

/// A date phrase found in an article, resolved against the publication date.
struct DatePhrase {
    var range: Range<Int>
    var date: CalendarDate
    /// The phrase as written: "on Tuesday", "last week".
    var evidence: String
}

/// Finds the phrases that date a remark and resolves them against the day the article was
/// published. A day named without a year is the latest such day on or before publication, never
/// after; "last week" and "in July" are month-precise; nothing is ever after publication.
struct SaidDates {
    let published: CalendarDate

    static let weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december",
    ]

    /// The publication day as a day number, and its weekday (0 = Monday).
    var publishedDay: Int { published.lastDayNumber }

    static func weekday(ofDay number: Int) -> Int {
        return ((number - mondayReference) % 7 + 7) % 7
    }

    /// 1 January of the year 1 (proleptic Gregorian), the first day Parley counts, was a Monday.
    static let mondayReference = CalendarDate.earliest.firstDayNumber

    func month(_ year: Int, _ month: Int) -> CalendarDate? { try? CalendarDate(year: year, month: month) }

    /// Every dating phrase among `words` of the article.
    func phrases(in article: ArticleText, _ words: Words) -> [DatePhrase] {
        var found: [DatePhrase] = []
        for i in 0..<words.count {
            guard let (from, to, date) = phrase(at: i, words), date.startKey <= published.endKey else { continue }
            // Never after publication (a month or a year may run past it, but starts before).
            let span = words.ranges[from].lowerBound..<words.ranges[to].upperBound
            found.append(DatePhrase(range: span, date: date, evidence: article.string(span)))
        }
        return found
    }

    /// The dating phrase whose head is word `i` ("Tuesday", "yesterday", "week", "December"):
    /// its first and last words and its date.
    private func phrase(at i: Int, _ words: Words) -> (Int, Int, CalendarDate)? {
        let w = words.lower[i]
        let previous = i > 0 ? words.lower[i - 1] : ""
        let p = published
        let day = publishedDay
        // "on Tuesday", "last Tuesday", "Tuesday's meeting"
        let bare = w.hasSuffix("'s") || w.hasSuffix("’s") ? String(w.dropLast(2)) : w
        if let weekday = Self.weekdays.firstIndex(of: bare) {
            var back = (Self.weekday(ofDay: day) - weekday + 7) % 7
            if previous == "last" && back == 0 { back = 7 }
            return (previous == "on" || previous == "last" ? i - 1 : i, i, CalendarDate.day(number: day - back))
        }
        func dated(_ from: Int, _ date: CalendarDate?) -> (Int, Int, CalendarDate)? { date.map { (from, i, $0) } }
        switch w {
        case "yesterday":
            return dated(i, CalendarDate.day(number: day - 1))
        case "today", "tonight":
            return dated(previous == "earlier" ? i - 1 : i, p.precision == .day ? p : nil)
        case "week" where previous == "last":
            return dated(i - 1, monthOf(day: day - 7))
        case "week" where previous == "this" && (i >= 2 && words.lower[i - 2] == "earlier"):
            return dated(i - 2, monthOf(day: day))
        case "month" where previous == "last":
            return dated(i - 1, p.month.flatMap { $0 == 1 ? month(p.year - 1, 12) : month(p.year, $0 - 1) })
        case "month" where previous == "this":
            return dated(
                i >= 2 && words.lower[i - 2] == "earlier" ? i - 2 : i - 1, p.month.flatMap { month(p.year, $0) })
        case "year" where previous == "last":
            return dated(i - 1, try? CalendarDate(year: p.year - 1))
        case "morning", "afternoon",
            "evening" where previous == "this":
            return dated(i - 1, p.precision == .day ? p : nil)
        default:
            if let m = monthIndex(bare) { return monthPhrase(m, at: i, words) }
            if previous == "in", let y = Int(w), (1000...9999).contains(y), y <= p.year {
                return dated(i - 1, try? CalendarDate(year: y))
            }
            return nil
        }
    }

    /// "14 December", "December 14", "14 December 2021", "December 14, 2021", "in July (2021)",
    /// with the month `m` at word `i`.
    private func monthPhrase(_ m: Int, at i: Int, _ words: Words) -> (Int, Int, CalendarDate)? {
        let previous = i > 0 ? words.lower[i - 1] : ""
        let next = i + 1 < words.count ? words.lower[i + 1] : ""
        func year(at k: Int) -> Int? {
            guard k < words.count, let y = Int(words.lower[k]), (1000...9999).contains(y) else { return nil }
            return y
        }
        if let d = i > 0 ? Int(previous) : nil, (1...31).contains(d) {
            let yearIndex = year(at: i + 1)
            let start = i >= 2 && words.lower[i - 2] == "on" ? i - 2 : i - 1
            return resolveDay(m, d, yearIndex).map { (start, yearIndex != nil ? i + 1 : i, $0) }
        }
        if let d = Int(next.trimmingCharacters(in: ["s", "t", "n", "d", "r", "h", ","])), (1...31).contains(d),
            !next.isEmpty, Self.isDigitWord(next)
        {
            let yearIndex = year(at: i + 2)
            return resolveDay(m, d, yearIndex).map {
                (previous == "on" ? i - 1 : i, yearIndex != nil ? i + 2 : i + 1, $0)
            }
        }
        guard ["in", "since", "early", "late", "mid"].contains(previous) else { return nil }
        if let y = year(at: i + 1) { return (try? CalendarDate(year: y, month: m)).map { (i - 1, i + 1, $0) } }
        let y = m <= (published.month ?? 12) ? published.year : published.year - 1
        return (try? CalendarDate(year: y, month: m)).map { (i - 1, i, $0) }
    }

    static func isDigitWord(_ word: String) -> Bool { word.first.map(\.isNumber) ?? false }

    /// "july" → 7. (Words never hold a full stop, so "Dec." is not a month.)
    func monthIndex(_ word: String) -> Int? { Self.months.firstIndex(of: word).map { $0 + 1 } }

    func monthOf(day number: Int) -> CalendarDate? {
        let date = CalendarDate.day(number: number)
        return month(date.year, date.month ?? 1)
    }

    /// A day and month, in `year` or else the latest on or before publication.
    func resolveDay(_ month: Int, _ day: Int, _ year: Int?) -> CalendarDate? {
        if let year { return try? CalendarDate(year: year, month: month, day: day) }
        for year in [published.year, published.year - 1] {
            if let date = try? CalendarDate(year: year, month: month, day: day), date.endKey <= published.endKey {
                return date
            }
        }
        return nil
    }
}
