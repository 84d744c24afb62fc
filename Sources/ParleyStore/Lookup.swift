import Foundation
import GRDB
import ParleyModel

// MARK: - Resolving ids to row keys, with "did you mean" suggestions on a miss

extension RecordKind {
    /// The table that holds records of this kind.
    var table: String { rawValue }

    /// Whether the kind's records have aliases that count as names for them.
    var hasAliases: Bool { self == .party || self == .actor }
}

extension Database {
    /// The row key of the record with `id`, or a `notFound` error with the closest ids (aliases
    /// count: typing an alias suggests the id it belongs to). An issue also answers to its aliases
    /// (a former id after a rename, another name for the same question).
    func pk(_ kind: RecordKind, _ id: String) throws -> Int64 {
        if let pk = try Int64.fetchOne(
            cachedStatement(sql: "SELECT pk FROM \(kind.table) WHERE id = ?"), arguments: [id])
        {
            return pk
        }
        if kind == .issue, let pk = try issueAliasOwner(id) { return pk }
        throw StoreError.notFound(kind, id: id, suggestions: try suggestions(kind, for: id))
    }

    /// The row key of the issue that has `alias` among its aliases, if one does.
    func issueAliasOwner(_ alias: String) throws -> Int64? {
        try Int64.fetchOne(
            self, sql: "SELECT i.pk FROM issue i, json_each(i.aliases) a WHERE a.value = ? LIMIT 1", arguments: [alias])
    }

    /// The id of the record with row key `pk`.
    func id(_ kind: RecordKind, pk: Int64) throws -> String {
        guard let id = try String.fetchOne(self, sql: "SELECT id FROM \(kind.table) WHERE pk = ?", arguments: [pk])
        else {
            throw StoreError.unexpected(code: 0, detail: "no \(kind.singular) with row key \(pk)")
        }
        return id
    }

    /// Whether a record of `kind` with `id` exists (for an issue, as an id or an alias).
    func exists(_ kind: RecordKind, _ id: String) throws -> Bool {
        let found =
            try Bool.fetchOne(self, sql: "SELECT EXISTS (SELECT 1 FROM \(kind.table) WHERE id = ?)", arguments: [id])
            ?? false
        if !found && kind == .issue { return try issueAliasOwner(id) != nil }
        return found
    }

    /// Up to three ids of `kind` close to `id`, ranked by ``Suggestions/records(for:ids:aliasMatches:aliases:)``.
    func suggestions(_ kind: RecordKind, for id: String) throws -> [String] {
        let ids = try String.fetchAll(self, sql: "SELECT id FROM \(kind.table)")
        guard kind.hasAliases else { return Suggestions.records(for: id, ids: ids) }
        let matches = try String.fetchAll(
            self, sql: "SELECT t.id FROM \(kind.table) t, json_each(t.aliases) a WHERE lower(a.value) = lower(?)",
            arguments: [id])
        let aliases = try Row.fetchAll(
            self, sql: "SELECT t.id, a.value FROM \(kind.table) t, json_each(t.aliases) a ORDER BY t.id"
        ).map { (owner: $0[0] as String, alias: $0[1] as String) }
        return Suggestions.records(for: id, ids: ids, aliasMatches: matches, aliases: aliases)
    }

    /// The id of the issue that `issue` names (as its id, or as one of its aliases), or a
    /// `notFound` error with the closest ids.
    func canonicalIssue(_ issue: String) throws -> String {
        try id(.issue, pk: try pk(.issue, issue))
    }

    /// The condition "issue row key `column` is issue `canonical` (an id as stored: see
    /// ``canonicalIssue(_:)``) or below it", with its arguments; the subtree's row keys come
    /// first, so that the statement indexes can be used.
    func issueSubtree(_ column: String, canonical: String) -> (sql: String, arguments: StatementArguments) {
        (
            "\(column) IN (SELECT pk FROM issue WHERE id = ? OR substr(id, 1, length(?) + 1) = ? || '/')",
            [canonical, canonical, canonical]
        )
    }
}

