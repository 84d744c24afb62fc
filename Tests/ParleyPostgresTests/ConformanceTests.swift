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
    try withCase({ _ = try $0.importCasefile(path: casefile) }, on: backend, body)
}

/// A case on one backend, made for one test by `build` (writes through the use cases, on a new
/// SQLite file whose clock starts at 2026-01-01), and, for PostgreSQL, that file copied
/// (`parley copy`) into a new database on the test server.
func withCase<T>(
    _ build: (inout Parley) throws -> Void, on backend: Backend, _ body: (Parley, String) throws -> T
) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-conformance-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("case.sqlite").path
    var writer = try Parley.open(
        database: file, for: .create, clock: Clock.fixed(iso8601: "2026-01-01T00:00:00Z") ?? .system, user: "desk")
    try build(&writer)
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

/// The fictional corridor talks (Tests/ParleyReportsTests/Fixtures/negotiation.yaml) with the
/// corrections made after 2024-02-01, as the golden files of its reports hold them (the report
/// tests' `NegotiationCase`, made here on a file so that it can be copied to PostgreSQL).
enum NegotiationFixture {
    static func clock(_ time: String) -> Clock { Clock.fixed(iso8601: time) ?? .system }

    static func build(_ parley: inout Parley) throws {
        parley.clock = clock("2024-01-31T00:00:00Z")
        _ = try parley.importCasefile(path: SharedFixture.casefile("negotiation.yaml"))
        parley.clock = clock("2024-03-01T09:00:00Z")
        try parley.retract(number: 18, reason: "The ministry's words were from 2022, misdated by the wire.")
        try parley.amend(
            number: 10,
            StatementChanges([.stance: "joint-customs", .summary: "Aurel accepts joint customs posts on the corridor."]
            ),
            reason: "The president accepted joint posts, not Brenn's customs; see the full transcript.")
        parley.clock = clock("2024-03-05T09:00:00Z")
        try parley.record(
            NewStatement(
                actor: "bo-stark", issue: "corridor/customs", kind: .acceptance, stance: "joint-customs",
                summary: "Brenn accepts joint customs posts.", said: try CalendarDate(parsing: "2023-12-01"),
                source: "herald-2024-01-20"))
        try parley.record(
            NewStatement(
                actor: "bo-stark", issue: "corridor/route", kind: .commitment, stance: "open-route",
                summary: "Brenn will open the route after all.", said: try CalendarDate(parsing: "2023-12-01"),
                source: "herald-2024-01-20"))
        try parley.appendStep(
            AgreementStep(status: .signed, on: try CalendarDate(parsing: "2024-01-18"), source: "herald-2024-01-20"),
            to: "route-deal")
        try parley.unrelate(issue: "corridor/funding", "shared-funding", "toll-road")
    }

    /// ``build``, then more corrections in March 2024, of every kind the case as known at a
    /// moment undoes: a relabel (which renames a relation's label too), a new relation, a
    /// source re-dated, an issue's staleness window, an agreement taken out of its package, a
    /// statement amended a second time and one retracted a week after it was recorded.
    static func buildMore(_ parley: inout Parley) throws {
        try build(&parley)
        parley.clock = clock("2024-03-10T12:00:00Z")
        _ = try parley.relabel(issue: "corridor/route", from: "open-route-soon", to: "open-route-later")
        _ = try parley.relate(
            LabelRelation(issue: "corridor/customs", "brenn-customs", "joint-customs", kind: .opposed))
        _ = try parley.editSource("wire-2020-06-03") { $0.published = try CalendarDate(parsing: "2020-06-05") }
        _ = try parley.editIssue("prisoners") { $0.staleAfter = try StaleWindow(parsing: "6m") }
        _ = try parley.link(["customs-deal"], package: nil)
        parley.clock = clock("2024-03-12T08:30:00Z")
        _ = try parley.amend(
            number: 10, StatementChanges([.stance: "shared-customs"]), reason: "The transcript's translation, again.")
        _ = try parley.retract(number: 22, reason: "Brenn's spokesman denied it the next day.")
    }

    /// The moments the known-as-of comparisons ask about: before the import, at it to the
    /// second, between the corrections, at a correction to the second (it is known then), and
    /// after all of them.
    static let moments = [
        "2024-01-30", "2024-01-31T00:00:00Z", "2024-02-01", "2024-03-01T09:00:00Z", "2024-03-03", "2024-03-05",
        "2024-03-10T12:00:00Z", "2024-03-11", "2030",
    ]
}

