import Foundation
import ParleyModel

/// Everything on an issue (and its sub-issues) in date order: statements, agreement steps and
/// dispute steps, each change of a party's stance marked old → new. A party's history includes
/// what others claimed it holds, marked "according to" the speaker.
public struct HistoryReport: Renderable, Hashable {
    public var issue: String
    public var party: String?
    public var events: [HistoryEvent]
    public var notes: [ReportNote]
    /// What the timeline is drawn from: the statements, and the agreements and disputes on the
    /// issue; and how old a position may be before it is drawn faded.
    public var statements: [DatedStatement]
    public var agreements: [Agreement]
    public var disputes: [Dispute]
    public var staleAfter: StaleWindow

    public init(
        issue: String, party: String?, statements: [DatedStatement], agreements: [Agreement], disputes: [Dispute],
        staleAfter: StaleWindow = .standard
    ) {
        self.issue = issue
        self.party = party
        self.statements = statements
        self.staleAfter = staleAfter
        let relevantAgreements = agreements.filter { a in
            a.issues.contains { Identifier.issue($0, isWithin: issue) } && (party.map(a.involves) ?? true)
        }
        let relevantDisputes = disputes.filter { d in
            d.issues.contains { Identifier.issue($0, isWithin: issue) } && (party.map(d.involves) ?? true)
        }
        self.agreements = relevantAgreements
        self.disputes = relevantDisputes
        events = IssueHistory.events(statements: statements, agreements: relevantAgreements, disputes: relevantDisputes)
        notes = [
            ReportNote.statements(statements),
            ReportNote.sourceDated(
                statements: statements,
                steps: relevantAgreements.flatMap { $0.history.map(\.onIsSourceDate) }
                    + relevantDisputes.flatMap { $0.history.map(\.onIsSourceDate) }),
        ].compactMap { $0 }
    }

    var heading: String { "History of \(issue)" + (party.map { " for \($0)" } ?? "") }

    static func change(_ change: StanceChange, _ statement: Statement) -> String {
        let stance = statement.stance
        switch change {
        case .first: return "first position: \(stance)"
        case .restated: return "restated: \(stance)"
        case .changed(let from): return "CHANGED: \(from) → \(stance)"
        case .retracted:
            return "RETRACTED: \(stance)" + (statement.retraction.map { " (\(Describe.retraction($0)))" } ?? "")
        case .claim: return "claimed position: \(stance)"
        }
    }

    /// Whose position and who said it: `armenia (pashinyan)`, or for a claim about a party
    /// `armenia according to azerbaijan (aliyev via the press service)`.
    static func who(_ statement: Statement) -> String {
        let speaker = Describe.speaker(statement).map { " (\($0))" } ?? ""
        if let about = statement.about { return "\(about) according to \(statement.party)\(speaker)" }
        return statement.party + speaker
    }

    static func changeKind(_ change: StanceChange) -> String {
        switch change {
        case .first: return "first"
        case .restated: return "restated"
        case .changed: return "changed"
        case .retracted: return "retracted"
        case .claim: return "claim"
        }
    }

    /// The event's date, marked when it is its source's.
    static func date(_ event: HistoryEvent) -> String {
        switch event {
        case .statement(let dated, _):
            return event.date.description + (dated.statement.said == nil ? ReportNote.sourceDateMark : "")
        case .agreementStep(_, let step):
            return event.date.description + (step.onIsSourceDate ? ReportNote.sourceDateMark : "")
        case .disputeStep(_, let step):
            return event.date.description + (step.onIsSourceDate ? ReportNote.sourceDateMark : "")
        }
    }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if events.isEmpty { out.append("Nothing recorded on this issue yet.") }
        // Dates, some marked *, then a space.
        let width = max(11, (events.map { Self.date($0).count }.max() ?? 0) + 1)
        let indent = String(repeating: " ", count: width)
        for event in events {
            let date = Self.date(event).padded(to: width)
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                let header = TextLayout.hanging(
                    date,
                    "#\(dated.sequence) " + Self.who(s) + " on \(s.issue): \(s.kind.rawValue), "
                        + Self.change(change, s),
                    width: style.width)
                switch change {
                case .changed: out.append(style.red(header))
                case .retracted, .claim: out.append(style.dim(header))
                default: out.append(header)
                }
                out.append(
                    TextLayout.hanging(
                        indent, s.summary + (Describe.quote(dated).map { " " + $0 } ?? ""), width: style.width))
                out.append(
                    style.dim(
                        TextLayout.hanging(
                            indent, "source \(s.source) (\(dated.sourceDate))", width: style.width)))
            case .agreementStep(let a, let step):
                out.append(
                    TextLayout.hanging(
                        "\(date)",
                        "agreement \(a.id): \(Describe.step(step)) (source \(step.source))"
                            + (step.note.map { " - \($0)" } ?? ""), width: style.width))
            case .disputeStep(let d, let step):
                out.append(
                    TextLayout.hanging(
                        "\(date)",
                        "dispute \(d.id): \(Describe.step(step)) (source \(step.source))"
                            + (step.note.map { " - \($0)" } ?? ""), width: style.width))
            }
        }
        if !notes.isEmpty { out.append("") }
        out += notes.textLines(style)
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if events.isEmpty { return (out + ["Nothing recorded on this issue yet.", ""]).joined(separator: "\n") }
        let rows = events.map { event -> [String] in
            switch event {
            case .statement(let dated, let change):
                let s = dated.statement
                let what =
                    (change == .first || change == .restated || change == .claim)
                    ? Self.change(change, s) : "**\(Markdown.escape(Self.change(change, s)))**"
                return [
                    Markdown.escape(Self.date(event)), "#\(dated.sequence) " + Markdown.escape(Self.who(s)),
                    s.issue,
                    "\(s.kind.rawValue): \(what)",
                    Markdown.escape(s.summary + (Describe.quote(dated).map { " " + $0 } ?? "")), s.source,
                ]
            case .agreementStep(let a, let step):
                return [
                    Markdown.escape(Describe.on(step)), a.parties.joined(separator: ", "), a.issue,
                    "agreement `\(a.id)`: \(Markdown.escape(Describe.step(step)))",
                    Markdown.escape(step.note ?? a.title),
                    step.source,
                ]
            case .disputeStep(let d, let step):
                return [
                    Markdown.escape(Describe.on(step)), d.parties.joined(separator: ", "), d.issue,
                    "dispute `\(d.id)`: \(Markdown.escape(Describe.step(step)))", Markdown.escape(step.note ?? d.title),
                    step.source,
                ]
            }
        }
        out.append(Markdown.table(["date", "who", "issue", "event", "details", "source"], rows))
        out.append("")
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "issue": .string(issue), "party": .optional(party),
            "events": .array(
                events.map { event in
                    switch event {
                    case .statement(let dated, let change):
                        var previous: JSONValue = .null
                        if case .changed(let from) = change { previous = .string(from) }
                        return [
                            "type": "statement", "date": .date(event.date), "change": .string(Self.changeKind(change)),
                            "previous_stance": previous, "statement": dated.jsonValue,
                        ]
                    case .agreementStep(let a, let step):
                        return [
                            "type": "agreement-step", "date": .date(step.on), "agreement": .string(a.id),
                            "step": Describe.stepJSON(step),
                        ]
                    case .disputeStep(let d, let step):
                        return [
                            "type": "dispute-step", "date": .date(step.on), "dispute": .string(d.id),
                            "step": Describe.stepJSON(step),
                        ]
                    }
                }),
            "notes": notes.json,
        ]
    }
}
