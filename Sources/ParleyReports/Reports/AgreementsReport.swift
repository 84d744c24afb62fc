import Foundation
import ParleyModel

/// Each agreement that exists as of a date, with its parties, mediators, current status and dated
/// history up to that date.
public struct AgreementsReport: Renderable, Hashable {
    /// One agreement as of the date.
    public struct Entry: Hashable, Sendable {
        public var agreement: Agreement
        public var current: AgreementStep
        /// The steps on or before the date, in date order.
        public var history: [AgreementStep]
    }

    public var asOf: CalendarDate?
    public var entries: [Entry]
    public var notes: [ReportNote]

    public init(snapshot: Snapshot) {
        asOf = snapshot.asOf
        entries = snapshot.agreements.map { state in
            Entry(
                agreement: state.agreement, current: state.current,
                history: state.agreement.history.filter { step in snapshot.asOf.map { step.on.isOnOrBefore($0) } ?? true
                })
        }
        notes = [ReportNote.date(asOf, .asOf)].compactMap { $0 }
    }

    var heading: String { "Agreements" + (asOf.map { " as of \($0)" } ?? "") }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if entries.isEmpty { out.append("No agreements recorded.") }
        for e in entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: asOf)
            out.append(style.bold(TextLayout.hanging("", "\(a.id): \(a.title)", width: style.width)))
            out.append(
                style.yellow(
                    TextLayout.hanging(
                        "  ",
                        "status \(e.current.status.rawValue) since \(Describe.date(e.current.on)) · issue \(a.issue)",
                        width: style.width)))
            out.append(
                TextLayout.hanging(
                    "  ",
                    "parties: \(parties.joined(separator: ", "))"
                        + (mediators.isEmpty ? "" : " · mediators: \(mediators.joined(separator: ", "))"),
                    width: style.width))
            if let terms = a.terms { out.append(TextLayout.hanging("  terms: ", terms, width: style.width)) }
            for step in e.history {
                let note = step.note.map { " - \($0)" } ?? ""
                out.append(
                    TextLayout.hanging(
                        "    \(step.on.description.padded(to: 10))  ",
                        "\(Describe.step(step)) (source \(step.source))\(note)", width: style.width))
            }
            out.append("")
        }
        out += notes.textLines(style)
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if entries.isEmpty { out += ["No agreements recorded.", ""] }
        for e in entries {
            let a = e.agreement
            let (parties, mediators) = a.members(asOf: asOf)
            out += ["## \(Markdown.escape(a.title)) (`\(a.id)`)", ""]
            out.append("- Status: **\(e.current.status.rawValue)** since \(Describe.date(e.current.on))")
            out.append("- Issue: `\(a.issue)`")
            out.append("- Parties: \(parties.joined(separator: ", "))")
            if !mediators.isEmpty { out.append("- Mediators: \(mediators.joined(separator: ", "))") }
            if let terms = a.terms { out.append("- Terms: \(Markdown.escape(terms))") }
            out.append("")
            out.append(
                Markdown.table(
                    ["date", "status", "source", "note"],
                    e.history.map {
                        [
                            $0.on.description, Markdown.escape(Describe.step($0)), $0.source,
                            Markdown.escape($0.note ?? ""),
                        ]
                    }))
            out.append("")
        }
        out += notes.markdownLines
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "as_of": .date(asOf),
            "agreements": .array(
                entries.map { e in
                    let (parties, mediators) = e.agreement.members(asOf: asOf)
                    return [
                        "id": .string(e.agreement.id), "title": .string(e.agreement.title),
                        "issue": .string(e.agreement.issue),
                        "terms": .optional(e.agreement.terms),
                        "parties": .array(parties.map { .string($0) }),
                        "mediators": .array(mediators.map { .string($0) }),
                        "status": .string(e.current.status.rawValue),
                        "since": .date(e.current.on), "history": .array(e.history.map(Describe.stepJSON)),
                    ]
                }),
            "notes": notes.json,
        ]
    }
}
