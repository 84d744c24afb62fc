import Foundation
import GRDB
import ParleyModel

/// What a write staged on a copy of a case (``ParleyDatabase/captureChanges(of:)``) wrote and
/// read there, in the terms of the records other writes name in the change log: what decides
/// whether writes that reached the case after the copy was made change what the staged write
/// would have done (``conflict(with:now:then:addsSame:)``), and how its rows' keys follow the
/// case's (``key(_:of:after:)``).
///
/// Row keys are the copy's. A record that was there when the copy was made has the same key in
/// the case; keys above ``highest`` are the staged write's own, which another write may have
/// taken in the case meanwhile.
public struct StagedFootprint: Sendable, Equatable {
    /// For each table keyed by SQLite's row key, the highest key when the copy was made.
    public var highest: [String: Int64] = [:]
    /// The tables in which the write gave rows keys of its own above ``highest`` (statements
    /// imported with their numbers).
    public var chosenAbove: Set<String> = []
    /// For each table, its columns that hold another table's row key: column → that table.
    public var references: [String: [String: String]] = [:]
    /// The ids of the records the write added, by kind; an added issue's aliases too.
    public var added: [RecordKind: Set<String>] = [:]
    /// The ids of the records that were there and that the write changed, removed, or wrote rows
    /// naming (an added statement's party, issue, actor and source; an added step's agreement).
    public var touched: [RecordKind: Set<String>] = [:]
    /// The statements that were there and that the write changed, removed or gave conditions.
    public var touchedStatements: Set<Int64> = []
    /// The (party, issue) pairs (`party_pk << 32 | issue_pk`, both records there before) of the
    /// statements the write added or changed.
    public var pairs: Set<Int64> = []
    /// The issues whose label relations or orders the write added, changed or removed.
    public var labelIssues: Set<String> = []
    /// The kinds of records the write found there already and left alone (a merge's records
    /// already there alike): it read them, and no row says which. Set by the write's caller; all
    /// kinds unless it says otherwise.
    public var skipped: Set<RecordKind> = Set(RecordKind.allCases)
    /// Whether the write read label relations and orders it left alone (an import's relations
    /// already recorded alike). Set by the write's caller; true unless it says otherwise.
    public var readsRelations = true

    public init() {}

    /// The key a row of the staged write has in the case, where the highest key of `table` is now
    /// `current`: a key SQLite gave above the highest at the copy follows `current` as it followed
    /// that highest (SQLite gives the next row the highest key plus one), any other is kept. Not
    /// for a table in ``chosenAbove`` whose highest changed (``conflict(with:now:then:addsSame:)``
    /// callers check ``numbering(current:)`` first).
    public func key(_ key: Int64, of table: String, after current: [String: Int64]) -> Int64 {
        guard let before = highest[table], key > before, let now = current[table] else { return key }
        return key - before + now
    }

    /// Why the staged write's own keys cannot follow the case's, when the highest keys are now
    /// `current`: it gave rows keys of their own above the highest at the copy (a statement
    /// imported with its number), and other writes added rows to that table meanwhile, so which
    /// numbers SQLite would give the others depends on the order they came in. Nil when they can.
    public func numbering(current: [String: Int64]) -> String? {
        for table in chosenAbove.sorted() where current[table] != highest[table] {
            let kind = RecordKind(rawValue: table).map(\.plural) ?? "rows of \(table)"
            return
                "it gives \(kind) numbers of their own above #\(highest[table] ?? 0), and other \(kind) were added meanwhile"
        }
        return nil
    }

