import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

#if PostgreSQL
    import ParleyPostgres
#endif

/// What an import did: records added and records found already there, by kind.
public struct ImportSummary: Hashable, Sendable {
    public var added: [RecordKind: Int]
    public var unchanged: [RecordKind: Int]
    /// Steps added to agreements and disputes already in the database (a merge).
    public var stepsAdded: Int
    /// Label relations added.
    public var relationsAdded: Int

    public init(
        added: [RecordKind: Int], unchanged: [RecordKind: Int] = [:], stepsAdded: Int = 0, relationsAdded: Int = 0
    ) {
        self.added = added
        self.unchanged = unchanged
        self.stepsAdded = stepsAdded
        self.relationsAdded = relationsAdded
    }

    /// What `casefile` holds, counted as an import of it would add it.
    public init(_ casefile: Casefile) {
        self.init(
            added: [
                .party: casefile.parties.count, .actor: casefile.actors.count, .issue: casefile.issues.count,
                .source: casefile.sources.count, .statement: casefile.statements.count,
                .agreement: casefile.agreements.count, .dispute: casefile.disputes.count,
            ], relationsAdded: casefile.labelRelations.count)
    }

    /// "5 parties, 1 actor, …" added, in casefile order.
    public var description: String { ([Self.counts(added)] + relations).filter { !$0.isEmpty }.joined(separator: ", ") }

    /// What was added, leaving out the kinds of which nothing was; "nothing" when nothing was.
    public var addedDescription: String {
        let text = ([Self.counts(added.filter { $0.value > 0 })] + relations).filter { !$0.isEmpty }
            .joined(separator: ", ")
        return text.isEmpty ? "nothing" : text
    }

    private var relations: [String] {
        relationsAdded == 0 ? [] : ["\(relationsAdded) label relation\(relationsAdded == 1 ? "" : "s")"]
    }

    /// Whether the import changed nothing (a merge of what was all there already).
    public var addedNothing: Bool {
        added.values.allSatisfy { $0 == 0 } && stepsAdded == 0 && relationsAdded == 0
    }

    /// What a merge found already there, in casefile order; empty when nothing was.
    public var unchangedDescription: String { Self.counts(unchanged.filter { $0.value > 0 }) }

    static func counts(_ counts: [RecordKind: Int]) -> String {
        RecordKind.allCases.compactMap { kind in counts[kind].map { kind.count($0) } }.joined(separator: ", ")
    }
}

extension Parley {
    /// Imports a whole casefile, all or nothing; statements without a recording time get now.
    /// With `merge`, records already present and identical are skipped, and conflicts are listed
    /// (with their lines when `document` knows them).
    @discardableResult
    public func importCasefile(_ casefile: Casefile, merge: Bool = false, name: String? = nil) throws -> ImportSummary {
        try importCasefile(CasefileDocument(casefile: casefile), merge: merge, name: name)
    }

    /// Imports a casefile as read, so that problems found against the database name their lines.
    /// A reviewed draft's statements go in without the drafter's notes; the change log says they
    /// were reviewed, and by whom (the user the import is recorded for).
    @discardableResult
    public func importCasefile(_ document: CasefileDocument, merge: Bool = false, name: String? = nil) throws
        -> ImportSummary
    {
        if case .contract(let store, let address) = backend {
            return try importStaged(document, merge: merge, name: name, into: store, address: address)
        }
        var casefile = document.casefile
        let now = clock.timestamp
        for index in casefile.statements.indices where casefile.statements[index].recordedAt == nil {
            casefile.statements[index].recordedAt = now
        }
        do {
            return try store.write { writer in
                let outcome = try writer.importCasefile(casefile, merge: merge, today: clock.today)
                let summary = ImportSummary(
                    added: outcome.added, unchanged: outcome.unchanged, stepsAdded: outcome.stepsAdded,
                    relationsAdded: outcome.relationsAdded)
                // A merge that found everything there already changed nothing: nothing to log.
                if !summary.addedNothing {
                    try writer.log(importEntry(name, summary, merge: merge, reviewedDrafts: document.reviewedDrafts))
                }
                return summary
            }
        } catch StoreError.invalid(let problems) {
            throw StoreError.invalid(
                problems.map { problem in
                    var located = problem
                    if located.line == nil { located.line = document.line(for: problem.path) }
                    if located.file == nil { located.file = document.file(for: problem.path) }
                    return located
                })
        }
    }

