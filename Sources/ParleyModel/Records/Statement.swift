/// One party's position on one issue, as one source reports it.
public struct Statement: Hashable, Sendable {
    /// The statement's number: given when it is first recorded, never changed or reused.
    public var number: Int64?
    public var party: String
    public var actor: String?
    public var issue: String
    public var kind: StatementKind
    /// A short label naming the position held; the same label on the same issue is the same position.
    public var stance: String
    public var summary: String
    public var quote: String?
    /// When it was said, if the source says; otherwise the source's published date applies.
    public var said: CalendarDate?
    public var source: String
    /// When it was recorded in Parley, as an ISO 8601 UTC timestamp (`2026-11-29T09:40:00Z`).
    public var recordedAt: String?
    /// Set when the statement was withdrawn as a mistake: it stays on record, out of positions.
    public var retraction: Retraction?
    /// Who or what relayed it, when the party did not speak directly ("Charles Michel", "the
    /// presidential press service").
    public var via: String?
    /// The party the statement is about, when it is not the speaker's own position ("Baku says
    /// Yerevan accepted"): it never becomes either party's position, and shows in the history of
    /// the party it is about as that party's stance according to the speaker.
    public var about: String?
    /// The positions the statement depends on ("we will open the road if customs stay national"),
    /// in the order given; empty for an unconditional statement.
    public var conditions: [Condition]

    public init(
        number: Int64? = nil, party: String, actor: String? = nil, issue: String, kind: StatementKind, stance: String,
        summary: String, quote: String? = nil, said: CalendarDate? = nil, source: String,
        recordedAt: String? = nil, retraction: Retraction? = nil, via: String? = nil, about: String? = nil,
        conditions: [Condition] = []
    ) {
        self.conditions = conditions
        self.via = via
        self.about = about
        self.number = number
        self.party = party
        self.actor = actor
        self.issue = issue
        self.kind = kind
        self.stance = stance
        self.summary = summary
        self.quote = quote
        self.said = said
        self.source = source
        self.recordedAt = recordedAt
        self.retraction = retraction
    }

    /// Whether the statement was retracted.
    public var isRetracted: Bool { retraction != nil }

    /// Whether it can back a position: it stands, and it is the speaker's own.
    public var countsForPositions: Bool { retraction == nil && about == nil }
}

/// Why, when and by whom a record was withdrawn. A retracted record is kept, marked, and left out
/// of positions, reports and diffs: a correction never erases what was recorded.
public struct Retraction: Hashable, Sendable {
    /// When, as an ISO 8601 UTC timestamp.
    public var at: String
    /// Who retracted it.
    public var by: String
    /// Why.
    public var reason: String

    public init(at: String, by: String, reason: String) {
        self.at = at
        self.by = by
        self.reason = reason
    }
}

/// A statement together with the dates that place it in time, as read back from a store.
public struct DatedStatement: Hashable, Sendable {
    public var statement: Statement
    /// The date that counts: the said date, or the source's published date when none was given.
    public var effectiveDate: CalendarDate
    /// The source's published date (the tie-breaker between statements said on the same date).
    public var sourceDate: CalendarDate
    /// The order in which statements were recorded; the last tie-breaker.
    public var sequence: Int64

    public init(statement: Statement, effectiveDate: CalendarDate, sourceDate: CalendarDate, sequence: Int64) {
        self.statement = statement
        self.effectiveDate = effectiveDate
        self.sourceDate = sourceDate
        self.sequence = sequence
    }

    /// Whether this statement wins over `other` as the latest word: later said date (end of period),
    /// then later source date, then later recording.
    public func isLater(than other: DatedStatement) -> Bool {
        (effectiveDate.endKey, sourceDate.endKey, sequence)
            > (other.effectiveDate.endKey, other.sourceDate.endKey, other.sequence)
    }
}
