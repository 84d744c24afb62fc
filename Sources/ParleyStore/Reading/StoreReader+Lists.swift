import Foundation
import GRDB
import ParleyModel

/// Which statements to list; every field narrows the list, nil means "any".
public struct StatementFilter: Hashable, Sendable {
    public var party: String?
    /// An issue id; its sub-issues are included.
    public var issue: String?
    public var source: String?
    /// Statements whose date (the end of its period) is on or after the start of this date.
    public var since: CalendarDate?
    /// Statements whose date (the end of its period) is on or before the end of this date.
    public var until: CalendarDate?

    public init(party: String? = nil, issue: String? = nil, source: String? = nil, since: CalendarDate? = nil, until: CalendarDate? = nil) {
        self.party = party
        self.issue = issue
        self.source = source
        self.since = since
        self.until = until
    }
}

extension ParleyDatabase {
    // MARK: - Lists

    /// Every party, ordered by id.
    public func parties() throws -> [Party] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, kind, aliases FROM party ORDER BY id").map { row in
                Party(id: row[0], name: row[1], kind: PartyKind(rawValue: row[2]) ?? .other, aliases: [String](jsonText: row[3]))
            }
        }
    }

    /// Every actor, ordered by id.
    public func actors() throws -> [Actor] {
        try writer.read { db in
            try Row.fetchAll(
                db, sql: "SELECT a.id, a.name, p.id, a.role, a.aliases FROM actor a JOIN party p ON p.pk = a.party_pk ORDER BY a.id"
            ).map { row in
                Actor(id: row[0], name: row[1], party: row[2], role: row[3], aliases: [String](jsonText: row[4]))
            }
        }
    }

    /// Every issue, ordered by id (so sub-issues follow their parent).
    public func issues() throws -> [Issue] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, title, description FROM issue ORDER BY id").map { row in
                Issue(id: row[0], title: row[1], description: row[2])
            }
        }
    }

    /// Every source, ordered by id; `includeText` loads the full texts too.
    public func sources(includeText: Bool = true) throws -> [Source] {
        try writer.read { db in
            let text = includeText ? "text" : "NULL"
            return try Row.fetchAll(
                db, sql: "SELECT id, title, publisher, url, published, reliability, \(text) FROM source ORDER BY id"
            ).map { row in
                Source(
                    id: row[0], title: row[1], publisher: row[2], url: row[3],
                    published: try CalendarDate(parsing: row[4]),
                    reliability: (row[5] as String?).flatMap(Reliability.init(rawValue:)), text: row[6])
            }
        }
    }

    /// The number of statements recorded.
    public func statementCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM statement") ?? 0 }
    }

    /// The stance labels used on an issue, most used first.
    public func stanceLabels(issue: String) throws -> [String] {
        try writer.read { db in try db.stanceLabels(issuePK: db.pk(.issue, issue)) }
    }

    // MARK: - Statements

    /// The columns ``datedStatement(_:)`` reads, from a statement aliased `s`.
    static let statementSelect = """
        SELECT s.pk, p.id, a.id, i.id, s.kind, s.stance, s.summary, s.quote, s.said, src.id, s.recorded_at, src.published
        """
    /// The joins that give a statement `s` its ids and its source's date.
    static let statementJoins = """
        JOIN party p ON p.pk = s.party_pk
        LEFT JOIN actor a ON a.pk = s.actor_pk
        JOIN issue i ON i.pk = s.issue_pk
        JOIN source src ON src.pk = s.source_pk
        """
    static let statementColumns = statementSelect + " FROM statement s " + statementJoins

    static func datedStatement(_ row: Row) throws -> DatedStatement {
        let said: String? = row[8]
        let published = try CalendarDate(parsing: row[11])
        let saidDate = try said.map { try CalendarDate(parsing: $0) }
        let statement = Statement(
            party: row[1], actor: row[2], issue: row[3], kind: try StatementKind.parse(row[4]), stance: row[5],
            summary: row[6], quote: row[7], said: saidDate, source: row[9], recordedAt: row[10])
        return DatedStatement(statement: statement, effectiveDate: saidDate ?? published, sourceDate: published, sequence: row[0])
    }

    /// Statements matching the filter, in date order (said date, then source date, then recording).
    public func statements(_ filter: StatementFilter = StatementFilter()) throws -> [DatedStatement] {
        try writer.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let party = filter.party {
                conditions.append("s.party_pk = ?")
                _ = arguments.append(contentsOf: [try db.pk(.party, party)])
            }
            if let issue = filter.issue {
                _ = try db.pk(.issue, issue)
                // The subtree's row keys first, so that the statement indexes can be used.
                conditions.append("s.issue_pk IN (SELECT pk FROM issue WHERE id = ? OR substr(id, 1, length(?) + 1) = ? || '/')")
                _ = arguments.append(contentsOf: [issue, issue, issue])
            }
            if let source = filter.source {
                conditions.append("s.source_pk = ?")
                _ = arguments.append(contentsOf: [try db.pk(.source, source)])
            }
            if let since = filter.since {
                conditions.append("s.said_key >= ?")
                _ = arguments.append(contentsOf: [since.startKey])
            }
            if let until = filter.until {
                conditions.append("s.said_key <= ?")
                _ = arguments.append(contentsOf: [until.endKey])
            }
            let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let sql = Self.statementColumns + whereClause + " ORDER BY s.said_key, s.source_key, s.pk"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.datedStatement)
        }
    }

    // MARK: - Agreements and disputes

    /// Every agreement with its parties, mediators and history (in date order), ordered by id.
    public func agreements() throws -> [Agreement] {
        try writer.read { db in
            let members = try Row.fetchAll(
                db,
                sql: "SELECT ap.agreement_pk, p.id, ap.role FROM agreement_party ap JOIN party p ON p.pk = ap.party_pk ORDER BY ap.agreement_pk, ap.position")
            let steps = try Row.fetchAll(
                db,
                sql: """
                    SELECT st.agreement_pk, st.status, st."on", src.id, st.note FROM agreement_step st
                    JOIN source src ON src.pk = st.source_pk ORDER BY st.agreement_pk, st.pk
                    """)
            var membersByPK: [Int64: [Row]] = [:]
            for row in members { membersByPK[row[0], default: []].append(row) }
            var stepsByPK: [Int64: [AgreementStep]] = [:]
            for row in steps {
                stepsByPK[row[0], default: []].append(AgreementStep(
                    status: try AgreementStatus.parse(row[1]), on: try CalendarDate(parsing: row[2]), source: row[3], note: row[4]))
            }
            return try Row.fetchAll(
                db, sql: "SELECT a.pk, a.id, a.title, i.id, a.terms FROM agreement a JOIN issue i ON i.pk = a.issue_pk ORDER BY a.id"
            ).map { row in
                let pk: Int64 = row[0]
                let people = membersByPK[pk] ?? []
                return Agreement(
                    id: row[1], title: row[2], issue: row[3], terms: row[4],
                    parties: people.filter { $0[2] == "party" }.map { $0[1] },
                    mediators: people.filter { $0[2] == "mediator" }.map { $0[1] },
                    history: stepsByPK[pk] ?? [])
            }
        }
    }

    /// Every recorded dispute with its parties and history (in date order), ordered by id.
    public func disputes() throws -> [Dispute] {
        try writer.read { db in
            let members = try Row.fetchAll(
                db, sql: "SELECT dp.dispute_pk, p.id FROM dispute_party dp JOIN party p ON p.pk = dp.party_pk ORDER BY dp.dispute_pk, dp.position")
            let steps = try Row.fetchAll(
                db,
                sql: """
                    SELECT st.dispute_pk, st.status, st."on", src.id, st.note FROM dispute_step st
                    JOIN source src ON src.pk = st.source_pk ORDER BY st.dispute_pk, st.pk
                    """)
            var membersByPK: [Int64: [String]] = [:]
            for row in members { membersByPK[row[0], default: []].append(row[1]) }
            var stepsByPK: [Int64: [DisputeStep]] = [:]
            for row in steps {
                stepsByPK[row[0], default: []].append(DisputeStep(
                    status: try DisputeStatus.parse(row[1]), on: try CalendarDate(parsing: row[2]), source: row[3], note: row[4]))
            }
            return try Row.fetchAll(
                db, sql: "SELECT d.pk, d.id, d.title, i.id FROM dispute d JOIN issue i ON i.pk = d.issue_pk ORDER BY d.id"
            ).map { row in
                let pk: Int64 = row[0]
                return Dispute(id: row[1], title: row[2], issue: row[3], parties: membersByPK[pk] ?? [], history: stepsByPK[pk] ?? [])
            }
        }
    }
}

extension ParleyDatabase {
    /// Every issue's title by id, for labelling reports.
    public func issueTitles() throws -> [String: String] {
        try writer.read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT id, title FROM issue").map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
