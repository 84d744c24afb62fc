import Foundation
import ParleyCasefile
import ParleyModel
import ParleyStore

/// Parley's use cases: one function per question asked of a case or per write made to it. Every
/// front end (the command line, the server) calls these, so no report is assembled twice and the
/// JSON a front end serves is the JSON another prints.
///
/// Each question is answered from one read transaction, so a report is a consistent snapshot even
/// while another process writes; each write is one transaction, all or nothing.
public struct Parley: Sendable {
    /// Where the case lives.
    let backend: Backend
    /// Where the time of a write comes from.
    public var clock: Clock
    /// Who makes the writes, for the change log: a person's name, or an API token's.
    public var user: String
    /// The disputes board as of now, kept between reads and brought up to date pair by pair
    /// (shared by the copies of this value made by ``by(_:)``: a server's readers and writers);
    /// nil for a case opened to answer once (a `parley` command), where keeping every position
    /// for a next read that never comes would double what the report holds.
    let board: DisputesBoard?

    /// The backends a case may live in.
    enum Backend: Sendable {
        /// An SQLite file (or an in-memory SQLite database).
        case sqlite(ParleyDatabase)
        /// Another backend, reached through the store contract (``ParleyStore/CaseStore``):
        /// PostgreSQL; `address` names it (without its password) in errors.
        case contract(any CaseStore, address: String)
    }

    package init(
        store: ParleyDatabase, clock: Clock = .system, user: String = "unknown", keepsBoard: Bool = true
    ) {
        self.init(backend: .sqlite(store), clock: clock, user: user, board: keepsBoard ? DisputesBoard() : nil)
    }

    init(backend: Backend, clock: Clock, user: String, board: DisputesBoard? = DisputesBoard()) {
        self.backend = backend
        self.clock = clock
        self.user = user
        self.board = board
    }

    /// The SQLite database the case lives in (the front ends reach it only through the use cases).
    /// The use cases that are not yet written against the
    /// store contract use it; on another backend, asking for it is an error that says the use
    /// case is not available there yet.
    package var store: ParleyDatabase {
        get throws {
            switch backend {
            case .sqlite(let database): return database
            case .contract(_, let address):
                throw StoreError.postgres(address: address, .unsupported(what: Self.notYetOnContract))
            }
        }
    }

    /// What a use case not yet written against the store contract says on another backend.
    static let notYetOnContract =
        "this command on PostgreSQL (so far it serves init, copy, import (casefiles, CSV tables and statements CSV "
        + "files, also with --merge), add (also "
        + "--batch), amend, retract, edits, issue rename, labels rename, agreement link and unlink, agreement and "
        + "dispute steps, draft, the reports, diff, history, statements, labels, the lists, log, export, check "
        + "quotes, search, tokens and parley-server with its review workspace)"

    /// Runs `body` in one read transaction of whichever backend holds the case, through the store
    /// contract: the use cases written this way work on every backend.
    func reading<T>(_ body: (any CaseReader) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let database): return try database.readCase(body)
        case .contract(let store, _): return try store.readCase(body)
        }
    }

    /// The same case, written to by `user`.
    public func by(_ user: String) -> Parley {
        Parley(backend: backend, clock: clock, user: user, board: board)
    }

    /// The case at `path`, opened for `purpose`: to read (read-only), to write, or to write
    /// creating the file. A `postgres://user@host/dbname` address opens a PostgreSQL database
    /// instead (when this Parley was built with its PostgreSQL backend). Only a case opened to
    /// serve keeps the disputes board between reads (``DisputesBoard``).
    public static func open(
        database path: String, for purpose: DatabaseAccess = .write, clock: Clock = .system,
        user: String = "unknown"
    ) throws -> Parley {
        switch try DatabaseAddress(path) {
        case .sqlite(let path):
            return Parley(
                store: try ParleyDatabase(path: path, for: purpose), clock: clock, user: user,
                keepsBoard: purpose == .serve)
        case .postgres(let address):
            return Parley(
                backend: try postgresBackend(address, create: purpose == .create, serving: purpose == .serve),
                clock: clock, user: user, board: purpose == .serve ? DisputesBoard() : nil)
        }
    }

    /// The case in a YAML casefile, loaded into an in-memory database.
    public static func open(casefile path: String, clock: Clock = .system) throws -> Parley {
        let parley = Parley(store: try ParleyDatabase(), clock: clock)
        _ = try parley.importCasefile(try CasefileReader.read(path: path).get())
        return parley
    }

    /// An empty case in memory.
    public static func inMemory(clock: Clock = .system, user: String = "unknown") throws -> Parley {
        Parley(store: try ParleyDatabase(), clock: clock, user: user)
    }

    /// A change-log entry for a write made now by this case's user.
    func entry(
        _ action: LogAction, _ kind: RecordKind?, _ record: String?, reason: String? = nil, changes: [FieldChange] = []
    ) -> LogEntry {
        LogEntry(
            at: clock.timestamp, by: user, action: action, kind: kind, record: record, reason: reason, changes: changes)
    }

    /// The change-log entry of an addition: every value new.
    func added(_ kind: RecordKind, _ record: String, _ fields: [(String, String?)]) -> LogEntry {
        entry(
            .add, kind, record,
            changes: fields.compactMap { $0.1 == nil ? nil : FieldChange(field: $0.0, old: nil, new: $0.1) })
    }
}

/// The source of "now" for the writes: the system clock, or a fixed time for reproducible runs
/// and tests.
public struct Clock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The computer's clock.
    public static let system = Clock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> Clock { Clock { date } }

    /// A clock stopped at an ISO 8601 UTC time (`2026-01-01T00:00:00Z`), or nil if `text` is
    /// not one.
    public static func fixed(iso8601 text: String) -> Clock? {
        let digits = Array(text.utf8)
        guard digits.count == 20, digits[4] == 45, digits[7] == 45, digits[10] == 84, digits[13] == 58,
            digits[16] == 58, digits[19] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for i in range {
                guard (48...57).contains(digits[i]) else { return nil }
                value = value * 10 + Int32(digits[i] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (try? CalendarDate(year: Int(year), month: Int(month), day: Int(day))) != nil, hour < 24, minute < 60,
            second < 60
        else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        return fixed(Date(timeIntervalSince1970: TimeInterval(timegm(&parts))))
    }

    /// The current time.
    public var now: Date { read() }

    /// Today, for refusing dates in the future: the date in the earliest time zone (UTC+14), so
    /// that no analyst's today, wherever they are, is taken for a future date.
    public var today: CalendarDate {
        let ahead = Clock.fixed(now.addingTimeInterval(14 * 3600)).timestamp
        // The timestamp always starts with a valid yyyy-mm-dd.
        return (try? CalendarDate(parsing: String(ahead.prefix(10)))) ?? .latest
    }

    /// The current time as an ISO 8601 UTC timestamp to the second (`2026-01-01T00:00:00Z`), as
    /// statements record it. Formatted by hand: a date formatter would load time-zone data on
    /// every `parley add`.
    public var timestamp: String {
        var seconds = time_t(now.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let date = "\(digits(parts.tm_year + 1900, 4))-\(digits(parts.tm_mon + 1, 2))-\(digits(parts.tm_mday, 2))"
        return "\(date)T\(digits(parts.tm_hour, 2)):\(digits(parts.tm_min, 2)):\(digits(parts.tm_sec, 2))Z"
    }
}
