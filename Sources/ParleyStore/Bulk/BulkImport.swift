import Foundation
import GRDB
import GRDBSQLite
import ParleyModel

/// Progress of a bulk import, reported every few thousand records.
public struct BulkProgress: Sendable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var records: Int
}

extension ParleyDatabase {
    /// The columns of a bulk statements CSV file; the first line must name them (any order).
    public static let bulkColumns = ["party", "actor", "issue", "kind", "stance", "summary", "quote", "said", "source", "recorded"]
    static let requiredBulkColumns: Set<String> = ["issue", "kind", "stance", "summary", "source"]

    /// Streams statements from a CSV file into the database in one transaction: memory stays
    /// flat whatever the file's size, and any bad record (named by its line) leaves the database
    /// exactly as it was. Parties, actors, issues and sources must already exist.
    /// Returns the number of statements imported.
    @discardableResult
    public func importStatements(csvPath path: String, progress: ((BulkProgress) -> Void)? = nil) throws -> Int {
        let reader = try CSVReader(path: path)
        let name = URL(fileURLWithPath: path).lastPathComponent
        func bad(_ line: Int, _ message: String) -> StoreError { .badRecord(location: "\(name) line \(line)", message: message) }

        guard let header = try reader.next() else { throw bad(1, "the file is empty; the first line must name the columns: \(Self.bulkColumns.joined(separator: ","))") }
        var column: [String: Int] = [:]
        for (index, title) in header.enumerated() {
            let key = title.trimmingCharacters(in: .whitespaces)
            guard Self.bulkColumns.contains(key) else {
                throw bad(1, "unknown column '\(key)'; the columns are \(Self.bulkColumns.joined(separator: ", "))")
            }
            if column[key] != nil { throw bad(1, "column '\(key)' appears twice") }
            column[key] = index
        }
        let missing = Self.requiredBulkColumns.subtracting(column.keys).sorted()
        if !missing.isEmpty { throw bad(1, "missing column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", "))") }
        if column["party"] == nil && column["actor"] == nil { throw bad(1, "give a 'party' column, an 'actor' column, or both") }
        let now = Self.now()

        // SQLite may keep a statement journal per INSERT: in memory it costs nothing, on disk it
        // was a third of the import's time. A 64 MiB page cache keeps the indexes' hot pages in
        // memory (measured: 30.5 s → 19.9 s for 1M rows).
        try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536") }
        return try writer.write { db in
            // Reference ids resolved once, in memory: a few thousand rows at most.
            var parties: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM party") { parties[row[0]] = row[1] }
            var actors: [String: (pk: Int64, party: Int64)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, pk, party_pk FROM actor") { actors[row[0]] = (row[1], row[2]) }
            var issues: [String: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, pk FROM issue") { issues[row[0]] = row[1] }
            var sources: [String: (pk: Int64, key: Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, pk, published_key FROM source") { sources[row[0]] = (row[1], row[2]) }
            func unknown(_ kind: String, _ id: String, _ known: some Sequence<String>, line: Int) -> StoreError {
                let hint = Suggestions.closest(to: id, among: known)
                return bad(line, "no \(kind) '\(id)'; " + (Suggestions.didYouMean(hint) ?? "add it first (parley \(kind) add, or a casefile)"))
            }

            // The trigger that keeps position_key (one row per party-issue pair) would fire once per
            // row; within this transaction it is lifted, the pairs are collected here, and both are
            // put back before the commit, so no other connection ever sees the schema without it.
            let trigger = try String.fetchOne(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'statement_position_key'")
            if trigger != nil { try db.execute(sql: "DROP TRIGGER statement_position_key") }
            var pairs = Set<Int64>()  // party_pk << 32 | issue_pk

            let insert = try db.makeStatement(sql: """
                INSERT INTO statement (party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said, said_key,
                                       source_pk, source_key, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let handle = insert.sqliteStatement
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            func bindText(_ index: Int32, _ text: String?) {
                if let text { sqlite3_bind_text(handle, index, text, -1, transient) } else { sqlite3_bind_null(handle, index) }
            }
            let iParty = column["party"], iActor = column["actor"], iIssue = column["issue"]!, iKind = column["kind"]!
            let iStance = column["stance"]!, iSummary = column["summary"]!, iQuote = column["quote"], iSaid = column["said"]
            let iSource = column["source"]!, iRecorded = column["recorded"]
            var count = 0
            while let fields = try reader.next() {
                let line = reader.recordLine
                guard fields.count == header.count else {
                    throw bad(line, "expected \(header.count) fields, found \(fields.count); quote fields that contain commas")
                }
                func field(_ index: Int?) -> String? {
                    guard let index, !fields[index].isEmpty else { return nil }
                    return fields[index]
                }
                var partyPK: Int64?
                var actorPK: Int64?
                if let actorID = field(iActor) {
                    guard let actor = actors[actorID] else { throw unknown("actor", actorID, actors.keys, line: line) }
                    actorPK = actor.pk
                    partyPK = actor.party
                }
                if let partyID = field(iParty) {
                    guard let pk = parties[partyID] else { throw unknown("party", partyID, parties.keys, line: line) }
                    if let owner = partyPK, owner != pk {
                        throw bad(line, "actor '\(field(iActor) ?? "")' does not speak for party '\(partyID)'")
                    }
                    partyPK = pk
                }
                guard let resolvedParty = partyPK else { throw bad(line, "give the party or the actor") }
                let issueID = fields[iIssue]
                guard let issuePK = issues[issueID] else { throw unknown("issue", issueID, issues.keys, line: line) }
                let kind = fields[iKind]
                guard StatementKind(rawValue: kind) != nil else {
                    throw bad(line, ModelError.invalidChoice(kind, field: StatementKind.fieldName, allowed: StatementKind.allowedValues).localizedDescription)
                }
                let stance = fields[iStance]
                guard Identifier.isValid(stance) else { throw bad(line, "'\(stance)' is not a valid stance label: \(Identifier.rule)") }
                let summary = fields[iSummary]
                guard !summary.trimmingCharacters(in: .whitespaces).isEmpty else { throw bad(line, "summary must not be empty") }
                let sourceID = fields[iSource]
                guard let source = sources[sourceID] else { throw unknown("source", sourceID, sources.keys, line: line) }
                var saidKey = source.key
                let said = field(iSaid)
                if let said {
                    do { saidKey = try CalendarDate(parsing: said).endKey } catch { throw bad(line, error.localizedDescription) }
                }

                sqlite3_bind_int64(handle, 1, resolvedParty)
                if let actorPK { sqlite3_bind_int64(handle, 2, actorPK) } else { sqlite3_bind_null(handle, 2) }
                sqlite3_bind_int64(handle, 3, issuePK)
                bindText(4, kind)
                bindText(5, stance)
                bindText(6, summary)
                bindText(7, field(iQuote))
                bindText(8, said)
                sqlite3_bind_int64(handle, 9, Int64(saidKey))
                sqlite3_bind_int64(handle, 10, source.pk)
                sqlite3_bind_int64(handle, 11, Int64(source.key))
                bindText(12, field(iRecorded) ?? now)
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                if code != SQLITE_DONE {
                    if sqlite3_extended_errcode(db.sqliteConnection) == 2067 {  // SQLITE_CONSTRAINT_UNIQUE
                        throw bad(line, "the same statement (party, issue, stance, said date and source) is already recorded, in the database or earlier in this file")
                    }
                    throw bad(line, "SQLite refused the record: \(String(cString: sqlite3_errmsg(db.sqliteConnection)))")
                }
                pairs.insert(resolvedParty << 32 | issuePK)
                count += 1
                if count & 4095 == 0, let progress {
                    progress(BulkProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: count))
                }
            }
            let addPair = try db.makeStatement(sql: "INSERT OR IGNORE INTO position_key (party_pk, issue_pk) VALUES (?, ?)")
            for pair in pairs.sorted() { try addPair.execute(arguments: [pair >> 32, pair & 0xFFFF_FFFF]) }
            if let trigger { try db.execute(sql: trigger) }
            progress?(BulkProgress(bytesRead: reader.totalBytes, totalBytes: reader.totalBytes, records: count))
            return count
        }
    }
}
