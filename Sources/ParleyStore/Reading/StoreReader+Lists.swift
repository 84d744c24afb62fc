import Foundation
import GRDB
import ParleyModel

extension StoreReader {
    /// Every party, ordered by id.
    public func parties() throws -> [Party] { try parties(matching: nil) }

    /// The party with `id`.
    public func party(_ id: String) throws -> Party { try one(.party, id, parties) }

    private func parties(matching pk: Int64?) throws -> [Party] {
        try Row.fetchAll(
            db, sql: "SELECT id, name, kind, aliases FROM party WHERE ? IS NULL OR pk = ? ORDER BY id",
            arguments: [pk, pk]
        ).map { row in
            Party(
                id: row["id"], name: row["name"], kind: try PartyKind.parse(row["kind"]),
                aliases: try [String](jsonText: row["aliases"]))
        }
    }

    /// Every actor, ordered by id.
    public func actors() throws -> [Actor] { try actors(matching: nil) }

    /// The actor with `id`.
    public func actor(_ id: String) throws -> Actor { try one(.actor, id, actors) }

    private func actors(matching pk: Int64?) throws -> [Actor] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id AS id, a.name AS name, p.id AS party, a.role AS role, a.aliases AS aliases
                FROM actor a JOIN party p ON p.pk = a.party_pk WHERE ? IS NULL OR a.pk = ? ORDER BY a.id
                """, arguments: [pk, pk]
        ).map { row in
            Actor(
                id: row["id"], name: row["name"], party: row["party"], role: row["role"],
                aliases: try [String](jsonText: row["aliases"]))
        }
    }

    /// Every issue, ordered by id (so sub-issues follow their parent).
    public func issues() throws -> [Issue] { try issues(matching: nil) }

    /// The issue with `id`, which may be one of its aliases.
    public func issue(_ id: String) throws -> Issue { try one(.issue, id, issues) }

    private func issues(matching pk: Int64?) throws -> [Issue] {
        try Row.fetchAll(
            db,
            sql: "SELECT id, title, description, aliases, stale_after FROM issue WHERE ? IS NULL OR pk = ? ORDER BY id",
            arguments: [pk, pk]
        ).map { row in
            Issue(
                id: row["id"], title: row["title"], description: row["description"],
                aliases: try [String](jsonText: row["aliases"]),
                staleAfter: try (row["stale_after"] as String?).map { try StaleWindow(parsing: $0) })
        }
    }

    /// Every issue's title by id, for labelling reports.
    public func issueTitles() throws -> [String: String] {
        var titles: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, title FROM issue") { titles[row["id"]] = row["title"] }
        return titles
    }

    /// The issue's id when `id` is one of its former ids (the change log records the rename);
    /// nil when `id` is an id itself, unknown, or an alias that was never the issue's id.
    public func issueRenamed(from id: String) throws -> String? {
        guard case .renamed(let now)? = try issueName(id) else { return nil }
        return now
    }

    /// What `id` names when it is not an issue's id: the issue it was renamed to (a former id, as
    /// the change log records), or the issue it is another name of (an alias). Nil when `id` is
    /// an issue's id, or names none.
    public func issueName(_ id: String) throws -> IssueName? {
        guard try Int64.fetchOne(db, sql: "SELECT pk FROM issue WHERE id = ?", arguments: [id]) == nil,
            let owner = try db.issueAliasOwner(id)
        else { return nil }
        let issue = try db.id(.issue, pk: owner)
        let renamed =
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM change_log l, json_each(l.changes) c
                                   WHERE l.action = 'rename' AND json_extract(c.value, '$.field') = 'id'
                                     AND json_extract(c.value, '$.old') = ?)
                    """, arguments: [id]) ?? false
        return renamed ? .renamed(to: issue) : .alias(of: issue)
    }

    /// Every source, ordered by id; `includeText` loads the full texts too.
    public func sources(includeText: Bool = true) throws -> [Source] {
        try sources(matching: nil, includeText: includeText)
    }

    /// The source with `id`, with its text.
    public func source(_ id: String) throws -> Source {
        try one(.source, id) { try sources(matching: $0, includeText: true) }
    }

    private func sources(matching pk: Int64?, includeText: Bool) throws -> [Source] {
        let text = includeText ? "text" : "NULL AS text"
        return try Row.fetchAll(
            db,
            sql: """
                SELECT id, title, publisher, url, published, reliability, \(text) FROM source
                WHERE ? IS NULL OR pk = ? ORDER BY id
                """, arguments: [pk, pk]
        ).map { row in
            Source(
                id: row["id"], title: row["title"], publisher: row["publisher"], url: row["url"],
                published: try CalendarDate(parsing: row["published"]),
                reliability: try (row["reliability"] as String?).map(Reliability.parse), text: row["text"])
        }
    }

    /// The one record of `kind` with `id` (an unknown id is a `notFound` error).
    private func one<Record>(_ kind: RecordKind, _ id: String, _ fetch: (Int64?) throws -> [Record]) throws -> Record {
        guard let record = try fetch(try db.pk(kind, id)).first else {
            throw StoreError.notFound(kind, id: id, suggestions: [])
        }
        return record
    }

    /// The number of statements recorded.
    public func statementCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM statement") ?? 0
    }

    /// The stance labels used on an issue (not its sub-issues) by the statements that stand, most
    /// used first; `except` leaves one statement out (a statement's page: the labels of the others).
    public func stanceLabels(issue: String, except number: Int64? = nil) throws -> [String] {
        try db.stanceLabels(issuePK: db.pk(.issue, issue), except: number)
    }
}

