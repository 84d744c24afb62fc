import GRDB
import ParleyModel

extension StoreWriter {
    /// Imports a whole casefile: it is validated first, every problem is reported at once, and
    /// on any problem nothing is written. Ids that already exist in the database are problems too
    /// (import merges nothing silently). Statements must carry their recording time.
    public func importCasefile(_ casefile: Casefile) throws {
        try Self.check(casefile.problems())
        var problems: [Problem] = []
        func collisions(_ ids: [String], _ kind: RecordKind) throws {
            for (index, id) in ids.enumerated() where try db.exists(kind, id) {
                problems.append(Problem(path: "\(kind.section)[\(index)].id", .alreadyRecorded(kind, id: id)))
            }
        }
        try collisions(casefile.parties.map(\.id), .party)
        try collisions(casefile.actors.map(\.id), .actor)
        try collisions(casefile.issues.map(\.id), .issue)
        try collisions(casefile.sources.map(\.id), .source)
        try collisions(casefile.agreements.map(\.id), .agreement)
        try collisions(casefile.disputes.map(\.id), .dispute)
        try Self.check(problems)

        func located<T>(_ kind: RecordKind, _ items: [T], _ body: (T) throws -> Void) throws {
            for (index, item) in items.enumerated() {
                do { try body(item) } catch let error as StoreError {
                    throw StoreError.invalid([
                        Problem(path: "\(kind.section)[\(index)]", .malformed(error.localizedDescription))
                    ])
                }
            }
        }
        try located(.party, casefile.parties) { try db.insert($0) }
        try located(.actor, casefile.actors) { try db.insert($0) }
        // Parents first, whatever order the file lists issues in.
        try located(.issue, casefile.issues.sorted { $0.id < $1.id }) { try db.insert($0) }
        try located(.source, casefile.sources) { try db.insert($0) }
        let references = DatabaseReferences(db)
        try located(.statement, casefile.statements) { _ = try db.insert($0, references: references) }
        try located(.agreement, casefile.agreements) { try db.insert($0) }
        try located(.dispute, casefile.disputes) { try db.insert($0) }
    }
}