    /// Why the write logged as `entry`, made in the case after the copy, changes what the staged
    /// write read or would have done (so that it must be made again on a new copy), worded; nil
    /// when the two do not meet, and the staged rows may follow it. `now` gives a statement's keys
    /// in the case as it is, `then` in the copy; `addsSame` whether the staged write added a
    /// statement with those keys (the one statement SQLite's unique index would find twice).
    ///
    /// The rule, by what the entry names: a token never meets an import; a record added meets a
    /// staged record with its id; a statement added meets a staged statement that is the same
    /// one; a statement amended or retracted meets a write that changed it, that adds statements
    /// to the party and issue it had or has, or that skipped statements already there; a relabel
    /// meets statements or label relations on its issue or below; an edit or a rename meets the
    /// records the write named or, for their kind, added or skipped; steps and edits of an
    /// agreement or dispute meet the write when it named it; relations meet relations written or
    /// read on their issue. Anything else (another import, an entry this Parley does not know)
    /// meets everything.
    public func conflict(
        with entry: LogEntry, now: (Int64) throws -> StatementKeys?, then: (Int64) throws -> StatementKeys?,
        addsSame: (StatementKeys) throws -> Bool
    ) rethrows -> String? {
        let record = entry.record ?? ""
        let named = entry.kind.map { "\($0.singular) \(record)" } ?? record
        func statementNumber() -> Int64? {
            record.hasPrefix("#") ? Int64(record.dropFirst()) : nil
        }
        func names(_ kind: RecordKind, _ id: String) -> Bool {
            touched[kind]?.contains(id) == true || added[kind]?.contains(id) == true
        }
        switch (entry.action, entry.kind) {
        case (.token, _):
            return nil
        case (.add, .statement?):
            guard let number = statementNumber(), let keys = try now(number) else {
                return "\(named) was added, and its number is not known"
            }
            if keys.standing, keys.party <= highest["party"] ?? 0, keys.issue <= highest["issue"] ?? 0,
                try addsSame(keys)
            {
                return "statement \(record) was added, and the import adds the same statement"
            }
            return nil
        case (.add, let kind?) where kind != .statement:
            guard added[kind]?.contains(record) == true else { return nil }
            return "\(named) was added, and the import adds \(kind.withArticle) with that id"
        case (.amend, .statement?), (.retract, .statement?):
            let verb = entry.action == .amend ? "amended" : "retracted"
            guard let number = statementNumber() else { return "\(named) was \(verb)" }
            if touchedStatements.contains(number) {
                return "statement \(record) was \(verb), and the import changes it"
            }
            if skipped.contains(.statement) {
                return "statement \(record) was \(verb), and the import found statements already there"
            }
            for keys in [try then(number), try now(number)].compactMap({ $0 })
            where pairs.contains(keys.party << 32 | keys.issue) {
                return "statement \(record) was \(verb), and the import adds statements to its party and issue"
            }
            return nil
        case (.relabel, .issue?):
            if skipped.contains(.statement) || readsRelations {
                return
                    "labels on issue \(record) were merged, and the import reads statements or relations already there"
            }
            let inside = { (id: String) in id == record || id.hasPrefix(record + "/") }
            if (touched[.issue] ?? []).contains(where: inside) || (added[.issue] ?? []).contains(where: inside)
                || labelIssues.contains(where: inside)
            {
                return "labels on issue \(record) were merged, and the import writes on that issue"
            }
            return nil
        case (.edit, let kind?) where [.party, .actor, .issue, .source].contains(kind):
            let ids =
                [record] + entry.changes.filter { $0.field == "id" }.flatMap { [$0.old, $0.new] }.compactMap { $0 }
            if ids.contains(where: { names(kind, $0) }) { return "\(named) was edited, and the import names it" }
            if !(added[kind] ?? []).isEmpty { return "\(named) was edited, and the import adds \(kind.plural)" }
            if skipped.contains(kind) || (kind == .source && skipped.contains(.statement)) {
                return "\(named) was edited, and the import found \(kind.plural) or statements already there"
            }
            return nil
        case (.rename, .issue?):
            let ids = Set([record] + entry.changes.compactMap(\.old) + entry.changes.compactMap(\.new))
            let inside = { (id: String) in ids.contains { id == $0 || id.hasPrefix($0 + "/") } }
            if (touched[.issue] ?? []).contains(where: inside) || labelIssues.contains(where: inside) {
                return "issue \(record) was renamed, and the import names it or an issue below it"
            }
            if !(added[.issue] ?? []).isEmpty || skipped.contains(.issue) {
                return "issue \(record) was renamed, and the import adds or reads issues"
            }
            return nil
        case (.relate, .issue?):
            if labelIssues.contains(record) || readsRelations {
                return "labels on issue \(record) were related, and the import reads or writes relations there"
            }
            return nil
        case (.step, let kind?) where kind == .agreement || kind == .dispute,
            (.retract, let kind?) where kind == .agreement || kind == .dispute:
            let id = record.components(separatedBy: " step ").first ?? record
            if names(kind, id) || skipped.contains(kind) {
                return "\(kind.withArticle) \(id)'s history was changed, and the import reads or extends it"
            }
            return nil
        case (.edit, let kind?) where kind == .agreement || kind == .dispute:
            if !(touched[kind] ?? []).isEmpty || !(added[kind] ?? []).isEmpty || skipped.contains(kind) {
                return "\(named) was edited, and the import writes or reads \(kind.plural)"
            }
            return nil
        case (.import, _):
            return "another import (\(record)) was made"
        default:
            return "\(named) was written (\(entry.action.rawValue))"
        }
    }
}

