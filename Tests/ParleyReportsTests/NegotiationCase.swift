import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore

/// The fictional corridor talks of `Fixtures/negotiation.yaml` (Aurel, Brenn and the Concord
/// Group, 2019-2024), imported on 2024-01-31, then corrected after 2024-02-01: what an editor
/// learns in March 2024 changes what the reports say now, and `--known-as-of 2024-02-01` shows
/// what they said on the first of February.
enum NegotiationCase {
    /// The moment the board was read, before the corrections.
    static let moment = "2024-02-01"

    static func clock(_ time: String) -> Clock { Clock.fixed(iso8601: time) ?? .system }

    /// The case as imported, and, when `corrected`, with the corrections made in March 2024.
    static func parley(corrected: Bool = true) throws -> Parley {
        var parley = try Parley.inMemory(clock: clock("2024-01-31T00:00:00Z"), user: "desk")
        let path = Fixture.directory.appendingPathComponent("negotiation.yaml").path
        _ = try parley.importCasefile(path: path)
        guard corrected else { return parley }
        parley.clock = clock("2024-03-01T09:00:00Z")
        try parley.retract(number: 18, reason: "The ministry's words were from 2022, misdated by the wire.")
        try parley.amend(
            number: 10,
            StatementChanges([.stance: "joint-customs", .summary: "Aurel accepts joint customs posts on the corridor."]
            ),
            reason: "The president accepted joint posts, not Brenn's customs; see the full transcript.")
        parley.clock = clock("2024-03-05T09:00:00Z")
        try parley.record(
            NewStatement(
                actor: "bo-stark", issue: "corridor/customs", kind: .acceptance, stance: "joint-customs",
                summary: "Brenn accepts joint customs posts.", said: try CalendarDate(parsing: "2023-12-01"),
                source: "herald-2024-01-20"))
        try parley.record(
            NewStatement(
                actor: "bo-stark", issue: "corridor/route", kind: .commitment, stance: "open-route",
                summary: "Brenn will open the route after all.", said: try CalendarDate(parsing: "2023-12-01"),
                source: "herald-2024-01-20"))
        try parley.appendStep(
            AgreementStep(status: .signed, on: try CalendarDate(parsing: "2024-01-18"), source: "herald-2024-01-20"),
            to: "route-deal")
        try parley.unrelate(issue: "corridor/funding", "shared-funding", "toll-road")
        return parley
    }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// Every report the golden files hold for the case, by file stem.
    static func reports() throws -> [(String, any Report)] {
        let parley = try parley()
        let known = try KnownAsOf(parsing: moment)
        return [
            ("negotiation-disputes", try parley.disputesReport(asOf: nil)),
            ("negotiation-disputes-2021-08", try parley.disputesReport(asOf: try date("2021-08"))),
            ("negotiation-disputes-known", try parley.disputesReport(asOf: nil, knownAsOf: known)),
            ("negotiation-positions", try parley.positionsReport(asOf: nil)),
            ("negotiation-positions-known", try parley.positionsReport(asOf: nil, knownAsOf: known)),
            (
                "negotiation-positions-2023-06-known",
                try parley.positionsReport(asOf: try date("2023-06"), party: "aurel", knownAsOf: known)
            ),
            ("negotiation-agreements", try parley.agreementsReport(asOf: nil)),
            ("negotiation-agreements-2021-08", try parley.agreementsReport(asOf: try date("2021-08"))),
            ("negotiation-agreements-known", try parley.agreementsReport(asOf: nil, knownAsOf: known)),
            ("negotiation-contradictions", try parley.contradictions(asOf: nil)),
            ("negotiation-contradictions-known", try parley.contradictions(asOf: nil, knownAsOf: known)),
            ("negotiation-history-corridor", try parley.history(issue: "corridor", includeRetracted: true)),
            ("negotiation-history-corridor-known", try parley.history(issue: "corridor", knownAsOf: known)),
            ("negotiation-history-prisoners", try parley.history(issue: "prisoners")),
            ("negotiation-diff", try parley.diff(from: try date("2019-12"), to: try date("2023-12"))),
            ("negotiation-diff-2021", try parley.diff(from: try date("2021-05"), to: try date("2021-08"))),
            (
                "negotiation-diff-known",
                try parley.diff(from: try date("2022-12"), to: try date("2024-01-31"), knownAsOf: known)
            ),
            ("negotiation-source-diff", try parley.sourceDiff("concord-2021-07", "wire-2021-08-02")),
            ("negotiation-statements", try parley.statements(StatementFilter(includeRetracted: true))),
            ("negotiation-labels", try parley.labels(issue: "corridor")),
            ("negotiation-agreement-list", try parley.list(AgreementStatus.self)),
        ]
    }
}
