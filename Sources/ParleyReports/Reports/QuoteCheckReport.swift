import ParleyModel

/// `parley check quotes`: every recorded quotation looked up in its source's stored text.
public struct QuoteCheckReport: Report, Hashable {
    /// A quotation that is not in its source's text.
    public struct Misquote: Hashable, Sendable {
        public var number: Int64
        public var party: String
        public var actor: String?
        public var source: String
        public var quote: String
        /// The longest beginning of the quotation that the text has.
        public var matches: String

        public init(number: Int64, party: String, actor: String?, source: String, quote: String, matches: String) {
            self.number = number
            self.party = party
            self.actor = actor
            self.source = source
            self.quote = quote
            self.matches = matches
        }
    }

    /// Statements with a quotation whose source has stored text.
    public var checked: Int
    public var misquotes: [Misquote]
    /// Quotations that could not be checked: their sources have no stored text (by source, with
    /// how many).
    public var unchecked: [(source: String, count: Int)]

    public init(checked: Int, misquotes: [Misquote], unchecked: [(source: String, count: Int)]) {
        self.checked = checked
        self.misquotes = misquotes
        self.unchecked = unchecked
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.checked == b.checked && a.misquotes == b.misquotes
            && a.unchecked.map(\.source) == b.unchecked.map(\.source)
            && a.unchecked.map(\.count) == b.unchecked.map(\.count)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(checked)
        hasher.combine(misquotes)
    }

    var summary: String {
        let found = checked - misquotes.count
        var text = "\(found) of \(checked) quotation\(checked == 1 ? "" : "s") found in their sources' text"
        if !misquotes.isEmpty { text += "; \(misquotes.count) not found" }
        let uncheckedCount = unchecked.reduce(0) { $0 + $1.count }
        if uncheckedCount > 0 {
            text +=
                "; \(uncheckedCount) not checked (no stored text: "
                + unchecked.map { "\($0.source) (\($0.count))" }.joined(separator: ", ") + ")"
        }
        return text + "."
    }

    static func who(_ m: Misquote) -> String { m.party + (m.actor.map { " (\($0))" } ?? "") }

    /// What the reader may do next: correct the quotations not found, or else store the texts
    /// of the sources that could not be checked.
    public var hints: [ReportHint] {
        if !misquotes.isEmpty { return [.correctQuotations] }
        return unchecked.isEmpty ? [] : [.storeSourceTexts]
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
