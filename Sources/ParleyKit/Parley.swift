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
    /// The database the case lives in.
    public let store: ParleyDatabase
    /// Where the time of a write comes from.
    public var clock: Clock

    public init(store: ParleyDatabase, clock: Clock = .system) {
        self.store = store
        self.clock = clock
    }

    /// The case in the database file at `path`; with `create`, a missing file is created.
    public static func open(database path: String, create: Bool = false, clock: Clock = .system) throws -> Parley {
        Parley(store: try ParleyDatabase(path: path, create: create), clock: clock)
    }

    /// The case in a YAML casefile, loaded into an in-memory database.
    public static func open(casefile path: String, clock: Clock = .system) throws -> Parley {
        let parley = Parley(store: try ParleyDatabase(), clock: clock)
        _ = try parley.importCasefile(try CasefileReader.read(path: path).get())
        return parley
    }

    /// An empty case in memory.
    public static func inMemory(clock: Clock = .system) throws -> Parley {
        Parley(store: try ParleyDatabase(), clock: clock)
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
        Self.formatter().date(from: text).map(fixed)
    }

    /// The current time.
    public var now: Date { read() }

    /// The current time as an ISO 8601 UTC timestamp, as statements record it.
    public var timestamp: String { Self.formatter().string(from: now) }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }
}
