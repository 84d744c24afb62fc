import ParleyModel

/// An issue's timeline as inline SVG: one lane per party, time left to right, a bar per stance
/// coloured by its label, a mark for every statement (its summary, date and source in a
/// `<title>` shown on hover), agreement and dispute steps on a lane of their own, month- and
/// year-precise dates drawn as the span of their period, and stretches where a position has gone
/// stale (older than the window) drawn faded.
enum Timeline {
    static let width = 960.0
    static let left = 150.0
    static let right = 16.0
    static let laneHeight = 28.0
    static let top = 24.0

    /// A step of an agreement or a dispute, as the timeline marks it.
    struct StepMark {
        var date: CalendarDate
        /// What the mark's tooltip says: `agreement rail-link: pledged`.
        var text: String
        /// The label written beside the mark: `rail-link pledged`.
        var label: String
        var fromSource: Bool
    }

    /// The steps of `agreements` and `disputes` known as of `end`.
    static func steps(agreements: [Agreement], disputes: [Dispute], end: CalendarDate?) -> [StepMark] {
        agreements.flatMap { a in
            a.steps(asOf: end).map {
                StepMark(
                    date: $0.on, text: "agreement \(a.id): \(Describe.step($0))",
                    label: "\(a.id) \($0.status.rawValue)",
                    fromSource: $0.onIsSourceDate)
            }
        }
            + disputes.flatMap { d in
                d.steps(asOf: end).map {
                    StepMark(
                        date: $0.on, text: "dispute \(d.id): \(Describe.step($0))",
                        label: "\(d.id) \($0.status.rawValue)",
                        fromSource: $0.onIsSourceDate)
                }
            }
    }

    /// The days (first, last) the events span: the dates of the statements that stand and of the
    /// steps. Several timelines drawn with one span share their time axis.
    static func span(statements: [DatedStatement], steps: [StepMark]) -> (first: Int, last: Int)? {
        let dates = statements.filter { !$0.statement.isRetracted }.map(\.effectiveDate) + steps.map(\.date)
        guard let first = dates.map(\.firstDayNumber).min(), let last = dates.map(\.lastDayNumber).max() else {
            return nil
        }
        return (first, last)
    }

