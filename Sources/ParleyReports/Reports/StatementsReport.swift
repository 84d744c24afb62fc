import ParleyModel

/// A list of statements in date order, each with who said what, when, and where it was reported.
public struct StatementsReport: Report, Hashable {
    public var statements: [DatedStatement]

    public init(statements: [DatedStatement]) {
        self.statements = statements
    }

    /// The said date, marked when it was taken from the source.
    static func date(_ dated: DatedStatement) -> String {
        dated.statement.said == nil ? "\(dated.effectiveDate)*" : dated.effectiveDate.description
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
