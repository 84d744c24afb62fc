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

    /// Streams statements from a CSV file into the database in one transaction: memory stays
    /// flat whatever the file's size, every record goes through the statement rules, and any bad
    /// record (named by its line) leaves the database exactly as it was. Parties, actors, issues
    /// and sources must already exist. Records without a `recorded` value get `recordedAt`. With
    /// `today`, a said date after it is refused.
    /// Returns the number of statements imported.
    /// With `merge`, a statement already recorded with the same values is skipped and counted,
    /// and one recorded with other values (same party, issue, stance, said date and source) is a
    /// conflict: all conflicts are listed and nothing is written. `finish` runs last, in the same
    /// transaction, with the numbers added and unchanged (to log the import).
    @discardableResult
    public func importStatements(
        csvPath path: String, recordedAt: String, merge: Bool = false, today: CalendarDate? = nil,
        progress: ((BulkProgress) -> Void)? = nil, finish: (StoreWriter, Int, Int) throws -> Void = { _, _, _ in }
    ) throws -> (added: Int, unchanged: Int) {
        let reader = try CSVReader(path: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        func bad(_ line: Int, _ error: ModelError) -> StoreError { .invalid([Problem(file: name, line: line, error)]) }

        guard let headerFields = try reader.next() else {
            throw bad(1, .malformed(.emptyFile(columns: Self.bulkColumns)))
        }
        let header: StatementCSV.Header
        do throws(ModelError) { header = try StatementCSV.Header(headerFields) } catch { throw bad(1, error) }

        // SQLite may keep a statement journal per INSERT: in memory it costs nothing, on disk it
        // was a third of the import's time. A 64 MiB page cache keeps the indexes' hot pages in
        // memory (measured: 30.5 s → 19.9 s for 1M rows).
        try Self.mapping {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536")
            }
        }
        return try write { transaction in
            let db = transaction.db
            let references = try BulkReferences(db)

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
            let bindText = raw.bind
            var count = 0
            var unchanged = 0
            var conflicts: [Problem] = []
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

                sqlite3_bind_int64(handle, 1, partyPK)
                if let actor = statement.actor, let actorPK = references.actors[actor]?.pk {
                    sqlite3_bind_int64(handle, 2, actorPK)
                } else {
                    sqlite3_bind_null(handle, 2)
                }
                sqlite3_bind_int64(handle, 3, issuePK)
                bindText(4, statement.kind.rawValue)
                bindText(5, statement.stance)
                bindText(6, statement.summary)
                bindText(7, statement.quote)
                bindText(8, statement.said?.description)
                sqlite3_bind_int64(handle, 9, Int64(statement.said?.endKey ?? source.key))
                sqlite3_bind_int64(handle, 10, source.pk)
                sqlite3_bind_int64(handle, 11, Int64(source.key))
                bindText(12, statement.recordedAt)
                bindText(13, statement.via)
                if let about = statement.about, let aboutPK = references.parties[about] {
                    sqlite3_bind_int64(handle, 14, aboutPK)
                } else {
                    sqlite3_bind_null(handle, 14)
                }
                if let number = statement.number {
                    sqlite3_bind_int64(handle, 15, number)
                } else {
                    sqlite3_bind_null(handle, 15)
                }
                bindText(16, statement.retraction?.at)
                bindText(17, statement.retraction?.by)
                bindText(18, statement.retraction?.reason)
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                if code != SQLITE_DONE {
                    if let number = statement.number,
                        sqlite3_extended_errcode(db.sqliteConnection) == 1555  // SQLITE_CONSTRAINT_PRIMARYKEY
                    {
                        // The number is taken: the same statement is skipped in a merge; else a conflict.
                        let existing = try db.fetchStatements(
                            StatementQuery.all + " WHERE s.pk = ?", arguments: [number]
                        )
                        .first?.statement
                        if merge, let existing, FieldChange.between(existing.fields, statement.fields).isEmpty,
                            (existing.retraction == nil) == (statement.retraction == nil)
                        {
                            unchanged += 1
                            continue
                        }
                        conflicts.append(
                            Problem(
                                file: name, line: line,
                                .conflict(.statement, record: "#\(number)", detail: "the number is taken")))
                        if !merge { throw StoreError.invalid(conflicts) }
                        continue
                    }
                    if sqlite3_extended_errcode(db.sqliteConnection) == 2067 {  // SQLITE_CONSTRAINT_UNIQUE
                        if merge {
                            // Recorded already: the same values are skipped, others are a conflict.
                            let resolved = try db.resolve(statement, references: DatabaseReferences(db))
                            if let number = try db.sameStatement(as: statement, resolved),
                                let existing = try db.fetchStatements(
                                    StatementQuery.all + " WHERE s.pk = ?", arguments: [number]
                                ).first?.statement
                            {
                                if let field = FieldChange.between(existing.fields, statement.fields).first {
                                    conflicts.append(
                                        Problem(
                                            file: name, line: line,
                                            .conflict(
                                                .statement, record: "#\(number)",
                                                detail: "\(field.field): '\(field.new ?? "")' in the file, "
                                                    + "'\(field.old ?? "")' in the database")))
                                } else {
                                    unchanged += 1
                                }
                                continue
                            }
                        }
                        throw bad(line, .alreadyImported)
                    }
                    throw StoreError(raw.failure(code))
                }
                if !statement.conditions.isEmpty {
                    try db.setConditions(
                        statement.conditions, of: db.lastInsertedRowID, references: DatabaseReferences(db))
                }
                pairs.insert(partyPK << 32 | issuePK)
                if let number = statement.number, number <= highestBefore { numberedBelow.append(number) }
                count += 1
                if count & 4095 == 0, let progress {
                    progress(
                        BulkProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: count))
                }
            }
            let addPair = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO position_key (party_pk, issue_pk) VALUES (?, ?)")
            for pair in pairs.sorted() { try addPair.execute(arguments: [pair >> 32, pair & 0xFFFF_FFFF]) }
            if let trigger { try db.execute(sql: trigger) }
            if spanTrigger {
                try PositionSpans.mark(pairs.sorted(), in: db)
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
            progress?(BulkProgress(bytesRead: reader.totalBytes, totalBytes: reader.totalBytes, records: count))
            try finish(transaction, count, unchanged)
            return (count, unchanged)
        }
    }
}

/// The reference records, read once into memory (a few thousand rows at most), answering the
/// statement rules for every record of a bulk import.
struct BulkReferences: StatementReferences {
    var parties: [String: Int64] = [:]
    var actors: [String: (pk: Int64, party: String)] = [:]
    var issues: [String: Int64] = [:]
    var sources: [String: (pk: Int64, key: Int, published: CalendarDate)] = [:]

    init(_ db: Database) throws {
        var partyIDs: [Int64: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM party") {
            parties[row["id"]] = row["pk"]
            partyIDs[row["pk"]] = row["id"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk, party_pk FROM actor") {
            actors[row["id"]] = (row["pk"], partyIDs[row["party_pk"]] ?? "")
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM issue") { issues[row["id"]] = row["pk"] }
        // A former id of an issue (an alias) names it too.
        for row in try Row.fetchAll(db, sql: "SELECT a.value AS alias, i.pk AS pk FROM issue i, json_each(i.aliases) a")
        where issues[row["alias"]] == nil {
            issues[row["alias"]] = row["pk"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, pk, published_key, published FROM source") {
            sources[row["id"]] = (row["pk"], row["published_key"], try CalendarDate(parsing: row["published"]))
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