    /// Reads the CSV tables in the folder `path` (`parties.csv`, `statements.csv`, …; any may be
    /// missing, but not all) and checks them like a casefile, without touching any database.
    public static func readTables(folder path: String) throws -> CasefileDocument {
        var tables: [String: CasefileTables.ReadTable] = [:]
        for name in CasefileTables.fileNames {
            let file = (path as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file) else { continue }
            let reader = try CSVReader(path: file)
            guard let header = try reader.next() else { continue }
            var records: [(line: Int, fields: [String])] = []
            while let fields = try reader.next() { records.append((reader.recordLine, fields)) }
            tables[name] = CasefileTables.ReadTable(
                header: header.map { $0.trimmingCharacters(in: .whitespaces) }, records: records)
        }
        guard !tables.isEmpty else {
            throw StoreError.invalid([Problem(file: path, .malformed(.noTables(files: CasefileTables.fileNames)))])
        }
        return try CasefileTables.casefile(tables).get()
    }

    /// Imports the casefile at `path`, all or nothing.
    @discardableResult
    public func importCasefile(path: String, merge: Bool = false) throws -> ImportSummary {
        switch CasefileReader.document(path: path, outsideReferences: true) {
        case .success(let document): return try importCasefile(document, merge: merge, name: path)
        case .failure(let error): throw Self.completing(error, with: self)
        }
    }

    /// Reads and checks the casefile at `path` without touching any database: every problem
    /// with its line. With `outsideReferences`, references to records the casefile does not hold
    /// are left for the import to check against the database.
    public static func readCasefile(path: String, outsideReferences: Bool = false) throws -> CasefileDocument {
        try CasefileReader.document(path: path, outsideReferences: outsideReferences).get()
    }

    /// Reads and checks the casefile at `path` for importing into the database at `database`
    /// (which need not exist yet): a reference to a record the casefile does not hold is left for
    /// the import to find there. When the file has other problems, the references the database
    /// does not resolve either are listed with them, so that every problem shows at once.
    public static func readCasefile(path: String, importingInto database: String) throws -> CasefileDocument {
        switch CasefileReader.document(path: path, outsideReferences: true) {
        case .success(let document):
            return document
        case .failure(let error):
            guard !error.deferred.isEmpty else { throw error }
            let stored =
                FileManager.default.fileExists(atPath: database) || PostgresAddress.looksLikeOne(database)
                ? try? Parley.open(database: database, for: .read) : nil
            throw Self.completing(error, with: stored)
        }
    }

    /// The casefile's problems with its deferred references that `stored` (if any) does not
    /// resolve either, in line order.
    static func completing(_ error: CasefileError, with stored: Parley?) -> CasefileError {
        let unresolved = (try? stored?.unresolved(error.deferred)) ?? error.deferred
        let problems = (error.problems + unresolved).enumerated().sorted { a, b in
            (a.element.line ?? Int.max, a.offset) < (b.element.line ?? Int.max, b.offset)
        }.map(\.element)
        return CasefileError(problems: problems)
    }

    /// The reference problems among `problems` that the database does not resolve either.
    func unresolved(_ problems: [Problem]) throws -> [Problem] {
        try reading { reader in
            var ids: [RecordKind: Set<String>] = [
                .party: Set(try reader.parties().map(\.id)), .actor: Set(try reader.actors().map(\.id)),
                .source: Set(try reader.sources(includeText: false).map(\.id)),
            ]
            ids[.issue] = Set(try reader.issues().flatMap { [$0.id] + $0.aliases })
            return problems.filter { problem in
                switch problem.error {
                case .unknownReference(let kind, let id, _): return ids[kind]?.contains(id) != true
                case .missingParent(_, let parent): return ids[.issue]?.contains(parent) != true
                default: return true
                }
            }
        }
    }

