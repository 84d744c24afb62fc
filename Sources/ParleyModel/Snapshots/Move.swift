/// What kind of change a party's new statement on an issue makes to the position it held, named
/// from the label relations and the issue's scale (``LabelRelations``).
public enum Move: String, Hashable, Sendable, CaseIterable, Codable {
    /// The same label again.
    case restated
    /// A label of the same side (recorded compatible).
    case clarified
    /// A label recorded as independent: another aspect of the issue, not a move.
    case otherAspect = "other-aspect"
    /// Towards the conciliatory end of the issue's scale.
    case softened
    /// Towards the demanding end of the issue's scale.
    case hardened
    /// To a label recorded as opposed.
    case reversed
    /// To a label with no recorded relation or order to the one held: a move, unnamed.
    case moved
    /// The party's own words contradicting a claim another party made about it since it last
    /// spoke, without moving its own position.
    case claimDenied = "claim-denied"

    /// Whether the party's position really moved (softened, hardened, reversed or moved).
    public var isMove: Bool { [.softened, .hardened, .reversed, .moved].contains(self) }

    /// The words for it: "restated", "clarified", "on another aspect", "claim denied".
    public var words: String {
        switch self {
        case .otherAspect: return "on another aspect"
        case .claimDenied: return "claim denied"
        default: return rawValue
        }
    }

    /// The move from holding `old` to stating `new` on `issue`. In order: the same label is
    /// restated; the same side clarified; an independent label another aspect; an opposed label
    /// reversed; a label nearer the soft end of the scale softened, nearer the hard end hardened;
    /// anything else moved.
    public static func from(_ old: String, to new: String, on issue: String, relations: LabelRelations) -> Move {
        if old == new { return .restated }
        if relations.sameSide(old, new, on: issue) { return .clarified }
        if relations.areIndependent(old, new, on: issue) { return .otherAspect }
        if relations.areOpposed(old, new, on: issue) { return .reversed }
        if relations.isHarder(old, than: new, on: issue) { return .softened }
        if relations.isHarder(new, than: old, on: issue) { return .hardened }
        return .moved
    }

    /// The move from a position holding `old` (its labels, the latest said last) to `new`: restated
    /// when `new` is among them, clarified when it is on the side of one of them, otherwise named
    /// against the latest of them.
    public static func from(_ old: [String], to new: String, on issue: String, relations: LabelRelations) -> Move {
        guard let latest = old.last else { return .moved }
        if old.contains(new) { return .restated }
        if old.contains(where: { relations.sameSide($0, new, on: issue) }) { return .clarified }
        return from(latest, to: new, on: issue, relations: relations)
    }

    /// The move, with the claims about the party made since its previous statement taken into
    /// account: a statement that does not move the party's position (restated, clarified, another
    /// aspect, or its first word on the issue) but disagrees with such a claim denies it.
    public static func classify(
        from old: [String], to new: String, on issue: String, relations: LabelRelations,
        claimsSince claims: [DatedStatement]
    ) -> (move: Move?, deniedClaim: DatedStatement?) {
        let move: Move? = old.isEmpty ? nil : from(old, to: new, on: issue, relations: relations)
        if move?.isMove != true,
            let claim = claims.last(where: { relations.conflict($0.statement.stance, new, on: issue) })
        {
            return (.claimDenied, claim)
        }
        return (move, nil)
    }

    /// "3 softened, 1 hardened, 1 reversed": how many of each, in this type's order; nil for none.
    public static func summary(_ moves: [Move]) -> String? {
        let counts = allCases.compactMap { move -> String? in
            let count = moves.filter { $0 == move }.count
            return count == 0 ? nil : "\(count) \(move.words)"
        }
        return counts.isEmpty ? nil : counts.joined(separator: ", ")
    }
}

/// When a position was adopted: the statement that began the unbroken run of the labels it holds,
/// and the label the party held before (nil for its first word on the issue), from which the
/// move that brought it there is named.
public struct Adoption: Hashable, Sendable {
    public var statement: DatedStatement
    /// The label of the party's statement just before the run.
    public var previousLabel: String?

    public init(statement: DatedStatement, previousLabel: String?) {
        self.statement = statement
        self.previousLabel = previousLabel
    }

    /// The move by which the position's labels were adopted; nil for a first position.
    public func move(relations: LabelRelations) -> Move? {
        previousLabel.map {
            Move.from($0, to: statement.statement.stance, on: statement.statement.issue, relations: relations)
        }
    }
}
