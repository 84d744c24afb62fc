import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

/// A case generated from a fixed seed: parties with actors, nested issues, sources over ten
/// years (some dated to the month), several hundred statements (restating, moving, said on the
/// same day by two voices, claims about other parties, some dated by their source only), label
/// relations and an order, agreements and disputes with histories; then amended, retracted,
/// relabelled and added to through the use cases, as an editor would.
struct GeneratedCase {
    /// A small deterministic generator (SplitMix64): the same seed, the same case, on every
    /// machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    static let parties = ["arden", "belmar", "corvin", "dunmore", "ellis"]
    static let mediator = "forum"
    static let issues = [
        "border", "border/crossings", "border/patrols", "trade", "trade/tariffs", "trade/quotas", "water",
        "water/dams", "water/sharing",
    ]
    static let labels = ["hold-firm", "talk", "compromise", "concede"]
    static let kinds = ["demand", "proposal", "acceptance", "rejection", "commitment", "assertion", "appeal"]

    let statementCount: Int
    let seed: UInt64

    /// The casefile (YAML) of the case before the editor's corrections.
    func casefile() -> String {
        var random = Random(state: seed)
        var yaml = "parties:\n"
        for party in Self.parties {
            yaml += "- id: \(party)\n  name: \(party.capitalized)\n  kind: state\n"
        }
        yaml += "- id: \(Self.mediator)\n  name: The Forum\n  kind: mediator\n"
        yaml += "actors:\n"
        for party in Self.parties + [Self.mediator] {
            for n in 1...2 {
                yaml += "- id: \(party)-voice-\(n)\n  name: Voice \(n) of \(party.capitalized)\n  party: \(party)\n"
            }
        }
        yaml += "issues:\n"
        for issue in Self.issues {
            yaml += "- id: \(issue)\n  title: The question of \(issue.replacingOccurrences(of: "/", with: " and "))\n"
        }
        // Sources: two a quarter from 2015 to 2024, every fifth dated to the month only.
        var sources: [(id: String, date: CalendarDate)] = []
        yaml += "sources:\n"
        for n in 0..<80 {
            let year = 2015 + n / 8
            let month = (n % 8) * 3 / 2 + 1 + random.below(2)
            let monthOnly = n % 5 == 4
            let day = 1 + random.below(28)
            let date =
                monthOnly
                ? (try? CalendarDate(year: year, month: month))
                : (try? CalendarDate(year: year, month: month, day: day))
            guard let date else { continue }
            let id = "wire-\(n)"
            sources.append((id, date))
            yaml += "- id: \(id)\n  title: Dispatch \(n)\n  publisher: The Wire\n  published: \(date)\n"
        }
        yaml += "statements:\n"
        var number = 0
        while number < statementCount {
            let source = sources[min(sources.count - 1, number * sources.count / statementCount)]
            let party = random.pick(Self.parties)
            let issue = random.pick(Self.issues)
            // Two voices of one party on one day, now and then, with different labels.
            let voices = random.chance(6) ? 2 : 1
            let said: CalendarDate? =
                source.date.precision == .day && !random.chance(15)
                ? CalendarDate(key: source.date.endKey - random.below(min(5, source.date.day ?? 1))) : nil
            for voice in 1...voices where number < statementCount {
                number += 1
                let claim = voices == 1 && random.chance(12)
                let subject = claim ? random.pick(Self.parties.filter { $0 != party }) : nil
                let speaker = claim ? random.pick([Self.mediator, party]) : party
                yaml += "- number: \(number)\n  party: \(speaker)\n"
                if random.chance(85) || voices == 2 { yaml += "  actor: \(speaker)-voice-\(voice)\n" }
                yaml += "  issue: \(issue)\n  kind: \(claim ? "assertion" : random.pick(Self.kinds))\n"
                // The words quoted make each statement another (the same words twice would be one).
                yaml += "  stance: \(random.pick(Self.labels))\n  summary: Statement \(number) on \(issue).\n"
                yaml += "  quote: Words \(number).\n"
                if let said { yaml += "  said: \(said)\n" }
                yaml += "  source: \(source.id)\n"
                if let subject { yaml += "  about: \(subject)\n" }
            }
        }
        yaml += "label_relations:\n"
        for issue in Self.issues where random.chance(70) {
            let kind = random.pick(["opposed", "compatible", "independent"])
            yaml += "- issue: \(issue)\n  labels: [compromise, talk]\n  kind: \(kind)\n"
            if random.chance(50) { yaml += "- issue: \(issue)\n  labels: [concede, hold-firm]\n  kind: opposed\n" }
        }
        yaml += "label_orders:\n- issue: trade\n  harder: hold-firm\n  softer: concede\n"
        yaml += "agreements:\n"
        for n in 0..<4 {
            let issue = Self.issues[n * 2]
            let first = sources[10 + n * 12]
            let second = sources[20 + n * 12]
            yaml += """
                - id: deal-\(n)
                  title: Deal \(n)
                  issue: \(issue)
                  parties: [\(Self.parties[n]), \(Self.parties[n + 1])]
                  mediators: [\(Self.mediator)]
                  history:
                  - {status: proposed, on: \(first.date), source: \(first.id)}
                  - {status: \(n % 2 == 0 ? "signed" : "claimed"), on: \(second.date), source: \(second.id)\
                \(n % 2 == 0 ? "" : ", according_to: \(Self.parties[n])")}

                """
        }
        yaml += "disputes:\n"
        for n in 0..<3 {
            let opened = sources[5 + n * 20]
            let later = sources[30 + n * 15]
            yaml += """
                - id: row-\(n)
                  title: Row \(n)
                  issue: \(Self.issues[n * 3])
                  parties: [\(Self.parties[n]), \(Self.parties[n + 2])]
                  history:
                  - {status: open, source: \(opened.id)}
                  - {status: \(["narrowed", "resolved", "dormant"][n]), on: \(later.date), source: \(later.id)}

                """
        }
        return yaml
    }

