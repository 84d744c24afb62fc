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
}