    /// The SVG for `issue`, from its parties' own statements (claims about a party are marked in
    /// its lane, hollow) and the steps of the agreements and disputes on it (each labelled). `end`
    /// is the right edge (the report's date, or the last event); `axis` the days to show, shared
    /// with the timelines beside it (nil: this one's own events).
    static func svg(
        issue: String, statements: [DatedStatement], agreements: [Agreement], disputes: [Dispute],
        window: StaleWindow, end: CalendarDate?, colours: LabelColours, moves: [Int64: NamedMove] = [:],
        axis: (first: Int, last: Int)? = nil, name: (String) -> String = { $0 }
    ) -> HTML {
        let standing = statements.filter { !$0.statement.isRetracted }
        let steps = Self.steps(agreements: agreements, disputes: disputes, end: end)
        guard let own = span(statements: standing, steps: steps) else { return "" }
        let first = min(own.first, axis?.first ?? own.first)
        var last = max(own.last, axis?.last ?? own.last)
        if let end { last = max(last, end.lastDayNumber) }
        // A little room on either side, and at least a month shown.
        let span = max(30, last - first)
        let start = first - span / 40
        let stop = last + span / 40
        func x(_ day: Int) -> Double {
            left + (width - left - right) * Double(day - start) / Double(max(1, stop - start))
        }

        // A party's lane holds its own statements and the claims others make about it.
        let byLane = Dictionary(grouping: standing) { $0.statement.about ?? $0.statement.party }
        let parties = byLane.keys.sorted()
        let lanes = parties + (steps.isEmpty ? [] : ["agreements & disputes"])
        let height = top + laneHeight * Double(lanes.count) + 8
        // On a narrow screen the timeline keeps a legible size and scrolls sideways.
        var out: HTML = """
            <div class="scroll"><svg class="timeline" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" \
            aria-label="Timeline of \(issue): one lane per party">
            <title>Timeline of \(issue)</title>

            """
        // Ticks: years, or months when the timeline spans less than three years.
        let firstDay = CalendarDate.day(number: start)
        let lastDay = CalendarDate.day(number: stop)
        var ticks: [(day: Int, label: String)] = []
        if lastDay.year - firstDay.year >= 3 {
            let every = max(1, (lastDay.year - firstDay.year + 1) / 10)
            for year in stride(from: firstDay.year, through: lastDay.year, by: every) {
                if let day = try? CalendarDate(year: year, month: 1, day: 1).firstDayNumber {
                    ticks.append((day, "\(year)"))
                }
            }
        } else {
            let months = (lastDay.year - firstDay.year) * 12 + (lastDay.month ?? 1) - (firstDay.month ?? 1) + 1
            let every = max(1, months / 8)
            var index = 0
            while index <= months {
                let total = firstDay.year * 12 + (firstDay.month ?? 1) - 1 + index
                if let date = try? CalendarDate(year: total / 12, month: total % 12 + 1, day: 1) {
                    ticks.append((date.firstDayNumber, date.description.prefix(7).description))
                }
                index += every
            }
        }
        ticks = ticks.filter { $0.day >= start && $0.day <= stop }
        if ticks.count < 2 {
            // Too short a span for ticks: the first and last dates at the ends.
            ticks = [
                (first, CalendarDate.day(number: first).description),
                (last, CalendarDate.day(number: last).description),
            ]
            if first == last { ticks.removeLast() }
        }
        for tick in ticks {
            let position = x(tick.day)
            out +=
                "<line x1=\"\(f(position))\" y1=\"\(f(top - 6))\" x2=\"\(f(position))\" y2=\"\(f(height - 8))\" "
                + "stroke=\"#d1d9e0\"/>"
            let anchor: HTML = position > width - 80 ? " text-anchor=\"end\"" : ""
            out +=
                "<text x=\"\(f(position + (anchor.isEmpty ? 2 : -2)))\" y=\"\(f(top - 10))\" fill=\"#59636e\"\(anchor)>"
                + "\(tick.label)</text>\n"
        }
        let windowDays = max(1, window.days(before: CalendarDate.day(number: last)))
        for (index, party) in lanes.enumerated() {
            let y = top + laneHeight * Double(index)
            // Party lanes are `lane`; the agreements and disputes lane is `steps-lane`.
            out += index < parties.count ? "<g class=\"lane\" data-party=\"\(party)\">" : "<g class=\"steps-lane\">"
            let label = index < parties.count ? name(party) : party
            out += "<text x=\"4\" y=\"\(f(y + laneHeight / 2 + 4))\">\(label)</text>"
            out +=
                "<line x1=\"\(f(left))\" y1=\"\(f(y + laneHeight / 2))\" x2=\"\(f(width - right))\" "
                + "y2=\"\(f(y + laneHeight / 2))\" stroke=\"#eaeef2\"/>\n"
            if index == parties.count {
                for step in steps {
                    out += mark(
                        step.date, y: y, x: x, colour: "#444", hollow: false,
                        title: step.text + " — " + step.date.description + (step.fromSource ? "*" : ""))
                }
                // Each step labelled; steps on one day share a label.
                var labels: [(x: Double, text: [String])] = []
                for step in steps.sorted(by: { $0.date.firstDayNumber < $1.date.firstDayNumber }) {
                    let at = x(step.date.firstDayNumber)
                    if let lastLabel = labels.last, abs(lastLabel.x - at) < 1 {
                        if !lastLabel.text.contains(step.label) { labels[labels.count - 1].text.append(step.label) }
                    } else {
                        labels.append((at, [step.label]))
                    }
                }
                for label in labels {
                    let end = label.x > width - 240
                    let anchor: HTML = end ? " text-anchor=\"end\"" : ""
                    out +=
                        "<text class=\"step-label\" x=\"\(f(label.x + (end ? -8 : 8)))\" y=\"\(f(y + laneHeight / 2 + 4))\""
                        + "\(anchor)>\(label.text.joined(separator: " · "))</text>\n"
                }
                out += "</g>\n"
                continue
            }
            let lane = byLane[party] ?? []
            let own = lane.filter { $0.statement.about == nil }.sorted { $1.isLater(than: $0) }
            // A bar per stance: from a statement to the next one (or the right edge); past the
            // window after its latest statement, faded.
            for (position, dated) in own.enumerated() {
                let from = dated.effectiveDate.firstDayNumber
                let to = position + 1 < own.count ? own[position + 1].effectiveDate.firstDayNumber : last
                guard to >= from else { continue }
                let colour = colours.colour(dated.statement.stance)
                let staleFrom = dated.effectiveDate.lastDayNumber + windowDays
                let fresh = min(to, staleFrom)
                let label = "\(dated.statement.stance) from \(dated.effectiveDate)"
                out += bar(from, fresh, y: y, x: x, colour: colour, opacity: 0.85, title: label)
                if staleFrom < to {
                    out += bar(staleFrom, to, y: y, x: x, colour: colour, opacity: 0.25, title: label + " (stale)")
                }
            }
            for dated in own {
                let move = moves[dated.sequence].map { " (\($0.move.words))" } ?? ""
                out += mark(
                    dated.effectiveDate, y: y, x: x, colour: colours.colour(dated.statement.stance), hollow: false,
                    title: "#\(dated.sequence) \(dated.statement.stance)\(move)"
                        + "\(Describe.conditions(dated.statement)): \(dated.statement.summary) — "
                        + "\(Describe.said(dated)), source \(dated.statement.source)")
            }
            for claim in lane where claim.statement.about != nil {
                out += mark(
                    claim.effectiveDate, y: y, x: x, colour: colours.colour(claim.statement.stance), hollow: true,
                    title: "#\(claim.sequence) according to \(name(claim.statement.party)): "
                        + "\(claim.statement.stance) — "
                        + "\(claim.statement.summary) (\(Describe.said(claim)), source \(claim.statement.source))")
            }
            out += "</g>\n"
        }
        return out + "</svg></div>\n" + legend(standing, colours: colours, steps: !steps.isEmpty)
    }

