import GRDB
import ParleyModel

extension ParleyDatabase {
    /// Everything as of `date` (nil: all that is recorded), computed in SQL: for each (party,
    /// issue) pair one index seek finds the latest statement said on or before the date, ties
    /// broken by the later source date, then the later recording. `party` and `issue` (with its
    /// sub-issues) narrow the positions; agreements and disputes are always complete.
    public func snapshot(asOf date: CalendarDate?, party: String? = nil, issue: String? = nil) throws -> Snapshot {
        let positions = try writer.read { db -> [Position] in
            var conditions: [String] = []
            var arguments: StatementArguments = [date?.endKey ?? 99_991_231]
            if let party {
                conditions.append("k.party_pk = ?")
                _ = arguments.append(contentsOf: [try db.pk(.party, party)])
            }
            if let issue {
                _ = try db.pk(.issue, issue)
                conditions.append(
                    "k.issue_pk IN (SELECT pk FROM issue WHERE id = ? OR substr(id, 1, length(?) + 1) = ? || '/')")
                _ = arguments.append(contentsOf: [issue, issue, issue])
            }
            let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
            let sql = """
                WITH latest AS (
                    SELECT (SELECT pk FROM statement
                            WHERE party_pk = k.party_pk AND issue_pk = k.issue_pk AND said_key <= ?1
                            ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1) AS pk
                    FROM position_key k WHERE 1\(filter)
                )
                \(Self.statementColumns)
                WHERE s.pk IN (SELECT pk FROM latest WHERE pk IS NOT NULL)
                """
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { Position(backing: try Self.datedStatement($0)) }
        }
        return Snapshot(asOf: date, positions: positions, agreements: try agreements(), disputes: try disputes())
    }
}

extension ParleyDatabase {
    /// For each position, the statement at which its party adopted the label it holds as of
    /// `date`: the first of the unbroken run of statements with that label. This is "when the
    /// side last moved". Costs two index seeks per position, whatever the number of statements.
    public func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: DatedStatement] {
        try writer.read { db in
            var result: [PositionKey: DatedStatement] = [:]
            let limit = date?.endKey ?? 99_991_231
            for position in positions {
                let partyPK = try db.pk(.party, position.party)
                let issuePK = try db.pk(.issue, position.issue)
                let previous = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT said_key, source_key, pk FROM statement
                        WHERE party_pk = ? AND issue_pk = ? AND said_key <= ? AND stance <> ?
                        ORDER BY said_key DESC, source_key DESC, pk DESC LIMIT 1
                        """,
                    arguments: [partyPK, issuePK, limit, position.stance])
                var sql = Self.statementColumns + " WHERE s.party_pk = ? AND s.issue_pk = ? AND s.said_key <= ?"
                var arguments: StatementArguments = [partyPK, issuePK, limit]
                if let previous {
                    sql += " AND (s.said_key, s.source_key, s.pk) > (?, ?, ?)"
                    _ = arguments.append(contentsOf: [previous[0] as Int, previous[1] as Int, previous[2] as Int64])
                }
                sql += " ORDER BY s.said_key, s.source_key, s.pk LIMIT 1"
                if let row = try Row.fetchOne(db, sql: sql, arguments: arguments) {
                    result[PositionKey(party: position.party, issue: position.issue)] = try Self.datedStatement(row)
                }
            }
            return result
        }
    }
}
