/// A whole Parley dataset as one value: what a YAML casefile holds, in casefile order.
public struct Casefile: Hashable, Sendable {
    public var parties: [Party]
    public var actors: [Actor]
    public var issues: [Issue]
    public var sources: [Source]
    public var statements: [Statement]
    public var agreements: [Agreement]
    public var disputes: [Dispute]

    public init(
        parties: [Party] = [], actors: [Actor] = [], issues: [Issue] = [], sources: [Source] = [],
        statements: [Statement] = [], agreements: [Agreement] = [], disputes: [Dispute] = []
    ) {
        self.parties = parties
        self.actors = actors
        self.issues = issues
        self.sources = sources
        self.statements = statements
        self.agreements = agreements
        self.disputes = disputes
    }
}

/// One problem found in a casefile or a record, located by record and field
/// (`statements[3].party`); a YAML reader adds the line number.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// Where the problem is: a record path such as `statements[3].party`.
    public var path: String
    /// The line in the file, when known.
    public var line: Int?
    /// What is wrong and what to do.
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "line \(line): \(path): \(message)" }
        return "\(path): \(message)"
    }
}