/// A statement's row keys as ``StagedFootprint/conflict(with:now:then:addsSame:)`` compares them:
/// its pair, and the values that tell one statement from another (the columns of the unique index
/// by which a case holds a standing statement once).
public struct StatementKeys: Sendable, Equatable {
    /// The columns of the statement table, in ``identity``'s order.
    public static let identityColumns = [
        "issue_pk", "stance", "party_pk", "source_pk", "said", "actor_pk", "kind", "about_pk", "quote", "via",
    ]

    public var party: Int64
    public var issue: Int64
    /// The values of ``identityColumns``.
    public var identity: [StoredValue]
    /// Whether the statement stands (is not retracted).
    public var standing: Bool

    public init(party: Int64, issue: Int64, identity: [StoredValue], standing: Bool) {
        self.party = party
        self.issue = issue
        self.identity = identity
        self.standing = standing
    }
}

extension ParleyDatabase {
    /// What the writes since ``captureChanges(of:)`` wrote and read, in the change log's terms
    /// (``StagedFootprint``); its `skipped` and `readsRelations` are left for the caller, who
    /// knows what the write read without writing.
    public func capturedFootprint(of tables: [String]) throws -> StagedFootprint {
        try Self.mapping {
            try writer.read { db in
                var footprint = StagedFootprint()
                for row in try Row.fetchAll(db, sql: "SELECT tbl, pk FROM \(Self.highestTable)") {
                    footprint.highest[row["tbl"]] = row["pk"]
                }
                footprint.chosenAbove = Set(
                    try String.fetchAll(db, sql: "SELECT DISTINCT tbl FROM \(Self.chosenTable)"))
                let kinds = Dictionary(uniqueKeysWithValues: RecordKind.allCases.map { ($0.rawValue, $0) })
                var touchedKeys: [String: Set<Int64>] = [:]
                for table in tables {
                    let shadow = Self.shadow(table)
                    let key = try Self.key(of: table, in: db)
                    var references: [String: String] = [:]
                    for row in try Row.fetchAll(
                        db, sql: "SELECT \"from\" AS col, \"table\" AS parent FROM pragma_foreign_key_list(?)",
                        arguments: [table])
                    {
                        references[row["col"]] = row["parent"]
                    }
                    footprint.references[table] = references
                    let same = key.map { "t.\"\($0)\" = c.\"\($0)\"" }.joined(separator: " AND ")
                    // The records this table's touched rows name: from the rows there now (added or
                    // changed), and from the keys of the rows removed.
                    for (column, parent) in references {
                        var sql = "SELECT DISTINCT t.\"\(column)\" FROM \(shadow) c JOIN \(table) t ON \(same)"
                        if key.contains(column) { sql += " UNION SELECT DISTINCT c.\"\(column)\" FROM \(shadow) c" }
                        for value in try Int64?.fetchAll(db, sql: sql) {
                            if let value, value <= footprint.highest[parent] ?? .max {
                                touchedKeys[parent, default: []].insert(value)
                            }
                        }
                    }
                    if footprint.highest[table] != nil {
                        // Rows of a keyed table that were there and were changed or removed.
                        for value in try Int64.fetchAll(db, sql: "SELECT pk FROM \(shadow) WHERE existed = 1") {
                            touchedKeys[table, default: []].insert(value)
                        }
                    }
                    if let kind = kinds[table], kind != .statement {
                        var ids = Set(
                            try String.fetchAll(
                                db, sql: "SELECT t.id FROM \(shadow) c JOIN \(table) t ON \(same) WHERE c.existed = 0"))
                        if kind == .issue {
                            ids.formUnion(
                                try String.fetchAll(
                                    db,
                                    sql: """
                                        SELECT a.value FROM \(shadow) c JOIN issue t ON \(same), json_each(t.aliases) a
                                        WHERE c.existed = 0
                                        """))
                        }
                        if !ids.isEmpty { footprint.added[kind] = ids }
                    }
                }
                for (table, keys) in touchedKeys {
                    if table == "statement" {
                        footprint.touchedStatements = keys
                    } else if let kind = kinds[table] {
                        let ids = try String.fetchAll(
                            db, sql: "SELECT id FROM \(table) WHERE pk IN (SELECT value FROM json_each(?))",
                            arguments: [Self.jsonList(keys)])
                        footprint.touched[kind, default: []].formUnion(ids)
                    }
                }
                let party = footprint.highest["party"] ?? 0
                let issue = footprint.highest["issue"] ?? 0
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT DISTINCT s.party_pk, s.issue_pk FROM \(Self.shadow("statement")) c
                        JOIN statement s ON s.pk = c.pk WHERE s.party_pk <= ? AND s.issue_pk <= ?
                        """, arguments: [party, issue])
                {
                    footprint.pairs.insert((row[0] as Int64) << 32 | (row[1] as Int64))
                }
                for table in ["label_relation", "label_order"] where tables.contains(table) {
                    footprint.labelIssues.formUnion(
                        try String.fetchAll(
                            db,
                            sql: """
                                SELECT i.id FROM issue i WHERE i.pk IN (SELECT issue_pk FROM \(Self.shadow(table)))
                                """))
                }
                return footprint
            }
        }
    }

    /// Statement `number`'s keys in this database, or nil when it has no such statement.
    public func statementKeys(_ number: Int64) throws -> StatementKeys? {
        try Self.mapping {
            try writer.read { db in
                let columns = StatementKeys.identityColumns.map { "\"\($0)\"" }.joined(separator: ", ")
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT party_pk, issue_pk, retracted_at IS NULL, \(columns) FROM statement WHERE pk = ?",
                        arguments: [number])
                else { return nil }
                return StatementKeys(
                    party: row[0], issue: row[1],
                    identity: (3..<row.count).map { StoredValue(row[$0] as DatabaseValue) }, standing: row[2])
            }
        }
    }

    /// Whether a write since ``captureChanges(of:)`` added a standing statement with the values of
    /// `keys` (the statement a case holds once).
    public func addedStatement(sameAs keys: StatementKeys) throws -> Bool {
        try Self.mapping {
            try writer.read { db in
                let match = StatementKeys.identityColumns.map { "s.\"\($0)\" IS ?" }.joined(separator: " AND ")
                return try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (
                            SELECT 1 FROM statement s JOIN \(Self.shadow("statement")) c ON c.pk = s.pk
                            WHERE c.existed = 0 AND s.retracted_at IS NULL AND s.issue_pk = ? AND s.stance = ?
                              AND s.party_pk = ? AND \(match))
                        """,
                    arguments: StatementArguments(
                        keys.identity.prefix(3).map(\.databaseValue) + keys.identity.map(\.databaseValue))) ?? false
            }
        }
    }

    /// `keys` as a JSON array, for `json_each`.
    private static func jsonList(_ keys: some Collection<Int64>) -> String {
        "[" + keys.map(String.init).joined(separator: ",") + "]"
    }
}
