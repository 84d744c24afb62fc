/// Advice a report gives its reader on what to do next. The report holds it as a value; the
/// wording is the front end's (the command line names the command that does it).
public enum ReportHint: Hashable, Sendable {
    /// Recorded quotations are not in their sources' texts: correct them.
    case correctQuotations
    /// Quotations could not be checked: their sources have no stored text.
    case storeSourceTexts
}

/// How a front end words the hints reports give.
public struct HintWording: Sendable {
    private let word: @Sendable (ReportHint) -> String

    public init(_ word: @escaping @Sendable (ReportHint) -> String) { self.word = word }

    /// The hint in this front end's words.
    public func callAsFunction(_ hint: ReportHint) -> String { word(hint) }

    /// Plain words that name no command.
    public static let plain = HintWording { hint in
        switch hint {
        case .correctQuotations: return "Correct them by amending the statements' quotations."
        case .storeSourceTexts: return "Store a source's text to check its quotations."
        }
    }
}