/// The store contract held to the same expectations on every backend: the same use cases, the
/// same fixture, the same golden files. A test here runs once per backend; the PostgreSQL run is
/// skipped, with the reason, when no server is given.
@Suite("Conformance: the store contract on every backend")
struct ConformanceTests {
    static let style = TextStyle(width: 80, color: false)

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// The file suffix of each format's golden files.
    static let extensions: [OutputFormat: String] = [
        .text: "txt", .markdown: "md", .json: "json", .csv: "csv", .jsonl: "jsonl", .html: "html",
    ]

    /// The reports the contract serves on the fixture casefile, by golden file stem.
    static func reports(_ parley: Parley) throws -> [(String, any Report)] {
        [
            ("disputes", try parley.disputesReport(asOf: nil)),
            ("disputes-2017-06", try parley.disputesReport(asOf: try date("2017-06"))),
            ("positions", try parley.positionsReport(asOf: nil)),
            ("positions-2017-03-ostrana", try parley.positionsReport(asOf: try date("2017-03"), party: "ostrana")),
            ("agreements", try parley.agreementsReport(asOf: nil)),
            ("agreements-2017", try parley.agreementsReport(asOf: try date("2017"))),
            ("history-river", try parley.history(issue: "river")),
            ("diff-2016-06-to-2019", try parley.diff(from: try date("2016-06-01"), to: try date("2019-12"))),
            ("diff-unchanged", try parley.diff(from: try date("2022-01-01"), to: try date("2023"))),
            ("source-diff", try parley.sourceDiff("herald-2019-06-02", "courier-2019-06-03")),
            ("statements-ostrana", try parley.statements(StatementFilter(party: "ostrana"))),
        ]
    }

    /// The reports the contract serves on the corrected corridor talks, by golden file stem.
    static func negotiationReports(_ parley: Parley) throws -> [(String, any Report)] {
        [
            ("negotiation-disputes", try parley.disputesReport(asOf: nil)),
            ("negotiation-disputes-2021-08", try parley.disputesReport(asOf: try date("2021-08"))),
            ("negotiation-positions", try parley.positionsReport(asOf: nil)),
            ("negotiation-agreements", try parley.agreementsReport(asOf: nil)),
            ("negotiation-agreements-2021-08", try parley.agreementsReport(asOf: try date("2021-08"))),
            ("negotiation-contradictions", try parley.contradictions(asOf: nil)),
            ("negotiation-history-corridor", try parley.history(issue: "corridor", includeRetracted: true)),
            ("negotiation-history-prisoners", try parley.history(issue: "prisoners")),
            ("negotiation-diff", try parley.diff(from: try date("2019-12"), to: try date("2023-12"))),
            ("negotiation-diff-2021", try parley.diff(from: try date("2021-05"), to: try date("2021-08"))),
            ("negotiation-source-diff", try parley.sourceDiff("concord-2021-07", "wire-2021-08-02")),
            ("negotiation-statements", try parley.statements(StatementFilter(includeRetracted: true))),
            ("negotiation-labels", try parley.labels(issue: "corridor")),
            ("negotiation-agreement-list", try parley.list(AgreementStatus.self)),
        ] + (try knownReports(parley))
    }

    /// The corrected corridor talks' reports as known on 2024-02-01, by golden file stem (the
    /// report tests' `NegotiationCase` makes the same).
    static func knownReports(_ parley: Parley) throws -> [(String, any Report)] {
        let known = try KnownAsOf(parsing: "2024-02-01")
        return [
            ("negotiation-disputes-known", try parley.disputesReport(asOf: nil, knownAsOf: known)),
            ("negotiation-positions-known", try parley.positionsReport(asOf: nil, knownAsOf: known)),
            (
                "negotiation-positions-2023-06-known",
                try parley.positionsReport(asOf: try date("2023-06"), party: "aurel", knownAsOf: known)
            ),
            ("negotiation-agreements-known", try parley.agreementsReport(asOf: nil, knownAsOf: known)),
            ("negotiation-contradictions-known", try parley.contradictions(asOf: nil, knownAsOf: known)),
            ("negotiation-history-corridor-known", try parley.history(issue: "corridor", knownAsOf: known)),
            (
                "negotiation-diff-known",
                try parley.diff(from: try date("2022-12"), to: try date("2024-01-31"), knownAsOf: known)
            ),
        ]
    }

