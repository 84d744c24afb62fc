import Foundation
import ParleyModel

/// Each agreement that exists as of a date, with its parties, mediators, current status and dated
/// history up to that date; where the parties tell it differently, each side's account; the
/// package it belongs to, and its deadlines and where they stand.
public struct AgreementsReport: Report, Hashable, KnowingReport {
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
        /// Whether ``since`` is the date of a source (its step gave none).
        public var sinceIsSourceDate: Bool = false
        /// The package it belongs to, and the members that hold it back.
        public var package: PackageHold? = nil
        /// Its deadlines, and its terms', with where each stands.
        public var deadlines: [Deadline] = []

        /// Whether the sides' accounts differ, or its status says they contradict each other.
        public var isContested: Bool {
            Agreement.isContested(status: current.status, accounts: accounts.map(\.step.status))
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
    public var knownAsOf: KnownAsOf?

    /// The agreements as of the snapshot's date; deadlines are judged against the date, or for
    /// "everything recorded", the latest date the case knows.
    public init(snapshot: Snapshot) {
        asOf = snapshot.asOf
        let reference = snapshot.asOf ?? snapshot.staleness?.reference
        entries = snapshot.agreements.map { state in
            let since = state.agreement.statusSinceStep(asOf: snapshot.asOf)
            return Entry(
                agreement: state.agreement, current: state.current,
                history: state.agreement.history.filter { step in snapshot.asOf.map { step.on.isOnOrBefore($0) } ?? true
                },
                accounts: state.agreement.accounts(asOf: snapshot.asOf).map { Account(party: $0.party, step: $0.step) },
                since: since?.on ?? state.current.on, sinceIsSourceDate: since?.onIsSourceDate ?? false,
                package: snapshot.packages[state.agreement.id],
                deadlines: state.agreement.deadlines(asOf: snapshot.asOf, reference: reference))
        }
        notes = [
            ReportNote.date(asOf, .asOf),
            ReportNote.sourceDated(statements: [], steps: entries.flatMap { $0.history.map(\.onIsSourceDate) }),
        ].compactMap { $0 }
    }

    var heading: String { "Agreements" + (asOf.map { " as of \($0)" } ?? "") + knownSuffix }

    /// The status, with whose account it is when it is one side's.
    static func status(_ e: Entry) -> String {
        e.current.status.rawValue + (e.current.accordingTo.map { " (according to \($0))" } ?? "")
    }

    /// `status signed since 2023-03-02*`, the date marked when it is its source's.
    static func statusSince(_ e: Entry) -> String {
        "\(status(e)) since \(Describe.date(e.since, sourceDated: e.sinceIsSourceDate))"
    }

    /// `held by package corridor-package (waiting for route-deal)`, or nil when it is in none, or
    /// in one whose members are all agreed (`in package …, all agreed`).
    static func package(_ e: Entry) -> String? {
        guard let hold = e.package else { return nil }
        return hold.isHeld
            ? "held by package \(hold.package) (waiting for \(hold.waitingFor.joined(separator: ", ")))"
            : "in package \(hold.package), all agreed"
    }

    /// `due 2021-06-30, OVERDUE; …`, with the term it is of.
    static func deadline(_ d: Deadline) -> String {
        (d.term.map { "term \($0): " } ?? "") + Describe.deadline(d)
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
