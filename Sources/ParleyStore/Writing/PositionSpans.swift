import GRDB
import GRDBSQLite
import ParleyModel

/// The maintained position index (`position_span`): for each (party, issue) pair, one row per
/// date on which the party's own statements that stand were said, holding the statement at which
/// the party adopted the labels it held from that date on (the first of the unbroken run of
/// statements with one of those labels: "when the side last moved") and the label before it.
/// "As of D" is the pair's row with the latest date on or before D, so "last moved" is a lookup
/// rather than two walks over the statements.
///
/// Every change to a statement marks its pair in `position_stale` (triggers, whatever the write);
/// ``refresh(_:)`` recomputes the marked pairs from their statements before each write
/// transaction commits (``ParleyDatabase/write(_:)``), so a committed database never holds a stale
/// span. Readers use the table only when no pair is marked (a write of another program, or a
/// reader inside a write transaction, reads the statements instead); the case as known at a
/// moment (`--known-as-of`) always derives from the statements.
enum PositionSpans {
    /// The tables and triggers (migration `v10-position-spans`).
    static let schema = """
        CREATE TABLE position_span (
            party_pk INTEGER NOT NULL,
            issue_pk INTEGER NOT NULL,
            said_key INTEGER NOT NULL,
            moved_pk INTEGER NOT NULL,
            previous_label TEXT,
            PRIMARY KEY (party_pk, issue_pk, said_key)
        ) WITHOUT ROWID;
        CREATE TABLE position_stale (
            party_pk INTEGER NOT NULL,
            issue_pk INTEGER NOT NULL,
            PRIMARY KEY (party_pk, issue_pk)
        ) WITHOUT ROWID;
        \(insertTrigger);
        CREATE TRIGGER position_stale_delete AFTER DELETE ON statement
        WHEN OLD.retracted_at IS NULL AND OLD.about_pk IS NULL BEGIN
            INSERT OR IGNORE INTO position_stale (party_pk, issue_pk) VALUES (OLD.party_pk, OLD.issue_pk);
        END;
        CREATE TRIGGER position_stale_update
        AFTER UPDATE OF party_pk, issue_pk, said, said_key, source_pk, source_key, stance, retracted_at, about_pk
        ON statement BEGIN
            INSERT OR IGNORE INTO position_stale (party_pk, issue_pk)
            SELECT OLD.party_pk, OLD.issue_pk WHERE OLD.retracted_at IS NULL AND OLD.about_pk IS NULL;
            INSERT OR IGNORE INTO position_stale (party_pk, issue_pk)
            SELECT NEW.party_pk, NEW.issue_pk WHERE NEW.retracted_at IS NULL AND NEW.about_pk IS NULL;
        END;
        """

    /// The trigger that marks the pair of a new statement; a bulk import lifts it and marks the
    /// pairs it wrote itself (``mark(_:in:)``).
    static let insertTrigger = """
        CREATE TRIGGER position_stale_insert AFTER INSERT ON statement
        WHEN NEW.retracted_at IS NULL AND NEW.about_pk IS NULL BEGIN
            INSERT OR IGNORE INTO position_stale (party_pk, issue_pk) VALUES (NEW.party_pk, NEW.issue_pk);
        END
        """

    /// Marks pairs (`party_pk << 32 | issue_pk`) for ``refresh(_:)``.
    static func mark(_ pairs: some Sequence<Int64>, in db: Database) throws {
        let insert = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO position_stale (party_pk, issue_pk) VALUES (?, ?)")
        for pair in pairs { try insert.execute(arguments: [pair >> 32, pair & 0xFFFF_FFFF]) }
    }

