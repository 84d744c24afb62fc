import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

#if PostgreSQL
    import ParleyPostgres
#endif

extension Parley {
    /// Imports a casefile into a backend reached through the store contract (PostgreSQL): the
    /// case is first imported into an empty SQLite database in memory, by the one importer and
    /// its rules (every problem found there, with its line, before the backend is touched), then
    /// copied into the backend in one transaction with COPY: all or nothing. So far into a database
    /// that holds no case yet; a merge is refused.
    func importStaged(
        _ document: CasefileDocument, merge: Bool, name: String?, into store: any CaseStore, address: String
    ) throws -> ImportSummary {
        #if PostgreSQL
            guard let store = store as? PostgresStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            if merge {
                throw StoreError.postgres(
                    address: address,
                    .unsupported(what: "importing with --merge into PostgreSQL (import into an empty database)"))
            }
            try store.requireEmpty()
            let staged = Parley(backend: .sqlite(try ParleyDatabase()), clock: clock, user: user)
            let summary = try staged.importCasefile(document, merge: false, name: name)
            _ = try store.copyAll(from: try staged.store)
            return summary
        #else
            throw StoreError.postgres(address: address, .notBuilt)
        #endif
    }

    /// Imports a statements CSV file into a backend reached through the store contract
    /// (PostgreSQL) by the one bulk importer and its rules: the case is copied into an SQLite file
    /// of its own, the file imported there (every problem, merge and conflict found as on SQLite,
    /// before the backend is touched), and the statements, conditions and change-log entry it
    /// added sent to the backend in one write, refused if another write came in meanwhile.
    func importStatementsStaged(
        csvPath path: String, merge: Bool, progress: ((BulkProgress) -> Void)?, into store: any CaseStore,
        address: String
    ) throws -> (added: Int, unchanged: Int) {
        #if PostgreSQL
            guard let store = store as? PostgresStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-stage-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            // The statement numbers and the change-log version of the case copied, as the rows pass.
            var numbers = Set<Int64>()
            var version: Int64 = 0
            _ = try ParleyDatabase.fill(path: file, tables: PostgresStore.caseTables) { receive in
                try store.forEachBatch(batch: 10_000) { batch in
                    if batch.table == "statement" || batch.table == "change_log",
                        let key = batch.columns.firstIndex(of: "pk")
                    {
                        for row in batch.rows {
                            guard case .integer(let value) = row[key] else { continue }
                            if batch.table == "statement" {
                                numbers.insert(value)
                            } else {
                                version = max(version, value)
                            }
                        }
                    }
                    try receive(batch)
                }
            }
            let database = try ParleyDatabase(path: file, for: .write)
            let staged = Parley(backend: .sqlite(database), clock: clock, user: user, board: nil)
            let counts = try staged.importStatements(csvPath: path, merge: merge, progress: progress)
            var added: [String: StoredRows] = [:]
            try database.forEachBatch(of: ["statement", "statement_condition", "change_log"], batch: 10_000) { batch in
                let key = batch.columns.firstIndex(of: batch.table == "statement_condition" ? "statement_pk" : "pk")
                let rows = batch.rows.filter { row in
                    guard let key, case .integer(let value) = row[key] else { return false }
                    return batch.table == "change_log" ? value > version : !numbers.contains(value)
                }
                added[batch.table, default: StoredRows(table: batch.table, columns: batch.columns, rows: [])].rows +=
                    rows
            }
            try store.append(
                ["statement", "statement_condition", "change_log"].compactMap { added[$0] }, ifChangeVersionIs: version)
            return counts
        #else
            throw StoreError.postgres(address: address, .notBuilt)
        #endif
    }
}
