import GRDB
import ParleyModel

extension StoreReader {
    /// The statement pairs that may contradict each other as of `date` (nil: everything), on
    /// `issue` and its sub-issues when given: the same party's own statements on the same issue
    /// and said date from two sources, with different labels; and claims about a party next to
    /// the party's own statements on the issue within ``Contradictions/claimWindowDays`` days of
    /// the claim, with different labels. Whether two labels are really different sides is the
    /// model's question (``Contradictions/find(sourcePairs:claimPairs:agreements:relations:asOf:)``).
    public func contradictionCandidates(asOf date: CalendarDate?, issue: String? = nil) throws -> (
        sourcePairs: [(DatedStatement, DatedStatement)], claimPairs: [(claim: DatedStatement, own: DatedStatement)]
    ) {
        let until = (date ?? .latest).endKey
        var filter = ""
        var filterArguments: StatementArguments = []
        if let issue {
            let subtree = try db.issueSubtree("a.issue_pk", issue)
            filter = " AND " + subtree.sql
            filterArguments = subtree.arguments
        }
        // Days on which one party's own statements on one issue number more than one: found on
        // the position index alone (no row is read), then only their statements are fetched and
        // paired here. A self-join over every statement read each row twice (14 s at 1M).
        let sameDay = try db.fetchStatements(
            """
            WITH days AS (
                SELECT a.party_pk, a.issue_pk, a.said_key FROM statement a
                WHERE a.retracted_at IS NULL AND a.about_pk IS NULL AND a.said_key <= ?\(filter)
                GROUP BY a.party_pk, a.issue_pk, a.said_key HAVING count(*) > 1
            )
            \(StatementQuery.select)
            FROM days d CROSS JOIN statement s
              ON s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk AND s.said_key = d.said_key
             AND s.retracted_at IS NULL AND s.about_pk IS NULL
            \(StatementQuery.joins)
            WHERE s.said IS NOT NULL
            ORDER BY s.pk
            """, arguments: [until] + filterArguments)
        var byDay: [String: [DatedStatement]] = [:]
        var dayOrder: [String] = []
        for dated in sameDay {
            let s = dated.statement
            let key = "\(s.party)\u{0}\(s.issue)\u{0}\(s.said?.description ?? "")"
            if byDay[key] == nil { dayOrder.append(key) }
            byDay[key, default: []].append(dated)
        }
        var sourcePairs: [(DatedStatement, DatedStatement)] = []
        for key in dayOrder {
            let group = byDay[key] ?? []
            for i in group.indices {
                for j in group.indices where j > i {
                    let (a, b) = (group[i].statement, group[j].statement)
                    if a.source != b.source && a.stance != b.stance { sourcePairs.append((group[i], group[j])) }
                }
            }
        }
        // The day `days` from a yyyymmdd key, as a key.
        func shifted(_ column: String, _ days: Int) -> String {
            "CAST(replace(date(printf('%04d-%02d-%02d', \(column) / 10000, \(column) / 100 % 100, \(column) % 100), "
                + "'\(days >= 0 ? "+" : "")\(days) days'), '-', '') AS INTEGER)"
        }
        let window = Contradictions.claimWindowDays
        // Claims first (CROSS JOIN keeps that order): they are few, found on their own index,
        // and each is answered by an index seek into its subject's statements.
        let claimPairs = try Row.fetchAll(
            db,
            sql: """
                SELECT a.pk AS claim, o.pk AS own FROM statement a INDEXED BY statement_about CROSS JOIN statement o
                  ON o.party_pk = a.about_pk AND o.issue_pk = a.issue_pk AND o.about_pk IS NULL
                 AND o.retracted_at IS NULL AND o.stance <> a.stance AND o.said_key <= ?1
                 AND o.said_key BETWEEN \(shifted("a.said_key", -window)) AND \(shifted("a.said_key", window))
                WHERE a.about_pk IS NOT NULL AND a.retracted_at IS NULL AND a.said_key <= ?1\(filter)
                ORDER BY a.pk, o.pk
                """, arguments: [until] + filterArguments
        ).map { ($0["claim"] as Int64, $0["own"] as Int64) }
        let numbers = Set(claimPairs.flatMap { [$0.0, $0.1] })
        var byNumber: [Int64: DatedStatement] = [:]
        if !numbers.isEmpty {
            for dated in try db.fetchStatements(
                StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?))",
                arguments: ["[" + numbers.map(String.init).joined(separator: ",") + "]"])
            {
                byNumber[dated.sequence] = dated
            }
        }
        return (
            sourcePairs,
            claimPairs.compactMap { pair in byNumber[pair.0].flatMap { a in byNumber[pair.1].map { (a, $0) } } }
        )
    }

    /// The claims about `parties` (by other parties) on `issues` and their sub-issues as of
    /// `date`: the latest that stands per speaker, party spoken about and issue.
    public func claims(about parties: [String], on issues: [String], asOf date: CalendarDate?) throws
        -> [DatedStatement]
    {
        guard !parties.isEmpty, !issues.isEmpty else { return [] }
        var issueConditions: [String] = []
        var arguments: StatementArguments = [(date ?? .latest).endKey]
        for issue in issues {
            let subtree = try db.issueSubtree("s.issue_pk", issue)
            issueConditions.append(subtree.sql)
            arguments += subtree.arguments
        }
        let partyPKs = try parties.map { try db.pk(.party, $0) }
        arguments += ["[" + partyPKs.map(String.init).joined(separator: ",") + "]"]
        return try db.fetchStatements(
            """
            \(StatementQuery.all)
            WHERE s.retracted_at IS NULL AND s.about_pk IS NOT NULL AND s.said_key <= ?
              AND (\(issueConditions.joined(separator: " OR ")))
              AND s.about_pk IN (SELECT value FROM json_each(?))
              AND NOT EXISTS (
                SELECT 1 FROM statement later
                WHERE later.party_pk = s.party_pk AND later.about_pk = s.about_pk AND later.issue_pk = s.issue_pk
                  AND later.retracted_at IS NULL AND later.said_key <= ?1
                  AND (later.said_key, later.source_key, later.pk) > (s.said_key, s.source_key, s.pk))
            ORDER BY ab.id, i.id, p.id
            """, arguments: arguments)
    }
}
