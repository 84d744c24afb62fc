import Foundation
import GRDB
import ParleyModel

// MARK: - Resolving ids to row keys, with "did you mean" suggestions on a miss

/// The tables whose records are looked up by id.
enum RecordKind: String {
    case party, actor, issue, source, agreement, dispute

    var hasAliases: Bool { self == .party || self == .actor }
}

extension Database {
    /// The row key of the record with `id`, or a `notFound` error with the closest ids (aliases
    /// count: typing an alias suggests the id it belongs to).
    func pk(_ kind: RecordKind, _ id: String) throws -> Int64 {
        if let pk = try Int64.fetchOne(self, sql: "SELECT pk FROM \(kind.rawValue) WHERE id = ?", arguments: [id]) {
            return pk
        }
        throw StoreError.notFound(kind: kind.rawValue, id: id, suggestions: try suggestions(kind, for: id))
    }

    func exists(_ kind: RecordKind, _ id: String) throws -> Bool {
        try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM \(kind.rawValue) WHERE id = ?)", arguments: [id]) ?? false
    }

    func suggestions(_ kind: RecordKind, for id: String) throws -> [String] {
        let ids = try String.fetchAll(self, sql: "SELECT id FROM \(kind.rawValue)")
        var result: [String] = []
        if kind.hasAliases {
            let rows = try Row.fetchAll(
                self,
                sql: "SELECT t.id FROM \(kind.rawValue) t, json_each(t.aliases) a WHERE lower(a.value) = lower(?)",
                arguments: [id])
            result = rows.map { $0[0] }
        }
        for candidate in Suggestions.closest(to: id, among: ids) where !result.contains(candidate) {
            result.append(candidate)
        }
        return Array(result.prefix(3))
    }
}

extension Array where Element == String {
    /// The aliases list as stored: a JSON array.
    var jsonText: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    init(jsonText: String) {
        self = (try? JSONDecoder().decode([String].self, from: Data(jsonText.utf8))) ?? []
    }
}
