import ParleyModel
import ParleyStore

/// What a name given for a party or an actor stands for.
public enum NameResolution: Equatable, Sendable {
    /// The id of a record of the kind: used as it is.
    case id(String)
    /// Another name of exactly one record (one of its aliases, its name, or its id in other
    /// letters' case): that record's id.
    case alias(of: String)
    /// Another name of several records: their ids, sorted.
    case ambiguous([String])
    /// No record of the kind answers to it: the use case it is given to reports that, with the
    /// closest ids.
    case unknown
}

extension Parley {
    /// What `name` stands for among the parties or the actors (`kind`): an id, or the alias or
    /// name of one of them (letter case aside: "Yerevan", "yerevan"), or of several. Other kinds
    /// of record answer to their ids only: `.id(name)`.
    public func resolve(_ kind: RecordKind, _ name: String) throws -> NameResolution {
        let records = try lookingUp { try $0.names(of: kind) }
        guard kind == .party || kind == .actor, !records.contains(where: { $0.id == name }) else { return .id(name) }
        let folded = name.lowercased()
        let matches = records.filter { record in
            record.id.lowercased() == folded || record.names.contains { $0.lowercased() == folded }
        }.map(\.id)
        switch matches.count {
        case 0: return .unknown
        case 1: return .alias(of: matches[0])
        default: return .ambiguous(matches.sorted())
        }
    }
}
