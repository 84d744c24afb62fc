import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres
#endif

/// Full-text search on both backends: SQLite's FTS5 and PostgreSQL's text search find the same
/// records by the same fields for the searches below, with the same words marked; where the two
/// engines differ by nature (the stemmer, the ranking, a long text's passage), the tests say how.
@Suite("Conformance: full-text search on every backend")
struct SearchTests {
    static let style = TextStyle(width: 80, color: false)

    /// The corrected corridor talks, with a source whose text is stored (long, with accents, a
    /// hyphenated word, a slash and a number), a statement quoting it, and an actor whose name
    /// has an accent.
    static func build(_ parley: inout Parley) throws {
        try NegotiationFixture.build(&parley)
        let words = [
            "At the talks in Ostend the delegations met again after a long winter.",
            "Ana Valé said the border-controls on the corridor/route would stay until 2025,",
            "and that the skies over the valley were closed to every flight of the other side.",
            "The mediators answered that joint customs posts remained the only way forward.",
        ]
        try parley.add(
            Source(
                id: "gazette-2024-02-10", title: "Corridor talks resume in Ostend", publisher: "Gazette",
                published: try CalendarDate(parsing: "2024-02-10"), text: words.joined(separator: " ")))
        try parley.add(Actor(id: "rene-brel", name: "René Brél", party: "brenn", role: "Deputy négociateur"))
        try parley.record(
            NewStatement(
                actor: "rene-brel", issue: "corridor/customs", kind: .assertion, stance: "brenn-customs",
                summary: "Brél says the border-controls stay, whatever Aurel's café diplomacy offers.",
                quote: "The controls stay.", source: "gazette-2024-02-10"))
    }

    /// The searches that must find the same things on both backends.
    static func queries() throws -> [SearchQuery] {
        [
            SearchQuery("corridor"), SearchQuery("customs"), SearchQuery("\"joint customs\""), SearchQuery("control*"),
            SearchQuery("route OR prisoners"), SearchQuery("customs NOT joint"), SearchQuery("Brel"),
            SearchQuery("cafe"), SearchQuery("negociateur"), SearchQuery("border-controls"),
            SearchQuery("corridor/route"), SearchQuery("detainees", scopes: [.statements]),
            SearchQuery("corridor", party: "brenn"), SearchQuery("customs", issue: "corridor"),
            SearchQuery("route", since: try CalendarDate(parsing: "2022"), until: try CalendarDate(parsing: "2023-06")),
            SearchQuery("misdated OR ministry", includeRetracted: true), SearchQuery("Ostend", scopes: [.sources]),
            SearchQuery("2025"), SearchQuery("talks", limit: 3),
        ]
    }

    /// `marked` with adjacent marked words made one span: FTS5 marks a phrase's words as one
    /// (`[border-controls]`), PostgreSQL's ts_headline each word (`[border]-[controls]`).
    static func spans(_ marked: String) -> String {
        marked.replacingOccurrences(
            of: "\u{3}([^\\p{L}\\p{N}]*)\u{2}", with: "$1", options: .regularExpression)
    }

    /// What a hit is: its kind and id, and its matched fields (a source text's passage by its
    /// matched words: each engine cuts its own passage).
    static func described(_ hit: SearchHit) -> String {
        let id: String
        switch hit.record {
        case .statement(let dated): id = "#\(dated.sequence)"
        case .source(let source): id = source.id
        case .party(let party): id = party.id
        case .actor(let actor): id = actor.id
        case .issue(let issue): id = issue.id
        }
        let matches = hit.matches.map { match in
            let marked = spans(match.marked)
            return hit.kind == "source" && match.field == "text"
                ? "text: \(SearchHit.Match(field: "text", marked: marked).words.map { $0.lowercased() }.sorted())"
                : "\(match.field): \(marked)"
        }
        return "\(hit.kind) \(id) " + matches.joined(separator: " | ")
    }

    @Test(
        "the searches find the same records, by the same fields, with the same words marked",
        arguments: Backend.allCases)
    func sameHits(_ backend: Backend) throws {
        try backend.require()
        let queries = try Self.queries()
        let reference = try withCase(Self.build, on: .sqlite) { sqlite, _ in
            try queries.map { try sqlite.search($0).hits.map(Self.described).sorted() }
        }
        let here = try withCase(Self.build, on: backend) { parley, _ in
            try queries.map { try parley.search($0).hits.map(Self.described).sorted() }
        }
        for (query, (expected, found)) in zip(queries, zip(reference, here)) {
            #expect(found == expected, "\(query.text) on \(backend)")
        }
        // Each search finds something, and the accents, the hyphen and the slash are folded.
        #expect(reference.allSatisfy { !$0.isEmpty })
        let byText = Dictionary(zip(queries.map(\.text), here), uniquingKeysWith: { a, _ in a })
        #expect(byText["Brel"]?.contains { $0.hasPrefix("actor rene-brel name: René \u{2}Brél\u{3}") } == true)
        #expect(byText["corridor/route"]?.contains { $0.contains("\u{2}corridor/route\u{3}") } == true)
        #expect(byText["border-controls"]?.contains { $0.contains("the \u{2}border-controls\u{3} stay") } == true)
    }

