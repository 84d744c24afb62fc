import GRDB
import ParleyModel

extension StoreReader {
    /// The whole database as a casefile, in a deterministic order: records by id, statements
    /// by date, issue, party, source and stance; histories in recorded order.
    public func exportCasefile() throws -> Casefile { try casefile() }

    /// Every statement, retracted ones too, in the casefile's order: by said date, issue, party,
    /// source, stance, then number.
    public func casefileStatements() throws -> [ParleyModel.Statement] {
        try db.fetchStatements(StatementQuery.all + " ORDER BY s.said_key, i.id, p.id, src.id, s.stance, s.pk")
            .map(\.statement)
    }
}
