/// One entry in an issue's history, in date order.
public enum HistoryEvent: Hashable, Sendable {
    /// A statement, with how it moved the party's stance on its issue.
    case statement(DatedStatement, StanceChange)
    /// A step in an agreement's history.
    case agreementStep(Agreement, AgreementStep)
    /// A step in a dispute's history.
    case disputeStep(Dispute, DisputeStep)

    /// The date the event is placed at.
    public var date: CalendarDate {
        switch self {
        case .statement(let s, _): return s.effectiveDate
        case .agreementStep(_, let step): return step.on
        case .disputeStep(_, let step): return step.on
        }
    }
}

/// How a statement moved its party's stance on its issue, compared with the party's previous
/// statement on that issue (in "latest statement" order: said date, source date, recording).
public enum StanceChange: Hashable, Sendable {
    /// The party's first statement on the issue.
    case first
    /// The same label as before.
    case restated
    /// A different label: the position moved from `from`.
    case changed(from: String)
    /// A retracted statement: shown, marked, and left out of the party's positions.
    case retracted
    /// A claim about another party: what the speaker says that party holds, never a position.
    case claim
}

/// The move a statement makes, and the claim about its party it denies, if any.
public struct NamedMove: Hashable, Sendable {
    public var move: Move
    public var deniedClaim: DatedStatement?
    /// The labels the party held before, which the move is named against.
    public var from: [String]

    public init(move: Move, deniedClaim: DatedStatement? = nil, from: [String] = []) {
        self.move = move
        self.deniedClaim = deniedClaim
        self.from = from
    }
}

/// Builds the history of an issue: statements with their stance changes marked, and agreement
/// and dispute steps, in date order.
public enum IssueHistory {
    /// Marks each statement's stance change per (party, issue). `statements` may come in any order.
    public static func markChanges(_ statements: [DatedStatement]) -> [(DatedStatement, StanceChange)] {
        let ordered = statements.sorted { $1.isLater(than: $0) }
        var last: [PositionKey: String] = [:]
        return ordered.map { dated in
            if dated.statement.isRetracted { return (dated, .retracted) }
            if dated.statement.about != nil { return (dated, .claim) }
            let key = dated.key
            defer { last[key] = dated.statement.stance }
            guard let previous = last[key] else { return (dated, .first) }
            return (dated, previous == dated.statement.stance ? .restated : .changed(from: previous))
        }
    }

    /// The move each of the parties' own statements that stand makes, by statement number: named
    /// against the position the party held before the statement's date (the labels of its latest
    /// earlier date), and against the claims about the party made since its previous statement (a
    /// statement that does not move but disagrees with one denies it). A party's first statement
    /// on an issue that denies no claim has none. `statements` may come in any order.
    public static func moves(_ statements: [DatedStatement], relations: LabelRelations) -> [Int64: NamedMove] {
        let ordered = statements.sorted { $1.isLater(than: $0) }
        var held: [PositionKey: (date: CalendarDate, labels: [String], before: [String])] = [:]
        var claims: [PositionKey: [DatedStatement]] = [:]
        var result: [Int64: NamedMove] = [:]
        for dated in ordered where !dated.statement.isRetracted {
            let s = dated.statement
            if let about = s.about {
                claims[PositionKey(party: about, issue: s.issue), default: []].append(dated)
                continue
            }
            let key = dated.key
            var state = held[key] ?? (dated.effectiveDate, [], [])
            if state.date != dated.effectiveDate {
                state = (dated.effectiveDate, [], state.labels)
            }
            let named = Move.classify(
                from: state.before, to: s.stance, on: s.issue, relations: relations, claimsSince: claims[key] ?? [])
            claims[key] = []
            if let move = named.move {
                result[dated.sequence] = NamedMove(move: move, deniedClaim: named.deniedClaim, from: state.before)
            }
            if !state.labels.contains(s.stance) { state.labels.append(s.stance) }
            held[key] = state
        }
        return result
    }

    /// Every event on the issue, in date order; on one date, steps come before statements.
    public static func events(statements: [DatedStatement], agreements: [Agreement], disputes: [Dispute])
        -> [HistoryEvent]
    {
        var events: [(key: (Int, Int, Int, Int64), event: HistoryEvent)] = []
        var order: Int64 = 0
        // A step never sorts before the steps recorded ahead of it in its own history.
        func add<Status>(_ history: [Step<Status>], _ event: (Step<Status>) -> HistoryEvent) {
            var floor = 0
            for step in history {
                order += 1
                floor = max(floor, step.on.endKey)
                events.append(((floor, 0, 0, order), event(step)))
            }
        }
        for agreement in agreements { add(agreement.history) { .agreementStep(agreement, $0) } }
        for dispute in disputes { add(dispute.history) { .disputeStep(dispute, $0) } }
        for (dated, change) in markChanges(statements) {
            events.append(
                ((dated.effectiveDate.endKey, 1, dated.sourceDate.endKey, dated.sequence), .statement(dated, change)))
        }
        return events.sorted { $0.key < $1.key }.map(\.event)
    }
}
