import ParleyModel

/// The drafts of one article, as a casefile to review (YAML, ``yaml()``) or as data (JSON, by
/// its `Encodable` conformance).
///
/// The YAML is a casefile: `parley import FILE --merge` records it once every `review:` value has
/// been replaced (the import refuses while one remains, naming its line). Each statement keeps
/// the drafter's notes under `draft:` (the speaker as written, how it was resolved, the evidence
/// for its date and issue, its place in the article, a confidence); the import leaves them out.
public struct DraftFile: Sendable {
    /// Where the article came from: a file's path or "source ID".
    public var article: String
    public var published: CalendarDate
    /// The source the statements cite.
    public var source: String
    /// The source to add with them, when the case does not have it yet.
    public var newSource: Source?
    public var drafts: [Draft]
    /// The casefile sections (YAML) of the records the statements name: the parties, actors and
    /// issues already in the case (a merge import skips them as identical) and a new source.
    public var records: String

    public init(
        article: String, published: CalendarDate, source: String, newSource: Source?, drafts: [Draft],
        records: String = ""
    ) {
        self.article = article
        self.published = published
        self.source = source
        self.newSource = newSource
        self.drafts = drafts
        self.records = records
    }

    /// A value for a person to fill in.
    public static let reviewPrefix = "review:"

    static func review(_ what: String) -> String { "\(reviewPrefix) \(what)" }
}
