import Foundation

/// What can go wrong when Parley reads or writes its database. Each case carries the values a
/// front end needs to word it (the command line as an error line with a hint, the server as a
/// problem response); the description here names what was wrong without naming any command or
/// flag. Whenever one is thrown, nothing was written.
public enum StoreError: Error, Equatable, Sendable, LocalizedError {
    /// No record of `kind` has the id; `suggestions` are the closest existing ids.
    case notFound(RecordKind, id: String, suggestions: [String])
    /// A record of `kind` with this id already exists.
    case alreadyExists(RecordKind, id: String)
    /// The same statement (party, actor, issue, kind, stance, said date, source, quote and relay) is
    /// already recorded.
    case duplicateStatement(
        party: String, actor: String?, issue: String, stance: String, said: CalendarDate?, source: String)
    /// One or more records break a rule; every problem is listed.
    case invalid([Problem])
    /// There is no database file at the path.
    case noDatabase(path: String)
    /// The folder the database would be in does not exist.
    case noFolder(path: String, folder: String)
    /// The path names something other than a file: a folder, a FIFO, a device.
    case notAFile(path: String)
    /// The database is from an earlier Parley and must be upgraded, which needs write access.
    case needsUpgrade(path: String)
    /// The file exists but is not a Parley database.
    case notParleyDatabase(path: String, reason: ForeignFile)
    /// The database already holds a case, so a whole case cannot be copied into it.
    case holdsCase(path: String)
    /// The database was written by a newer Parley that knows migrations this one does not.
    case newerDatabase(path: String, unknownMigrations: [String])
    /// Another process held the database's write lock for longer than Parley waits.
    case busy
    /// The database (or its folder) cannot be written.
    case readOnly(detail: String)
    /// The database file cannot be opened.
    case cannotOpen(detail: String)
    /// The disk is full, or the file has reached the size limit the process may write.
    case diskFull
    /// SQLite found the database file damaged.
    case damaged(detail: String)
    /// Any other SQLite failure: a bug in Parley.
    case unexpected(code: Int32, detail: String)
    /// A PostgreSQL database could not be used; `address` is its address without the password.
    case postgres(address: String, PostgresProblem)

    /// Why a file was taken not to be a Parley database.
    public enum ForeignFile: Equatable, Sendable {
        /// It is not an SQLite file at all.
        case notSQLite
        /// It is an SQLite database with tables but no Parley stamp.
        case otherApplication
        /// It carries another application's id.
        case applicationID(Int32)
        /// It is empty: nothing to read.
        case empty
    }

    public var errorDescription: String? {
        switch self {
        case .notFound(let kind, let id, let suggestions):
            return ModelError.unknownReference(kind, id: id, suggestions: suggestions).localizedDescription
        case .alreadyExists(let kind, let id):
            return "\(kind.withArticle) with id '\(id)' already exists; choose another id"
        case .duplicateStatement(let party, let actor, let issue, let stance, let said, let source):
            return "this statement is already recorded (party '\(party)'" + (actor.map { ", actor '\($0)'" } ?? "")
                + ", issue '\(issue)', stance '\(stance)', said \(said?.description ?? "(source date)"), source '\(source)'); "
                + "nothing was added"
        case .invalid(let problems):
            return problems.map(\.description).joined(separator: "\n")
        case .noDatabase(let path):
            return "no Parley database at \(path)"
        case .noFolder(let path, let folder):
            return "cannot use \(path): the folder \(folder) does not exist; create it first (mkdir -p \(folder)) "
                + "or choose another path"
        case .notAFile(let path):
            return "\(path) is not a regular file (a folder, a FIFO or a device); give the path of a database file"
        case .needsUpgrade(let path):
            return "\(path) was made by an earlier version of Parley and must be upgraded before it is read, "
                + "which needs write access to it and its folder"
        case .notParleyDatabase(let path, let reason):
            return "\(path) is not a Parley database (\(reason.description)); it was left untouched"
        case .holdsCase(let path):
            return "\(path) already holds a case; it was left untouched. A copy goes only into a new file "
                + "(or a Parley database that holds no case): give another path"
        case .newerDatabase(let path, let unknown):
            return "\(path) was written by a newer version of Parley (unknown migrations: "
                + "\(unknown.joined(separator: ", "))); it was left untouched. Upgrade Parley to use it"
        case .busy:
            return "the database is busy (another process held it for too long); nothing was written, try again"
        case .readOnly(let detail):
            return "cannot write the database: \(detail); check the path and its permissions"
        case .cannotOpen(let detail):
            return "cannot open the database: \(detail); check the path and its permissions"
        case .diskFull:
            return "the disk is full (or the database reached the file size this process may write); "
                + "nothing was written. Free some space and try again"
        case .damaged(let detail):
            return "the database file is damaged (\(detail)); nothing was written. Check it with "
                + "sqlite3's PRAGMA integrity_check and restore it from a backup or an exported casefile"
        case .unexpected(let code, let detail):
            return "unexpected database error \(code) (this is a bug in Parley; please report it): \(detail)"
        case .postgres(let address, let problem):
            return "cannot use \(address): \(problem)"
        }
    }
}

extension StoreError: KindedError {
    public var kind: ErrorKind {
        switch self {
        case .notFound: return .notFound
        case .alreadyExists, .duplicateStatement: return .conflict
        case .invalid(let problems): return problems.kind
        case .busy: return .busy
        case .noDatabase, .noFolder, .notAFile, .needsUpgrade, .notParleyDatabase, .holdsCase, .newerDatabase,
            .readOnly,
            .cannotOpen, .diskFull, .damaged:
            return .storage
        case .unexpected: return .bug
        case .postgres(_, let problem):
            switch problem {
            case .malformedAddress, .invalidSetting: return .invalid
            case .unsupported: return .invalid
            // The server is down, restarting, out of reach or too slow: trying again later may work.
            case .unreachable, .connectionLost, .lostWhileCommitting, .statementTimeout: return .busy
            default: return .storage
            }
        }
    }

    /// The problems with records, for an ``invalid(_:)`` error; none for the others.
    public var problems: [Problem] {
        if case .invalid(let problems) = self { return problems }
        return []
    }
}

extension StoreError.ForeignFile: CustomStringConvertible {
    public var description: String {
        switch self {
        case .notSQLite: return "it is not an SQLite file"
        case .otherApplication: return "it is an SQLite database of another application"
        case .applicationID(let id): return "its application id is \(id)"
        case .empty: return "it is empty"
        }
    }
}