    /// Every report that takes `--known-as-of`, as known at `moment`, rendered in every format
    /// each has, by name: the boards at two dates, positions narrowed, agreements,
    /// contradictions whole and on one issue, histories (with retractions, of one party), the
    /// diffs, statement listings, and the issue and party pages.
    static func reportsKnown(_ parley: Parley, at moment: String) throws -> [(String, String)] {
        let known = try KnownAsOf(parsing: moment)
        var reports: [(String, any Report)] = []
        for asOf in [nil, try date("2021-08"), try date("2023-12-15")] {
            let name = asOf?.description ?? "now"
            reports += [
                ("disputes \(name)", try parley.disputesReport(asOf: asOf, knownAsOf: known)),
                ("positions \(name)", try parley.positionsReport(asOf: asOf, knownAsOf: known)),
                ("agreements \(name)", try parley.agreementsReport(asOf: asOf, knownAsOf: known)),
                ("contradictions \(name)", try parley.contradictions(asOf: asOf, knownAsOf: known)),
            ]
        }
        reports += [
            (
                "positions aurel corridor",
                try parley.positionsReport(asOf: nil, party: "aurel", issue: "corridor", knownAsOf: known)
            ),
            (
                "disputes stale",
                try parley.disputesReport(asOf: nil, staleAfter: StaleWindow(count: 9, unit: .months), knownAsOf: known)
            ),
            ("contradictions corridor", try parley.contradictions(asOf: nil, issue: "corridor", knownAsOf: known)),
            ("history corridor", try parley.history(issue: "corridor", includeRetracted: true, knownAsOf: known)),
            ("history route brenn", try parley.history(issue: "corridor/route", party: "brenn", knownAsOf: known)),
            ("history prisoners", try parley.history(issue: "prisoners", knownAsOf: known)),
            ("diff", try parley.diff(from: try date("2019-12"), to: try date("2024-01-31"), knownAsOf: known)),
            ("source diff", try parley.sourceDiff("concord-2021-07", "wire-2021-08-02", knownAsOf: known)),
            ("statements", try parley.statements(StatementFilter(includeRetracted: true), knownAsOf: known)),
            (
                "statements brenn on corridor",
                try parley.statements(StatementFilter(party: "brenn", issue: "corridor"), knownAsOf: known)
            ),
        ]
        let issue = try parley.issueOverview("corridor", asOf: nil, knownAsOf: known)
        let party = try parley.partyOverview("aurel", asOf: try date("2023-12"), knownAsOf: known)
        reports += [
            ("issue page positions", issue.positions), ("issue page history", issue.history),
            ("party page positions", party.positions), ("party page statements", party.statements),
        ]
        return reports.flatMap { name, report in
            OutputFormat.allCases.filter(report.supports).map {
                ("\(name) as known at \(moment) (\($0))", report.rendered(as: $0, style: Self.style))
            }
        }
    }

    /// Expects each report, in every format it has, to be its golden file.
    static func expectGolden(_ reports: [(String, any Report)], on backend: Backend) throws {
        for (name, report) in reports {
            for (format, suffix) in extensions where report.supports(format) {
                let rendered = report.rendered(as: format, style: Self.style)
                #expect(rendered == (try SharedFixture.golden("\(name).\(suffix)")), "\(name).\(suffix) on \(backend)")
            }
        }
    }

    @Test("the reports match the golden files, in every format", arguments: Backend.allCases)
    func golden(_ backend: Backend) throws {
        try backend.require()
        try withCase(SharedFixture.casefile("fixture.yaml"), on: backend) { parley, _ in
            try Self.expectGolden(try Self.reports(parley), on: backend)
        }
    }

    @Test(
        "the corrected corridor talks' reports match the golden files, in every format", arguments: Backend.allCases)
    func negotiationGolden(_ backend: Backend) throws {
        try backend.require()
        try withCase(NegotiationFixture.build, on: backend) { parley, _ in
            try Self.expectGolden(try Self.negotiationReports(parley), on: backend)
        }
    }

