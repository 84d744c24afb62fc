import Foundation
import ParleyModel

/// Each agreement that exists as of a date, with its parties, mediators, current status and dated
/// history up to that date; where the parties tell it differently, each side's account.
public struct AgreementsReport: Report, Hashable {
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

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
