import Foundation
import GRDB
import GRDBSQLite
import ParleyModel

extension ParleyDatabase {
    /// The columns of a bulk statements CSV file; the first line must name them (any order).
    public static let bulkColumns = StatementCSV.columns

    /// Drops trigger `name` for the rest of the import's transaction (which puts it back before it
    /// commits); its SQL, or nil when the database has no such trigger.
    static func liftTrigger(_ name: String, in db: Database) throws -> String? {
        let sql = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", arguments: [name])
        if sql != nil { try db.execute(sql: "DROP TRIGGER \(name)") }
        return sql
    }

    /// Streams statements from a CSV file into the database, all or nothing: memory stays flat
    /// whatever the file's size, every record goes through the statement rules, and any bad
    /// record (named by its line) leaves the database exactly as it was. Parties, actors, issues
    /// and sources must already exist. Records without a `recorded` value get `recordedAt`. With
    /// `today`, a said date after it is refused.
    /// Returns the number of statements imported.
    /// With `merge`, a statement already recorded with the same values is skipped and counted,
    /// and one recorded with other values (same party, issue, stance, said date and source) is a
    /// conflict: all conflicts are listed and nothing is written. `finish` runs last, in the same
    /// transaction, with the numbers added and unchanged (to log the import).
    ///
    /// Other writers wait for the import only while it copies its rows in: the file is read,
    /// checked and resolved to row keys first, into a scratch file, with the database unlocked
    /// (``ImportStage``), and so is the position index of the pairs it touches (``ImportSpans``);
    /// then one write transaction checks again what another writer may have
    /// changed meanwhile (the records the statements name, numbers and duplicates, which the
    /// database's constraints find) and copies the rows in. When the records changed, the file
    /// is checked again (three times at most). `staged` runs between the two (for tests).
    @discardableResult
    public func importStatements(
        csvPath path: String, recordedAt: String, merge: Bool = false, today: CalendarDate? = nil,
        progress: ((BulkProgress) -> Void)? = nil, staged: () throws -> Void = {},
        finish: (StoreWriter, Int, Int) throws -> Void = { _, _, _ in }
    ) throws -> (added: Int, unchanged: Int) {
        // A 64 MiB page cache keeps the indexes' hot pages in memory (measured: 30.5 s → 19.9 s
        // for 1M rows). Temporary storage stays in files (SQLite keeps a statement's journal in
        // memory up to 64 KiB and spills beyond): held in memory, the copy's journals grew with
        // the file, 225 MB at 3M statements against 174 MB in files, for the same CPU time
        // (BENCHMARKS.md, "Import memory").
        try Self.mapping {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA temp_store = FILE; PRAGMA cache_size = -65536")
            }
        }
        for _ in 1...3 {
            let stage = try ImportStage(beside: writer.path)
            defer { stage.close() }
            let checked = try stageStatements(
                csvPath: path, recordedAt: recordedAt, today: today, progress: progress, into: stage)
            try staged()
            if let counts = try copyStaged(
                stage, checked, csvPath: path, recordedAt: recordedAt, merge: merge, progress: progress, finish: finish)
            {
                return counts
            }
        }
        throw StoreError.busy
    }

    /// What staging read of the database: the records, as of the change-log version `version`.
    struct StagedCheck {
        var references: BulkReferences
        var version: Int64
        var highest: Int64
        var header: StatementCSV.Header
        var count: Int
        var totalBytes: Int
        /// Whether the stage holds the touched pairs' spans (``ImportSpans``).
        var spans: Bool
    }

    /// Reads, checks and resolves every record of the file into `stage`, against the records in
    /// the database as they are now; takes no lock.
    private func stageStatements(
        csvPath path: String, recordedAt: String, today: CalendarDate?, progress: ((BulkProgress) -> Void)?,
        into stage: ImportStage
    ) throws -> StagedCheck {
        let reader = try CSVReader(path: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        func bad(_ line: Int, _ error: ModelError) -> StoreError { .invalid([Problem(file: name, line: line, error)]) }

        guard let headerFields = try reader.next() else {
            throw bad(1, .malformed(.emptyFile(columns: Self.bulkColumns)))
        }
        let header: StatementCSV.Header
        do throws(ModelError) { header = try StatementCSV.Header(headerFields) } catch { throw bad(1, error) }
        let (references, version, highest) = try read { reader in
            (
                try BulkReferences(reader.db), try reader.changeVersion(),
                try Int64.fetchOne(reader.db, sql: "SELECT coalesce(max(pk), 0) FROM statement") ?? 0
            )
        }
        let handle = stage.row
        func bindText(_ index: Int32, _ text: String?) {
            if let text {
                sqlite3_bind_text(handle, index, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            } else {
                sqlite3_bind_null(handle, index)
            }
        }
        func bindKey(_ index: Int32, _ key: Int64?) {
            if let key { sqlite3_bind_int64(handle, index, key) } else { sqlite3_bind_null(handle, index) }
        }
        var count = 0
        var next = highest  // the number SQLite will give the next row without one
        while let fields = try reader.next() {
            let line = reader.recordLine
            let statement: Statement
            do throws(ModelError) {
                statement = try StatementCSV.statement(fields, header: header, recordedAt: recordedAt) {
                    given, actor throws(ModelError) in
                    try Statement.party(given: given, actor: actor, references: references)
                }
            } catch {
                throw bad(line, error)
            }
            let problems = statement.problems(references: references, today: today)
            if !problems.isEmpty {
                throw StoreError.invalid(problems.map { Problem(file: name, line: line, $0.error) })
            }
            guard let partyPK = references.parties[statement.party],
                let issuePK = references.issues[statement.issue],
                let source = references.sources[statement.source]
            else {
                throw StoreError.unexpected(
                    code: 0, detail: "\(name) line \(line): a reference checked a moment ago is gone")
            }
            sqlite3_bind_int64(handle, 1, Int64(line))
            sqlite3_bind_int64(handle, 2, Int64(reader.recordOffset))
            sqlite3_bind_int(handle, 3, statement.conditions.isEmpty ? 0 : 1)
            // The insert's parameters, from 4 on (see `copyStaged`).
            sqlite3_bind_int64(handle, 4, partyPK)
            bindKey(5, statement.actor.flatMap { references.actors[$0]?.pk })
            sqlite3_bind_int64(handle, 6, issuePK)
            bindText(7, statement.kind.rawValue)
            bindText(8, statement.stance)
            bindText(9, statement.summary)
            bindText(10, statement.quote)
            bindText(11, statement.said?.description)
            sqlite3_bind_int64(handle, 12, Int64(statement.said?.endKey ?? source.key))
            sqlite3_bind_int64(handle, 13, source.pk)
            sqlite3_bind_int64(handle, 14, Int64(source.key))
            bindText(15, statement.recordedAt)
            bindText(16, statement.via)
            bindKey(17, statement.about.flatMap { references.parties[$0] })
            bindKey(18, statement.number)
            bindText(19, statement.retraction?.at)
            bindText(20, statement.retraction?.by)
            bindText(21, statement.retraction?.reason)
            if let number = statement.number {
                sqlite3_bind_int64(handle, 22, number)
                next = max(next, number)
            } else {
                next += 1
                sqlite3_bind_int64(handle, 22, next)
            }
            try stage.add()
            count += 1
            if count & 4095 == 0, let progress {
                progress(BulkProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: count))
            }
        }
        try stage.seal()
        var published: [Int64: String] = [:]
        for source in references.sources.values { published[source.pk] = source.published.description }
        let spans = try read { reader in
            try ImportSpans.stage(stage, published: published, highest: highest, reader: reader)
        }
        return StagedCheck(
            references: references, version: version, highest: highest, header: header, count: count,
            totalBytes: reader.totalBytes, spans: spans)
    }

    /// Copies the staged statements into the database in one write transaction, after checking
    /// that the records they name are as staging read them (nil, with nothing written, when they
    /// are not: the file must be checked again). Duplicates and taken numbers, whoever wrote them
    /// and when, are found by the database's constraints, row by row.
    private func copyStaged(
        _ stage: ImportStage, _ checked: StagedCheck, csvPath path: String, recordedAt: String, merge: Bool,
        progress: ((BulkProgress) -> Void)?, finish: (StoreWriter, Int, Int) throws -> Void
    ) throws -> (added: Int, unchanged: Int)? {
        let name = URL(fileURLWithPath: path).lastPathComponent
        func bad(_ line: Int, _ error: ModelError) -> StoreError { .invalid([Problem(file: name, line: line, error)]) }
        let references = checked.references
        // The file, read again only for a record that meets a conflict or has conditions.
        let again = try CSVReader(path: path, chunkSize: 1 << 16)
        func statement(at offset: Int, line: Int) throws -> Statement {
            guard let fields = try again.record(at: offset, line: line) else {
                throw StoreError.unexpected(code: 0, detail: "\(name) line \(line): the file changed during the import")
            }
            do throws(ModelError) {
                return try StatementCSV.statement(fields, header: checked.header, recordedAt: recordedAt) {
                    given, actor throws(ModelError) in
                    try Statement.party(given: given, actor: actor, references: references)
                }
            } catch {
                throw bad(line, error)
            }
        }
        let changed = ChangedReferences()
        // The copy lands rows all over the indexes of a large file: a page cache that holds the pages
        // it changes spares SQLite reading them again and writing them to the log twice (spilled
        // before the commit, then committed). As large as the file, from the 64 MiB the import
        // keeps otherwise up to 256 MiB, for this transaction only: an import into a new or small
        // file keeps 64 MiB (its peak memory is what BENCHMARKS measures).
        defer {
            try? Self.mapping {
                try writer.writeWithoutTransaction { try $0.execute(sql: "PRAGMA cache_size = -65536") }
            }
        }
        let counts: (Int, Int) = try write { transaction in
            let db = transaction.db
            // Another writer changed the case meanwhile: when the records the rules read are not as
            // staging read them, the checks made then no longer hold.
            if try StoreReader(db: db).changeVersion() != checked.version, try BulkReferences(db) != references {
                changed.found = true
                return (0, 0)
            }
            let fileKiB =
                (try Int64.fetchOne(
                    db, sql: "SELECT page_count * page_size / 1024 FROM pragma_page_count, pragma_page_size")) ?? 0
            try db.execute(sql: "PRAGMA cache_size = -\(min(max(fileKiB, 65536), 262144))")

            // The trigger that keeps position_key (one row per party-issue pair) would fire once per
            // row; within this transaction it is lifted, the pairs are collected here, and both are
            // put back before the commit, so no other connection ever sees the schema without it.
            let trigger = try Self.liftTrigger("statement_position_key", in: db)
            // The trigger that marks pairs for the position spans likewise (see `PositionSpans`).
            let spanTrigger = try Self.liftTrigger("position_stale_insert", in: db) != nil
            var pairs = Set<Int64>()  // party_pk << 32 | issue_pk
            // Likewise the search index: filled in one pass at the end rather than by a trigger per row.
            let searchTrigger = try Self.liftTrigger("statement_search_insert", in: db) != nil
            let highestBefore = try Int64.fetchOne(db, sql: "SELECT max(pk) FROM statement") ?? 0
            var numberedBelow: [Int64] = []  // statements given numbers at or below the highest before

            let insert = try db.makeStatement(
                sql: """
                    INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                                           source_pk, source_key, recorded_at, via, about_pk, pk, retracted_at,
                                           retracted_by, retract_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            let raw = RawStatement(insert, in: db)
            let handle = raw.handle
            var count = 0
            var unchanged = 0
            var conflicts: [Problem] = []
            // The number each staged row was given (0: not inserted), and the pairs of those not inserted.
            var actual: [Int64] = []
            actual.reserveCapacity(checked.count)
            var skipped = Set<Int64>()
            try stage.eachRow { row in
                let line = Int(sqlite3_column_int64(row, 0))
                let offset = Int(sqlite3_column_int64(row, 1))
                let pair = sqlite3_column_int64(row, 3) << 32 | sqlite3_column_int64(row, 5)
                actual.append(0)
                for index in 1...ImportStage.columns {
                    sqlite3_bind_value(handle, index, sqlite3_column_value(row, index + 2))
                }
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                let number: Int64? = sqlite3_column_type(row, 17) == SQLITE_NULL ? nil : sqlite3_column_int64(row, 17)
                if code != SQLITE_DONE {
                    skipped.insert(pair)
                    let statement = try statement(at: offset, line: line)
                    // SQLITE_CONSTRAINT_PRIMARYKEY: the number is taken; the same statement is skipped in a
                    // merge, else it is a conflict.
                    if let number, sqlite3_extended_errcode(db.sqliteConnection) == 1555 {
                        let existing = try db.fetchStatements(
                            StatementQuery.all + " WHERE s.pk = ?", arguments: [number]
                        )
                        .first?.statement
                        if merge, let existing, FieldChange.between(existing.fields, statement.fields).isEmpty,
                            (existing.retraction == nil) == (statement.retraction == nil)
                        {
                            unchanged += 1
                            return
                        }
                        conflicts.append(
                            Problem(
                                file: name, line: line,
                                .conflict(.statement, record: "#\(number)", detail: "the number is taken")))
                        if !merge { throw StoreError.invalid(conflicts) }
                        return
                    }
                    if sqlite3_extended_errcode(db.sqliteConnection) == 2067 {  // SQLITE_CONSTRAINT_UNIQUE
                        let resolved = try db.resolve(statement, references: DatabaseReferences(db))
                        let same = try db.sameStatement(as: statement, resolved)
                        if merge, let same,
                            let existing = try db.fetchStatements(
                                StatementQuery.all + " WHERE s.pk = ?", arguments: [same]
                            )
                            .first?.statement
                        {
                            // Recorded already: the same values are skipped, others are a conflict.
                            if let field = FieldChange.between(existing.fields, statement.fields).first {
                                conflicts.append(
                                    Problem(
                                        file: name, line: line,
                                        .conflict(
                                            .statement, record: "#\(same)",
                                            detail: "\(field.field): '\(field.new ?? "")' in the file, "
                                                + "'\(field.old ?? "")' in the database")))
                            } else {
                                unchanged += 1
                            }
                            return
                        }
                        if let same, same > checked.highest, same <= highestBefore {
                            // Not there when the file was checked: another writer recorded it since.
                            throw bad(line, .recordedDuringImport(number: same))
                        }
                        throw bad(line, .alreadyImported)
                    }
                    throw StoreError(raw.failure(code))
                }
                actual[actual.count - 1] = db.lastInsertedRowID
                if sqlite3_column_int(row, 2) != 0 {
                    try db.setConditions(
                        try statement(at: offset, line: line).conditions, of: db.lastInsertedRowID,
                        references: DatabaseReferences(db))
                }
                pairs.insert(pair)
                if let number, number <= highestBefore { numberedBelow.append(number) }
                count += 1
            }
            let addPair = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO position_key (party_pk, issue_pk) VALUES (?, ?)")
            for pair in pairs.sorted() { try addPair.execute(arguments: [pair >> 32, pair & 0xFFFF_FFFF]) }
            if let trigger { try db.execute(sql: trigger) }
            // The pairs whose spans staging worked out but which must be recomputed all the same:
            // changed by another writer since (or marked stale then or now), or given statements
            // not inserted as staged.
            let recheck =
                spanTrigger && checked.spans
                ? try ImportSpans.recheck(stage).union(ImportSpans.changedSince(checked.version, in: db))
                    .union(skipped) : pairs
            if spanTrigger {
                try PositionSpans.mark(pairs.intersection(recheck).sorted(), in: db)
                try db.execute(sql: PositionSpans.insertTrigger)
            }
            if searchTrigger {
                // Two statements, not one with `OR`: SQLite answers an `OR` of two row-key conditions
                // by collecting every matching key in memory first (24 MB at 1M rows, measured with
                // heaptrack; ten times that at 10M), where a range is read as it goes.
                try db.execute(
                    sql:
                        "INSERT INTO statement_search(rowid, summary, quote) SELECT pk, summary, quote FROM statement WHERE pk > ?",
                    arguments: [highestBefore])
                if !numberedBelow.isEmpty {
                    try db.execute(
                        sql: """
                            INSERT INTO statement_search(rowid, summary, quote)
                            SELECT pk, summary, quote FROM statement WHERE pk IN (SELECT value FROM json_each(?))
                            """,
                        arguments: ["[" + numberedBelow.map(String.init).joined(separator: ",") + "]"])
                }
                try db.execute(sql: SearchIndex.statementInsertTrigger)
            }
            if !conflicts.isEmpty { throw StoreError.invalid(conflicts) }
            try finish(transaction, count, unchanged)
            if spanTrigger && checked.spans {
                // After `finish`, so that the pairs are filed under the import's change-log version.
                try ImportSpans.apply(
                    stage, pairs: pairs, recheck: recheck,
                    actual: { row in
                        row >= 1 && row <= actual.count && actual[Int(row) - 1] != 0 ? actual[Int(row) - 1] : nil
                    },
                    in: db)
            }
            return (count, unchanged)
        }
        if changed.found { return nil }
        progress?(BulkProgress(bytesRead: checked.totalBytes, totalBytes: checked.totalBytes, records: counts.0))
        return counts
    }
}

/// Whether the copy found the records changed since staging (set inside the write, read after
/// it, so that the write commits nothing).
private final class ChangedReferences {
    var found = false
}

/// The reference records, read once into memory (a few thousand rows at most), answering the
/// statement rules for every record of a bulk import.
struct BulkReferences: StatementReferences, Equatable {
    struct Actor: Equatable {
        var pk: Int64
        var party: String
    }
    struct Source: Equatable {
        var pk: Int64
        var key: Int
        var published: CalendarDate
    }
    var parties: [String: Int64] = [:]
    var actors: [String: Actor] = [:]
    var issues: [String: Int64] = [:]
    var sources: [String: Source] = [:]

    init(_ db: Database) throws {
        var partyIDs: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM party") {
            parties[row["id"]] = row["pk"]
            partyIDs[row["pk"]] = row["id"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk, party_pk FROM actor") {
            actors[row["id"]] = Actor(pk: row["pk"], party: partyIDs[row["party_pk"]] ?? "")
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM issue") { issues[row["id"]] = row["pk"] }
        // A former id of an issue (an alias) names it too.
        for row in try Row.fetchAll(db, sql: "SELECT a.value AS alias, i.pk AS pk FROM issue i, json_each(i.aliases) a")
        where issues[row["alias"]] == nil {
            issues[row["alias"]] = row["pk"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk, published_key, published FROM source") {
            sources[row["id"]] = Source(
                pk: row["pk"], key: row["published_key"], published: try CalendarDate(parsing: row["published"]))
        }
    }

    func contains(_ kind: RecordKind, _ id: String) -> Bool {
        switch kind {
        case .party: return parties[id] != nil
        case .actor: return actors[id] != nil
        case .issue: return issues[id] != nil
        case .source: return sources[id] != nil
        default: return false
        }
    }

    func party(ofActor id: String) -> String? { actors[id]?.party }

    func published(ofSource id: String) -> CalendarDate? { sources[id]?.published }

    func suggestions(_ kind: RecordKind, for id: String) -> [String] {
        switch kind {
        case .party: return Suggestions.closest(to: id, among: parties.keys)
        case .actor: return Suggestions.closest(to: id, among: actors.keys)
        case .issue: return Suggestions.closest(to: id, among: issues.keys)
        case .source: return Suggestions.closest(to: id, among: sources.keys)
        default: return []
        }
    }
}
