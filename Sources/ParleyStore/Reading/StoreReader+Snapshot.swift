import GRDB
import ParleyModel

extension StoreReader {
    /// Everything as of `date` (nil: all that is recorded), computed in SQL: for each (party,
    /// issue) pair one index seek finds the latest statement said on or before the date, ties
    /// broken by the later source date, then the later recording. `party` and `issue` (with its
    /// sub-issues) narrow the positions; agreements and disputes are always complete. Positions
    /// are aged against `staleAfter` (or their issue's own window); see ``staleness(asOf:window:)``.
    public func snapshot(
        asOf date: CalendarDate?, party: String? = nil, issue: String? = nil, staleAfter: StaleWindow = .standard
    ) throws -> Snapshot {
        Snapshot(
            asOf: date, positions: try positions(asOf: date, party: party, issue: issue),
            agreements: try agreements(), disputes: try disputes(), relations: LabelRelations(try labelRelations()),
            staleness: try staleness(asOf: date, window: staleAfter))
    }

    /// How positions are aged: from `date`, or, for "everything recorded", from the latest date
    /// the case knows of (its latest source's published date: nothing can be said or done after
    /// the source that reports it), so that an archived case reads the same years later. Issues
    /// with a window of their own use it. Nil when there is no source yet.
    public func staleness(asOf date: CalendarDate?, window: StaleWindow = .standard) throws -> Staleness? {
        let reference: CalendarDate
        if let date {
            reference = date
        } else {
            guard
                let latest = try String.fetchOne(
                    db, sql: "SELECT published FROM source ORDER BY published_key DESC LIMIT 1")
            else { return nil }
            reference = try CalendarDate(parsing: latest)
        }
        var windows: [String: StaleWindow] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, stale_after FROM issue WHERE stale_after IS NOT NULL") {
            windows[row["id"]] = try StaleWindow(parsing: row["stale_after"])
        }
        return Staleness(reference: reference, window: window, issueWindows: windows)
    }

    /// Every (party, issue) position as of `date`, computed in SQL as for
    /// ``snapshot(asOf:party:issue:)``, without the agreements and disputes.
    public func positions(asOf date: CalendarDate?, party: String? = nil, issue: String? = nil) throws -> [Position] {
        var conditions: [String] = []
        var arguments: StatementArguments = [(date ?? .latest).endKey]
        if let party {
            conditions.append("k.party_pk = ?")
            arguments += [try db.pk(.party, party)]
        }
        if let issue {
            let subtree = try db.issueSubtree("k.issue_pk", issue)
            conditions.append(subtree.sql)
            arguments += subtree.arguments
        }
        let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
        let sql = """
            WITH latest AS (
                SELECT (SELECT pk FROM statement
                        WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= ?1 AND retracted_at IS NULL
                          AND about_pk IS NULL
                        ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS pk
                FROM position_key k WHERE 1\(filter)
            )
            \(StatementQuery.all)
            WHERE s.pk IN (SELECT pk FROM latest WHERE pk IS NOT NULL)
            ORDER BY i.id, p.id
            """
        return try db.fetchStatements(sql, arguments: arguments).map(Position.init(backing:))
    }

    /// For each position, the statement at which its party adopted the label it holds as of
    /// `date`: the first of the unbroken run of statements with that label. This is "when the
    /// side last moved". One query for all positions; per position, two index seeks (the last
    /// statement with another label, then the first statement after it), whatever the number of
    /// statements.
    public func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: DatedStatement] {
        guard !positions.isEmpty else { return [:] }
        let pks = "[" + positions.map { String($0.backing.sequence) }.joined(separator: ",") + "]"
        let sql = """
            WITH shown AS (SELECT value AS spk FROM json_each(?1)),
            previous AS (
                SELECT sh.spk, c.party_pk, c.issue_pk,
                       (SELECT x.pk FROM statement x
                        WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= ?2
                          AND x.retracted_at IS NULL AND x.about_pk IS NULL AND x.stance <> c.stance
                        ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) AS xpk
                FROM shown sh JOIN statement c ON c.pk = sh.spk
            ),
            bounds AS (
                SELECT pr.spk, pr.party_pk, pr.issue_pk,
                       coalesce(x.said_key, 0) AS xs, coalesce(x.source_key, 0) AS xk, coalesce(x.pk, 0) AS xp
                FROM previous pr LEFT JOIN statement x ON x.pk = pr.xpk
            ),
            moved AS MATERIALIZED (
                -- A row-value bound made of plain columns, so SQLite seeks the index to it.
                SELECT b.spk,
                       (SELECT m.pk FROM statement m
                        WHERE m.party_pk = b.party_pk AND m.issue_pk = b.issue_pk AND m.said_key <= ?2
                          AND m.retracted_at IS NULL AND m.about_pk IS NULL
                          AND (m.said_key, m.source_key, m.pk) > (b.xs, b.xk, b.xp)
                        ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) AS mpk
                FROM bounds b
            )
            \(StatementQuery.select)
            FROM moved mv CROSS JOIN statement s ON s.pk = mv.mpk
            \(StatementQuery.joins)
            """
        var result: [PositionKey: DatedStatement] = [:]
        for dated in try db.fetchStatements(sql, arguments: [pks, (date ?? .latest).endKey]) {
            result[dated.key] = dated
        }
        return result
    }
}
