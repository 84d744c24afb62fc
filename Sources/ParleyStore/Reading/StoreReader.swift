import Foundation
import GRDB
import ParleyModel

/// The queries of one read transaction (see ``ParleyDatabase/read(_:)``). Everything asked of
/// one reader sees the same state of the database.
public struct StoreReader {
    let db: Database
    /// The case as recorded by a moment, when this reader was asked to see it (see ``knowing(_:)``).
    var known: KnownView? = nil
    /// Whether positions are derived from the statements even where the maintained spans could
    /// answer (the tests compare the two).
    var derivesPositions = false

    /// The party a new statement is recorded for: the one given, else the actor's (see
    /// ``ParleyModel/Statement/party(given:actor:references:)``).
    public func party(given party: String?, actor: String?) throws -> String {
        let references = DatabaseReferences(db)
        do {
            return try Statement.party(given: party, actor: actor, references: references)
        } catch {
            try references.rethrowFailure()
            throw StoreError.invalid([Problem(error)])
        }
    }
}

// MARK: - Statement rows

/// The columns every statement query selects, each named, and the joins that give them.
enum StatementQuery {
    static let select = """
        SELECT s.pk AS number, p.id AS party, a.id AS actor, i.id AS issue, s.kind AS kind, s.stance AS stance,
               s.summary AS summary, s.quote AS quote, s.said AS said, src.id AS source,
               s.recorded_at AS recorded, src.published AS source_date,
               s.retracted_at AS retracted_at, s.retracted_by AS retracted_by, s.retract_reason AS retract_reason,
               s.via AS via, ab.id AS about,
               (SELECT group_concat(t, '; ') FROM (
                    SELECT coalesce(cp.id || ':', '') || ci.id || '=' || c.label AS t FROM statement_condition c
                    JOIN issue ci ON ci.pk = c.issue_pk LEFT JOIN party cp ON cp.pk = c.party_pk
                    WHERE c.statement_pk = s.pk ORDER BY c.position)) AS conditions
        """
    static let joins = """
        JOIN party p ON p.pk = s.party_pk
        LEFT JOIN actor a ON a.pk = s.actor_pk
        JOIN issue i ON i.pk = s.issue_pk
        JOIN source src ON src.pk = s.source_pk
        LEFT JOIN party ab ON ab.pk = s.about_pk
        """
    /// `SELECT … FROM statement s JOIN …`: add `WHERE` and `ORDER BY`.
    static let all = select + " FROM statement s " + joins
    /// The condition for a statement that stands (not retracted).
    static let standing = "s.retracted_at IS NULL"
}

/// Where each statement column sits in one query's rows, found by name once per query, so that
/// rows are read by name at the cost of reading by position.
struct StatementColumns {
    let number, party, actor, issue, kind, stance, summary, quote, said, source, recorded, sourceDate: Int
    let retractedAt, retractedBy, retractReason, via, about, conditions: Int

    init(_ statement: GRDB.Statement) throws {
        func index(_ name: String) throws -> Int {
            guard let index = statement.index(ofColumn: name) else {
                throw StoreError.unexpected(code: 0, detail: "statement query without a '\(name)' column")
            }
            return index
        }
        number = try index("number")
        party = try index("party")
        actor = try index("actor")
        issue = try index("issue")
        kind = try index("kind")
        stance = try index("stance")
        summary = try index("summary")
        quote = try index("quote")
        said = try index("said")
        source = try index("source")
        recorded = try index("recorded")
        sourceDate = try index("source_date")
        retractedAt = try index("retracted_at")
        retractedBy = try index("retracted_by")
        retractReason = try index("retract_reason")
        via = try index("via")
        about = try index("about")
        conditions = try index("conditions")
    }

    func decode(_ row: Row) throws -> DatedStatement {
        let saidText: String? = row[said]
        let published = try CalendarDate(parsing: row[sourceDate])
        let saidDate = try saidText.map { try CalendarDate(parsing: $0) }
        let retractedAt: String? = row[self.retractedAt]
        let statement = Statement(
            number: row[number], party: row[party], actor: row[actor], issue: row[issue],
            kind: try StatementKind.parse(row[kind]), stance: row[stance], summary: row[summary], quote: row[quote],
            said: saidDate, source: row[source], recordedAt: row[recorded],
            retraction: retractedAt.map {
                Retraction(at: $0, by: row[retractedBy] ?? "", reason: row[retractReason] ?? "")
            }, via: row[via], about: row[about],
            conditions: (row[conditions] as String?).flatMap(Condition.list) ?? [])
        return DatedStatement(
            statement: statement, effectiveDate: saidDate ?? published, sourceDate: published, sequence: row[number])
    }
}

extension Database {
    /// Runs a statement query (one that selects ``StatementQuery/select``'s columns).
    /// Calls `body` with each statement the query returns, decoded one row at a time.
    func forEachStatement(
        _ sql: String, arguments: StatementArguments = [], _ body: (DatedStatement) throws -> Void
    ) throws {
        let statement = try makeStatement(sql: sql)
        let columns = try StatementColumns(statement)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        while let row = try rows.next() { try body(try columns.decode(row)) }
    }

    func fetchStatements(_ sql: String, arguments: StatementArguments = []) throws -> [DatedStatement] {
        let statement = try makeStatement(sql: sql)
        let columns = try StatementColumns(statement)
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var result: [DatedStatement] = []
        while let row = try rows.next() { result.append(try columns.decode(row)) }
        return result
    }
}