    /// Imports the case into `parley`, then corrects it as an editor would, a month later.
    func build(_ parley: inout Parley) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-generated-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("case.yaml").path
        try casefile().write(toFile: path, atomically: true, encoding: .utf8)
        parley.clock = Clock.fixed(iso8601: "2025-01-10T00:00:00Z") ?? .system
        // Named alike in both backends' change logs, wherever the file was written.
        _ = try parley.importCasefile(try Parley.readCasefile(path: path), name: "generated-case.yaml")
        var random = Random(state: seed ^ 0xFACE)
        parley.clock = Clock.fixed(iso8601: "2025-02-10T00:00:00Z") ?? .system
        var touched: Set<Int64> = []
        while touched.count < statementCount / 20 {
            let number = Int64(1 + random.below(statementCount))
            guard touched.insert(number).inserted else { continue }
            if random.chance(50) {
                _ = try parley.retract(number: number, reason: "Misattributed, says the wire's correction.")
            } else {
                _ = try parley.amend(
                    number: number,
                    StatementChanges([.stance: random.pick(Self.labels), .summary: "Statement \(number), corrected."]),
                    reason: "The full transcript says otherwise.")
            }
        }
        parley.clock = Clock.fixed(iso8601: "2025-02-20T00:00:00Z") ?? .system
        _ = try parley.relate(LabelRelation(issue: "water", "concede", "talk", kind: .compatible))
        _ = try parley.relate(LabelRelation(issue: "border/patrols", "compromise", "concede", kind: .opposed))
        _ = try parley.record(
            NewStatement(
                actor: "arden-voice-1", issue: "trade/tariffs", kind: .acceptance, stance: "concede",
                summary: "Arden gives way on tariffs.", said: try CalendarDate(parsing: "2024-11-03"),
                source: "wire-79"))
        _ = try parley.appendStep(
            AgreementStep(status: .implemented, on: try CalendarDate(parsing: "2024-10"), source: "wire-78"),
            to: "deal-0")
        // Corrections a moment can undo beyond amendments and retractions: a relabel over an
        // issue and its sub-issues, a source re-dated, an issue's staleness window, a package.
        parley.clock = Clock.fixed(iso8601: "2025-03-01T10:00:00Z") ?? .system
        _ = try parley.relabel(issue: "water", from: "talk", to: "negotiate")
        _ = try parley.editSource("wire-40") { $0.published = try CalendarDate(parsing: "2020-02") }
        _ = try parley.editIssue("trade") { $0.staleAfter = try StaleWindow(parsing: "18m") }
        _ = try parley.link(["deal-1", "deal-2"], package: "grand-bargain")
    }

    /// The moments the known-as-of comparisons ask about: before the import, at it, between the
    /// steps of corrections, and after them.
    static let moments = [
        "2025-01-09", "2025-01-10T00:00:00Z", "2025-02-09", "2025-02-15", "2025-02-28", "2025-03-01T10:00:00Z", "2030",
    ]
}