    @Test("a search with one hit reads the same, in every format, on both backends", arguments: Backend.allCases)
    func sameReport(_ backend: Backend) throws {
        try backend.require()
        let single = [
            SearchQuery("café diplomacy"), SearchQuery("Brel", scopes: [.entities]),
            SearchQuery("whatever Aurel", scopes: [.statements]),
            SearchQuery("ministry", scopes: [.statements], includeRetracted: true),
        ]
        func rendered(_ parley: Parley) throws -> [String] {
            try single.flatMap { query in
                let report = try parley.search(query)
                #expect(report.hits.count == 1, "\(query.text): \(report.hits.map(Self.described))")
                return OutputFormat.allCases.filter(report.supports).map { report.rendered(as: $0, style: Self.style) }
            }
        }
        let reference = try withCase(Self.build, on: .sqlite) { sqlite, _ in try rendered(sqlite) }
        let here = try withCase(Self.build, on: backend) { parley, _ in try rendered(parley) }
        for (found, expected) in zip(here, reference) { #expect(found == expected) }
    }

    @Test(
        "refusals: nothing to search for, and NOT without a word before it, on both backends",
        arguments: Backend.allCases)
    func refusals(_ backend: Backend) throws {
        try backend.require()
        try withCase(Self.build, on: backend) { parley, _ in
            #expect(throws: (any Error).self) { _ = try parley.search(SearchQuery("  AND  ")) }
            #expect(throws: (any Error).self) { _ = try parley.search(SearchQuery("NOT customs")) }
            #expect(throws: (any Error).self) { _ = try parley.search(SearchQuery("customs OR AND route")) }
        }
    }

    @Test("where the passages differ: each engine cuts a long text's passage around the match its own way")
    func passages() throws {
        try Backend.postgres.require()
        let query = SearchQuery("Ostend", scopes: [.sources])
        let texts = try [Backend.sqlite, .postgres].map { backend in
            try withCase(Self.build, on: backend) { parley, _ in
                try parley.search(query).hits.first?.matches.first { $0.field == "text" }?.marked
            }
        }
        #expect(texts[0]?.hasPrefix("At the talks in \u{2}Ostend\u{3}") == true)
        #expect(texts[1]?.hasPrefix("…talks in \u{2}Ostend\u{3}") == true)
        #expect(texts.allSatisfy { $0?.hasSuffix("…") == true })
    }

    @Test("where the stemmers differ: PostgreSQL's Snowball finds 'skies' by 'sky', SQLite's Porter does not")
    func stemmers() throws {
        try Backend.postgres.require()
        let query = SearchQuery("sky", scopes: [.sources])
        let sqlite = try withCase(Self.build, on: .sqlite) { parley, _ in try parley.search(query).hits.count }
        let postgres = try withCase(Self.build, on: .postgres) { parley, _ in try parley.search(query).hits.count }
        #expect(sqlite == 0 && postgres == 1)
        // Both find it by 'skies'.
        let both = try [Backend.sqlite, .postgres].map { backend in
            try withCase(Self.build, on: backend) { parley, _ in
                try parley.search(SearchQuery("skies", scopes: [.sources])).hits.count
            }
        }
        #expect(both == [1, 1])
    }
}

#if PostgreSQL
    extension SearchTests {
        @Test(
            "a database of schema version 1 holding a case is upgraded on opening (search, the covering position index), and then searched"
        )
        func upgrade() throws {
            try Backend.postgres.require()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-upgrade-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            var writer = try Parley.open(database: file, for: .create)
            try Self.build(&writer)
            try PostgresTestServer.withDatabase { address in
                let parsed = try PostgresAddress(parsing: address)
                #expect(try Parley.setUp(database: address) == .created)
                _ = try Parley.copyDatabase(from: file, to: address)
                // Back to version 1, as a database made before search came: the objects of the
                // later versions dropped, version 1's position index put back.
                try PostgresStore.administer(
                    parsed,
                    [
                        "SET search_path TO parley", "DELETE FROM schema_version WHERE version >= 2",
                        "DROP TEXT SEARCH CONFIGURATION search CASCADE", "DROP TEXT SEARCH DICTIONARY english_porter",
                        "DROP EXTENSION IF EXISTS unaccent", "DROP INDEX statement_position", "DROP TABLE import_pairs",
                        """
                        CREATE INDEX statement_position ON statement(party_pk, issue_pk, said_key, source_key)
                            WHERE retracted_at IS NULL AND about_pk IS NULL
                        """,
                    ])
                #expect(try PostgresStore.administered(parsed, "SELECT max(version) FROM parley.schema_version") == 1)
                let parley = try Parley.open(database: address, for: .read)
                #expect(try parley.search(SearchQuery("café diplomacy")).hits.count == 1)
                #expect(
                    try PostgresStore.administered(parsed, "SELECT max(version) FROM parley.schema_version")
                        == PostgresSchema.latest)
                // Version 3: the position index covers the statement's number and stance.
                #expect(
                    try PostgresStore.administered(
                        parsed,
                        """
                        SELECT count(*) FROM pg_indexes WHERE schemaname = 'parley' AND indexname = 'statement_position'
                            AND indexdef LIKE '%INCLUDE (stance)%'
                        """) == 1)
                #expect(
                    try PostgresStore.administered(
                        parsed,
                        "SELECT count(*) FROM pg_indexes WHERE schemaname = 'parley' AND indexname LIKE '%_search'")
                        == 5)
            }
        }

        @Test("accents are folded when the server has unaccent, and the schema says which it made")
        func accentFolding() throws {
            try Backend.postgres.require()
            try PostgresTestServer.withDatabase { address in
                #expect(try Parley.setUp(database: address) == .created)
                let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                let (available, folded) = try store.read { session in
                    (
                        try session.rows("SELECT count(*) FROM pg_available_extensions WHERE name = 'unaccent'")
                            .first?.int(0) == 1,
                        try session.rows(
                            "SELECT (to_tsvector('parley.search', 'Alíyev') = to_tsvector('parley.search', 'Aliyev'))::int"
                        ).first?.int(0) == 1
                    )
                }
                #expect(folded == available)
            }
        }
    }
#endif
