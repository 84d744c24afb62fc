import Foundation

/// Every problem found in a casefile; nothing from it was imported.
public struct CasefileError: Error, Equatable, Sendable, LocalizedError, KindedError {
    public var problems: [Problem]
    /// References to records the casefile does not hold, left for an import to look up in its
    /// database (read with `outsideReferences`); not among `problems`.
    public var deferred: [Problem] = []

    public init(problems: [Problem], deferred: [Problem] = []) {
        self.problems = problems
        self.deferred = deferred
    }

    public var kind: ErrorKind { problems.kind }

    public var errorDescription: String? {
        return "the casefile has \(Plural("problem").count(problems.count)); nothing was imported:\n"
            + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
