import GRDB
import GRDBSQLite
import ParleyModel

/// The position index (``PositionSpans``) of the pairs a bulk import touches, worked out before
/// the import takes the write lock: from each pair's statements as the database held them then,
/// plus the staged rows (numbered as they will be, see ``ImportStage``), the spans that change are
/// kept in the stage, beside the rows. At the switch (``ImportSpans/apply(_:pairs:recheck:actual:in:)``)
/// they are written as they are, their `moved` statement renumbered when it is one of the
/// import's, for every pair no other writer changed meanwhile; the pairs another writer did change
/// (the change log's `position_change` after the version staging read, or a pair marked stale)
/// and the pairs whose staged numbers did not hold are recomputed from their statements, as every
/// touched pair was before.
enum ImportSpans {
    /// Works out, with the database unlocked, the spans of every pair of the staged rows into
    /// `stage`'s `span_change` table (only those that differ from the table's), and the pairs that
    /// must be recomputed at the switch whatever happens into `recheck` (those marked stale now,
    /// and those with a statement the file numbers above `highest`, the highest number now).
    /// `published` gives a source's date by row key (a staged statement's effective date when it
    /// has no said date). Returns false, staging nothing, when the database keeps no position index.
    static func stage(_ stage: ImportStage, published: [Int64: String], highest: Int64, reader: StoreReader) throws
        -> Bool
    {
        let db = reader.db
        guard try db.tableExists("position_span"), try db.tableExists("position_change") else { return false }
        try stage.execute("CREATE INDEX staged_pair ON staged (v1, v3, v9, v11, pk); BEGIN")
        let recheck = try stage.prepare("INSERT INTO recheck (party, issue) VALUES (?, ?)")
        for row in try Row.fetchAll(db, sql: "SELECT party_pk, issue_pk FROM position_stale") {
            try recheck.run(row["party_pk"] as Int64, row["issue_pk"] as Int64)
        }
        // A number the file gives above the highest may not be the one rows without a number are
        // given after it at the switch: those pairs' order is known only then.
        let numbered = try stage.prepare("INSERT INTO recheck SELECT DISTINCT v1, v3 FROM staged WHERE v15 > ?")
        try numbered.run(highest)
        let pairs = try stage.prepare("SELECT DISTINCT v1, v3 FROM staged ORDER BY v1, v3")
        // The staged statements that stand and are the party's own, in the position index's order.
        let staged = try stage.prepare(
            """
            SELECT v9, v11, pk, v5, v8, v10, rowid FROM staged
            WHERE v1 = ? AND v3 = ? AND v14 IS NULL AND v16 IS NULL ORDER BY v9, v11, pk
            """)
        let change = try stage.prepare(
            """
            INSERT INTO span_change (party, issue, said_key, moved_pk, moved_row, previous_label, change)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let existing = RawStatement(
            try db.makeStatement(
                sql: """
                    SELECT said_key, source_key, pk, stance FROM statement INDEXED BY statement_position
                    WHERE party_pk = ? AND issue_pk = ? AND retracted_at IS NULL AND about_pk IS NULL
                    ORDER BY said_key, source_key, pk
                    """), in: db)
        let stored = RawStatement(
            try db.makeStatement(
                sql: """
                    SELECT said_key, moved_pk, previous_label FROM position_span
                    WHERE party_pk = ? AND issue_pk = ? ORDER BY said_key
                    """), in: db)

        struct Ordered {
            var entry: PositionSpans.Entry
            var sourceKey: Int64
        }
        var entries: [PositionSpans.Entry] = []
        var stagedRows: [Int64: (row: Int64, date: String?)] = [:]  // by the number staging gave
        var old: [Ordered] = []
        var new: [Ordered] = []
        while try pairs.step() {
            let party = pairs.int64(0)
            let issue = pairs.int64(1)
            old.removeAll(keepingCapacity: true)
            new.removeAll(keepingCapacity: true)
            stagedRows.removeAll(keepingCapacity: true)
            try step(existing, party, issue) { handle in
                old.append(
                    Ordered(
                        entry: PositionSpans.Entry(
                            key: sqlite3_column_int64(handle, 0), pk: sqlite3_column_int64(handle, 2),
                            stance: text(handle, 3) ?? ""),
                        sourceKey: sqlite3_column_int64(handle, 1)))
            }
            staged.reset()
            staged.bind(1, party)
            staged.bind(2, issue)
            while try staged.step() {
                let pk = staged.int64(2)
                new.append(
                    Ordered(
                        entry: PositionSpans.Entry(key: staged.int64(0), pk: pk, stance: staged.text(3) ?? ""),
                        sourceKey: staged.int64(1)))
                stagedRows[pk] = (staged.int64(6), staged.text(4) ?? published[staged.int64(5)])
            }
            // Both lists are in the index's order (said date, source date, number): merge them.
            entries.removeAll(keepingCapacity: true)
            var i = 0
            var j = 0
            while i < old.count || j < new.count {
                if j == new.count
                    || (i < old.count
                        && (old[i].entry.key, old[i].sourceKey, old[i].entry.pk)
                            < (new[j].entry.key, new[j].sourceKey, new[j].entry.pk))
                {
                    entries.append(old[i].entry)
                    i += 1
                } else {
                    entries.append(new[j].entry)
                    j += 1
                }
            }
            let spans = try PositionSpans.spans(of: entries) { pks in
                var dates: [Int64: String] = [:]
                var others: [Int64] = []
                for pk in pks {
                    if let row = stagedRows[pk] {
                        if let date = row.date { dates[pk] = date }
                    } else {
                        others.append(pk)
                    }
                }
                if !others.isEmpty { dates.merge(try PositionSpans.effectiveDates(others, db)) { a, _ in a } }
                return dates
            }
            // What the table holds for the pair now: rows that stay as they are are not written again.
            var current: [Int64: PositionSpans.Span] = [:]
            try step(stored, party, issue) { handle in
                let key = sqlite3_column_int64(handle, 0)
                current[key] = PositionSpans.Span(
                    key: key, moved: sqlite3_column_int64(handle, 1), previousLabel: text(handle, 2))
            }
            for span in spans {
                let movedRow = stagedRows[span.moved]?.row
                let old = current.removeValue(forKey: span.key)
                if movedRow == nil, old == span { continue }
                try change.run(
                    party, issue, span.key, movedRow == nil ? span.moved : nil, movedRow, span.previousLabel,
                    old == nil ? Change.added.rawValue : Change.replaced.rawValue)
            }
            for key in current.keys {
                try change.run(party, issue, key, nil, nil, nil, Change.removed.rawValue)
            }
        }
        try stage.execute("COMMIT")
        return true
    }

    /// What becomes of a span row at the switch.
    enum Change: Int64 {
        /// A date the pair had no row for.
        case added = 0
        /// A date the pair no longer has.
        case removed = 1
        /// A date whose move or label before it changed.
        case replaced = 2
    }

    /// Writes the staged spans of `pairs` (`party_pk << 32 | issue_pk`) but those in `recheck`,
    /// with `actual(row)` the number the staged row `row` was given (nil when it was not
    /// inserted, which puts its pair in `recheck` too), and files them in `position_change` under
    /// the import's change-log version. The pairs in `recheck` are left to the import to mark for
    /// ``PositionSpans/refresh(_:)``, which recomputes and files them before the commit.
    static func apply(
        _ stage: ImportStage, pairs: Set<Int64>, recheck: Set<Int64>, actual: (Int64) -> Int64?, in db: Database
    ) throws {
        let remove = RawStatement(
            try db.makeStatement(
                sql: "DELETE FROM position_span WHERE party_pk = ? AND issue_pk = ? AND said_key = ?"), in: db)
        let add = RawStatement(
            try db.makeStatement(
                sql: """
                    INSERT INTO position_span (party_pk, issue_pk, said_key, moved_pk, previous_label)
                    VALUES (?, ?, ?, ?, ?)
                    """), in: db)
        // A row that stays (most do: an import's statements change the moves after them) is updated in
        // place, which costs SQLite less than replacing it.
        let replace = RawStatement(
            try db.makeStatement(
                sql: """
                    UPDATE position_span SET moved_pk = ?4, previous_label = ?5
                    WHERE party_pk = ?1 AND issue_pk = ?2 AND said_key = ?3
                    """), in: db)
        let changes = try stage.prepare(
            """
            SELECT party, issue, said_key, moved_pk, moved_row, previous_label, change FROM span_change
            ORDER BY party, issue, said_key
            """)
        while try changes.step() {
            let party = changes.int64(0)
            let issue = changes.int64(1)
            if recheck.contains(party << 32 | issue) { continue }
            let change = Change(rawValue: changes.int64(6)) ?? .removed
            let write = change == .removed ? remove : change == .added ? add : replace
            sqlite3_bind_int64(write.handle, 1, party)
            sqlite3_bind_int64(write.handle, 2, issue)
            sqlite3_bind_int64(write.handle, 3, changes.int64(2))
            if change != .removed {
                let moved = changes.isNull(3) ? actual(changes.int64(4)) : changes.int64(3)
                guard let moved else {
                    throw StoreError.unexpected(code: 0, detail: "a staged span names a statement not imported")
                }
                sqlite3_bind_int64(write.handle, 4, moved)
                write.bind(5, changes.text(5))
            }
            let code = sqlite3_step(write.handle)
            sqlite3_reset(write.handle)
            guard code == SQLITE_DONE else { throw write.failure(code) }
        }
        let note = try db.makeStatement(
            sql: """
                INSERT OR REPLACE INTO position_change (party_pk, issue_pk, version)
                VALUES (?, ?, (SELECT coalesce(max(pk), 0) FROM change_log))
                """)
        for pair in pairs.subtracting(recheck).sorted() {
            try note.execute(arguments: [pair >> 32, pair & 0xFFFF_FFFF])
        }
    }

    /// The pairs staging recorded as to be recomputed at the switch (marked stale then).
    static func recheck(_ stage: ImportStage) throws -> Set<Int64> {
        var pairs = Set<Int64>()
        let select = try stage.prepare("SELECT party, issue FROM recheck")
        while try select.step() { pairs.insert(select.int64(0) << 32 | select.int64(1)) }
        return pairs
    }

    /// The pairs another writer changed after change-log version `version`, or marks stale now.
    static func changedSince(_ version: Int64, in db: Database) throws -> Set<Int64> {
        var pairs = Set<Int64>()
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT party_pk, issue_pk FROM position_change WHERE version > ?
                UNION SELECT party_pk, issue_pk FROM position_stale
                """, arguments: [version])
        {
            pairs.insert((row[0] as Int64) << 32 | (row[1] as Int64))
        }
        return pairs
    }

    private static func step(_ raw: RawStatement, _ party: Int64, _ issue: Int64, _ body: (OpaquePointer?) -> Void)
        throws
    {
        let handle = raw.handle
        sqlite3_reset(handle)
        sqlite3_bind_int64(handle, 1, party)
        sqlite3_bind_int64(handle, 2, issue)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw raw.failure(code) }
            body(handle)
        }
    }

    private static func text(_ handle: OpaquePointer?, _ column: Int32) -> String? {
        sqlite3_column_text(handle, column).map { String(cString: $0) }
    }
}
