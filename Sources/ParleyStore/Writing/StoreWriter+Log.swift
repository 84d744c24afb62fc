import Foundation
import GRDB
import ParleyModel

/// A field change as the log stores it (JSON; written by ``StoreWriter/log(_:)``).
private struct StoredChange: Decodable {
    var field: String
    var old: String?
    var new: String?
}

extension StoreWriter {
    /// Writes an entry to the change log, in this write's transaction.
    public func log(_ entry: LogEntry) throws {
        try db.cachedStatement(
            sql: "INSERT INTO change_log (at, by, action, kind, record, reason, changes) VALUES (?, ?, ?, ?, ?, ?, ?)"
        ).execute(
            arguments: [
                entry.at, entry.by, entry.action.rawValue, entry.kind?.rawValue, entry.record, entry.reason,
                entry.storedChanges,
            ])
    }
}

extension LogEntry {
    /// The entry's changes as every backend's change log stores them: JSON, one object per change
    /// with its keys sorted and a value that is nil left out, written by hand (a JSONEncoder per
    /// entry was a noticeable part of a batch of statements).
    public var storedChanges: String {
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(64 * changes.count)
        for (index, change) in changes.enumerated() {
            text.append(contentsOf: Array((index == 0 ? #"{"field":"# : #",{"field":"#).utf8))
            JSONText.append(string: change.field, to: &text)
            if let new = change.new {
                text.append(contentsOf: Array(#","new":"#.utf8))
                JSONText.append(string: new, to: &text)
            }
            if let old = change.old {
                text.append(contentsOf: Array(#","old":"#.utf8))
                JSONText.append(string: old, to: &text)
            }
            text.append(UInt8(ascii: "}"))
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }
}

extension StoreReader {
    /// The number of the latest change-log entry (0 for none). Every write through Parley logs
    /// in its own transaction, so while this number stays the same, so does every report: a
    /// server may keep a report until it changes.
    public func changeVersion() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(pk), 0) FROM change_log") ?? 0
    }

    /// The change log, oldest first; `since` keeps the entries made on or after the start of
    /// that date (UTC).

    public func log(since: CalendarDate? = nil) throws -> [LogEntry] {
        let start = since.map(LogEntry.start(of:))
        return try entries(sql: "SELECT * FROM change_log WHERE ? IS NULL OR at >= ? ORDER BY pk", [start, start])
    }

    /// The change-log entries about one record (`#12` for a statement), oldest first.
    public func log(of kind: RecordKind, record: String) throws -> [LogEntry] {
        try entries(sql: "SELECT * FROM change_log WHERE kind = ? AND record = ? ORDER BY pk", [kind.rawValue, record])
    }

    /// The change-log entries made after the moment `through` (an ISO 8601 UTC timestamp), oldest first.
    func log(after through: String) throws -> [LogEntry] {
        try entries(sql: "SELECT * FROM change_log WHERE at > ? ORDER BY pk", [through])
    }

    private func entries(sql: String, _ arguments: StatementArguments) throws -> [LogEntry] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            try LogEntry(
                stored: row["pk"], at: row["at"], by: row["by"], action: row["action"], kind: row["kind"],
                record: row["record"], reason: row["reason"], changes: row["changes"], decoder: decoder)
        }
    }
}

extension LogEntry {
    /// An entry from its change-log row, as every backend stores it: the action and kind as their
    /// raw values, the changes as ``storedChanges`` writes them. An action this Parley does not
    /// know is an error; a kind it does not know is left out.
    public init(
        stored number: Int64, at: String, by: String, action: String, kind: String?, record: String?,
        reason: String?, changes: String, decoder: JSONDecoder = JSONDecoder()
    ) throws {
        guard let known = LogAction(rawValue: action) else {
            throw StoreError.unexpected(code: 0, detail: "change log entry with an unknown action '\(action)'")
        }
        let stored = try decoder.decode([StoredChange].self, from: Data(changes.utf8))
        self.init(
            number: number, at: at, by: by, action: known, kind: kind.flatMap(RecordKind.init(rawValue:)),
            record: record, reason: reason,
            changes: stored.map { FieldChange(field: $0.field, old: $0.old, new: $0.new) })
    }

    /// The first `at` of the entries made on or after the start of `date` (UTC): `yyyy-mm-dd`,
    /// which every later timestamp sorts after, byte by byte.
    public static func start(of date: CalendarDate) -> String {
        let key = date.startKey
        return String(format: "%04d-%02d-%02d", key / 10_000, (key / 100) % 100, key % 100)
    }
}
