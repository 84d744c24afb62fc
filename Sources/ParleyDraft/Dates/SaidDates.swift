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
        var i = 0
        let p = published
        let day = publishedDay
        func add(_ from: Int, _ to: Int, _ date: CalendarDate?) {
            // Never after publication (a month or a year may run past it, but starts before).
            guard let date, date.startKey <= p.endKey else { return }
            let span = words.ranges[from].lowerBound..<words.ranges[to].upperBound
            found.append(DatePhrase(range: span, date: date, evidence: article.string(span)))
        }
        while i < words.count {
            let w = words.lower[i]
            let previous = i > 0 ? words.lower[i - 1] : ""
            let next = i + 1 < words.count ? words.lower[i + 1] : ""
            // "on Tuesday", "last Tuesday", "Tuesday's meeting"
            let bare = w.hasSuffix("'s") || w.hasSuffix("’s") ? String(w.dropLast(2)) : w
            if let weekday = Self.weekdays.firstIndex(of: bare) {
                let strictlyBefore = previous == "last"
                var back = (Self.weekday(ofDay: day) - weekday + 7) % 7
                if strictlyBefore && back == 0 { back = 7 }
                let start = previous == "on" || previous == "last" ? i - 1 : i
                add(start, i, CalendarDate.day(number: day - back))
                i += 1
                continue
            }
            switch w {
            case "yesterday":
                add(i, i, CalendarDate.day(number: day - 1))
            case "today", "tonight":
                add(previous == "earlier" ? i - 1 : i, i, p.precision == .day ? p : nil)
            case "week" where previous == "last":
                add(i - 1, i, monthOf(day: day - 7))
            case "week" where previous == "this" && (i >= 2 && words.lower[i - 2] == "earlier"):
                add(i - 2, i, monthOf(day: day))
            case "month" where previous == "last":
                add(i - 1, i, p.month.flatMap { $0 == 1 ? month(p.year - 1, 12) : month(p.year, $0 - 1) })
            case "month" where previous == "this":
                let start = i >= 2 && words.lower[i - 2] == "earlier" ? i - 2 : i - 1
                add(start, i, p.month.flatMap { month(p.year, $0) })
            case "year" where previous == "last":
                add(i - 1, i, try? CalendarDate(year: p.year - 1))
            case "morning", "afternoon",
                "evening" where previous == "this":
                add(i - 1, i, p.precision == .day ? p : nil)
            default:
                if let m = monthIndex(bare) {
                    // "14 December", "December 14", "14 December 2021", "December 14, 2021", "in July (2021)"
                    let dayBefore = i > 0 ? Int(previous) : nil
                    let dayAfter = Int(next.trimmingCharacters(in: ["s", "t", "n", "d", "r", "h", ","]))
                    var yearIndex: Int?
                    if let d = dayBefore, (1...31).contains(d) {
                        if i + 1 < words.count, let y = Int(next), (1000...9999).contains(y) { yearIndex = y }
                        let start = i >= 2 && words.lower[i - 2] == "on" ? i - 2 : i - 1
                        let end = yearIndex != nil ? i + 1 : i
                        add(start, end, resolveDay(m, d, yearIndex))
                    } else if let d = dayAfter, (1...31).contains(d), !next.isEmpty, Self.isDigitWord(next) {
                        if i + 2 < words.count, let y = Int(words.lower[i + 2]), (1000...9999).contains(y) {
                            yearIndex = y
                        }
                        let start = previous == "on" ? i - 1 : i
                        let end = yearIndex != nil ? i + 2 : i + 1
                        add(start, end, resolveDay(m, d, yearIndex))
                    } else if previous == "in" || previous == "since" || previous == "early" || previous == "late"
                        || previous == "mid"
                    {
                        if let y = Int(next), (1000...9999).contains(y) {
                            add(i - 1, i + 1, try? CalendarDate(year: y, month: m))
                        } else {
                            let year = m <= (p.month ?? 12) ? p.year : p.year - 1
                            add(i - 1, i, try? CalendarDate(year: year, month: m))
                        }
                    }
                } else if previous == "in", let y = Int(w), (1000...9999).contains(y), y <= p.year {
                    add(i - 1, i, try? CalendarDate(year: y))
                }
            }
            i += 1
        }
        return found
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
