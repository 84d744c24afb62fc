import GRDB
import ParleyModel

extension StoreReader {
    /// Every agreement with its parties, mediators and history (in recorded order), by id: as it
    /// was known at this reader's moment, if it knows one.
    public func agreements() throws -> [Agreement] { try tracked() }

    /// Every recorded dispute with its parties and history (in recorded order), by id: as it was
    /// known at this reader's moment, if it knows one.
    public func disputes() throws -> [Dispute] { try tracked() }

    /// The agreement or dispute `id` (an unknown id is a `notFound` error with suggestions).
    public func tracked<Status: StepStatus>(_ status: Status.Type, id: String) throws -> Tracked<Status> {
        _ = try db.pk(Status.record, id)
        guard let record = try tracked(status, ids: [id]).first else {
            throw StoreError.notFound(Status.record, id: id, suggestions: [])
        }
        return record
    }

    /// Every agreement or every dispute (by the status type asked for), ordered by id: one
    /// query for the records, one for their parties and mediators, one for their histories.
    /// `issue` keeps those on that issue or below it (by any of the issues they cover); `party`
    /// those it takes part in (as a party or a mediator). As known at this reader's moment, if it
    /// knows one (see ``knowing(_:)``).
    public func tracked<Status: StepStatus>(
        _ status: Status.Type = Status.self, issue: String? = nil, party: String? = nil, ids: [String]? = nil
    ) throws -> [Tracked<Status>] {
        knownTracked(try allTracked(status, issue: issue, party: party, ids: ids))
    }

    /// ``tracked(_:issue:party:ids:)`` as the database holds them now.
    func allTracked<Status: StepStatus>(
        _ status: Status.Type = Status.self, issue: String? = nil, party: String? = nil, ids: [String]? = nil
    ) throws -> [Tracked<Status>] {
        let table = Status.record.table
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let ids {
            conditions.append("r.id IN (SELECT value FROM json_each(?))")
            arguments += [ids.jsonText]
        }
        if let issue {
            let canonical = try db.canonicalIssue(issue)
            let subtree = db.issueSubtree("r.issue_pk", canonical: canonical)
            let more = db.issueSubtree("x.issue_pk", canonical: canonical)
            conditions.append(
                "(\(subtree.sql) OR EXISTS (SELECT 1 FROM \(table)_issue x WHERE x.\(table)_pk = r.pk AND \(more.sql)))"
            )
            arguments += subtree.arguments + more.arguments
        }
        if let party {
            conditions.append("EXISTS (SELECT 1 FROM \(table)_party m WHERE m.\(table)_pk = r.pk AND m.party_pk = ?)")
            arguments += [try db.pk(.party, party)]
        }
        // The chosen records' row keys, which the member and step queries are narrowed to.
        let chosen =
            "SELECT r.pk FROM \(table) r"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
        var parties: [Int64: [String]] = [:]
        var mediators: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.\(table)_pk AS owner, p.id AS party, m.role AS role FROM \(table)_party m
                JOIN party p ON p.pk = m.party_pk WHERE m.\(table)_pk IN (\(chosen)) ORDER BY m.\(table)_pk, m.position
                """, arguments: arguments)
        {
            let role: String = row["role"]
            if role == "mediator" {
                mediators[row["owner"], default: []].append(row["party"])
            } else {
                parties[row["owner"], default: []].append(row["party"])
            }
        }
        // Who joined or left with each step.
        var changes: [Int64: [(party: String, role: String, change: String)]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.step_pk AS step, p.id AS party, m.role AS role, m.change AS change
                FROM \(table)_step_party m JOIN party p ON p.pk = m.party_pk
                JOIN \(table)_step st ON st.pk = m.step_pk
                WHERE st.\(table)_pk IN (\(chosen)) ORDER BY m.step_pk, m.role, p.id
                """, arguments: arguments)
        {
            changes[row["step"], default: []].append((row["party"], row["role"], row["change"]))
        }
        var moreIssues: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT x.\(table)_pk AS owner, i.id AS issue FROM \(table)_issue x JOIN issue i ON i.pk = x.issue_pk
                WHERE x.\(table)_pk IN (\(chosen)) ORDER BY x.\(table)_pk, x.position
                """, arguments: arguments)
        {
            moreIssues[row["owner"], default: []].append(row["issue"])
        }
        var steps: [Int64: [Step<Status>]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT st.pk AS pk, st.\(table)_pk AS owner, st.status AS status, st."on" AS "on", src.id AS source,
                       st.note AS note, st.retracted_at AS retracted_at, st.retracted_by AS retracted_by,
                       st.retract_reason AS retract_reason, st.on_from_source AS on_from_source,
                       acc.id AS according_to, st.due AS due, st.term AS term, st.recorded_at AS recorded_at
                FROM \(table)_step st JOIN source src ON src.pk = st.source_pk
                LEFT JOIN party acc ON acc.pk = st.according_to_pk
                WHERE st.\(table)_pk IN (\(chosen)) ORDER BY st.\(table)_pk, st.seq
                """, arguments: arguments)
        {
            let members = changes[row["pk"]] ?? []
            func parties(_ role: String, _ change: String) -> [String] {
                members.filter { $0.role == role && $0.change == change }.map(\.party)
            }
            let retractedAt: String? = row["retracted_at"]
            steps[row["owner"], default: []].append(
                Step(
                    status: try Status.parse(row["status"]), on: try CalendarDate(parsing: row["on"]),
                    source: row["source"], note: row["note"], addParties: parties("party", "join"),
                    removeParties: parties("party", "leave"), addMediators: parties("mediator", "join"),
                    removeMediators: parties("mediator", "leave"),
                    retraction: retractedAt.map {
                        Retraction(at: $0, by: row["retracted_by"] ?? "", reason: row["retract_reason"] ?? "")
                    }, accordingTo: row["according_to"], onIsSourceDate: row["on_from_source"],
                    due: try (row["due"] as String?).map { try CalendarDate(parsing: $0) }, term: row["term"],
                    recordedAt: row["recorded_at"]))
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT r.pk AS pk, r.id AS id, r.title AS title, i.id AS issue, r.terms AS terms, r.package AS package
                FROM \(table) r JOIN issue i ON i.pk = r.issue_pk WHERE r.pk IN (\(chosen)) ORDER BY r.id
                """, arguments: arguments
        ).map { row in
            let pk: Int64 = row["pk"]
            return Tracked(
                id: row["id"], title: row["title"], issue: row["issue"], moreIssues: moreIssues[pk] ?? [],
                terms: row["terms"],
                parties: parties[pk] ?? [],
                mediators: mediators[pk] ?? [], history: steps[pk] ?? [], package: row["package"])
        }
    }
}
