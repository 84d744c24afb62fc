/// The kinds of record Parley keeps. This is the one place that knows what each kind is called,
/// in the singular and the plural, so that no message builds a plural by adding an "s".
public enum RecordKind: String, Hashable, Sendable, CaseIterable, Codable {
    case party, actor, issue, source, statement, agreement, dispute

    /// The kind's name in the singular, as in "no party with id 'x'".
    public var singular: String { rawValue }

    /// The kind's name in the plural, as in "add it to parties first".
    public var plural: String {
        switch self {
        case .party: return "parties"
        default: return rawValue + "s"
        }
    }

    /// The casefile section that lists records of this kind.
    public var section: String { plural }

    /// "a party", "an issue", "an agreement": the singular with its article.
    public var withArticle: String {
        let vowel = ["a", "e", "i", "o", "u"].contains(rawValue.prefix(1))
        return (vowel ? "an " : "a ") + rawValue
    }

    /// "1 party", "3 parties".
    public func count(_ number: Int) -> String { Plural(singular, plural).count(number) }
}
