import ParleyKit
import ParleyModel

/// Parties and actors by any of their names: wherever the command line takes a party's or an
/// actor's id, it also takes one of its aliases or its name ("Yerevan", "Aliyev"), says which id
/// that is, and lists the candidates when the name is several records'.
extension Parley {
    /// The id that `name`, given with `option`, stands for among records of `kind` (see
    /// ``ParleyKit/Parley/resolve(_:_:)``). A name that is no record's is passed on as it is, for
    /// the use case to report with the closest ids.
    func id(_ kind: RecordKind, _ name: String, option: String) throws -> String {
        switch try resolve(kind, name) {
        case .id(let id):
            return id
        case .unknown:
            return name
        case .alias(let id):
            note("note: \(kind.singular) \(Echo.quoted(name)) is \(id); using that id")
            return id
        case .ambiguous(let ids):
            let list = ids.dropLast().joined(separator: ", ") + " and " + (ids.last ?? "")
            throw ErrorMessage(
                "\(option) \(Echo.quoted(name)) names \(kind.count(ids.count)): \(list); pass the id of the one you mean"
            )
        }
    }

    /// ``id(_:_:option:)`` for an optional value.
    func id(_ kind: RecordKind, _ name: String?, option: String) throws -> String? {
        try name.map { try id(kind, $0, option: option) }
    }

    /// ``id(_:_:option:)`` for each of a repeated option's values.
    func ids(_ kind: RecordKind, _ names: [String], option: String) throws -> [String] {
        try names.map { try id(kind, $0, option: option) }
    }
}
