/// The sort of failure an error is. Each front end answers a sort its own way (the server with
/// an HTTP status and a problem type, the command line with its exit status) and words the
/// error's values itself, without reading the message.
public enum ErrorKind: String, Hashable, Sendable, CaseIterable {
    /// A value breaks one of Parley's rules: a bad date, an empty summary, a record that names one
    /// that does not exist.
    case invalid
    /// The input's form is wrong: YAML or CSV syntax, a list where a value belongs, bytes that
    /// are not UTF-8.
    case malformed
    /// The record asked for does not exist.
    case notFound = "not-found"
    /// The write collides with what is already recorded.
    case conflict
    /// A file cannot be read.
    case unreadable
    /// The database was held by another writer for longer than Parley waits, or (PostgreSQL) did
    /// not answer: its server down, restarting or out of reach; trying again may work.
    case busy
    /// The database cannot be used: missing, not Parley's, newer, read-only, full or damaged.
    case storage
    /// Something that should not happen: a bug in Parley.
    case bug
}

/// An error that says which sort of failure it is.
public protocol KindedError: Error {
    /// The sort of failure.
    var kind: ErrorKind { get }
}

extension ModelError: KindedError {
    public var kind: ErrorKind {
        switch self {
        case .unknownReference, .missingParent, .noSuchStatement, .noSuchStep, .unknownLabel, .noRelation,
            .unknownToken:
            return .notFound
        case .alreadyRecorded, .repeatedStatement, .wouldDuplicate, .conflict, .alreadyImported, .recordedDuringImport,
            .aliasTaken,
            .tokenNameTaken, .relationContradicts, .actorHasStatements, .orderContradicts:
            return .conflict
        case .malformed:
            return .malformed
        case .unreadableFile:
            return .unreadable
        default:
            return .invalid
        }
    }
}

extension [Problem] {
    /// The sort of failure a list of problems with records is: a conflict when any problem is
    /// one, malformed input or an unreadable file when every problem is, else invalid records.
    /// (A record naming a missing one is invalid: the record asked for is the one being written.)
    public var kind: ErrorKind {
        let kinds = Set(map(\.error.kind))
        if kinds.contains(.conflict) { return .conflict }
        if kinds == [.malformed] || kinds == [.unreadable] { return kinds.first ?? .invalid }
        return .invalid
    }
}
