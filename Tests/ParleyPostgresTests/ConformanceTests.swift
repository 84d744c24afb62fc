import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// A backend the conformance suite runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Whether the backend can be tested in this run.
    var available: Bool { self == .sqlite || PostgresTestServer.available }

    /// Goes on when the backend can be tested; otherwise cancels this test case, with the reason
    /// shown in the run's output (never a silent pass), or fails it when PostgreSQL is required.
    func require() throws {
        guard !available else { return }
        try #require(
            !PostgresTestServer.required,
            "PostgreSQL is required (PARLEY_POSTGRES_REQUIRED=1) but \(self) is not available")
        try Test.cancel(PostgresTestServer.skipReason)
    }
}

/// The report fixtures the golden tests use (Tests/ParleyReportsTests/Fixtures), read from here
/// too, so that each backend is held to the same golden files.
enum SharedFixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ParleyReportsTests/Fixtures")
    static func casefile(_ name: String) -> String { directory.appendingPathComponent(name).path }
    static func golden(_ file: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("golden/\(file)"), encoding: .utf8)
    }
}

/// A case on one backend, made for one test: the casefile imported into a new SQLite file, and,
/// for PostgreSQL, that file copied (`parley copy`) into a new database on the test server.
func withCase<T>(
    _ casefile: String, on backend: Backend, _ body: (Parley, String) throws -> T
) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-conformance-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("case.sqlite").path
    let writer = try Parley.open(
        database: file, for: .create, clock: Clock.fixed(iso8601: "2026-01-01T00:00:00Z") ?? .system)
    _ = try writer.importCasefile(path: casefile)
    switch backend {
    case .sqlite:
        return try body(try Parley.open(database: file, for: .read), file)
    case .postgres:
        return try PostgresTestServer.withDatabase { address in
            #expect(try Parley.setUp(database: address) == .created)
            _ = try Parley.copyDatabase(from: file, to: address)
            return try body(try Parley.open(database: address, for: .read), address)
        }
    }
}

/// The store contract held to the same expectations on every backend: the same use cases, the
/// same fixture, the same golden files. A test here runs once per backend; the PostgreSQL run is
/// skipped, with the reason, when no server is given.
@Suite("Conformance: the store contract on every backend")
struct ConformanceTests {
    static let style = TextStyle(width: 80, color: false)

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// The reports the contract serves so far, by golden file stem.
    static func reports(_ parley: Parley) throws -> [(String, any Report)] {
        [
            ("positions", try parley.positionsReport(asOf: nil)),
            ("positions-2017-03-ostrana", try parley.positionsReport(asOf: try date("2017-03"), party: "ostrana")),
            ("agreements", try parley.agreementsReport(asOf: nil)),
            ("agreements-2017", try parley.agreementsReport(asOf: try date("2017"))),
        ]
    }

    @Test("the reports match the golden files, in every format", arguments: Backend.allCases)
    func golden(_ backend: Backend) throws {
        try backend.require()
        try withCase(SharedFixture.casefile("fixture.yaml"), on: backend) { parley, _ in
            let extensions: [OutputFormat: String] = [.text: "txt", .markdown: "md", .json: "json"]
            for (name, report) in try Self.reports(parley) {
                for (format, suffix) in extensions where report.supports(format) {
                    let rendered = report.rendered(as: format, style: Self.style)
                    #expect(
                        rendered == (try SharedFixture.golden("\(name).\(suffix)")), "\(name).\(suffix) on \(backend)")
                }
            }
        }
    }

    @Test(
        "positions at dates before, between and after the statements are the SQLite backend's",
        arguments: Backend.allCases)
    func positionsByDate(_ backend: Backend) throws {
        try backend.require()
        try withCase(SharedFixture.casefile("negotiation.yaml"), on: backend) { parley, _ in
            let reference = try withCase(SharedFixture.casefile("negotiation.yaml"), on: .sqlite) { sqlite, _ in
                try ["2019-01", "2021-06-15", "2023-06", "2030"].map {
                    try sqlite.positionsReport(asOf: try Self.date($0)).rendered(as: .json, style: Self.style)
                }
            }
            let here = try ["2019-01", "2021-06-15", "2023-06", "2030"].map {
                try parley.positionsReport(asOf: try Self.date($0)).rendered(as: .json, style: Self.style)
            }
            #expect(here == reference)
            #expect(here.first != here.last, "the dates chosen give other positions")
        }
    }

    @Test("an unknown party is refused with the closest ids suggested", arguments: Backend.allCases)
    func unknownParty(_ backend: Backend) throws {
        try backend.require()
        try withCase(SharedFixture.casefile("fixture.yaml"), on: backend) { parley, _ in
            let error = #expect(throws: StoreError.self) {
                _ = try parley.positionsReport(asOf: nil, party: "ostran")
            }
            guard case .notFound(let kind, let id, let suggestions)? = error else {
                Issue.record("expected notFound, got \(String(describing: error))")
                return
            }
            #expect(kind == .party && id == "ostran" && suggestions.first == "ostrana")
        }
    }
}
