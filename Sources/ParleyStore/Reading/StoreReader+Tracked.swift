import GRDB
import ParleyModel

extension StoreReader {
    /// Every agreement with its parties, mediators and history (in recorded order), by id.
    public func agreements() throws -> [Agreement] { try tracked() }

    /// Every recorded dispute with its parties and history (in recorded order), by id.
    public func disputes() throws -> [Dispute] { try tracked() }

    /// Every agreement or every dispute (by the status type asked for), ordered by id: one
    /// query for the records, one for their parties and mediators, one for their histories.
    public func tracked<Status: StepStatus>(_ status: Status.Type = Status.self) throws -> [Tracked<Status>] {
        let table = Status.record.table
        var parties: [Int64: [String]] = [:]
        var mediators: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT m.\(table)_pk AS owner, p.id AS party, m.role AS role FROM \(table)_party m
                JOIN party p ON p.pk = m.party_pk ORDER BY m.\(table)_pk, m.position
                """)
        {
            let role: String = row["role"]
            if role == "mediator" {
                mediators[row["owner"], default: []].append(row["party"])
            } else {
                parties[row["owner"], default: []].append(row["party"])
            }
        }
        var steps: [Int64: [Step<Status>]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT st.\(table)_pk AS owner, st.status AS status, st."on" AS "on", src.id AS source, st.note AS note
                FROM \(table)_step st JOIN source src ON src.pk = st.source_pk ORDER BY st.\(table)_pk, st.pk
                """)
        {
            steps[row["owner"], default: []].append(
                Step(
                    status: try Status.parse(row["status"]), on: try CalendarDate(parsing: row["on"]),
                    source: row["source"],
                    note: row["note"]))
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT r.pk AS pk, r.id AS id, r.title AS title, i.id AS issue, r.terms AS terms
                FROM \(table) r JOIN issue i ON i.pk = r.issue_pk ORDER BY r.id
                """
        ).map { row in
            let pk: Int64 = row["pk"]
            return Tracked(
                id: row["id"], title: row["title"], issue: row["issue"], terms: row["terms"],
                parties: parties[pk] ?? [],
                mediators: mediators[pk] ?? [], history: steps[pk] ?? [])
        }
    }
}
