import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

#if PostgreSQL
    import ParleyPostgres
#endif

extension Parley {
    /// Imports a casefile (or CSV tables) into a backend reached through the store contract
    /// (PostgreSQL) by the one importer and its rules, as
    /// ``staged(into:address:readsRelations:skipped:meanwhile:_:)`` stages it: with `merge` or
    /// without, into an empty database or one that holds a case. `meanwhile` runs after each
    /// try's import, before its rows are sent (for tests: another write reaching the case then).
    func importStaged(
        _ document: CasefileDocument, merge: Bool, name: String?, into store: any CaseStore, address: String,
        meanwhile: () throws -> Void = {}
    ) throws -> ImportSummary {
        // What the import reads without writing: the records it finds there alike, and the label
        // relations and orders it finds recorded alike.
        let relations = !document.casefile.labelRelations.isEmpty || !document.casefile.labelOrders.isEmpty
        let skipped = { (summary: ImportSummary) in Set(summary.unchanged.filter { $0.value > 0 }.keys) }
        let write = { (staged: Parley) in try staged.importCasefile(document, merge: merge, name: name) }
        return try staged(
            into: store, address: address, readsRelations: relations, skipped: skipped, meanwhile: meanwhile, write)
    }

    /// Imports a statements CSV file into a backend reached through the store contract
    /// (PostgreSQL) by the one bulk importer and its rules, as
    /// ``staged(into:address:readsRelations:skipped:meanwhile:_:)`` stages it (`meanwhile` as for
    /// ``importStaged(_:merge:name:into:address:meanwhile:)``).
    func importStatementsStaged(
        csvPath path: String, merge: Bool, progress: ((BulkProgress) -> Void)?, into store: any CaseStore,
        address: String, meanwhile: () throws -> Void = {}
    ) throws -> (added: Int, unchanged: Int) {
        // A statements file reads parties, actors, issues, sources and statements only; which
        // statements a merge found there alike, no row says.
        let skipped = { (counts: (added: Int, unchanged: Int)) -> Set<RecordKind> in
            counts.unchanged > 0 ? [.statement] : []
        }
        let write = { (staged: Parley) in
            try staged.importStatements(csvPath: path, merge: merge, progress: progress)
        }
        return try staged(
            into: store, address: address, readsRelations: false, skipped: skipped, meanwhile: meanwhile, write)
    }

    /// Runs a write on SQLite, then makes it in the backend (PostgreSQL), all or nothing: the
    /// case is copied into an SQLite file of its own (as it stands at one moment, noting the
    /// change-log version then), `write` runs there on a Parley of that file (every rule, problem,
    /// merge and conflict as on SQLite, before the backend is touched; on an error the backend is
    /// left as it was), and the rows it added, changed and removed are then made in the backend in
    /// one transaction. Writes that came in meanwhile let it through unless they change what it
    /// read or would have done (``ParleyStore/StagedFootprint``): its rows then go in after theirs,
    /// numbered after theirs, as on SQLite. When one does, the whole is done again on a new copy,
    /// three times at most, as SQLite's staged import is; then it is refused, naming the last
    /// write that met it. So the bulk writes (the imports) have one implementation, SQLite's, for
    /// both backends.
    ///
    /// `skipped` names the kinds of records the write found already there and left alone (as its
    /// result tells), and `readsRelations` whether it read label relations it may have left alone:
    /// what it read that no row it wrote shows. By default, everything.
    func staged<T>(
        into store: any CaseStore, address: String, readsRelations: Bool = true,
        skipped: (T) -> Set<RecordKind> = { _ in Set(RecordKind.allCases) }, meanwhile: () throws -> Void = {},
        _ write: (Parley) throws -> T
    ) throws -> T {
        #if PostgreSQL
            guard let store = store as? PostgresStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            var last = ""
            for _ in 1...3 {
                switch try stagedOnce(
                    into: store, readsRelations: readsRelations, skipped: skipped, meanwhile: meanwhile, write)
                {
                case .success(let result): return result
                case .failure(let conflict): last = conflict.reason
                }
            }
            throw StoreError.invalid([
                Problem(
                    .conflict(
                        .statement, record: "the case",
                        detail: "other writes changed what it reads while it was made, three times (the last: "
                            + last + "); run the import again"))
            ])
        #else
            throw StoreError.postgres(address: address, .notBuilt)
        #endif
    }

    #if PostgreSQL
        /// Why one try of ``staged(into:address:readsRelations:skipped:meanwhile:_:)`` was not made.
        private struct Overtaken: Error {
            var reason: String
        }

        /// One try of ``staged(into:address:readsRelations:skipped:meanwhile:_:)``: the write's result, or
        /// why another write that came in while the copy was made and written to meets it (the
        /// backend unchanged).
        private func stagedOnce<T>(
            into store: PostgresStore, readsRelations: Bool, skipped: (T) -> Set<RecordKind>,
            meanwhile: () throws -> Void, _ write: (Parley) throws -> T
        ) throws -> Result<T, Overtaken> {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-stage-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            // The change-log version of the case copied, as its rows pass.
            var version: Int64 = 0
            _ = try ParleyDatabase.fill(path: file, tables: PostgresStore.caseTables, for: .staging) { receive in
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
            try meanwhile()
            var footprint = try database.capturedFootprint(of: PostgresStore.caseTables)
            footprint.skipped = skipped(result)
            footprint.readsRelations = readsRelations
            if let conflict = try store.follow(database, madeAt: version, footprint: footprint) {
                return .failure(Overtaken(reason: conflict))
            }
            return .success(result)
        }
    #endif
}
