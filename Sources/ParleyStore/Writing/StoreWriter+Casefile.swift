import GRDB
import ParleyModel

extension ParleyDatabase {
    /// Imports a whole casefile in one transaction: it is validated first, every problem is
    /// reported at once, and on any problem nothing is written. Ids that already exist in the
    /// database are problems too (import merges nothing silently).
    public func importCasefile(_ casefile: Casefile) throws {
        try Self.check(casefile.problems())
        try writer.write { db in
            var problems: [Problem] = []
            func collisions(_ ids: [String], _ kind: RecordKind, section: String) throws {
                for (index, id) in ids.enumerated() where try db.exists(kind, id) {
                    problems.append(Problem(
                        path: "\(section)[\(index)].id",
                        message: "\(kind.rawValue) '\(id)' is already in the database; remove it from the casefile or import into a new database"))
                }
            }
            try collisions(casefile.parties.map(\.id), .party, section: "parties")
            try collisions(casefile.actors.map(\.id), .actor, section: "actors")
            try collisions(casefile.issues.map(\.id), .issue, section: "issues")
            try collisions(casefile.sources.map(\.id), .source, section: "sources")
            try collisions(casefile.agreements.map(\.id), .agreement, section: "agreements")
            try collisions(casefile.disputes.map(\.id), .dispute, section: "disputes")
            try Self.check(problems)

            func located<T>(_ section: String, _ items: [T], _ body: (T) throws -> Void) throws {
                for (index, item) in items.enumerated() {
                    do { try body(item) } catch let error as StoreError {
                        throw StoreError.invalid([Problem(path: "\(section)[\(index)]", message: error.localizedDescription)])
                    }
                }
            }
            try located("parties", casefile.parties) { try db.insert($0) }
            try located("actors", casefile.actors) { try db.insert($0) }
            // Parents first, whatever order the file lists issues in.
            try located("issues", casefile.issues.sorted { $0.id < $1.id }) { try db.insert($0) }
            try located("sources", casefile.sources) { try db.insert($0) }
            try located("statements", casefile.statements) { _ = try db.insert($0) }
            try located("agreements", casefile.agreements) { try db.insert($0) }
            try located("disputes", casefile.disputes) { try db.insert($0) }
        }
    }

    /// The whole database as a casefile, in a deterministic order: records by id, statements
    /// by date, issue, party, source and stance; histories in date order.
    public func exportCasefile() throws -> Casefile {
        let statements = try writer.read { db in
            try Row.fetchAll(
                db,
                sql: Self.statementColumns + " ORDER BY s.said_key, i.id, p.id, src.id, s.stance, s.pk"
            ).map { try Self.datedStatement($0).statement }
        }
        return Casefile(
            parties: try parties(), actors: try actors(), issues: try issues(), sources: try sources(),
            statements: statements, agreements: try agreements(), disputes: try disputes())
    }
}
