import Foundation
import ParleyModel

/// Everything on an issue (and its sub-issues) in date order: statements, agreement steps and
/// dispute steps, each change of a party's stance marked old → new. A party's history includes
/// what others claimed it holds, marked "according to" the speaker.
public struct HistoryReport: Report, Hashable, KnowingReport {
    public var issue: String
    public var party: String?
    public var events: [HistoryEvent]
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?
    /// The move each of the parties' own statements makes (softened, reversed, claim denied…),
    /// by statement number, named from the label relations and the issue's scale.
    public var moves: [Int64: NamedMove]
    /// What the timeline is drawn from: the statements, and the agreements and disputes on the
    /// issue; and how old a position may be before it is drawn faded.
    public var statements: [DatedStatement]
    public var agreements: [Agreement]
    public var disputes: [Dispute]
    public var staleAfter: StaleWindow

    public init(
        issue: String, party: String?, statements: [DatedStatement], agreements: [Agreement], disputes: [Dispute],
        staleAfter: StaleWindow = .standard, relations: LabelRelations = LabelRelations()
    ) {
        moves = IssueHistory.moves(statements, relations: relations)
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

    var heading: String { "History of \(issue)" + (party.map { " for \($0)" } ?? "") + knownSuffix }

    /// How a statement moved its party's stance, named: `first position: x`, `restated: x`,
    /// `SOFTENED: a → b`, `claim denied: x (#8: concord says brenn holds y)`; with its conditions.
    func change(_ change: StanceChange, _ dated: DatedStatement) -> String {
        let statement = dated.statement
        let stance = statement.stance + Describe.conditions(statement)
        let named = moves[dated.sequence]
        let from = named.flatMap { $0.from.isEmpty ? nil : $0.from.joined(separator: " + ") }
        switch change {
        case .retracted:
            return "RETRACTED: \(stance)" + (statement.retraction.map { " (\(Describe.retraction($0)))" } ?? "")
        case .claim: return "claimed position: \(stance)"
        case .first, .restated, .changed:
            guard let named else { return "first position: \(stance)" }
            switch named.move {
            case .restated: return "restated: \(stance)"
            case .claimDenied:
                let claim = named.deniedClaim.map {
                    " (#\($0.sequence): \($0.statement.party) says \(statement.party) holds \($0.statement.stance))"
                }
                return "claim denied: \(stance)" + (claim ?? "")
            case .clarified, .otherAspect:
                return "\(named.move.words): " + (from.map { "\($0) → " } ?? "") + stance
            case .softened, .hardened, .reversed, .moved:
                return "\(named.move.words.uppercased()): " + (from.map { "\($0) → " } ?? "") + stance
            }
        }
    }

    /// The documented name of a statement's change: the move it makes (`softened`, `restated`,
    /// `claim-denied`…), `first`, `retracted` or `claim`.
    func kind(_ change: StanceChange, _ dated: DatedStatement) -> String {
        switch change {
        case .retracted: return "retracted"
        case .claim: return "claim"
        case .first, .restated, .changed: return moves[dated.sequence]?.move.rawValue ?? "first"
        }
    }

    /// Whether the statement really moved its party (a softening, a reversal…).
    func isMove(_ dated: DatedStatement) -> Bool { moves[dated.sequence]?.move.isMove ?? false }

    /// Whose position and who said it: `armenia (pashinyan)`, or for a claim about a party
    /// `armenia according to azerbaijan (aliyev via the press service)`.
    static func who(_ statement: Statement) -> String {
        let speaker = Describe.speaker(statement).map { " (\($0))" } ?? ""
        if let about = statement.about { return "\(about) according to \(statement.party)\(speaker)" }
        return statement.party + speaker
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

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
