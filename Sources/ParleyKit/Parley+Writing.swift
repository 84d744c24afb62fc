import ParleyModel
import ParleyStore

extension Parley {
    /// Runs `body` in one write transaction of whichever backend holds the case, through the store
    /// contract for writes (``ParleyStore/CaseWriter``): the use cases written this way work on
    /// every backend that takes writes.
    func writing<T>(_ body: (any CaseWriter) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let database): return try database.writeCase(body)
        case .contract(let store, let address):
            guard let store = store as? any CaseWriteStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            return try store.writeCase(body)
        }
    }

    /// Runs `body` in one read transaction of whichever backend holds the case, for the look-ups
    /// of the writes (``ParleyStore/CaseLookup``).
    func lookingUp<T>(_ body: (any CaseLookup) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let database): return try database.lookUp(body)
        case .contract(let store, let address):
            guard let store = store as? any CaseWriteStore else {
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
            return try store.lookUp(body)
        }
    }
}
