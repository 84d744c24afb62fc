import ParleyModel

/// A note a report adds for its reader, kept as a value so that every format words it the same
/// way and no front end's vocabulary (a command, a flag) leaks into a report.
public enum ReportNote: Hashable, Sendable {
    /// A date of the report that is not day-precise, read as the last day of its period.
    case impreciseDate(CalendarDate, role: DateRole)
    /// How many of the statements shown have month- or year-precise dates.
    case impreciseStatements(count: Int)
    /// A diff compares the positions held at its two dates, not the moves in between.
    case diffComparesEndpoints
    /// The legend of the `*` mark: a date that is its source's publication date.
    case sourceDated
    /// How old a position may be before it is stale, and the day ages are counted from; `given`
    /// says whether that day is the report's date or the latest date in the case.
    case stale(window: StaleWindow, reference: CalendarDate, given: Bool, perIssue: Bool)
    /// The report shows the case as it was recorded by a moment; `importedAfter`, when records
    /// were imported after it from a file that keeps no earlier values of corrected statements.
    case knownAsOf(KnownAsOf, importedAfter: String?)
    /// Statements with conditions are shown with whether each condition holds as of the date.
    case conditions

    /// Which date of a report a note is about.
    public enum DateRole: Hashable, Sendable {
        /// The date a report is taken as of.
        case asOf
        /// The earlier date of a diff.
        case from
        /// The later date of a diff.
        case to
    }

    /// The note's wording, the same in every format.
    public var text: String {
        switch self {
        case .impreciseDate(let date, let role):
            let name: String
            switch role {
            case .asOf: name = "The date"
            case .from: name = "The earlier date"
            case .to: name = "The later date"
            }
            return
                "\(name) \(date) is \(date.precision.rawValue)-precise and is read as its last day, \(date.lastDay): "
                + "statements dated within it count as on or before it."
        case .impreciseStatements(let count):
            let (have, dates) = count == 1 ? ("statement has a", "date") : ("statements have", "dates")
            return "\(count) \(have) month- or year-precise \(dates), "
                + "placed at the end of that period: such a statement is not taken to precede any day within it."
        case .sourceDated:
            return "\(Self.sourceDateMark) marks a date taken from the source's publication date: "
                + "the statement or step gave none of its own."
        case .stale(let window, let reference, let given, let perIssue):
            let day = given ? "the report's date" : "the latest date in the case"
            return "A position is marked stale when its latest statement is more than \(window.spoken)"
                + (perIssue ? " (or its issue's own window)" : "") + " older than \(reference) (\(day)), "
                + "with its age in days: it is shown, but does not alone make an apparent dispute."
        case .diffComparesEndpoints:
            return "A change is judged on the positions held at the two dates; "
                + "a party that moved and came back in between shows as restated (its history shows every move)."
        case .knownAsOf(let moment, let importedAfter):
            return "As recorded by \(moment.through): statements and steps recorded later are left out, and "
                + "corrections and retractions made later are undone."
                + (importedAfter.map {
                    " Records imported at \($0) came from a file that keeps no earlier values of corrected "
                        + "statements: those show as corrected."
                } ?? "")
        case .conditions:
            return "A condition holds when the party it names holds that stance (or one of its side) on that "
                + "issue as of the date; \"no position\" when that party has none there."
        }
    }

    /// The mark after a date taken from its source.
    public static let sourceDateMark = "*"

    /// The legend of the `*` mark, when any of the dates shown is a source's.
    static func sourceDated(statements: some Sequence<DatedStatement>, steps: some Sequence<Bool> = [Bool]())
        -> ReportNote?
    {
        statements.contains { $0.statement.said == nil } || steps.contains(true) ? .sourceDated : nil
    }

    /// The staleness note, when any position shown is stale.
    static func stale(_ snapshot: Snapshot, shown: some Sequence<Position>) -> ReportNote? {
        stale(snapshot, anyShown: shown.contains(where: snapshot.isStale))
    }

    /// The staleness note, when `anyShown` says a position shown is stale.
    static func stale(_ snapshot: Snapshot, anyShown: Bool) -> ReportNote? {
        guard let staleness = snapshot.staleness, anyShown else { return nil }
        return .stale(
            window: staleness.window, reference: staleness.reference, given: snapshot.asOf != nil,
            perIssue: !staleness.issueWindows.isEmpty)
    }

    /// The note on `date`, when it is not day-precise.
    static func date(_ date: CalendarDate?, _ role: DateRole) -> ReportNote? {
        guard let date, date.precision != .day else { return nil }
        return .impreciseDate(date, role: role)
    }

    /// The note on the statements among `statements` with imprecise dates, if there are any.
    static func statements(_ statements: some Sequence<DatedStatement>) -> ReportNote? {
        var count = 0
        for statement in statements where isImprecise(statement) { count += 1 }
        return Self.statements(imprecise: count)
    }

    /// Whether the note on imprecise dates counts `statement`.
    static func isImprecise(_ statement: DatedStatement) -> Bool { statement.effectiveDate.precision != .day }

    /// The note on `count` statements with imprecise dates, if there are any.
    static func statements(imprecise count: Int) -> ReportNote? {
        count > 0 ? .impreciseStatements(count: count) : nil
    }
}

/// A report that may show the case as it was recorded by a moment (`--known-as-of`).
public protocol KnowingReport {
    /// The moment the case is shown as recorded by; nil for everything recorded.
    var knownAsOf: KnownAsOf? { get set }
    var notes: [ReportNote] { get set }
}

extension KnowingReport {
    /// The report, saying it shows the case as recorded by `moment` (and that records imported
    /// after it show their corrected values, when `importedAfter` is the time of such an import).
    public func known(as moment: KnownAsOf?, importedAfter: String? = nil) -> Self {
        guard let moment else { return self }
        var report = self
        report.knownAsOf = moment
        report.notes.append(.knownAsOf(moment, importedAfter: importedAfter))
        return report
    }

    /// ` (as recorded by 2024-02-01)` for a heading, or nothing.
    var knownSuffix: String { knownAsOf.map { " (as recorded by \($0.given))" } ?? "" }
}