extension Database {
    /// The stance labels used on an issue by the statements that stand (but statement `except`),
    /// most used first: counted in SQL, no statement read.
    func stanceLabels(issuePK: Int64, except number: Int64? = nil) throws -> [String] {
        try String.fetchAll(
            self,
            sql: """
                SELECT stance FROM statement WHERE issue_pk = ? AND retracted_at IS NULL AND pk IS NOT ?
                GROUP BY stance ORDER BY count(*) DESC, stance
                """,
            arguments: [issuePK, number])
    }
}

/// The stance labels used on the issues a batch of writes touches, with how often each is used:
/// read once per issue, then kept up to date by the batch's own statements, so that a batch of N
/// statements does not count an issue's labels N times. An issue's labels are read only when a
/// statement brings a label not yet used there: a used label needs one index seek, while counting
/// an issue's labels reads every statement of it (at a million statements, most of a batch's
/// time). Only for use within one transaction.
public final class StanceLabelCounts {
    private var byIssue: [Int64: [String: Int]] = [:]

    public init() {}

    /// The labels to check `label` against on the issue, most used first (as
    /// ``Database/stanceLabels(issuePK:)``), or `nil` when `label` is already used there (it is
    /// then neither new nor a near miss, and the others are not read).
    func labels(checking label: String, issuePK: Int64, in db: Database) throws -> [String]? {
        if byIssue[issuePK] == nil {
            let used = try Bool.fetchOne(
                db.cachedStatement(
                    sql: "SELECT 1 FROM statement WHERE issue_pk = ? AND stance = ? AND retracted_at IS NULL LIMIT 1"),
                arguments: [issuePK, label])
            if used == true { return nil }
        }
        let counts = try counts(issuePK: issuePK, in: db)
        if counts[label, default: 0] > 0 { return nil }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// One more statement standing with `label` on the issue (counted only once the issue's
    /// labels were read: until then the database holds the count).
    func count(_ label: String, issuePK: Int64) {
        byIssue[issuePK]?[label, default: 0] += 1
    }

    private func counts(issuePK: Int64, in db: Database) throws -> [String: Int] {
        if let known = byIssue[issuePK] { return known }
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(
            db,
            sql: "SELECT stance, count(*) FROM statement WHERE issue_pk = ? AND retracted_at IS NULL GROUP BY stance",
            arguments: [issuePK])
        {
            counts[row[0]] = row[1]
        }
        byIssue[issuePK] = counts
        return counts
    }
}