@Suite("Conformance: a generated case, every report, both backends")
struct GeneratedCaseTests {
    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    /// Every report the contract serves, in JSON, at several dates, narrowings and issues, by name.
    static func reports(_ parley: Parley) throws -> [(String, String)] {
        var reports: [(String, any Report)] = []
        let dates: [CalendarDate?] = [nil, try date("2016-07"), try date("2019"), try date("2021-03-15")]
        for date in dates {
            let name = date?.description ?? "now"
            reports.append(("disputes \(name)", try parley.disputesReport(asOf: date)))
            reports.append(("positions \(name)", try parley.positionsReport(asOf: date)))
            reports.append(("agreements \(name)", try parley.agreementsReport(asOf: date)))
            reports.append(("contradictions \(name)", try parley.contradictions(asOf: date)))
            reports.append(("contradictions water \(name)", try parley.contradictions(asOf: date, issue: "water")))
            reports.append(
                (
                    "positions belmar trade \(name)",
                    try parley.positionsReport(asOf: date, party: "belmar", issue: "trade")
                ))
        }
        reports.append(
            ("disputes stale", try parley.disputesReport(asOf: nil, staleAfter: try StaleWindow(parsing: "1y"))))
        for issue in GeneratedCase.issues {
            reports.append(("history \(issue)", try parley.history(issue: issue, includeRetracted: true)))
        }
        reports.append(("history trade corvin", try parley.history(issue: "trade", party: "corvin")))
        reports.append(("diff", try parley.diff(from: try date("2017-03"), to: try date("2022-08-01"))))
        reports.append(("diff late", try parley.diff(from: try date("2023"), to: try date("2024-12-31"))))
        reports.append(("source diff", try parley.sourceDiff("wire-20", "wire-21")))
        reports.append(("statements", try parley.statements(StatementFilter(includeRetracted: true))))
        reports.append(
            (
                "statements dunmore",
                try parley.statements(
                    StatementFilter(party: "dunmore", since: try date("2018"), until: try date("2022-06")))
            ))
        reports.append(("statements about ellis", try parley.statements(StatementFilter(about: "ellis"))))
        let issue = try parley.issueOverview("border", asOf: try date("2020"))
        reports.append(("issue page positions", issue.positions))
        reports.append(("issue page history", issue.history))
        let party = try parley.partyOverview("arden", asOf: nil)
        reports.append(("party page positions", party.positions))
        reports.append(("party page statements", party.statements))
        reports.append(("party list", try parley.parties()))
        reports.append(("party list on water", try parley.parties(onIssue: "water")))
        reports.append(("actor list", try parley.actors()))
        reports.append(("issue list", try parley.issues()))
        reports.append(("issue list of corvin", try parley.issues(party: "corvin")))
        reports.append(("source list", try parley.sources()))
        reports.append(
            (
                "source list of ellis on trade",
                try parley.sources(SourceFilter(party: "ellis", issue: "trade", since: try date("2019")))
            ))
        reports.append(("labels on trade", try parley.labels(issue: "trade")))
        reports.append(("labels on water/dams", try parley.labels(issue: "water/dams")))
        reports.append(("agreement list", try parley.list(AgreementStatus.self)))
        reports.append(("dispute list", try parley.list(DisputeStatus.self)))
        reports.append(("log", try parley.log(since: nil)))
        reports.append(("log since 2025-02-20", try parley.log(since: try date("2025-02-20"))))
        let rendered = reports.map { ($0.0, $0.1.rendered(as: .json, style: TextStyle(width: 80, color: false))) }
        // What `parley export` writes: the casefile as YAML, and as CSV tables.
        let tables = try parley.exportTables().map { table in
            ("export \(table.name)", ([table.header] + table.rows).map { CSVText.record($0) }.joined())
        }
        return rendered + [("export yaml", try parley.exportYAML())] + tables
    }