    @Test(
        "every report as known at moments before, between and after the corrections is SQLite's, in every format",
        arguments: Backend.allCases)
    func knownAsOf(_ backend: Backend) throws {
        try backend.require()
        let reference = try withCase(NegotiationFixture.buildMore, on: .sqlite) { sqlite, _ in
            try NegotiationFixture.moments.flatMap { try Self.reportsKnown(sqlite, at: $0) }
        }
        let here = try withCase(NegotiationFixture.buildMore, on: backend) { parley, _ in
            try NegotiationFixture.moments.flatMap { try Self.reportsKnown(parley, at: $0) }
        }
        #expect(here.map(\.0) == reference.map(\.0))
        for ((name, expected), (_, found)) in zip(reference, here) {
            #expect(found == expected, "\(name) on \(backend)")
        }
        // The moments chosen see different cases: the relabel of 10 March and the second
        // amendment of 12 March show only from their moment on.
        let statements = reference.filter { $0.0.hasPrefix("statements as known") && $0.0.hasSuffix("(json)") }
        #expect(Set(statements.map(\.1)).count >= 5, "\(statements.count) moments gave too few cases")
        let before = try #require(statements.first { $0.0.contains("2024-03-10T12:00:00Z") }?.1)
        let after = try #require(statements.first { $0.0.contains("2030") }?.1)
        #expect(!before.contains("shared-customs") && after.contains("shared-customs"))
        #expect(before.contains("open-route-later") && !statements[2].1.contains("open-route-later"))
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

    /// What `parley export` and `parley log` write of a case: the casefile as YAML and as CSV
    /// tables, and the change log, whole and from three dates, in every format it has.
    static func exportAndLog(_ parley: Parley) throws -> [String] {
        let tables = try parley.exportTables().map { table in
            ([table.header] + table.rows).map { CSVText.record($0) }.joined()
        }
        var logs: [String] = []
        for since in [nil, "2024-03", "2024-03-05", "2030"] {
            let report = try parley.log(since: try since.map(Self.date))
            for format in OutputFormat.allCases where report.supports(format) {
                logs.append(report.rendered(as: format, style: Self.style))
            }
        }
        return [try parley.exportYAML()] + tables + logs
    }

    @Test(
        "export (YAML and CSV tables) and the change log, in every format, are SQLite's byte for byte",
        arguments: Backend.allCases)
    func exportAndLog(_ backend: Backend) throws {
        try backend.require()
        let builds: [(inout Parley) throws -> Void] = [
            { _ = try $0.importCasefile(path: SharedFixture.casefile("fixture.yaml")) }, NegotiationFixture.build,
        ]
        for build in builds {
            let reference = try withCase(build, on: .sqlite) { sqlite, _ in try Self.exportAndLog(sqlite) }
            let here = try withCase(build, on: backend) { parley, _ in try Self.exportAndLog(parley) }
            #expect(here.count == reference.count)
            for (mine, theirs) in zip(here, reference) { #expect(mine == theirs) }
        }
        // The corrected talks' log holds the import, the corrections and the additions, and the
        // export the retracted statement with its reason.
        try withCase(NegotiationFixture.build, on: backend) { parley, _ in
            let log = try parley.log(since: nil).entries
            #expect(Set(log.map(\.action)).isSuperset(of: [.import, .amend, .retract, .add]))
            #expect(try parley.log(since: try Self.date("2024-03-05")).entries.count < log.count)
            let retracted = try parley.exportCasefile().statements.first { $0.number == 18 }
            #expect(retracted?.retraction?.reason.hasPrefix("The ministry's words") == true)
        }
    }

    /// The fixture with a source whose text is stored, quoted once as said and once not.
    static func quotedCase(_ parley: inout Parley) throws {
        _ = try parley.importCasefile(path: SharedFixture.casefile("fixture.yaml"))
        try parley.add(
            Source(
                id: "gazette-2021-06-10", title: "Talks resume", publisher: "Gazette",
                published: try date("2021-06-10"),
                text: "Ivo Marr said: “We will share the river — both banks.” Then he left."))
        for (actor, stance, quote) in [
            ("ivo-marr", "shared-fishing", "we will share the river - both banks"),
            ("lena-brask", "joint-fishing", "We will share the sea, both banks"),
        ] {
            try parley.record(
                NewStatement(
                    actor: actor, issue: "river/fishing", kind: .demand, stance: stance, summary: "Fishing, shared.",
                    quote: quote, source: "gazette-2021-06-10"))
        }
    }

    /// What `parley check quotes` writes, in every format, for the whole case and for one source.
    static func quoteChecks(_ parley: Parley) throws -> [String] {
        try [nil, "gazette-2021-06-10"].flatMap { source in
            let report = try parley.checkQuotes(source: source)
            return OutputFormat.allCases.filter(report.supports).map { report.rendered(as: $0, style: Self.style) }
        }
    }

    @Test("check quotes finds the same misquotes, in every format, as on SQLite", arguments: Backend.allCases)
    func checkQuotes(_ backend: Backend) throws {
        try backend.require()
        let reference = try withCase(Self.quotedCase, on: .sqlite) { sqlite, _ in try Self.quoteChecks(sqlite) }
        try withCase(Self.quotedCase, on: backend) { parley, _ in
            #expect(try Self.quoteChecks(parley) == reference)
            let report = try parley.checkQuotes()
            #expect(report.checked == 2)
            #expect(report.misquotes.map(\.quote) == ["We will share the sea, both banks"])
            #expect(!report.unchecked.isEmpty, "the fixture's quotations have no stored text")
            let error = #expect(throws: StoreError.self) { _ = try parley.checkQuotes(source: "gazete-2021-06-10") }
            guard case .notFound(let kind, let id, let suggestions)? = error else {
                Issue.record("expected notFound, got \(String(describing: error))")
                return
            }
            #expect(kind == .source && id == "gazete-2021-06-10" && suggestions.first == "gazette-2021-06-10")
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
