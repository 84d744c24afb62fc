import ParleyCasefile
import ParleyModel
import ParleyStore

/// How many records of each kind an import added.
public struct ImportSummary: Hashable, Sendable {
    public var counts: [RecordKind: Int]

    /// "5 parties, 1 actor, …", in casefile order.
    public var description: String {
        RecordKind.allCases.compactMap { kind in counts[kind].map { kind.count($0) } }.joined(separator: ", ")
    }
}

extension Parley {
    /// Imports a whole casefile, all or nothing; statements without a recording time get now.
    @discardableResult
    public func importCasefile(_ casefile: Casefile) throws -> ImportSummary {
        var casefile = casefile
        let now = clock.timestamp
        for index in casefile.statements.indices where casefile.statements[index].recordedAt == nil {
            casefile.statements[index].recordedAt = now
        }
        try store.write { try $0.importCasefile(casefile) }
        return ImportSummary(counts: [
            .party: casefile.parties.count, .actor: casefile.actors.count, .issue: casefile.issues.count,
            .source: casefile.sources.count, .statement: casefile.statements.count,
            .agreement: casefile.agreements.count, .dispute: casefile.disputes.count,
        ])
    }

    /// Imports the casefile at `path`, all or nothing.
    @discardableResult
    public func importCasefile(path: String) throws -> ImportSummary {
        try importCasefile(try Self.readCasefile(path: path))
    }

    /// Reads and checks the casefile at `path` without touching any database: every problem
    /// with its line.
    public static func readCasefile(path: String) throws -> Casefile {
        try CasefileReader.read(path: path).get()
    }

    /// Streams statements from a CSV file, all or nothing; returns how many were imported.
    @discardableResult
    public func importStatements(csvPath path: String, progress: ((BulkProgress) -> Void)? = nil) throws -> Int {
        try store.importStatements(csvPath: path, recordedAt: clock.timestamp, progress: progress)
    }

    /// Copies the whole database, consistent as of one moment, into a new file at `path`.
    public func backup(to path: String) throws {
        try store.backup(to: path)
    }

    /// The whole case as a casefile value, in the deterministic export order.
    public func exportCasefile() throws -> Casefile {
        try store.read { try $0.exportCasefile() }
    }

    /// The whole case as casefile YAML, byte for byte the same for the same case.
    public func exportYAML() throws -> String {
        try CasefileWriter.yaml(try exportCasefile())
    }
}
