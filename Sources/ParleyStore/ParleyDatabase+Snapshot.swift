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
