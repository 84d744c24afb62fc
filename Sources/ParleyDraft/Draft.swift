import ParleyModel

/// A statement proposed from an article, for a person to review before it is recorded.
public struct Draft: Sendable, Hashable {
    /// Direct speech (between quotation marks) or reported speech ("X said that …").
    public enum Mode: String, Sendable, Hashable {
        case direct, reported
    }

    /// The speaker as the article writes them: "Armenia's National Security Chief Armen Grigoryan".
    public var speaker: String?
    public var actor: String?
    public var party: String?
    /// How the speaker was resolved ("the alias 'Pashinian'"), or why not.
    public var resolution: String
    /// Who reported the speaker's words, when someone else in the article relays them.
    public var via: String?
    public var mode: Mode
    /// The reporting verb as written: "rejected", "called on", "according to".
    public var verb: String
    public var kind: StatementKind
    /// The words between quotation marks, verbatim; nil for reported speech without any.
    public var quote: String?
    /// Where the quotation (direct speech) or the reported clause is, in Unicode scalars.
    public var span: Range<Int>
    /// The reported clause or quotation, verbatim.
    public var spanText: String
    public var said: CalendarDate?
    /// The phrase that dates the remark: "on Tuesday".
    public var saidEvidence: String?
    public var issue: String?
    /// Why that issue, or why none.
    public var issueEvidence: String
    /// Other issues that fit.
    public var issueCandidates: [String]
    /// The sentence, white space flattened.
    public var sentence: String
    /// 0...1.
    public var confidence: Double
    /// What the statement says, as a start for its summary: the quotation, the fronted clause,
    /// or the reported clause with its verb when the clause alone would start mid-phrase
    /// ("rejected that demand on Thursday, saying …", not "that demand on Thursday, …").
    public var summaryStart: String = ""
    /// Where the speaker's words are, in Unicode scalars.
    var speakerSpan: Range<Int>?
}