    /// Marks every pair: the table is then rebuilt by the next ``refresh(_:)``.
    static func markAll(in db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO position_stale (party_pk, issue_pk) SELECT party_pk, issue_pk FROM position_key"
        )
    }

    /// Whether the table holds every pair's spans (no pair is marked stale).
    static func areCurrent(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT NOT EXISTS (SELECT 1 FROM position_stale)")) ?? false
    }

    /// Recomputes the spans of every marked pair from its statements and clears the marks.
    static func refresh(_ db: Database) throws {
        guard try !areCurrent(db) else { return }
        try db.execute(
            sql: """
                DELETE FROM position_span WHERE (party_pk, issue_pk) IN (SELECT party_pk, issue_pk FROM position_stale)
                """)
        // Bound by hand: a bulk import or a migration writes a row per date said.
        let insert = try db.cachedStatement(
            sql:
                "INSERT INTO position_span (party_pk, issue_pk, said_key, moved_pk, previous_label) VALUES (?, ?, ?, ?, ?)"
        )
        let raw = RawStatement(insert, in: db)
        let handle = raw.handle
        try forEachPair(
            db,
            from: """
                position_stale d JOIN statement s INDEXED BY statement_position
                  ON s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk
                """, pairs: "d"
        ) { party, issue, statements in
            for span in try spans(of: statements, effectiveDates: { try effectiveDates($0, db) }) {
                sqlite3_bind_int64(handle, 1, party)
                sqlite3_bind_int64(handle, 2, issue)
                sqlite3_bind_int64(handle, 3, span.key)
                sqlite3_bind_int64(handle, 4, span.moved)
                raw.bind(5, span.previousLabel)
                let code = sqlite3_step(handle)
                sqlite3_reset(handle)
                guard code == SQLITE_DONE else { throw raw.failure(code) }
            }
        }
        try PositionChanges.note(db)
        try db.execute(sql: "DELETE FROM position_stale")
    }

    /// Every pair's spans recomputed from the statements, in the table's order, without writing:
    /// what the table must hold (the tests compare the two).
    static func recomputed(_ db: Database) throws -> [Stored] {
        var rows: [Stored] = []
        try forEachPair(db, from: "statement s INDEXED BY statement_position", pairs: "s") { party, issue, statements in
            for span in try spans(of: statements, effectiveDates: { try effectiveDates($0, db) }) {
                rows.append(Stored(party: party, issue: issue, span: span))
            }
        }
        return rows
    }

    /// The table's rows, in its order.
    static func stored(_ db: Database) throws -> [Stored] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT party_pk, issue_pk, said_key, moved_pk, previous_label FROM position_span
                ORDER BY party_pk, issue_pk, said_key
                """
        ).map {
            Stored(
                party: $0["party_pk"], issue: $0["issue_pk"],
                span: Span(key: $0["said_key"], moved: $0["moved_pk"], previousLabel: $0["previous_label"]))
        }
    }

    /// A row of the table: a pair's span.
    struct Stored: Equatable {
        var party: Int64
        var issue: Int64
        var span: Span
    }

    /// One statement of a pair, in the order of the latest word (said date, source date, recording).
    struct Entry: Equatable {
        var key: Int64
        var pk: Int64
        var stance: String
    }

    /// One span: from the date `key` on, the position was adopted at statement `moved`, after a
    /// statement labelled `previousLabel` (nil for the party's first position).
    struct Span: Equatable {
        var key: Int64
        var moved: Int64
        var previousLabel: String?
    }

    /// Calls `body` with each pair's own statements that stand, in order, read from the position
    /// index alone; `from` names the statements as `s` (and may join the pairs to read, whose
    /// alias `pairs` orders them: in the order of the table walked first, SQLite sorts nothing).
    private static func forEachPair(
        _ db: Database, from: String, pairs: String, _ body: (Int64, Int64, [Entry]) throws -> Void
    ) throws {
        let select = try db.makeStatement(
            sql: """
                SELECT s.party_pk, s.issue_pk, s.said_key, s.pk, s.stance FROM \(from)
                WHERE s.retracted_at IS NULL AND s.about_pk IS NULL
                ORDER BY \(pairs).party_pk, \(pairs).issue_pk, s.said_key, s.source_key, s.pk
                """)
        let raw = RawStatement(select, in: db)
        let handle = raw.handle
        defer { sqlite3_reset(handle) }
        var party: Int64 = -1
        var issue: Int64 = -1
        var entries: [Entry] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw raw.failure(code) }
            let rowParty = sqlite3_column_int64(handle, 0)
            let rowIssue = sqlite3_column_int64(handle, 1)
            if rowParty != party || rowIssue != issue {
                if !entries.isEmpty { try body(party, issue, entries) }
                entries.removeAll(keepingCapacity: true)
                party = rowParty
                issue = rowIssue
            }
            entries.append(
                Entry(
                    key: sqlite3_column_int64(handle, 2), pk: sqlite3_column_int64(handle, 3),
                    stance: sqlite3_column_text(handle, 4).map { String(cString: $0) } ?? ""))
        }
        if !entries.isEmpty { try body(party, issue, entries) }
    }

    /// The effective date (said, else the source's date) of each statement, as written.
    static func effectiveDates(_ pks: [Int64], _ db: Database) throws -> [Int64: String] {
        var dates: [Int64: String] = [:]
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT s.pk, coalesce(s.said, src.published) FROM statement s JOIN source src ON src.pk = s.source_pk
                WHERE s.pk IN (SELECT value FROM json_each(?))
                """,
            arguments: ["[" + pks.map(String.init).joined(separator: ",") + "]"])
        while let row = try rows.next() { dates[row[0]] = row[1] }
        return dates
    }

    /// The spans of one pair's statements (in order). A date's position holds the labels of the
    /// statements of that date that stand with the latest one (``ParleyModel/Position/standing(with:among:date:)``,
    /// the snapshot's own rule); it was adopted at the statement after the last one, up to that
    /// date, with another label (or the first statement when there is none). `effectiveDates` is
    /// asked only for a date whose statements carry more than one label.
    static func spans(of statements: [Entry], effectiveDates: ([Int64]) throws -> [Int64: String]) rethrows
        -> [Span]
    {
        // Where the unbroken run of one label that each statement is in began: the walk back over
        // statements with the position's labels jumps a run at a time.
        var runStart: [Int] = []
        runStart.reserveCapacity(statements.count)
        for (index, entry) in statements.enumerated() {
            runStart.append(index > 0 && statements[index - 1].stance == entry.stance ? runStart[index - 1] : index)
        }
        var spans: [Span] = []
        var first = 0
        while first < statements.count {
            var last = first
            while last + 1 < statements.count && statements[last + 1].key == statements[first].key { last += 1 }
            var labels: Set<String> = [statements[last].stance]
            if statements[first...last].contains(where: { $0.stance != statements[last].stance }) {
                let dates = try effectiveDates(statements[first...last].map(\.pk))
                for entry in Position.standing(
                    with: statements[last], among: statements[first...last], date: { dates[$0.pk] })
                {
                    labels.insert(entry.stance)
                }
            }
            var walk = last
            while walk >= 0 && labels.contains(statements[walk].stance) { walk = runStart[walk] - 1 }
            spans.append(
                Span(
                    key: statements[first].key, moved: statements[walk + 1].pk,
                    previousLabel: walk >= 0 ? statements[walk].stance : nil))
            first = last + 1
        }
        return spans
    }
}
