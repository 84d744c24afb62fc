import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

/// What a file to import is: a casefile, a folder of CSV tables, or a statements CSV file.
public enum ImportFile: Sendable, Hashable {
    /// A YAML casefile (`.yaml`, `.yml`).
    case casefile
    /// A folder of CSV tables, as `export` writes them.
    case tables
    /// A statements CSV file (`.csv`), streamed.
    case statements

    /// What the file or folder at `path` is, by whether it is a folder and by its name's
    /// extension; nil for a file Parley does not import.
    public init?(path: String) {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            self = .tables
            return
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "yaml", "yml": self = .casefile
        case "csv": self = .statements
        default: return nil
        }
    }
}

/// What an import added: the records of a casefile or tables, or the statements of a CSV file.
public enum ImportOutcome: Sendable, Hashable {
    case casefile(ImportSummary)
    case statements(added: Int, unchanged: Int)
}

extension Parley {
    /// Imports the file at `path` into the database at `database`, creating it when it is
    /// missing; all or nothing. A casefile (or a folder of tables) is read and checked before the
    /// database is created for it; a database this import creates is removed again, with
    /// SQLite's side files, when the import fails, so that a failed import leaves nothing
    /// behind. With `merge`, records already there and identical are skipped (see
    /// ``importCasefile(_:merge:name:)`` and ``importStatements(csvPath:merge:progress:)``).
    public static func importFile(
        _ path: String, as file: ImportFile, into database: String, merge: Bool = false, clock: Clock = .system,
        user: String = "unknown", progress: ((BulkProgress) -> Void)? = nil
    ) throws -> ImportOutcome {
        // A PostgreSQL database is never removed: a failed import leaves it as it was.
        let existed = PostgresAddress.looksLikeOne(database) || FileManager.default.fileExists(atPath: database)
        do {
            switch file {
            case .statements:
                let parley = try open(database: database, for: .create, clock: clock, user: user)
                let counts = try parley.importStatements(csvPath: path, merge: merge, progress: progress)
                return .statements(added: counts.added, unchanged: counts.unchanged)
            case .casefile, .tables:
                let document =
                    try file == .tables
                    ? readTables(folder: path) : readCasefile(path: path, importingInto: database)
                let parley = try open(database: database, for: .create, clock: clock, user: user)
                return .casefile(try parley.importCasefile(document, merge: merge, name: path))
            }
        } catch {
            if !existed { ParleyDatabase.remove(at: database) }
            throw error
        }
    }
}