    /// The timeline's key: each stance label on it, in its colour (in the order first taken), and
    /// what the marks mean.
    static func legend(_ statements: [DatedStatement], colours: LabelColours, steps: Bool) -> HTML {
        var labels: [String] = []
        for dated in statements.sorted(by: { $1.isLater(than: $0) }) where !labels.contains(dated.statement.stance) {
            labels.append(dated.statement.stance)
        }
        var out: HTML = "<figcaption class=\"legend\"><span class=\"muted\">Labels:</span> "
        out += labels.map { colours.chip($0) }.joined(separator: " ")
        out +=
            "<br><span class=\"muted\">● a statement; ○ a claim by another party; a bar the position held, faded once "
            + "stale; a wide mark a month or a year"
        out += steps ? "; the last lane the agreements' and disputes' steps.</span>" : ".</span>"
        return out + "</figcaption>\n"
    }

    static func f(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func bar(
        _ from: Int, _ to: Int, y: Double, x: (Int) -> Double, colour: String, opacity: Double, title: String
    ) -> HTML {
        let width = max(1, x(to) - x(from))
        return "<rect x=\"\(f(x(from)))\" y=\"\(f(y + 9))\" width=\"\(f(width))\" height=\"10\" fill=\"\(colour)\" "
            + "fill-opacity=\"\(String(opacity))\"><title>\(title)</title></rect>"
    }

    /// A statement or a step: a dot for a day, a bracket the width of its period for a month or a
    /// year.
    static func mark(
        _ date: CalendarDate, y: Double, x: (Int) -> Double, colour: String, hollow: Bool, title: String
    ) -> HTML {
        let middle = y + laneHeight / 2
        let fill = hollow ? "#fff" : colour
        let titleTag: HTML = "<title>\(title)</title>"
        if date.precision == .day {
            return "<circle class=\"mark\" cx=\"\(f(x(date.firstDayNumber)))\" cy=\"\(f(middle))\" r=\"4.5\" "
                + "fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"1.5\">\(titleTag)</circle>\n"
        }
        let from = x(date.firstDayNumber)
        let width = max(4, x(date.lastDayNumber) - from)
        return "<rect class=\"mark\" x=\"\(f(from))\" y=\"\(f(middle - 5))\" width=\"\(f(width))\" height=\"10\" "
            + "rx=\"5\" fill=\"\(fill)\" fill-opacity=\"0.6\" stroke=\"\(colour)\" stroke-width=\"1.5\">\(titleTag)</rect>\n"
    }
}
