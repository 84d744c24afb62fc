import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// `parley copy` out of PostgreSQL into SQLite: a case copied from SQLite into PostgreSQL and
    /// back is the same database (every table, the ones SQLite derives included) and reads the same
    /// in every report; a file that holds a case is refused and left alone; a failed copy leaves no
    /// file behind.
    @Suite(
        "Copying a case out of PostgreSQL into SQLite",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresCopyTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        /// A folder of its own for one test, removed afterwards.
        func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-copy-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            return try body(folder)
        }

        /// The negotiation case in an SQLite file at `file`, with what a case gathers in use: a
        /// statement added, one amended, one retracted, a step, tokens (one revoked) and sessions
        /// (one ended). Returns a token's secret, an open session's id and the added statement's
        /// number.
        func makeOriginal(_ file: String) throws -> (secret: String, session: String, added: Int64) {
            let parley = try Parley.open(database: file, for: .create, clock: Self.clock, user: "ana")
            _ = try parley.importCasefile(path: SharedFixture.casefile("negotiation.yaml"))
            let added = try parley.record(
                NewStatement(
                    party: "brenn", actor: "bo-stark", issue: "corridor/route", kind: .proposal, stance: "open-route",
                    summary: "Brenn offers to open the route in spring.", quote: "The road opens in April.",
                    source: "concord-2021-07"))
            _ = try parley.amend(
                number: added.sequence, StatementChanges([.summary: "Brenn offers to open the route in April."]),
                reason: "misread the month")
            _ = try parley.retract(number: 2, reason: "the source misattributed it")
            let secret = try parley.createToken(name: "newsroom", role: .editor)
            _ = try parley.createToken(name: "intern", role: .viewer)
            try parley.revokeToken(named: "intern")
            let ended = try #require(try parley.startSession(secret: secret, policy: .standard))
            try parley.endSession(id: ended.id)
            let open = try #require(try parley.startSession(secret: secret, policy: .standard))
            return (secret, open.id, added.sequence)
        }

        /// Every table of the SQLite database at `file` (its schema too), row by row in a stable
        /// order, but for the full-text index's own storage (compared by searching instead) and
        /// `position_change`, which records when each write changed each pair and so is new in a
        /// copy (no board kept before the copy exists to need it).
        func tables(_ file: String) throws -> [String: [String]] {
            let database = try ParleyDatabase(path: file, for: .read)
            var names: [String] = []
            try database.forEachBatch(of: ["sqlite_master"], batch: 1000) { batch in
                let type = try #require(batch.columns.firstIndex(of: "type"))
                let name = try #require(batch.columns.firstIndex(of: "name"))
                for row in batch.rows where row[type] == .text("table") {
                    guard case .text(let table) = row[name] else { continue }
                    if !table.contains("_search"), table != "position_change" { names.append(table) }
                }
            }
            var all: [String: [String]] = [:]
            for table in names { all[table] = [] }
            try database.forEachBatch(of: names + ["sqlite_master"], batch: 1000) { batch in
                let skipped = Set(["rootpage"])
                for row in batch.rows {
                    all[batch.table, default: []].append(
                        zip(batch.columns, row).filter { !skipped.contains($0.0) }.map { "\($0.0)=\($0.1)" }
                            .joined(separator: "|"))
                }
            }
            return all.mapValues { $0.sorted() }
        }

        /// Every report the case can be read through, as JSON where the report has it (text
        /// otherwise), for every issue, at dates before, within and after the case.
        func reports(_ file: String) throws -> [String] {
            let parley = try Parley.open(database: file, for: .read, clock: Self.clock)
            let style = TextStyle(width: 80, color: false)
            func render(_ report: any Report) -> String {
                report.rendered(as: report.supports(.json) ? .json : .text, style: style)
            }
            let dates = try ["2019-06", "2021-06-15", "2030"].map { try CalendarDate(parsing: $0) }
            var out: [String] = []
            for date in [nil] + dates {
                out.append(render(try parley.positionsReport(asOf: date)))
                out.append(render(try parley.agreementsReport(asOf: date)))
                out.append(render(try parley.disputesReport(asOf: date)))
                out.append(render(try parley.contradictions(asOf: date)))
            }
            out.append(render(try parley.positionsReport(asOf: nil, party: "brenn", issue: "corridor")))
            for issue in try parley.ids(.issue) {
                out.append(render(try parley.history(issue: issue, includeRetracted: true)))
                out.append(render(try parley.history(issue: issue, party: "aurel")))
            }
            out.append(render(try parley.diff(from: dates[0], to: dates[1])))
            let sources = try parley.ids(.source)
            out.append(render(try parley.sourceDiff(sources[0], sources[sources.count - 1])))
            out.append(render(try parley.statements(StatementFilter(includeRetracted: true))))
            out.append(render(try parley.log()))
            for words in ["customs", "corridor", "route", "Concord", "April"] {
                out.append(render(try parley.search(SearchQuery(words, includeRetracted: true))))
            }
            out.append(render(try parley.tokens()))
            return out
        }

        @Test("SQLite → PostgreSQL → SQLite gives every table and every report of the original")
        func roundTrip() throws {
            try withFolder { folder in
                let original = folder.appendingPathComponent("original.sqlite").path
                let back = folder.appendingPathComponent("back.sqlite").path
                let (secret, session, added) = try makeOriginal(original)
                try PostgresTestServer.withDatabase { address in
                    _ = try Parley.setUp(database: address)
                    _ = try Parley.copyDatabase(from: original, to: address)
                    // Into a database made with `init`, which holds no case.
                    #expect(try Parley.setUp(database: back) == .created)
                    let counts = try Parley.copyDatabase(from: address, to: back)
                    #expect(counts.first { $0.table == "statement" }?.rows == Int(added))
                    #expect(Set(counts.map(\.table)).isSuperset(of: ["change_log", "api_token", "session"]))
                }
                let (before, after) = (try tables(original), try tables(back))
                #expect(before.keys.sorted() == after.keys.sorted())
                for table in before.keys.sorted() {
                    let (left, right) = (before[table] ?? [], after[table] ?? [])
                    #expect(
                        left == right,
                        """
                        table \(table): only in the original \(left.filter { !right.contains($0) }), \
                        only in the copy \(right.filter { !left.contains($0) })
                        """)
                }
                // The comparison covers what a case gathers in use, and the derived tables.
                for table in ["statement", "change_log", "api_token", "session", "position_span", "label_order"] {
                    #expect(before[table]?.isEmpty == false, "\(table) is empty in the original")
                }
                let (expected, copied) = (try reports(original), try reports(back))
                #expect(copied.count == expected.count)
                for (index, (left, right)) in zip(expected, copied).enumerated() {
                    #expect(left == right, "report \(index) differs")
                }
                #expect(expected.contains { $0.contains("April") }, "the searches find something")
                // Tokens and sessions still work in the copy: sign-in, and the session open before.
                let parley = try Parley.open(database: back, for: .write, clock: Self.clock)
                #expect(try parley.authenticate(secret)?.name == "newsroom")
                #expect(try parley.session(id: session, policy: .standard)?.name == "newsroom")
                // New rows take numbers after the copied ones.
                let next = try parley.record(
                    NewStatement(
                        party: "aurel", issue: "prisoners", kind: .demand, stance: "all-for-all",
                        summary: "Aurel asks for an exchange of all detainees.", source: "concord-2021-07"))
                #expect(next.sequence == added + 1)
            }
        }

        @Test("a copy into a file that holds a case is refused, naming it, and changes nothing")
        func refusesACase() throws {
            try withFolder { folder in
                let original = folder.appendingPathComponent("original.sqlite").path
                _ = try makeOriginal(original)
                let bytes = try Data(contentsOf: URL(fileURLWithPath: original))
                let rows = try tables(original)
                try PostgresTestServer.withDatabase { address in
                    _ = try Parley.setUp(database: address)
                    _ = try Parley.copyDatabase(from: original, to: address)
                    let error = #expect(throws: StoreError.self) {
                        _ = try Parley.copyDatabase(from: address, to: original)
                    }
                    #expect(error == .holdsCase(path: original))
                    #expect(error?.localizedDescription.contains(original) == true)
                    #expect(error?.localizedDescription.contains("left untouched") == true)
                }
                #expect(try Data(contentsOf: URL(fileURLWithPath: original)) == bytes)
                #expect(try tables(original) == rows)
            }
        }

        @Test("a copy that fails halfway leaves no file, and an empty database as it was")
        func failureLeavesNothing() throws {
            try withFolder { folder in
                let original = folder.appendingPathComponent("original.sqlite").path
                _ = try makeOriginal(original)
                try PostgresTestServer.withDatabase { address in
                    _ = try Parley.setUp(database: address)
                    _ = try Parley.copyDatabase(from: original, to: address)
                    // A change-log row that SQLite refuses (no author), which arrives after the
                    // records and statements: the copy fails halfway through.
                    let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
                    try store.write { session in
                        try session.execute("ALTER TABLE change_log DROP CONSTRAINT change_log_by_check")
                        try session.execute(
                            "INSERT INTO change_log (at, by, action) VALUES ('2026-02-01T10:00:00Z', ' ', 'add')")
                    }
                    let new = folder.appendingPathComponent("new.sqlite").path
                    let error = #expect(throws: StoreError.self) { _ = try Parley.copyDatabase(from: address, to: new) }
                    #expect(String(describing: error).contains("change_log"), "it failed at the change log")
                    for suffix in ["", "-wal", "-shm", "-journal"] {
                        #expect(!FileManager.default.fileExists(atPath: new + suffix), "\(new + suffix) was left")
                    }
                    let empty = folder.appendingPathComponent("empty.sqlite").path
                    _ = try Parley.setUp(database: empty)
                    let rows = try tables(empty)
                    #expect(throws: StoreError.self) { _ = try Parley.copyDatabase(from: address, to: empty) }
                    #expect(try tables(empty) == rows)
                }
            }
        }
    }
#endif
