import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

#if PostgreSQL
    import ParleyPostgres
#endif

extension Parley {
    /// Imports a casefile (or CSV tables) into a backend reached through the store contract
    /// (PostgreSQL) by the one importer and its rules, as ``staged(into:address:_:)`` stages it:
    /// with `merge` or without, into an empty database or one that holds a case.
    func importStaged(
        _ document: CasefileDocument, merge: Bool, name: String?, into store: any CaseStore, address: String
    ) throws -> ImportSummary {
        try staged(into: store, address: address) { staged in
            try staged.importCasefile(document, merge: merge, name: name)
        }
    }

    /// Imports a statements CSV file into a backend reached through the store contract
    /// (PostgreSQL) by the one bulk importer and its rules, as ``staged(into:address:_:)`` stages
    /// it.
    func importStatementsStaged(
        csvPath path: String, merge: Bool, progress: ((BulkProgress) -> Void)?, into store: any CaseStore,
        address: String
    ) throws -> (added: Int, unchanged: Int) {
        try staged(into: store, address: address) { staged in
            try staged.importStatements(csvPath: path, merge: merge, progress: progress)
        }
    }

    /// Runs a write on SQLite, then makes it in the backend (PostgreSQL), all or nothing: the
    /// case is copied into an SQLite file of its own (as it stands at one moment, noting the
    /// change-log version then), `write` runs there on a Parley of that file (every rule, problem,
    /// merge and conflict as on SQLite, before the backend is touched; on an error the backend is
    /// left as it was), and the rows it added, changed and removed are then made in the backend in
    /// one transaction. When another write came in meanwhile, the whole is done again on a new
    /// copy (the case it was checked against is no longer the case), three times at most, as
    /// SQLite's staged import is; then it is refused. So the bulk writes (the imports) have one
    /// implementation, SQLite's, for both backends.
    func staged<T>(into store: any CaseStore, address: String, _ write: (Parley) throws -> T) throws -> T {
        #if PostgreSQL
            guard let store = store as? PostgresStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            for _ in 1...3 {
                if let result = try stagedOnce(into: store, write) { return result }
            }
            throw StoreError.invalid([
                Problem(
                    .conflict(
                        .statement, record: "the case",
                        detail: "other writes changed it while the file was read, three times; run the import again"))
            ])
        #else
            throw StoreError.postgres(address: address, .notBuilt)
        #endif
    }

    #if PostgreSQL
        /// One try of ``staged(into:address:_:)``: nil, with the backend unchanged, when another
        /// write came in while the copy was made and written to.
        private func stagedOnce<T>(into store: PostgresStore, _ write: (Parley) throws -> T) throws -> T? {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-stage-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            // The change-log version of the case copied, as its rows pass.
            var version: Int64 = 0
            _ = try ParleyDatabase.fill(path: file, tables: PostgresStore.caseTables) { receive in
                try store.forEachBatch(batch: 10_000) { batch in
                    if batch.table == "change_log", let key = batch.columns.firstIndex(of: "pk") {
                        for row in batch.rows {
                            if case .integer(let value) = row[key] { version = max(version, value) }
                        }
                    }
                    try receive(batch)
                }
            }
            let database = try ParleyDatabase(path: file, for: .write)
            try database.captureChanges(of: PostgresStore.caseTables)
            let result = try write(Parley(backend: .sqlite(database), clock: clock, user: user, board: nil))
            return try store.follow(database, ifChangeVersionIs: version) ? result : nil
        }
    #endif
}
