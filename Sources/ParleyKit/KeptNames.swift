import ParleyModel
import ParleyReports
import ParleyStore

/// What the case's parties and actors are called and its issues and sources are titled, by id, as
/// a served page shows them in place of ids (``ParleyReports/HTMLNames``), with the change-log
/// version they are known to be current at. At a million statements there are tens of thousands
/// of sources, and a page made again after every write need not read them again while no write
/// has named anything (``Parley/names(keeping:)``).
public struct KeptNames: Sendable {
    /// The names.
    public let names: HTMLNames
    /// The change-log version at which the names were read: the same for every ``KeptNames``
    /// that reuses them, so that what was made from the names can be kept with them.
    public let readAt: Int64
    /// The change-log version they are known to be current at (the latest read that found no
    /// write naming anything since).
    public let version: Int64
}

extension Parley {
    /// The names and titles of the case's parties, actors, issues and sources, as of now, in one
    /// read transaction: `kept` again (its version brought up to now) when no write after its
    /// version may have changed a name (``ParleyStore/CaseReader/namesChanged(since:)``, on every
    /// backend: on PostgreSQL a write by another server or process is in the change log too), else
    /// read anew. Either way they equal the names read from scratch by a read that starts after
    /// the call.
    public func names(keeping kept: KeptNames? = nil) throws -> KeptNames {
        try reading { reader in
            let version = try reader.changeVersion()
            if let kept, kept.version <= version,
                try !reader.namesChanged(since: kept.version)
            {
                return KeptNames(names: kept.names, readAt: kept.readAt, version: version)
            }
            return KeptNames(names: try Self.names(reader), readAt: version, version: version)
        }
    }

    /// The names, read whole.
    private static func names(_ reader: any CaseReader) throws -> HTMLNames {
        func byID(_ pairs: [(String, String)]) -> [String: String] {
            Dictionary(pairs, uniquingKeysWith: { a, _ in a })
        }
        return HTMLNames(
            parties: byID(try reader.parties().map { ($0.id, $0.name) }),
            issues: byID(try reader.issues().map { ($0.id, $0.title) }),
            actors: byID(try reader.actors().map { ($0.id, $0.name) }),
            sources: byID(try reader.sources(includeText: false).map { ($0.id, $0.title) }))
    }
}