    /// Every report that takes `--known-as-of`, in JSON, as known at `moment`, by name.
    static func reportsKnown(_ parley: Parley, at moment: String) throws -> [(String, String)] {
        let known = try KnownAsOf(parsing: moment)
        var reports: [(String, any Report)] = []
        for date in [nil, try date("2019"), try date("2021-03-15")] {
            let name = date?.description ?? "now"
            reports += [
                ("disputes \(name)", try parley.disputesReport(asOf: date, knownAsOf: known)),
                ("positions \(name)", try parley.positionsReport(asOf: date, knownAsOf: known)),
                ("agreements \(name)", try parley.agreementsReport(asOf: date, knownAsOf: known)),
                ("contradictions \(name)", try parley.contradictions(asOf: date, knownAsOf: known)),
                (
                    "contradictions water \(name)",
                    try parley.contradictions(asOf: date, issue: "water", knownAsOf: known)
                ),
                (
                    "positions belmar trade \(name)",
                    try parley.positionsReport(asOf: date, party: "belmar", issue: "trade", knownAsOf: known)
                ),
            ]
        }
        for issue in GeneratedCase.issues {
            reports.append(
                ("history \(issue)", try parley.history(issue: issue, includeRetracted: true, knownAsOf: known)))
        }
        reports += [
            ("history trade corvin", try parley.history(issue: "trade", party: "corvin", knownAsOf: known)),
            ("diff", try parley.diff(from: try date("2017-03"), to: try date("2022-08-01"), knownAsOf: known)),
            ("source diff", try parley.sourceDiff("wire-40", "wire-41", knownAsOf: known)),
            ("statements", try parley.statements(StatementFilter(includeRetracted: true), knownAsOf: known)),
            (
                "statements dunmore",
                try parley.statements(
                    StatementFilter(party: "dunmore", since: try date("2018"), until: try date("2022-06")),
                    knownAsOf: known)
            ),
            ("statements about ellis", try parley.statements(StatementFilter(about: "ellis"), knownAsOf: known)),
        ]
        let issue = try parley.issueOverview("water", asOf: try date("2020"), knownAsOf: known)
        let party = try parley.partyOverview("arden", asOf: nil, knownAsOf: known)
        reports += [
            ("issue page positions", issue.positions), ("issue page history", issue.history),
            ("party page positions", party.positions), ("party page statements", party.statements),
        ]
        return reports.map {
            ("\($0.0) as known at \(moment)", $0.1.rendered(as: .json, style: TextStyle(width: 80, color: false)))
        }
    }

    @Test("every report as known at seven moments of a generated, corrected case is SQLite's JSON on PostgreSQL")
    func sameJSONKnown() throws {
        try Backend.postgres.require()
        let generated = GeneratedCase(statementCount: 600, seed: 24)
        let sqlite = try withCase(generated.build, on: .sqlite) { parley, _ in
            try GeneratedCase.moments.flatMap { try Self.reportsKnown(parley, at: $0) }
        }
        let postgres = try withCase(generated.build, on: .postgres) { parley, _ in
            try GeneratedCase.moments.flatMap { try Self.reportsKnown(parley, at: $0) }
        }
        #expect(sqlite.map(\.0) == postgres.map(\.0))
        for ((name, expected), (_, found)) in zip(sqlite, postgres) {
            #expect(found == expected, "\(name) differs on PostgreSQL")
        }
        // The moments see five different cases: the import's moment and the day before the
        // corrections see one, as do the last corrections' moment and 2030.
        let statements = sqlite.filter { $0.0.hasPrefix("statements as known") }.map(\.1)
        #expect(Set(statements).count == 5)
        #expect(statements[1] == statements[2] && statements[5] == statements[6] && statements[0] != statements[1])
    }

    @Test("every report's JSON on a generated, corrected case is byte for byte the same on PostgreSQL as on SQLite")
    func sameJSON() throws {
        try Backend.postgres.require()
        let generated = GeneratedCase(statementCount: 600, seed: 24)
        let sqlite = try withCase(generated.build, on: .sqlite) { parley, _ in try Self.reports(parley) }
        let postgres = try withCase(generated.build, on: .postgres) { parley, _ in try Self.reports(parley) }
        #expect(sqlite.map(\.0) == postgres.map(\.0))
        for ((name, expected), (_, found)) in zip(sqlite, postgres) {
            #expect(found == expected, "\(name) differs on PostgreSQL")
        }
        // The case holds what it is meant to: contradictions within a party and claims
        // contradicted, retracted statements.
        let now = try #require(sqlite.first { $0.0 == "contradictions now" }?.1)
        #expect(now.contains("\"kind\" : \"internal\""))
        #expect(now.contains("\"kind\" : \"claim-contradicted\""))
        #expect(sqlite.first { $0.0 == "statements" }?.1.contains("\"retraction\" : {") == true)
        #expect(sqlite.first { $0.0 == "log" }?.1.contains("\"action\" : \"amend\"") == true)
        #expect(sqlite.first { $0.0 == "export yaml" }?.1.contains("statements:") == true)
    }
}
