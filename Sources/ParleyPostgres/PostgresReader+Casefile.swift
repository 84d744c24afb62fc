#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresReader {
        /// SQLite's order (``ParleyStore/StoreReader/casefileStatements()``); the ids sort alike
        /// on both, byte by byte, as the schema's columns are `COLLATE "C"`.
        public func casefileStatements() throws -> [Statement] {
            try PostgresStatements.fetch(
                session, PostgresStatements.all + " ORDER BY s.said_key, i.id, p.id, src.id, s.stance, s.pk", []
            ).map(\.statement)
        }

        /// The rows decoded as SQLite's reader decodes its own (`LogEntry(stored:…)`), in the
        /// order they were written.
        public func log(since: CalendarDate?) throws -> [LogEntry] {
            guard let since else { return try logEntries(where: "", []) }
            return try logEntries(where: "WHERE at >= $1", [.text(LogEntry.start(of: since))])
        }

        /// The change-log entries that `condition` (empty, or a `WHERE` clause over `binds`)
        /// keeps, oldest first, decoded as SQLite's reader decodes its own.
        func logEntries(where condition: String, _ binds: [StoredValue]) throws -> [LogEntry] {
            let decoder = JSONDecoder()
            return try session.rows(
                "SELECT pk, at, by, action, kind, record, reason, changes FROM change_log \(condition) ORDER BY pk",
                binds
            ).map { row in
                let (number, at, by, action, kind, record, reason, changes) = try row.decode(
                    (Int64, String, String, String, String?, String?, String?, String).self)
                return try LogEntry(
                    stored: number, at: at, by: by, action: action, kind: kind, record: record, reason: reason,
                    changes: changes, decoder: decoder)
            }
        }
    }
#endif
