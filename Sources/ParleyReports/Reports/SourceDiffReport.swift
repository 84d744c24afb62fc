import ParleyModel

/// What two sources report, per (party, issue): only in one, the same stance, or different stances.
/// A party's claims about another are compared with the same claims, never with its own stance.
public struct SourceDiffReport: Report, Hashable, KnowingReport {
    public var diff: SourceDiff
    public var notes: [ReportNote] = []
    public var knownAsOf: KnownAsOf?

    public init(diff: SourceDiff) {
        self.diff = diff
    }

    var heading: String { "Sources compared: \(diff.firstSource) vs \(diff.secondSource)" + knownSuffix }

    /// Whose words: `azerbaijan`, or for a claim `azerbaijan about armenia`.
    static func who(_ entry: SourceDiff.Entry) -> String {
        entry.party + (entry.about.map { " about \($0)" } ?? "")
    }

    static func label(_ kind: SourceDiff.Kind, _ diff: SourceDiff) -> String {
        switch kind {
        case .onlyFirst: return "only in \(diff.firstSource)"
        case .onlySecond: return "only in \(diff.secondSource)"
        case .same: return "same stance"
        case .different: return "DIFFERENT stances"
        }
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