/// What a store answers, uncached, for the statement rules (see ``CachedReferences``): each
/// backend's look-ups in its own SQL.
public protocol ReferenceLookups {
    /// The row key of the record `id` of `kind`, or a `notFound` error.
    func pk(_ kind: RecordKind, _ id: String) throws -> Int64
    /// The actor's row key and the id of the party it speaks for, or nil when there is no such actor.
    func actor(_ id: String) throws -> (pk: Int64, party: String)?
    /// The published date of the source as stored, or nil when there is no such source.
    func published(ofSource id: String) throws -> String?
    /// Existing ids of `kind` close to `id`, closest first.
    func suggestions(_ kind: RecordKind, for id: String) throws -> [String]
}

/// The records a statement names, looked up through a backend's ``ReferenceLookups``: what the
/// statement rules ask. Row keys found are kept, so that the insert that follows does not look
/// them up again. A database error met while answering is kept too: the rules see "not found",
/// and the caller rethrows it (``rethrowFailure()``), so that a failed read is never taken for a
/// missing record.
public final class CachedReferences<Lookups: ReferenceLookups>: StatementReferences {
    private let lookups: Lookups
    private var pks: [RecordKind: [String: Int64]] = [:]
    private var owners: [String: String] = [:]
    /// The first database error met while answering.
    public private(set) var failure: (any Error)?

    public init(_ lookups: Lookups) { self.lookups = lookups }

    /// The row key of a record the rules have checked exists.
    public func pk(_ kind: RecordKind, _ id: String) throws -> Int64 {
        if let pk = pks[kind]?[id] { return pk }
        let pk = try lookups.pk(kind, id)
        pks[kind, default: [:]][id] = pk
        return pk
    }

    public func contains(_ kind: RecordKind, _ id: String) -> Bool {
        guard failure == nil else { return false }
        do {
            _ = try pk(kind, id)
            return true
        } catch StoreError.notFound {
            return false
        } catch {
            failure = error
            return false
        }
    }

    public func party(ofActor id: String) -> String? {
        if let owner = owners[id] { return owner }
        guard failure == nil else { return nil }
        do {
            guard let actor = try lookups.actor(id) else { return nil }
            pks[.actor, default: [:]][id] = actor.pk
            owners[id] = actor.party
            return actor.party
        } catch {
            failure = error
            return nil
        }
    }

    public func published(ofSource id: String) -> CalendarDate? {
        guard failure == nil else { return nil }
        do {
            return try lookups.published(ofSource: id).map { try CalendarDate(parsing: $0) }
        } catch {
            failure = error
            return nil
        }
    }

    public func suggestions(_ kind: RecordKind, for id: String) -> [String] {
        guard failure == nil else { return [] }
        do { return try lookups.suggestions(kind, for: id) } catch {
            failure = error
            return []
        }
    }

    /// Rethrows a database error met while answering the rules.
    public func rethrowFailure() throws {
        if let failure { throw failure }
    }
}

/// SQLite's look-ups for the statement rules.
struct DatabaseLookups: ReferenceLookups {
    let db: Database

    func pk(_ kind: RecordKind, _ id: String) throws -> Int64 { try db.pk(kind, id) }

    func actor(_ id: String) throws -> (pk: Int64, party: String)? {
        try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT a.pk AS actor_pk, p.id AS party
                    FROM actor a JOIN party p ON p.pk = a.party_pk WHERE a.id = ?
                    """),
            arguments: [id]
        ).map { (pk: $0["actor_pk"], party: $0["party"]) }
    }

    func published(ofSource id: String) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT published FROM source WHERE id = ?"), arguments: [id])
    }

    func suggestions(_ kind: RecordKind, for id: String) throws -> [String] { try db.suggestions(kind, for: id) }
}

/// The records a statement names, looked up in the SQLite database.
typealias DatabaseReferences = CachedReferences<DatabaseLookups>

extension CachedReferences where Lookups == DatabaseLookups {
    convenience init(_ db: Database) { self.init(DatabaseLookups(db: db)) }
}

extension Array where Element == String {
    /// The aliases list as stored: a JSON array.
    var jsonText: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a list stored as a JSON array; the schema's CHECK keeps it valid.
    init(jsonText: String) throws {
        self = try JSONDecoder().decode([String].self, from: Data(jsonText.utf8))
    }
}
