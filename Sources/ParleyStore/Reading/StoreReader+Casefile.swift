import GRDB
import ParleyModel

extension StoreReader {
    /// The whole database as a casefile, in a deterministic order: records by id, statements
    /// by date, issue, party, source and stance; histories in recorded order.
    public func exportCasefile() throws -> Casefile {
        let statements = try db.fetchStatements(
            StatementQuery.all + " ORDER BY s.said_key, i.id, p.id, src.id, s.stance, s.pk")
        return Casefile(
            parties: try parties(), actors: try actors(), issues: try issues(), sources: try sources(),
            statements: statements.map(\.statement), labelRelations: try labelRelations(),
            labelOrders: try labelOrders(), agreements: try agreements(), disputes: try disputes())
    }
}