    /// Streams statements from a CSV file, all or nothing. With `merge`, statements already
    /// recorded with the same values are skipped, and ones recorded with other values are listed
    /// as conflicts. Returns how many were added and how many were already there. Other writers
    /// wait only while the checked rows are copied in, not while the file is read and checked;
    /// `staged` runs between the two.
    @discardableResult
    public func importStatements(
        csvPath path: String, merge: Bool = false, progress: ((BulkProgress) -> Void)? = nil,
        staged: () throws -> Void = {}
    ) throws -> (added: Int, unchanged: Int) {
        if case .contract(let store, let address) = backend {
            return try importStatementsStaged(
                csvPath: path, merge: merge, progress: progress, into: store, address: address)
        }
        let counts = try store.importStatements(
            csvPath: path, recordedAt: clock.timestamp, merge: merge, today: clock.today, progress: progress,
            staged: staged
        ) { writer, added, unchanged in
            let summary = ImportSummary(added: [.statement: added], unchanged: [.statement: unchanged])
            if !summary.addedNothing { try writer.log(importEntry(path, summary, merge: merge)) }
        }
        return counts
    }

    private func importEntry(_ name: String?, _ summary: ImportSummary, merge: Bool, reviewedDrafts: Int = 0)
        -> LogEntry
    {
        var changes = [FieldChange(field: "added", old: nil, new: summary.description)]
        if reviewedDrafts > 0 {
            let statements = reviewedDrafts == 1 ? "1 statement" : "\(reviewedDrafts) statements"
            changes.append(
                FieldChange(
                    field: "reviewed drafts", old: nil,
                    new: "\(statements) drafted from an article, reviewed by \(user); the drafter's notes not kept"))
        }
        if merge { changes.append(FieldChange(field: "unchanged", old: nil, new: summary.unchangedDescription)) }
        if summary.stepsAdded > 0 {
            changes.append(FieldChange(field: "steps added", old: nil, new: String(summary.stepsAdded)))
        }
        return entry(.import, nil, name, changes: changes)
    }

    /// Copies the whole case, consistent as of one moment, into a self-contained SQLite file at
    /// `path` (replaced if it exists; never half written). From SQLite, with its online backup; from
    /// PostgreSQL, every table of the case read in one read transaction, written as an ordinary
    /// Parley database (what ``copyDatabase(from:to:)`` writes, into a file that may exist).
    public func backup(to path: String) throws {
        if case .contract(let store, let address) = backend {
            #if PostgreSQL
                guard let store = store as? PostgresStore else {
                    throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
                }
                _ = try ParleyDatabase.backup(to: path, tables: PostgresStore.caseTables) { receive in
                    try store.forEachBatch(batch: 10_000, receive)
                }
                return
            #else
                throw StoreError.postgres(address: address, .notBuilt)
            #endif
        }
        try store.backup(to: path)
    }

    /// The whole case as a casefile value, in the deterministic export order: the same bytes
    /// from either backend.
    public func exportCasefile() throws -> Casefile {
        try reading { try $0.casefile() }
    }

    /// The whole case as casefile YAML, byte for byte the same for the same case.
    public func exportYAML() throws -> String {
        try Self.yaml(try exportCasefile())
    }

    /// A casefile as YAML, byte for byte the same for the same case.
    public static func yaml(_ casefile: Casefile) throws -> String { try CasefileWriter.yaml(casefile) }

    /// The whole case as CSV tables, one per kind of record (see ``CasefileTables``).
    public func exportTables() throws -> [CasefileTables.Table] {
        Self.tables(try exportCasefile())
    }

    /// A casefile as CSV tables, one per kind of record (what `readTables(folder:)` reads back).
    public static func tables(_ casefile: Casefile) -> [CasefileTables.Table] { CasefileTables.tables(casefile) }
}
