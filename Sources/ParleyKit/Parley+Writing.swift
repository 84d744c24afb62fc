import ParleyModel
import ParleyStore

extension Parley {
    /// Runs `body` in one write transaction of whichever backend holds the case, through the store
    /// contract for writes (``ParleyStore/CaseWriter``): the use cases written this way work on
    /// every backend that takes writes.
    func writing<T>(_ body: (any CaseWriter) throws -> T) throws -> T {
        try writeStore().writeCase(body)
    }

    /// Runs `body` in one read transaction of whichever backend holds the case, for the look-ups
    /// of the writes (``ParleyStore/CaseLookup``).
    func lookingUp<T>(_ body: (any CaseLookup) throws -> T) throws -> T {
        try writeStore().lookUp(body)
    }

    /// The backend as a store that takes writes, or an error naming the one that does not yet.
    private func writeStore() throws -> any CaseWriteStore {
        switch backend {
        case .sqlite(let database): return database
        case .contract(let store, let address):
            guard let store = store as? any CaseWriteStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            return store
        }
    }
}
