import Foundation
import ParleyModel
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyKit
    @testable import ParleyPostgres

    /// Imports into a PostgreSQL database that holds a case (casefiles and CSV tables, with
    /// `--merge` or without), each made on an SQLite twin of the same case too, as
    /// ``PostgresWriteTests`` holds the other writes: afterwards every table holds the same rows on
    /// both (the change log's included) and the reports, export and log read the same; a refused
    /// import is refused with the same error on both and leaves PostgreSQL as it was.
    @Suite(
        "Imports into a case on PostgreSQL, held to SQLite's",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresImportTests {
        let twins = PostgresWriteTests()

        /// A casefile to merge into the fixture: records already there (alike), and new ones of
        /// every kind, a statement with a number of its own and conditions, an agreement's history
        /// extended, a label relation and an order.
        static let merged = """
            parties:
            - {id: ostrana, name: Ostrana, kind: state, aliases: [Ostranan]}
            - {id: norland, name: Norland, kind: state, aliases: [Norlander]}
            actors:
            - {id: sven-holm, name: Sven Holm, party: norland, role: Envoy}
            issues:
            - {id: river/delta, title: The river delta}
            sources:
            - {id: herald-2022-03-01, title: Delta talks, publisher: The Herald, published: 2022-03-01, reliability: high}
            statements:
            - party: ostrana
              actor: ivo-marr
              issue: river/fishing
              kind: demand
              stance: exclusive-ostranan-fishing
              summary: Ostranan boats alone may fish the lower river.
              said: 2015-06-20
              source: herald-2015-07-01
            - party: norland
              actor: sven-holm
              issue: river/delta
              kind: proposal
              stance: shared-delta
              summary: Norland proposes to share the delta.
              said: 2022-02-27
              source: herald-2022-03-01
              conditions: [river/fishing=shared-fishing]
            - number: 40
              party: ostrana
              issue: river/delta
              kind: rejection
              stance: ostranan-delta
              summary: Ostrana keeps the delta.
              source: herald-2022-03-01
            - party: valdoria
              issue: river/delta
              kind: demand
              stance: delta-commission
              summary: Valdoria wants a delta commission.
              source: herald-2022-03-01
            label_relations:
            - issue: river/delta
              labels: [ostranan-delta, shared-delta]
              kind: opposed
            label_orders:
            - issue: river/delta
              harder: ostranan-delta
              softer: delta-commission
            agreements:
            - id: ceasefire-2016
              title: River ceasefire
              issue: security/ceasefire
              terms: No shelling within ten kilometres of the river.
              parties: [ostrana, valdoria]
              mediators: [coastal-league]
              history:
              - {status: signed, on: 2016-04-01, source: herald-2016-04-02}
              - status: broken
                on: 2017-03
                source: herald-2017-04-01
                note: Ostrana declared it void after shelling.
              - {status: reaffirmed, on: 2022-03-01, source: herald-2022-03-01, note: Restored at the delta talks.}
            - id: delta-talks
              title: Talks on the delta
              issue: river/delta
              parties: [norland, ostrana]
              history:
              - {status: proposed, source: herald-2022-03-01}
            disputes:
            - id: delta-dispute
              title: Who holds the delta
              issue: river/delta
              parties: [norland, ostrana, valdoria]
              history:
              - {status: open, on: 2022-02-27, source: herald-2022-03-01}
            """

        /// The twin's database: `address` for the PostgreSQL one, `file` for the SQLite one.
        static func target(_ parley: Parley, _ file: String, _ address: String) -> String {
            if case .contract = parley.backend { return address }
            return file
        }

        /// `text` written to `name` in a new folder, which `body` gets; removed afterwards.
        func withFile<T>(_ name: String, _ text: String, _ body: (_ path: String, _ folder: URL) throws -> T) throws
            -> T
        {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-merge-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try body(path, folder)
        }

        @Test("a casefile merged into a case adds, skips and extends as on SQLite; merged again it changes nothing")
        func mergeCasefile() throws {
            try withFile("merge.yaml", Self.merged) { casefile, _ in
                try twins.withTwins { _, _, file, address in
                    let summary = try Parley.importFile(
                        casefile, as: .casefile, into: address, merge: true, clock: PostgresWriteTests.clock,
                        user: "ana")
                    #expect(
                        try Parley.importFile(
                            casefile, as: .casefile, into: file, merge: true, clock: PostgresWriteTests.clock,
                            user: "ana") == summary)
                    guard case .casefile(let counts) = summary else {
                        Issue.record("not a casefile's summary: \(summary)")
                        return
                    }
                    #expect(counts.added[.statement] == 3 && counts.unchanged[.statement] == 1)
                    #expect(counts.added[.party] == 1 && counts.unchanged[.party] == 1)
                    #expect(counts.stepsAdded == 1 && counts.relationsAdded == 2)
                    #expect(counts.added[.agreement] == 1 && counts.added[.dispute] == 1)
                    try twins.expectSame(file, address)
                    // All there now: merged again, nothing is added and nothing logged, on both.
                    for target in [address, file] {
                        guard
                            case .casefile(let again) = try Parley.importFile(
                                casefile, as: .casefile, into: target, merge: true, clock: PostgresWriteTests.clock,
                                user: "ana")
                        else { continue }
                        #expect(again.addedNothing, "\(target)")
                    }
                    try twins.expectSame(file, address)
                    // The numbers run on after the highest (#40, then #41 the last one got), on both.
                    let next = NewStatement(
                        party: "norland", issue: "river/delta", kind: .assertion, stance: "shared-delta",
                        summary: "Norland restates it.", source: "herald-2022-03-01")
                    for target in [address, file] {
                        let parley = try Parley.open(
                            database: target, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                        #expect(try parley.record(next).sequence == 42, "\(target)")
                    }
                    try twins.expectSame(file, address)
                }
            }
        }

        @Test("a casefile without --merge goes into a case as on SQLite; an id already there is refused alike")
        func importIntoCase() throws {
            let fresh = """
                parties:
                - {id: norland, name: Norland, kind: state}
                issues:
                - {id: river/delta, title: The river delta}
                statements:
                - {party: norland, issue: river/delta, kind: demand, stance: shared-delta, summary: Share the delta., source: herald-2021-06-01}
                """
            try withFile("fresh.yaml", fresh) { casefile, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    let summary = try postgres.importCasefile(path: casefile)
                    #expect(try sqlite.importCasefile(path: casefile) == summary)
                    #expect(summary.added[.statement] == 1)
                    try twins.expectSame(file, address)
                    // Again, without --merge: its party, issue and statement are there already.
                    let message =
                        try twins.expectRefusedAlike(sqlite, postgres, file, address) {
                            _ = try $0.importCasefile(path: casefile)
                        }?.localizedDescription ?? ""
                    #expect(message.contains("norland"), "\(message)")
                }
            }
        }

        @Test("a merge with conflicts, or a wrong casefile, is refused alike and leaves PostgreSQL as it was")
        func refusals() throws {
            // A party renamed, a numbered statement with another summary, a history that differs.
            let conflicting = """
                parties:
                - {id: ostrana, name: Republic of Ostrana, kind: state}
                statements:
                - number: 1
                  party: ostrana
                  actor: ivo-marr
                  issue: river/fishing
                  kind: demand
                  stance: exclusive-ostranan-fishing
                  summary: Only Ostranan boats may fish.
                  said: 2015-06-20
                  source: herald-2015-07-01
                agreements:
                - id: fishing-quotas
                  title: Shared fishing with quotas
                  issue: river/fishing
                  parties: [ostrana, valdoria]
                  mediators: [coastal-league]
                  history:
                  - {status: signed, on: 2018-09-10, source: league-bulletin-2018-09}
                """
            // An unknown party (the database does not hold it either) and an invalid date.
            let wrong = """
                statements:
                - {party: ostrna, issue: river, kind: demand, stance: share, summary: Share it., source: herald-2021-06-01}
                - {party: ostrana, issue: river, kind: demand, stance: share, summary: Share it., said: 2021-02-30, source: herald-2021-06-01}
                """
            try withFile("conflicting.yaml", conflicting) { conflicts, folder in
                let bad = folder.appendingPathComponent("wrong.yaml").path
                try wrong.write(toFile: bad, atomically: true, encoding: .utf8)
                try twins.withTwins { sqlite, postgres, file, address in
                    let message =
                        try twins.expectRefusedAlike(sqlite, postgres, file, address) { parley in
                            _ = try Parley.importFile(
                                conflicts, as: .casefile, into: Self.target(parley, file, address), merge: true,
                                clock: PostgresWriteTests.clock, user: "ana")
                        }?.localizedDescription ?? ""
                    for expected in ["Republic of Ostrana", "Only Ostranan boats", "fishing-quotas", "line 2"] {
                        #expect(message.contains(expected), "\(expected): \(message)")
                    }
                    let wrongMessage =
                        try twins.expectRefusedAlike(sqlite, postgres, file, address) { parley in
                            _ = try Parley.importFile(
                                bad, as: .casefile, into: Self.target(parley, file, address), merge: true,
                                clock: PostgresWriteTests.clock, user: "ana")
                        }?.localizedDescription ?? ""
                    for expected in ["ostrna", "2021-02-30", "line 2", "line 3"] {
                        #expect(wrongMessage.contains(expected), "\(expected): \(wrongMessage)")
                    }
                }
            }
        }

        @Test("CSV tables merged into a case add the same rows as on SQLite")
        func mergeTables() throws {
            try withFile("merge.yaml", Self.merged) { casefile, folder in
                // The fixture and the merged casefile together, exported as tables.
                let whole = folder.appendingPathComponent("whole.sqlite").path
                _ = try Parley.importFile(
                    SharedFixture.casefile("fixture.yaml"), as: .casefile, into: whole, clock: PostgresWriteTests.clock)
                _ = try Parley.importFile(
                    casefile, as: .casefile, into: whole, merge: true, clock: PostgresWriteTests.clock)
                let tables = folder.appendingPathComponent("tables")
                try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
                for table in try Parley.open(database: whole, for: .read).exportTables() {
                    let text = ([table.header] + table.rows).map(CSVText.record).joined()
                    try text.write(
                        to: tables.appendingPathComponent(table.name), atomically: true, encoding: .utf8)
                }
                try twins.withTwins { _, _, file, address in
                    let summary = try Parley.importFile(
                        tables.path, as: .tables, into: address, merge: true, clock: PostgresWriteTests.clock,
                        user: "ana")
                    #expect(
                        try Parley.importFile(
                            tables.path, as: .tables, into: file, merge: true, clock: PostgresWriteTests.clock,
                            user: "ana") == summary)
                    guard case .casefile(let counts) = summary else { return }
                    #expect(counts.added[.statement] == 3 && counts.stepsAdded == 1)
                    try twins.expectSame(file, address)
                    #expect(
                        try Parley.open(database: address, for: .read).exportYAML()
                            == Parley.open(database: whole, for: .read).exportYAML())
                }
            }
        }

        @Test("a staged write that changes and removes rows is made alike on PostgreSQL")
        func changedAndRemovedRows() throws {
            try twins.withTwins(SharedFixture.casefile("negotiation.yaml")) { sqlite, postgres, file, address in
                guard case .contract(let store, _) = postgres.backend else {
                    Issue.record("not a PostgreSQL case")
                    return
                }
                // An amendment and a retraction (statements' rows changed), a step put before
                // another (the later step's place changed), a relation and an order removed.
                func write(_ parley: Parley) throws {
                    _ = try parley.appendStep(
                        Step(
                            status: AgreementStatus.pledged, on: try CalendarDate(parsing: "2022-09-14"),
                            source: "wire-2022-09-15"), to: "customs-deal")
                    _ = try parley.amend(
                        number: 2, StatementChanges([.summary: "Said again, more firmly."]), reason: "misread")
                    _ = try parley.retract(number: 3, reason: "misattributed")
                    _ = try parley.unrelate(issue: "prisoners", "release-all", "free-all-detainees")
                    _ = try parley.unrelate(issue: "corridor/route", "open-route", "close-route")
                }
                try write(sqlite)
                try postgres.staged(into: store, address: address) { try write($0) }
                try twins.expectSame(file, address)
            }
        }

        @Test("an import made again after another write reached PostgreSQL while it was staged keeps both")
        func writeMeanwhile() throws {
            try withFile("merge.yaml", Self.merged) { casefile, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    let meanwhile = NewStatement(
                        party: "ostrana", issue: "river", kind: .demand, stance: "share", summary: "Share it.",
                        source: "herald-2021-06-01")
                    // The casefile numbers a statement #40 itself, above the highest: with another
                    // statement added meanwhile, which numbers SQLite gives its others depends on
                    // the order, so the import is made again (``unrelatedWritesMeanwhile``: without
                    // such a number it goes in at once).
                    var tries = 0
                    _ = try postgres.staged(into: store, address: address) { staged in
                        tries += 1
                        let summary = try staged.importCasefile(path: casefile, merge: true)
                        if tries == 1 { _ = try other.record(meanwhile) }
                        return summary
                    }
                    #expect(tries == 2)
                    // PostgreSQL holds the other write, then the import made on a copy holding it.
                    _ = try sqlite.record(meanwhile)
                    _ = try sqlite.importCasefile(path: casefile, merge: true)
                    try twins.expectSame(file, address)
                }
            }
        }

        @Test("an import is refused after three tries each overtaken by another write, and leaves those writes")
        func writesMeanwhileEveryTime() throws {
            try withFile("merge.yaml", Self.merged) { casefile, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    func meanwhile(_ attempt: Int) -> NewStatement {
                        NewStatement(
                            party: "ostrana", issue: "river", kind: .demand, stance: "share",
                            summary: "Share it, try \(attempt).",
                            said: try? CalendarDate(parsing: "2021-05-2\(attempt)"), source: "herald-2021-06-01")
                    }
                    var tries = 0
                    let error = #expect(throws: StoreError.self) {
                        _ = try postgres.staged(into: store, address: address) { staged in
                            tries += 1
                            let summary = try staged.importCasefile(path: casefile, merge: true)
                            _ = try other.record(meanwhile(tries))
                            return summary
                        }
                    }
                    #expect(tries == 3)
                    #expect(error?.localizedDescription.contains("run the import again") == true)
                    // PostgreSQL holds the three other writes only.
                    for attempt in 1...3 { _ = try sqlite.record(meanwhile(attempt)) }
                    try twins.expectSame(file, address)
                }
            }
        }

        /// ``merged`` without its one statement number of its own (`number: 40`), so that the
        /// statements it adds are numbered by SQLite, after the highest.
        static var mergedUnnumbered: String {
            merged.replacingOccurrences(of: "- number: 40\n  party:", with: "- party:")
        }

        /// Writes that meet nothing ``mergedUnnumbered`` reads or writes: a statement on another
        /// party and issue, a source and a party of other ids, a step of an agreement it does not
        /// name. `attempt` tells one round of them from the next.
        static func unrelatedWrites(_ parley: Parley, attempt: Int = 1) throws {
            _ = try parley.record(
                NewStatement(
                    party: "ostrana", issue: "river", kind: .demand, stance: "share",
                    summary: "Share it, round \(attempt).", said: try CalendarDate(parsing: "2021-05-0\(attempt)"),
                    source: "herald-2021-06-01"))
            try parley.add(
                Source(
                    id: "gazette-\(attempt)", title: "Gazette \(attempt)",
                    published: try CalendarDate(parsing: "2021-07-0\(attempt)")))
            try parley.add(Party(id: "zemland-\(attempt)", name: "Zemland \(attempt)", kind: .state))
            _ = try parley.appendStep(
                Step(
                    status: AgreementStatus.reaffirmed, on: try CalendarDate(parsing: "2021-05-1\(attempt)"),
                    source: "herald-2021-06-01"), to: "fishing-quotas")
        }

        @Test("an import overtaken by writes that do not meet it goes in at once, after them, numbered as on SQLite")
        func unrelatedWritesMeanwhile() throws {
            try withFile("merge.yaml", Self.mergedUnnumbered) { casefile, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    var tries = 0
                    let summary = try postgres.importStaged(
                        try Parley.readCasefile(path: casefile, outsideReferences: true), merge: true, name: casefile,
                        into: store,
                        address: address
                    ) {
                        tries += 1
                        if tries == 1 { try Self.unrelatedWrites(other) }
                    }
                    #expect(tries == 1)
                    // On SQLite, the same writes first, then the import: its statements, parties,
                    // sources, steps and change-log entry numbered after theirs.
                    try Self.unrelatedWrites(sqlite)
                    #expect(
                        try sqlite.importCasefile(
                            try Parley.readCasefile(path: casefile, outsideReferences: true), merge: true,
                            name: casefile)
                            == summary)
                    try twins.expectSame(file, address)
                }
            }
        }

        @Test(
            "a statements CSV import overtaken by writes on other pairs goes in at once; one on its pair makes it again"
        )
        func statementsCSVMeanwhile() throws {
            let csv = """
                party,issue,kind,stance,summary,said,source,conditions
                ostrana,river/fishing,demand,joint-fishing,Ostrana asks for joint fishing.,2021-05,herald-2021-06-01,
                valdoria,river/dam,assertion,build-dam,The dam goes on.,2021-05-02,herald-2021-06-01,river/fishing=joint-fishing
                """
            try withFile("statements.csv", csv) { path, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    // A statement added on another pair, and #16 (valdoria on border/crossings) amended.
                    func elsewhere(_ parley: Parley) throws {
                        _ = try parley.record(
                            NewStatement(
                                party: "ostrana", issue: "river", kind: .demand, stance: "share",
                                summary: "Share it.", source: "herald-2021-06-01"))
                        _ = try parley.amend(
                            number: 16, StatementChanges([.summary: "Crossings open, says Valdoria."]),
                            reason: "misread")
                    }
                    var tries = 0
                    let counts = try postgres.importStatementsStaged(
                        csvPath: path, merge: false, progress: nil, into: store, address: address
                    ) {
                        tries += 1
                        if tries == 1 { try elsewhere(other) }
                    }
                    #expect(tries == 1)
                    try elsewhere(sqlite)
                    #expect(try sqlite.importStatements(csvPath: path) == counts)
                    try twins.expectSame(file, address)
                    // #3 (valdoria on river/dam, where the file adds a statement) amended meanwhile:
                    // made again on a new copy, then in.
                    try withFile("more.csv", csv.replacingOccurrences(of: "2021-05", with: "2021-04")) { more, _ in
                        let amend = { (parley: Parley) in
                            _ = try parley.amend(
                                number: 3, StatementChanges([.summary: "The dam will be built soon."]),
                                reason: "misread")
                        }
                        tries = 0
                        _ = try postgres.importStatementsStaged(
                            csvPath: more, merge: false, progress: nil, into: store, address: address
                        ) {
                            tries += 1
                            if tries == 1 { try amend(other) }
                        }
                        #expect(tries == 2)
                        try amend(sqlite)
                        _ = try sqlite.importStatements(csvPath: more)
                        try twins.expectSame(file, address)
                    }
                }
            }
        }

        @Test("an import overtaken by a write of the statement it adds is made again, and refused as SQLite refuses it")
        func sameStatementMeanwhile() throws {
            let csv = """
                party,issue,kind,stance,summary,said,source
                ostrana,river/fishing,demand,joint-fishing,Ostrana asks for joint fishing.,2021-05,herald-2021-06-01
                """
            let same = NewStatement(
                party: "ostrana", issue: "river/fishing", kind: .demand, stance: "joint-fishing",
                summary: "Ostrana wants joint fishing.", said: try CalendarDate(parsing: "2021-05"),
                source: "herald-2021-06-01")
            try withFile("statements.csv", csv) { path, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    var tries = 0
                    let error = #expect(throws: StoreError.self) {
                        _ = try postgres.importStatementsStaged(
                            csvPath: path, merge: false, progress: nil, into: store, address: address
                        ) {
                            tries += 1
                            if tries == 1 { _ = try other.record(same) }
                        }
                    }
                    // Made again on a copy that holds the statement recorded meanwhile, the import
                    // refused it there, before `meanwhile` could run a second time.
                    #expect(tries == 1)
                    _ = try sqlite.record(same)
                    let expected = #expect(throws: StoreError.self) { _ = try sqlite.importStatements(csvPath: path) }
                    #expect(error?.localizedDescription == expected?.localizedDescription)
                    try twins.expectSame(file, address)
                }
            }
        }

        @Test("an import overtaken by an amendment of a statement it found already there is made again, then goes in")
        func amendedMeanwhile() throws {
            try withFile("merge.yaml", Self.mergedUnnumbered) { casefile, _ in
                try twins.withTwins { sqlite, postgres, file, address in
                    guard case .contract(let store, _) = postgres.backend else { return }
                    let other = try Parley.open(
                        database: address, for: .write, clock: PostgresWriteTests.clock, user: "ana")
                    // #3 is not in the casefile, but the merge found statement #1 there alike and
                    // no row it wrote says which: any amendment meets it.
                    let amend = { (parley: Parley) in
                        _ = try parley.amend(
                            number: 3, StatementChanges([.summary: "The dam will be built soon."]), reason: "misread")
                    }
                    var tries = 0
                    _ = try postgres.importStaged(
                        try Parley.readCasefile(path: casefile, outsideReferences: true), merge: true, name: casefile,
                        into: store,
                        address: address
                    ) {
                        tries += 1
                        if tries == 1 { try amend(other) }
                    }
                    #expect(tries == 2)
                    try amend(sqlite)
                    _ = try sqlite.importCasefile(
                        try Parley.readCasefile(path: casefile, outsideReferences: true), merge: true, name: casefile)
                    try twins.expectSame(file, address)
                }
            }
        }
    }
#endif
