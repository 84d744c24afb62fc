import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

#if PostgreSQL
    @testable import ParleyPostgres

    /// Statements given together (`add --batch`, an article reviewed in parley-server's workspace)
    /// and the look-ups of drafting and review, on PostgreSQL through the store contract, each made
    /// on an SQLite twin too (see ``PostgresWriteTests``): the same rows, receipts, problems and
    /// answers on both; a refused batch or article leaves PostgreSQL as it was.
    @Suite(
        "Batches and review on PostgreSQL, held to SQLite's",
        .enabled(if: PostgresTestServer.available, PostgresTestServer.skipReason))
    struct PostgresBatchTests {
        let twins = PostgresWriteTests()

        static func statement(
            _ party: String, _ issue: String, _ stance: String, _ summary: String, source: String = "herald-2021-06-01"
        ) -> NewStatement {
            NewStatement(party: party, issue: issue, kind: .demand, stance: stance, summary: summary, source: source)
        }

        @Test("a batch records the same statements, receipts and change log as on SQLite")
        func batch() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                let batch: [(statement: NewStatement, newLabelConfirmed: Bool)] = [
                    (
                        Self.statement("ostrana", "river/fishing", "joint-fishing", "Ostrana asks for joint fishing."),
                        true
                    ),
                    // A label new in the batch, then used again by the batch: no longer new.
                    (
                        Self.statement(
                            "valdoria", "river/fishing", "joint-fishing", "Valdoria agrees to joint fishing."), false
                    ),
                    // Close to a label used on the issue, but confirmed.
                    (Self.statement("ostrana", "river/dam", "oppose-dams", "Ostrana opposes every dam."), true),
                    (
                        NewStatement(
                            actor: "lena-brask", issue: "trade/transit", kind: .proposal, stance: "open-transit",
                            summary: "Valdoria offers transit.", source: "herald-2021-06-01"), false
                    ),
                ]
                let receipts = try postgres.record(batch: batch)
                #expect(try sqlite.record(batch: batch) == receipts)
                #expect(receipts.map(\.isNewLabel) == [true, false, true, true])
                try twins.expectSame(file, address)
            }
        }

        @Test("a batch with refused statements lists the same problems as on SQLite, and writes nothing")
        func batchRefused() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                let batch: [(statement: NewStatement, newLabelConfirmed: Bool)] = [
                    (
                        Self.statement("ostrana", "river/fishing", "joint-fishing", "Ostrana asks for joint fishing."),
                        true
                    ),
                    // An unknown party; a label one letter from one in use; the first one again.
                    (Self.statement("ostrna", "river/fishing", "joint-fishing", "Someone asks."), true),
                    (Self.statement("ostrana", "river/dam", "oppose-dams", "Ostrana opposes every dam."), false),
                    (
                        Self.statement("ostrana", "river/fishing", "joint-fishing", "Ostrana asks for joint fishing."),
                        true
                    ),
                ]
                func described(_ problems: [(index: Int, error: any Error)]) -> [String] {
                    problems.map { "\($0.index): \($0.error.localizedDescription)" }
                }
                let checked = try described(postgres.problems(inBatch: batch))
                #expect(checked.map { $0.prefix(2) } == ["1:", "2:", "3:"])
                #expect(try described(sqlite.problems(inBatch: batch)) == checked)
                var messages: [[String]] = []
                let before = try twins.rows(postgres: address)
                for parley in [sqlite, postgres] {
                    let error = #expect(throws: StatementBatchError.self) { try parley.record(batch: batch) }
                    messages.append(described(error?.problems ?? []))
                }
                #expect(messages.count == 2 && messages[0] == messages[1] && messages[0] == checked)
                #expect(try twins.rows(postgres: address) == before)
                // The statement numbers run on from the last one kept: the refused batch spent none.
                let receipts = try postgres.record(batch: [batch[0]])
                #expect(try sqlite.record(batch: [batch[0]]) == receipts)
                #expect(receipts.map(\.sequence) == [20])
                try twins.expectSame(file, address)
            }
        }

        @Test("a reviewed article: its new source and statements go in as on SQLite, or nothing does")
        func reviewedArticle() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                let source = Source(
                    id: "wire-2021-07-01", title: "River talks resume", publisher: "The Wire",
                    published: try CalendarDate(parsing: "2021-07-01"), text: "Ostrana and Valdoria met again.")
                let accepted: [ReviewedArticle.Accepted] = [
                    .init(
                        Self.statement("ostrana", "river/fishing", "joint-fishing", "Ostrana asks.", source: source.id)),
                    .init(
                        Self.statement("valdoria", "river/dam", "build-dams", "Valdoria builds.", source: source.id),
                        newLabelConfirmed: true),
                ]
                // Refused: the second label is one letter from one in use, unconfirmed, and the
                // source is already there.
                var refused = ReviewedArticle(newSource: source, statements: accepted)
                refused.statements[1].newLabelConfirmed = false
                var messages: [String] = []
                let before = try twins.rows(postgres: address)
                for parley in [sqlite, postgres] {
                    let error = #expect(throws: ReviewError.self) { try parley.record(refused) }
                    #expect(error?.isNearMiss(1) == true)
                    messages.append(String(describing: error?.statements.mapValues(\.localizedDescription)))
                }
                #expect(messages.count == 2 && messages[0] == messages[1])
                #expect(try twins.rows(postgres: address) == before)
                let article = ReviewedArticle(newSource: source, statements: accepted)
                let receipts = try postgres.record(article)
                #expect(try sqlite.record(article) == receipts)
                // The numbers run on from the last statement kept: the refusal spent none.
                #expect(receipts.map(\.sequence) == [20, 21])
                try twins.expectSame(file, address)
                // The same source again: refused on both, the statements' problems with it.
                for parley in [sqlite, postgres] {
                    let error = #expect(throws: ReviewError.self) { try parley.record(article) }
                    #expect(error?.source != nil)
                }
                try twins.expectSame(file, address)
            }
        }

        @Test("a statements CSV imported (and merged again) adds the same rows and log as on SQLite; a bad one nothing")
        func statementsCSV() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-pg-csv-\(UUID())")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                defer { try? FileManager.default.removeItem(at: folder) }
                let csv = folder.appendingPathComponent("statements.csv").path
                try """
                party,issue,kind,stance,summary,said,source,conditions
                ostrana,river/fishing,demand,joint-fishing,Ostrana asks for joint fishing.,2021-05,herald-2021-06-01,
                valdoria,river/dam,assertion,build-dam,The dam goes on.,2021-05-02,herald-2021-06-01,river/fishing=joint-fishing
                """.write(toFile: csv, atomically: true, encoding: .utf8)
                let counts = try postgres.importStatements(csvPath: csv)
                #expect(try sqlite.importStatements(csvPath: csv) == counts)
                #expect(counts.added == 2)
                try twins.expectSame(file, address)
                // Merged again: all there, nothing added, nothing logged.
                let merged = try postgres.importStatements(csvPath: csv, merge: true)
                #expect(try sqlite.importStatements(csvPath: csv, merge: true) == merged)
                #expect(merged.added == 0 && merged.unchanged == 2)
                try twins.expectSame(file, address)
                // A file with an unknown party on its third line: the same error, nothing added.
                let bad = folder.appendingPathComponent("bad.csv").path
                try """
                party,issue,kind,stance,summary,source
                ostrana,river/fishing,demand,wide-fishing,Ostrana asks for more.,herald-2021-06-01
                ostrna,river/fishing,demand,wide-fishing,Someone asks.,herald-2021-06-01
                """.write(toFile: bad, atomically: true, encoding: .utf8)
                let message =
                    try twins.expectRefusedAlike(sqlite, postgres, file, address) {
                        _ = try $0.importStatements(csvPath: bad)
                    }?.localizedDescription ?? ""
                #expect(message.contains("line 3"), "\(message)")
                // The numbers run on from the last statement kept.
                #expect(try postgres.record(Self.statement("ostrana", "river", "share", "Share it.")).sequence == 22)
                #expect(try sqlite.record(Self.statement("ostrana", "river", "share", "Share it.")).sequence == 22)
                try twins.expectSame(file, address)
            }
        }

        @Test("drafting and the review workspace read the same case on both backends")
        func lookUps() throws {
            try twins.withTwins { sqlite, postgres, file, address in
                for parley in [postgres, sqlite] {
                    _ = try parley.amend(number: 4, StatementChanges([.stance: "reject-dam"]), reason: "misread")
                    _ = try parley.editSource("herald-2021-06-01") {
                        $0.text = "Ivo Marr said Ostrana wants shared fishing."
                    }
                }
                for number: Int64 in [1, 4, 12] {
                    let (left, right) = (
                        try postgres.statementRecord(number: number), try sqlite.statementRecord(number: number)
                    )
                    #expect(left.statement == right.statement)
                    #expect(left.log == right.log)
                    #expect(left.otherLabels == right.otherLabels && left.nearMisses == right.nearMisses)
                }
                #expect(try postgres.labelsByIssue() == sqlite.labelsByIssue())
                #expect(try postgres.source("herald-2021-06-01") == sqlite.source("herald-2021-06-01"))
                #expect(try postgres.sourceText("herald-2021-06-01") == sqlite.sourceText("herald-2021-06-01"))
                let moment = try KnownAsOf(parsing: "2025-01-01")
                for known in [nil, moment] {
                    #expect(
                        try postgres.tracked(AgreementStatus.self, id: "fishing-quotas", knownAsOf: known)
                            == sqlite.tracked(AgreementStatus.self, id: "fishing-quotas", knownAsOf: known))
                }
                let text = """
                    Ivo Marr, Ostrana's foreign minister, said on Tuesday that Ostrana demands shared fishing on \
                    the lower river. Lena Brask rejected the dam's critics.
                    """
                let drafts = try [postgres, sqlite].map { parley in
                    try parley.reviewSheet(text: text, published: try CalendarDate(parsing: "2021-07-01"), source: nil)
                        .rows.map(\.values)
                }
                #expect(drafts[0] == drafts[1])
                let stored = try [postgres, sqlite].map { parley in
                    try parley.reviewSheet(text: nil, published: nil, source: "herald-2021-06-01").rows.map(\.values)
                }
                #expect(stored[0] == stored[1])
                // An unknown statement, source and agreement: the same error.
                for ask in [
                    { (parley: Parley) in _ = try parley.statementRecord(number: 99) },
                    { (parley: Parley) in _ = try parley.sourceText("heral") },
                    { (parley: Parley) in _ = try parley.tracked(AgreementStatus.self, id: "fishing-quota") },
                ] {
                    var messages: [String] = []
                    for parley in [postgres, sqlite] {
                        do {
                            try ask(parley)
                            Issue.record("not refused")
                        } catch {
                            messages.append(error.localizedDescription)
                        }
                    }
                    #expect(messages.count == 2 && messages[0] == messages[1], "\(messages)")
                }
                try twins.expectSame(file, address)
            }
        }
    }
#endif
