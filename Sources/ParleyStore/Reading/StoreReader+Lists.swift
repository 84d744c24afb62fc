import Foundation
import GRDB
import ParleyModel

extension StoreReader {
    /// Every party, ordered by id.
    public func parties() throws -> [Party] {
        try Row.fetchAll(db, sql: "SELECT id, name, kind, aliases FROM party ORDER BY id").map { row in
            Party(
                id: row["id"], name: row["name"], kind: try PartyKind.parse(row["kind"]),
                aliases: try [String](jsonText: row["aliases"]))
        }
    }

    /// Every actor, ordered by id.
    public func actors() throws -> [Actor] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT a.id AS id, a.name AS name, p.id AS party, a.role AS role, a.aliases AS aliases
                FROM actor a JOIN party p ON p.pk = a.party_pk ORDER BY a.id
                """
        ).map { row in
            Actor(
                id: row["id"], name: row["name"], party: row["party"], role: row["role"],
                aliases: try [String](jsonText: row["aliases"]))
        }
    }

    /// Every issue, ordered by id (so sub-issues follow their parent).
    public func issues() throws -> [Issue] {
        try Row.fetchAll(db, sql: "SELECT id, title, description FROM issue ORDER BY id").map { row in
            Issue(id: row["id"], title: row["title"], description: row["description"])
        }
    }

    /// Every issue's title by id, for labelling reports.
    public func issueTitles() throws -> [String: String] {
        var titles: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, title FROM issue") { titles[row["id"]] = row["title"] }
        return titles
    }

    /// Every source, ordered by id; `includeText` loads the full texts too.
    public func sources(includeText: Bool = true) throws -> [Source] {
        let text = includeText ? "text" : "NULL AS text"
        return try Row.fetchAll(
            db, sql: "SELECT id, title, publisher, url, published, reliability, \(text) FROM source ORDER BY id"
        ).map { row in
            Source(
                id: row["id"], title: row["title"], publisher: row["publisher"], url: row["url"],
                published: try CalendarDate(parsing: row["published"]),
                reliability: try (row["reliability"] as String?).map(Reliability.parse), text: row["text"])
        }
    }

    /// The number of statements recorded.
    public func statementCount() throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM statement") ?? 0
    }

    /// The stance labels used on an issue, most used first.
    public func stanceLabels(issue: String) throws -> [String] {
        try db.stanceLabels(issuePK: db.pk(.issue, issue))
    }
}

extension Database {
    /// The stance labels used on an issue, most used first.
    func stanceLabels(issuePK: Int64) throws -> [String] {
        try String.fetchAll(
            self,
            sql: "SELECT stance FROM statement WHERE issue_pk = ? GROUP BY stance ORDER BY count(*) DESC, stance",
            arguments: [issuePK])
    }
}
