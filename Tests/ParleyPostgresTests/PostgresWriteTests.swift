import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres
    import PostgresNIO

    /// The writes through the store contract (`CaseWriter`) on PostgreSQL, each made on an SQLite
    /// twin of the same case too: afterwards every table holds the same rows on both (the change
    /// log's included) and the reports read the same; a refused write is refused with the same
    /// error on both and leaves PostgreSQL as it was.
    @Suite(
        "Writes on PostgreSQL, held to SQLite's",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresWriteTests {
        static let clock = Clock.fixed(iso8601: "2026-02-01T10:00:00Z") ?? .system

        /// The fixture case twice: in an SQLite file, and copied from it into a new PostgreSQL
        /// database; `body` gets a writer of each, with the same clock and user.
        func withTwins<T>(
            _ casefile: String = SharedFixture.casefile("fixture.yaml"),
            _ body: (_ sqlite: Parley, _ postgres: Parley, _ file: String, _ address: String) throws -> T
        ) throws -> T {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-writes-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            _ = try Parley.open(database: file, for: .create, clock: Self.clock).importCasefile(path: casefile)
            return try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                _ = try Parley.copyDatabase(from: file, to: address)
                let sqlite = try Parley.open(database: file, for: .write, clock: Self.clock, user: "ana")
                let postgres = try Parley.open(database: address, for: .write, clock: Self.clock, user: "ana")
                return try body(sqlite, postgres, file, address)
            }
        }

        /// Every row of every table PostgreSQL's schema has, column by column, in a stable order.
        typealias Rows = [String: [[String: StoredValue]]]

        static func sorted(_ rows: [[String: StoredValue]]) -> [[String: StoredValue]] {
            rows.map { ($0, $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")) }
                .sorted { $0.1 < $1.1 }.map(\.0)
        }

        func rows(sqlite file: String) throws -> Rows {
            var all: Rows = [:]
            for table in PostgresSchema.tables { all[table] = [] }
            try ParleyDatabase(path: file, for: .read).forEachBatch(of: PostgresSchema.tables, batch: 1000) { batch in
                for row in batch.rows {
                    all[batch.table, default: []].append(Dictionary(uniqueKeysWithValues: zip(batch.columns, row)))
                }
            }
            return all.mapValues(Self.sorted)
        }

        func rows(postgres address: String) throws -> Rows {
            let store = try PostgresStore(address: try PostgresAddress(parsing: address), for: .existing)
            return try store.read { session in
                var all: Rows = [:]
                for table in PostgresSchema.tables {
                    all[table] = Self.sorted(
                        try session.rows("SELECT * FROM \(table)").map { row in
                            var values: [String: StoredValue] = [:]
                            for cell in row {
                                if cell.bytes == nil {
                                    values[cell.columnName] = .null
                                } else if cell.dataType == .int8 || cell.dataType == .int4 {
                                    values[cell.columnName] = .integer(try cell.decode(Int64.self))
                                } else {
                                    values[cell.columnName] = .text(try cell.decode(String.self))
                                }
                            }
                            return values
                        })
                }
                return all
            }
        }

        /// The reports a user reads the case through on both backends, as JSON, with the change
        /// log in every format and the case exported as YAML: the writes' log entries and records
        /// as `parley log` and `parley export` show them.
        func reports(_ parley: Parley) throws -> [String] {
            let log = try parley.log(since: nil)
            return try [
                parley.positionsReport(asOf: nil).rendered(as: .json, style: ConformanceTests.style),
                parley.agreementsReport(asOf: nil).rendered(as: .json, style: ConformanceTests.style),
                parley.exportYAML(),
            ] + OutputFormat.allCases.filter(log.supports).map { log.rendered(as: $0, style: ConformanceTests.style) }
        }

        /// Both twins hold the same case: every table, row for row, and the reports.
        func expectSame(_ file: String, _ address: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let sqlite = try rows(sqlite: file)
            let postgres = try rows(postgres: address)
            for table in PostgresSchema.tables {
                let (left, right) = (postgres[table] ?? [], sqlite[table] ?? [])
                // Only the rows that differ are shown, when some do.
                let same = left == right
                #expect(
                    same,
                    """
                    table \(table): on PostgreSQL only \(left.filter { !right.contains($0) }), \
                    on SQLite only \(right.filter { !left.contains($0) })
                    """, sourceLocation: sourceLocation)
            }
            #expect(
                try reports(Parley.open(database: address, for: .read))
                    == reports(Parley.open(database: file, for: .read)), sourceLocation: sourceLocation)
        }

        /// Makes `write` on both twins; both must refuse it with the same error, and neither may change.
        func expectRefusedAlike(
            _ sqlite: Parley, _ postgres: Parley, _ file: String, _ address: String,
            alsoComparing: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
            _ write: (Parley) throws -> Void
        ) throws -> (any Error)? {
            let before = try rows(postgres: address)
            var errors: [any Error] = []
            for parley in [sqlite, postgres] {
                do {
                    try write(parley)
                    Issue.record("the write was not refused", sourceLocation: sourceLocation)
                } catch {
                    errors.append(error)
                }
            }
            guard errors.count == 2 else { return nil }
            #expect(
                String(describing: errors[1]) == String(describing: errors[0]), sourceLocation: sourceLocation)
            #expect(errors[1].localizedDescription == errors[0].localizedDescription, sourceLocation: sourceLocation)
            #expect(try rows(postgres: address) == before, "PostgreSQL changed", sourceLocation: sourceLocation)
            if alsoComparing { try expectSame(file, address, sourceLocation: sourceLocation) }
            return errors[1]
        }

        static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

        @Test("add records the same statements, numbers, receipts and change log as on SQLite")
        func add() throws {
            try withTwins { sqlite, postgres, file, address in
                let statements = [
                    NewStatement(
                        party: "ostrana", actor: "ivo-marr", issue: "river/fishing", kind: .demand,
                        stance: "shared-fishing", summary: "Ostrana now asks for shared fishing.",
                        quote: "The river feeds us both.", said: try Self.date("2021-05"), source: "herald-2021-06-01"),
                    // The party left to the actor's; a new label on the issue.
                    NewStatement(
                        actor: "lena-brask", issue: "trade/transit", kind: .proposal, stance: "open-transit",
                        summary: "Valdoria offers transit to the coast.", source: "herald-2021-06-01",
                        via: "the presidential press service",
                        conditions: [Condition(party: "ostrana", issue: "border/crossings", label: "open-crossings")]),
                    // A claim about another party.
                    NewStatement(
                        party: "valdoria", issue: "river/dam", kind: .accusation, stance: "oppose-dam",
                        summary: "Valdoria says Ostrana still opposes the dam.", source: "herald-2021-06-01",
                        about: "ostrana"),
                ]
                for new in statements {
                    let receipt = try postgres.record(new)
                    #expect(try sqlite.record(new) == receipt)
                }
                try expectSame(file, address)
            }
        }

        @Test("amend and retract change the same rows, and log the same entries, as on SQLite")
        func amendAndRetract() throws {
            try withTwins { sqlite, postgres, file, address in
                let new = NewStatement(
                    party: "ostrana", issue: "river/fishing", kind: .demand, stance: "shared-fishing",
                    summary: "Ostrana asks for shared fishing.", quote: "Both banks.", source: "herald-2021-06-01")
                let number = try postgres.record(new).sequence
                #expect(try sqlite.record(new).sequence == number)
                let changes = StatementChanges(
                    [.stance: "joint-fishing", .issue: "river", .summary: "Ostrana asks for joint fishing."],
                    clear: [.quote])
                let changed = try postgres.amend(number: number, changes, reason: "misread")
                #expect(try sqlite.amend(number: number, changes, reason: "misread") == changed)
                try expectSame(file, address)
                let retracted = try postgres.retract(number: 1, reason: "the source misattributed it")
                #expect(try sqlite.retract(number: 1, reason: "the source misattributed it") == retracted)
                try expectSame(file, address)
            }
        }

        @Test("agreements and disputes: added, given steps in history order, steps retracted, as on SQLite")
        func agreementSteps() throws {
            try withTwins { sqlite, postgres, file, address in
                let agreement = Agreement(
                    id: "transit-pact", title: "Transit pact", issue: "trade/transit", moreIssues: ["trade/tariffs"],
                    parties: ["ostrana", "valdoria"],
                    history: [Step(status: .proposed, on: try Self.date("2021-05"), source: "herald-2021-06-01")])
                for parley in [postgres, sqlite] { try parley.add(agreement) }
                try expectSame(file, address)
                for parley in [postgres, sqlite] {
                    // Dated by its source; a mediator joins.
                    let (place, _) = try parley.appendStep(
                        status: AgreementStatus.signed, on: nil, source: "herald-2021-06-01", to: "transit-pact"
                    ) { step in step.addMediators = ["coastal-league"] }
                    #expect(place == 2)
                    // An earlier step, recorded later, goes before it.
                    #expect(
                        try parley.appendStep(
                            Step(
                                status: AgreementStatus.pledged, on: try Self.date("2021-05-20"),
                                source: "herald-2021-06-01", note: "Pledged at the summit."), to: "transit-pact") == 2)
                    _ = try parley.appendStep(
                        status: DisputeStatus.narrowed, on: try Self.date("2021-05"), source: "herald-2021-06-01",
                        to: "dam-dispute")
                }
                try expectSame(file, address)
                let retracted = try postgres.retractStep(
                    AgreementStatus.self, number: 2, of: "transit-pact", reason: "wrong")
                #expect(
                    try sqlite.retractStep(AgreementStatus.self, number: 2, of: "transit-pact", reason: "wrong")
                        == retracted)
                try expectSame(file, address)
            }
        }

        @Test("refused writes: the same error as on SQLite, and PostgreSQL unchanged")
        func refusals() throws {
            try withTwins { sqlite, postgres, file, address in
                let fishing = NewStatement(
                    party: "ostrana", issue: "river/fishing", kind: .demand, stance: "shared-fishing",
                    summary: "Ostrana asks for shared fishing.", source: "herald-2021-06-01")
                for parley in [sqlite, postgres] { try parley.record(fishing) }
                // The same statement again.
                let duplicate = try expectRefusedAlike(sqlite, postgres, file, address) { try $0.record(fishing) }
                #expect(duplicate.map { "\($0)" }?.contains("duplicateStatement") == true)
                // An unknown party, with the closest ids.
                var unknown = fishing
                unknown.statement.party = "ostranaa"
                let missing = try expectRefusedAlike(sqlite, postgres, file, address) { try $0.record(unknown) }
                #expect(missing?.localizedDescription.contains("ostrana") == true)
                // A said date after today, and one after the source's.
                var future = fishing
                future.statement.said = try Self.date("2027-01-01")
                _ = try expectRefusedAlike(sqlite, postgres, file, address) { try $0.record(future) }
                var late = fishing
                late.statement.stance = "joint-fishing"
                late.statement.said = try Self.date("2021-07")
                _ = try expectRefusedAlike(sqlite, postgres, file, address) { try $0.record(late) }
                // A new label a letter away from one used on the issue, unconfirmed.
                var typo = fishing
                typo.statement.stance = "shared-fishin"
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.record(typo, newLabelConfirmed: false)
                }
                // An amendment that changes nothing, of a statement that does not exist, of a retracted one.
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.amend(number: 1, StatementChanges(), reason: "nothing")
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.retract(number: 999, reason: "gone")
                }
                for parley in [sqlite, postgres] { try parley.retract(number: 1, reason: "wrong") }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.retract(number: 1, reason: "again")
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.amend(number: 1, StatementChanges([.summary: "Other."]), reason: "late")
                }
                // Steps: a party that is in already joining, a step that is not there, an unknown record.
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    _ = try $0.appendStep(
                        status: AgreementStatus.signed, on: try Self.date("2021-05"), source: "herald-2021-06-01",
                        to: "fishing-quotas"
                    ) { $0.addParties = ["ostrana"] }
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    _ = try $0.retractStep(AgreementStatus.self, number: 9, of: "fishing-quotas", reason: "no")
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    _ = try $0.retractStep(AgreementStatus.self, number: 1, of: "fishing-quota", reason: "no")
                }
                // An agreement whose id is taken.
                let taken = Agreement(
                    id: "fishing-quotas", title: "Again", issue: "river/fishing", parties: ["ostrana", "valdoria"],
                    history: [Step(status: .proposed, on: try Self.date("2021-05"), source: "herald-2021-06-01")])
                _ = try expectRefusedAlike(sqlite, postgres, file, address) { try $0.add(taken) }
            }
        }

        @Test("parties, actors, issues and sources are added as on SQLite; taken ids and missing parents refused alike")
        func records() throws {
            try withTwins { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    try parley.add(Party(id: "hill-clans", name: "Hill Clans", kind: .movement, aliases: ["Clans"]))
                    try parley.add(Actor(id: "oda-hill", name: "Oda Hill", party: "hill-clans", role: "Elder"))
                    try parley.add(
                        Issue(id: "border/demarcation/maps", title: "Which maps count", aliases: ["old/maps"]))
                    try parley.add(
                        Source(
                            id: "gazette-2021-05-30", title: "Clans speak", publisher: "Gazette",
                            published: try Self.date("2021-05-30"), reliability: .low))
                }
                try expectSame(file, address)
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Party(id: "ostrana", name: "Again", kind: .state))
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Actor(id: "new-voice", name: "New Voice", party: "ostranaa"))
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Issue(id: "old/maps", title: "Taken as an alias"))
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Issue(id: "water/wells", title: "No parent"))
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Issue(id: "water", title: "Alias held", aliases: ["border"]))
                }
                _ = try expectRefusedAlike(sqlite, postgres, file, address) {
                    try $0.add(Source(id: "future", title: "Tomorrow", published: try Self.date("2027-01-01")))
                }
            }
        }

        @Test("the names a command resolves before writing answer alike on both backends")
        func lookUps() throws {
            try withTwins { sqlite, postgres, _, _ in
                for name in ["Ostranan", "ivo-marr", "nobody"] {
                    #expect(try postgres.resolve(.party, name) == sqlite.resolve(.party, name))
                    #expect(try postgres.resolve(.actor, name) == sqlite.resolve(.actor, name))
                }
                #expect(try postgres.sourceDate("herald-2021-06-01") == sqlite.sourceDate("herald-2021-06-01"))
                #expect(try postgres.issueName("border") == nil)
                let asOf = try Self.date("2018-12")
                #expect(
                    try postgres.status(of: "fishing-quotas", AgreementStatus.self, asOf: asOf)
                        == sqlite.status(of: "fishing-quotas", AgreementStatus.self, asOf: asOf))
            }
        }

        @Test("a connection lost in the middle of a write leaves nothing of it, and the message shows no password")
        func connectionLost() throws {
            try withTwins { _, postgres, file, address in
                let parsed = try PostgresAddress(parsing: address)
                // The server ends the connection while the statement is being inserted.
                try PostgresStore.administer(
                    parsed,
                    [
                        """
                        CREATE FUNCTION parley.cut() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$
                        """,
                        "CREATE TRIGGER cut AFTER INSERT ON parley.statement FOR EACH ROW EXECUTE FUNCTION parley.cut()",
                    ])
                let new = NewStatement(
                    party: "ostrana", issue: "river/fishing", kind: .demand, stance: "shared-fishing",
                    summary: "Ostrana asks for shared fishing.", source: "herald-2021-06-01")
                let error = #expect(throws: StoreError.self) { try postgres.record(new) }
                let shown = error?.localizedDescription ?? ""
                #expect(shown.contains("connection to the server was lost"), "\(shown)")
                if let password = parsed.password { #expect(!shown.contains(password), "\(shown)") }
                try PostgresStore.administer(parsed, ["DROP TRIGGER cut ON parley.statement"])
                try expectSame(file, address)
            }
        }

        /// A new SQLite file and a new PostgreSQL database, each given the fixture by `parley import`.
        @Test("import of a casefile into an empty PostgreSQL database gives the rows an SQLite import gives")
        func importCasefile() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-import-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("case.sqlite").path
            let casefile = SharedFixture.casefile("negotiation.yaml")
            let sqlite = try Parley.importFile(casefile, as: .casefile, into: file, clock: Self.clock, user: "ana")
            try PostgresTestServer.withDatabase { address in
                #expect(
                    try Parley.importFile(casefile, as: .casefile, into: address, clock: Self.clock, user: "ana")
                        == sqlite)
                try expectSame(file, address)
                // The same casefile again, into the case it made: every id is taken, refused alike.
                let sqliteTwin = try Parley.open(database: file, for: .write, clock: Self.clock, user: "ana")
                let postgresTwin = try Parley.open(database: address, for: .write, clock: Self.clock, user: "ana")
                let message =
                    try expectRefusedAlike(sqliteTwin, postgresTwin, file, address) {
                        _ = try $0.importCasefile(path: casefile)
                    }?.localizedDescription ?? ""
                #expect(message.contains("already"), "\(message)")
            }
        }

        @Test("an import that fails halfway into PostgreSQL leaves nothing")
        func importFailsHalfway() throws {
            try PostgresTestServer.withDatabase { address in
                _ = try Parley.setUp(database: address)
                let parsed = try PostgresAddress(parsing: address)
                // The change log is copied after the records and statements: the server refuses it.
                try PostgresStore.administer(
                    parsed,
                    [
                        """
                        CREATE FUNCTION parley.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'no change log today'; END $$
                        """,
                        """
                        CREATE TRIGGER refuse BEFORE INSERT ON parley.change_log
                            FOR EACH ROW EXECUTE FUNCTION parley.refuse()
                        """,
                    ])
                let error = #expect(throws: StoreError.self) {
                    _ = try Parley.importFile(
                        SharedFixture.casefile("fixture.yaml"), as: .casefile, into: address, clock: Self.clock)
                }
                #expect(error?.localizedDescription.contains("no change log today") == true)
                if let password = parsed.password {
                    #expect(error?.localizedDescription.contains(password) == false)
                }
                for (table, rows) in try rows(postgres: address) { #expect(rows.isEmpty, "table \(table)") }
            }
        }

        @Test("an import whose casefile is wrong names the problem and leaves PostgreSQL empty")
        func importRefused() throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-import-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let casefile = folder.appendingPathComponent("wrong.yaml").path
            try """
            parties:
            - {id: ostrana, name: Ostrana, kind: state}
            issues:
            - {id: river, title: The river}
            sources:
            - {id: herald, title: Herald, published: 2021-06-01}
            statements:
            - {party: ostranaa, issue: river, kind: demand, stance: share, summary: Share it., source: herald}
            """.write(toFile: casefile, atomically: true, encoding: .utf8)
            try PostgresTestServer.withDatabase { address in
                let file = folder.appendingPathComponent("case.sqlite").path
                var messages: [String] = []
                for target in [file, address] {
                    do {
                        _ = try Parley.importFile(casefile, as: .casefile, into: target, clock: Self.clock)
                        Issue.record("the import was not refused")
                    } catch {
                        messages.append(error.localizedDescription)
                    }
                }
                #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
                _ = try Parley.setUp(database: address)
                for (table, rows) in try rows(postgres: address) { #expect(rows.isEmpty, "table \(table)") }
            }
        }

        @Test("label relations and orders are related, ordered and unrelated as on SQLite, change log and all")
        func labelRelations() throws {
            try withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    // A new relation, and one that changes kind.
                    #expect(
                        try parley.relate(
                            LabelRelation(
                                issue: "corridor/customs", "joint-customs", "brenn-customs", kind: .compatible))
                            == nil)
                    #expect(
                        try parley.relate(
                            LabelRelation(issue: "corridor/funding", "shared-funding", "toll-road", kind: .opposed))
                            == .independent)
                    // A scale, one of whose orders is recorded already.
                    let added = try parley.order(
                        LabelOrder.scale(["close-route", "open-route-soon"], on: "corridor/route")
                            + [LabelOrder(issue: "corridor/route", harder: "close-route", softer: "open-route")])
                    #expect(added.count == 1)
                    // What is recorded between two labels goes: a relation, then an order.
                    #expect(
                        try parley.unrelate(issue: "prisoners", "release-all", "free-all-detainees").relation
                            == .compatible)
                    #expect(try parley.unrelate(issue: "corridor/route", "open-route", "close-route").orders.count == 1)
                }
                try expectSame(file, address)
            }
        }

        @Test("refused label relations and orders: the same error as on SQLite, and PostgreSQL unchanged")
        func labelRelationRefusals() throws {
            try withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                func refused(
                    sourceLocation: SourceLocation = #_sourceLocation, _ write: (Parley) throws -> Void
                ) throws -> String {
                    try expectRefusedAlike(sqlite, postgres, file, address, sourceLocation: sourceLocation, write)?
                        .localizedDescription ?? ""
                }
                // A label not in use on the issue, with the closest one.
                #expect(
                    try refused {
                        try $0.relate(
                            LabelRelation(issue: "corridor/route", "open-rout", "close-route", kind: .opposed))
                    }.contains("open-route"))
                // An unknown issue, a label related to itself, not a label.
                _ = try refused {
                    try $0.relate(LabelRelation(issue: "corridor/rout", "open-route", "close-route", kind: .opposed))
                }
                _ = try refused {
                    try $0.relate(LabelRelation(issue: "corridor/route", "open-route", "open-route", kind: .opposed))
                }
                _ = try refused {
                    try $0.relate(LabelRelation(issue: "corridor/route", "Open Route", "close-route", kind: .opposed))
                }
                // A relation recorded already.
                _ = try refused {
                    try $0.relate(
                        LabelRelation(issue: "prisoners", "free-all-detainees", "release-all", kind: .compatible))
                }
                // An order that closes a circle; one recorded already; compatible labels ordered.
                _ = try refused {
                    try $0.order([LabelOrder(issue: "corridor/route", harder: "open-route", softer: "close-route")])
                }
                _ = try refused {
                    try $0.order([LabelOrder(issue: "corridor/route", harder: "close-route", softer: "open-route")])
                }
                _ = try refused {
                    try $0.order([LabelOrder(issue: "corridor/route", harder: "open-route-soon", softer: "open-route")])
                }
                // Nothing recorded between two labels.
                #expect(
                    try !refused { _ = try $0.unrelate(issue: "corridor/customs", "joint-customs", "brenn-customs") }
                        .isEmpty)
            }
        }
    }
#endif
