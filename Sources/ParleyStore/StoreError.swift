import Foundation
import ParleyModel

/// What can go wrong when Parley reads or writes its database. Each message names the thing
/// that was wrong and says what to do; whenever one is thrown, nothing was written.
public enum StoreError: Error, Equatable, Sendable, LocalizedError {
    /// No record of `kind` has the id; `suggestions` are the closest existing ids.
    case notFound(kind: String, id: String, suggestions: [String])
    /// A record of `kind` with this id already exists.
    case alreadyExists(kind: String, id: String)
    /// The same statement (party, issue, stance, said date, source) is already recorded.
    case duplicateStatement(party: String, issue: String, stance: String, said: String, source: String)
    /// The record breaks a rule; every problem is listed.
    case invalid([Problem])
    /// There is no database file at the path.
    case noDatabase(path: String)
    /// The file exists but is not a Parley database.
    case notParleyDatabase(path: String, reason: String)
    /// The database was written by a newer Parley that knows migrations this one does not.
    case newerDatabase(path: String, unknownMigrations: [String])
    /// A bulk-import record could not be read or is invalid.
    case badRecord(location: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .notFound(let kind, let id, let suggestions):
            let plural = kind == "party" ? "parties" : kind + "s"
            let hint = Suggestions.didYouMean(suggestions).map { "\($0) (`parley \(kind) list` shows all \(plural))" }
                ?? "see `parley \(kind) list`, or add it with `parley \(kind) add`"
            return "no \(kind) with id '\(id)'; \(hint)"
        case .alreadyExists(let kind, let id):
            return "a \(kind) with id '\(id)' already exists; choose another id"
        case .duplicateStatement(let party, let issue, let stance, let said, let source):
            return "this statement is already recorded (party '\(party)', issue '\(issue)', stance '\(stance)', said \(said), source '\(source)'); nothing was added"
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        case .noDatabase(let path):
            return "no Parley database at \(path); create one with `parley init --db \(path)`, or pass --db or set PARLEY_DB"
        case .notParleyDatabase(let path, let reason):
            return "\(path) is not a Parley database (\(reason)); it was left untouched. Pass --db with a Parley database, or `parley init --db NEW-PATH`"
        case .newerDatabase(let path, let unknown):
            return "\(path) was written by a newer version of Parley (unknown migrations: \(unknown.joined(separator: ", "))); it was left untouched. Upgrade parley to use it"
        case .badRecord(let location, let message):
            return "\(location): \(message)"
        }
    }
}
