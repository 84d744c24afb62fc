/// A field whose values come from a closed list, such as a statement's kind.
public protocol ClosedChoice: RawRepresentable, CaseIterable, Hashable, Sendable, Codable
where RawValue == String {
    /// The field's name, as shown in error messages (`statement kind`).
    static var fieldName: String { get }
}

extension ClosedChoice {
    /// Every allowed value, in the list's order.
    public static var allowedValues: [String] { allCases.map(\.rawValue) }

    /// Parses a value, or throws an error that lists the allowed ones.
    public static func parse(_ text: String) throws(ModelError) -> Self {
        guard let value = Self(rawValue: text) else {
            throw .invalidChoice(text, field: fieldName, allowed: allowedValues)
        }
        return value
    }
}

/// The speech act of a statement, from a closed list borrowed from event coding (CAMEO/PLOVER).
public enum StatementKind: String, ClosedChoice {
    case demand, proposal, acceptance, rejection, commitment, assertion, assessment, appeal, accusation, denial
    public static let fieldName = "statement kind"
}

/// What sort of side a party is.
public enum PartyKind: String, ClosedChoice {
    case state, government, organisation, movement, mediator, other
    public static let fieldName = "party kind"
}

/// How far a source is trusted.
public enum Reliability: String, ClosedChoice {
    case high, medium, low, unknown
    public static let fieldName = "source reliability"
}

/// The statuses a tracked record (an agreement or a dispute) moves through, each list its own.
public protocol StepStatus: ClosedChoice {
    /// The kind of record whose history uses these statuses.
    static var record: RecordKind { get }
    /// Whether the status says the sides do not agree on what was agreed.
    var isContested: Bool { get }
}

extension StepStatus {
    /// No status of this kind says the sides contradict each other.
    public var isContested: Bool { false }
}

/// A step in an agreement's life. `claimed` and `disputed` are contested accounts: one side says
/// it was agreed and the others have not confirmed, or the sides contradict each other about what
/// was agreed or whether; `suspended` and `withdrawn` are one side stopping applying it.
public enum AgreementStatus: String, StepStatus {
    case proposed, pledged, signed, reaffirmed, implemented, stalled, broken, superseded
    case claimed, disputed, suspended, withdrawn
    public static let fieldName = "agreement status"
    public static let record = RecordKind.agreement

    /// Whether the status says the sides do not agree on what was agreed.
    public var isContested: Bool { self == .claimed || self == .disputed }
}

/// A step in a dispute's life.
public enum DisputeStatus: String, StepStatus {
    case open, narrowed, resolved, dormant
    public static let fieldName = "dispute status"
    public static let record = RecordKind.dispute

    /// Whether a dispute in this status is still live (open or narrowed).
    public var isLive: Bool { self == .open || self == .narrowed }
}
