import Foundation
import ParleyModel

/// Each agreement that exists as of a date, with its parties, mediators, current status and dated
/// history up to that date; where the parties tell it differently, each side's account.
public struct AgreementsReport: Renderable, Hashable {
    /// One agreement as of the date.
    public struct Entry: Hashable, Sendable {
        public var agreement: Agreement
        public var current: AgreementStep
        /// The steps on or before the date, in date order.
        public var history: [AgreementStep]
        /// Each party's own account since the last step all sides stand by.
        public var accounts: [Account]
        /// Since when its status has held.
        public var since: CalendarDate

        /// Whether the sides' accounts differ, or its status says they contradict each other.
        public var isContested: Bool {
            current.status.isContested || Set(accounts.map(\.step.status)).count > 1
        }
    }

    /// One party's account of an agreement.
    public struct Account: Hashable, Sendable {
        public var party: String
        public var step: AgreementStep
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
                },
                accounts: state.agreement.accounts(asOf: snapshot.asOf).map { Account(party: $0.party, step: $0.step) },
                since: state.agreement.statusSince(asOf: snapshot.asOf) ?? state.current.on)
        }
        notes = [
            ReportNote.date(asOf, .asOf),
            ReportNote.sourceDated(statements: [], steps: entries.flatMap { $0.history.map(\.onIsSourceDate) }),
        ].compactMap { $0 }
    }

    var heading: String { "Agreements" + (asOf.map { " as of \($0)" } ?? "") }

    /// The status, with whose account it is when it is one side's.
    static func status(_ e: Entry) -> String {
        e.current.status.rawValue + (e.current.accordingTo.map { " (according to \($0))" } ?? "")
    }

    /// `issue transit` or `issues transit, transit/route`.
    static func issues(_ a: Agreement) -> String {
        a.issues.count > 1 ? "issues " + a.issues.joined(separator: ", ") : "issue \(a.issue)"
    }

    /// One side's account: `claimed on 2021-12-15, source s - note`.
    static func account(_ step: AgreementStep) -> String {
        "\(step.status.rawValue) on \(Describe.on(step)), source \(step.source)" + (step.note.map { " - \($0)" } ?? "")
    }

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
                        "status \(Self.status(e)) since \(Describe.date(e.since)) · \(Self.issues(a))",
                        width: style.width)))
            out.append(
                TextLayout.hanging(
                    "  ",
                    "parties: \(parties.joined(separator: ", "))"
                        + (mediators.isEmpty ? "" : " · mediators: \(mediators.joined(separator: ", "))"),
                    width: style.width))
            if let terms = a.terms { out.append(TextLayout.hanging("  terms: ", terms, width: style.width)) }
            if !e.accounts.isEmpty {
                out.append(style.red("  " + (e.isContested ? "Accounts differ:" : "Account of one side:")))
                for account in e.accounts {
                    out.append(
                        TextLayout.hanging(
                            "    \(account.party): ", Self.account(account.step), width: style.width))
                }
            }
            for step in e.history {
                let note = step.note.map { " - \($0)" } ?? ""
                out.append(
                    TextLayout.hanging(
                        "    \((step.on.description + (step.onIsSourceDate ? ReportNote.sourceDateMark : "")).padded(to: 11)) ",
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
            out.append("- Status: **\(Self.status(e))** since \(Describe.date(e.since))")
            out.append("- Issue\(a.issues.count > 1 ? "s" : ""): " + a.issues.map { "`\($0)`" }.joined(separator: ", "))
            out.append("- Parties: \(parties.joined(separator: ", "))")
            if !mediators.isEmpty { out.append("- Mediators: \(mediators.joined(separator: ", "))") }
            if let terms = a.terms { out.append("- Terms: \(Markdown.escape(terms))") }
            if !e.accounts.isEmpty {
                out.append("- " + (e.isContested ? "**Accounts differ:**" : "Account of one side:"))
                for account in e.accounts {
                    out.append("  - \(account.party): \(Markdown.escape(Self.account(account.step)))")
                }
            }
            out.append("")
            out.append(
                Markdown.table(
                    ["date", "status", "source", "note"],
                    e.history.map {
                        [
                            Markdown.escape(Describe.on($0)), Markdown.escape(Describe.step($0)), $0.source,
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
                        "issues": .array(e.agreement.issues.map { .string($0) }),
                        "contested": .bool(e.isContested),
                        "accounts": .array(
                            e.accounts.map { ["party": .string($0.party), "step": Describe.stepJSON($0.step)] }),
                        "terms": .optional(e.agreement.terms),
                        "parties": .array(parties.map { .string($0) }),
                        "mediators": .array(mediators.map { .string($0) }),
                        "status": .string(e.current.status.rawValue),
                        "since": .date(e.since), "history": .array(e.history.map(Describe.stepJSON)),
                    ]
                }),
            "notes": notes.json,
        ]
    }
}
