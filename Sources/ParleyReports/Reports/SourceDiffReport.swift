import ParleyModel

/// What two sources report, per (party, issue): only in one, the same stance, or different stances.
public struct SourceDiffReport: Report, Hashable {
    public var diff: SourceDiff

    public init(diff: SourceDiff) {
        self.diff = diff
    }

    var heading: String { "Sources compared: \(diff.firstSource) vs \(diff.secondSource)" }

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
