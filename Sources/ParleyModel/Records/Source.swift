/// A dated document in which statements are reported.
public struct Source: Hashable, Sendable {
    public var id: String
    public var title: String
    public var publisher: String?
    public var url: String?
    public var published: CalendarDate
    public var reliability: Reliability?
    /// The document's full text, when it was stored.
    public var text: String?

    public init(
        id: String, title: String, publisher: String? = nil, url: String? = nil,
        published: CalendarDate, reliability: Reliability? = nil, text: String? = nil
    ) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.url = url
        self.published = published
        self.reliability = reliability
        self.text = text
    }
}
