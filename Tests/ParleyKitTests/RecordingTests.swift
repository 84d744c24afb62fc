import Foundation
import ParleyKit
import ParleyModel
import ParleyStore
import Testing

@Suite("Recording")
struct RecordingTests {
    @Test("records added are listed back in id order")
    func addAndList() throws {
        let parley = try Parley.inMemory(clock: testClock)
        try parley.add(Party(id: "south", name: "Southland", kind: .state))
        try parley.add(Party(id: "north", name: "Northland", kind: .government, aliases: ["Northern"]))
        try parley.add(Actor(id: "nadia", name: "Nadia", party: "north", role: "President"))
        try parley.add(Issue(id: "water", title: "Water"))
        try parley.add(Issue(id: "water/dam", title: "Dam"))
        try parley.add(
            Source(id: "s1", title: "S1", published: try date("2020-05"), reliability: .high, text: "Full text."))
        #expect(try parley.parties().records.map(\.id) == ["north", "south"])
        #expect(try parley.parties().records.first?.aliases == ["Northern"])
        #expect(try parley.actors().records.first?.party == "north")
        #expect(try parley.issues().records.map(\.id) == ["water", "water/dam"])
        #expect(try parley.exportCasefile().sources.first?.text == "Full text.")
        #expect(try parley.sources().records.first?.text == nil, "listings leave the stored texts out")
    }

    @Test("a party's or an actor's alias or name stands for its id; one shared by two is ambiguous")
    func namesResolve() throws {
        let parley = try smallCase()
        #expect(try parley.resolve(.party, "north") == .id("north"))
        #expect(try parley.resolve(.party, "Northern") == .alias(of: "north"))
        #expect(try parley.resolve(.party, "northern") == .alias(of: "north"))
        #expect(try parley.resolve(.party, "Southland") == .alias(of: "south"))
        #expect(try parley.resolve(.actor, "Nadia Nord") == .alias(of: "nadia"))
        #expect(try parley.resolve(.party, "Westland") == .unknown)
        // Issues have aliases of their own, resolved where they are looked up: not here.
        #expect(try parley.resolve(.issue, "River") == .id("River"))
        try parley.add(Party(id: "northern-league", name: "League", kind: .movement, aliases: ["Northern"]))
        #expect(try parley.resolve(.party, "Northern") == .ambiguous(["north", "northern-league"]))
        // An id is an id, even where it is another record's alias.
        try parley.add(Party(id: "west", name: "Westland", kind: .state, aliases: ["south"]))
        #expect(try parley.resolve(.party, "south") == .id("south"))
    }

    @Test(
        "an actor alone gives the party; the date defaults to the source's; the clock stamps it"
    )
    func actorImpliesParty() throws {
        let parley = try smallCase()
        let receipt = try parley.record(
            NewStatement(
                actor: "nadia", issue: "water", kind: .proposal, stance: "share-equally", summary: "Share it.",
                source: "gazette"))
        #expect(receipt.party == "north")
        let statement = try #require(try parley.statements(StatementFilter(issue: "water")).statements.last)
        #expect(statement.statement.party == "north")
        #expect(statement.effectiveDate.description == "2020-05-01")
        #expect(statement.statement.said == nil)
        #expect(statement.statement.recordedAt == "2026-01-01T00:00:00Z")
    }

    @Test("an unknown id names the id, suggests close ones (aliases count), and writes nothing")
    func unknownIDs() throws {
        let parley = try smallCase()
        let before = try parley.exportYAML()
        func problems(_ new: NewStatement) -> [ModelError] {
            do {
                try parley.record(new)
            } catch StoreError.invalid(let problems) {
                return problems.map(\.error)
            } catch {
                Issue.record("unexpected \(error)")
            }
            return []
        }
        #expect(
            problems(
                NewStatement(party: "nort", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazette")
            )
                == [.unknownReference(.party, id: "nort", suggestions: ["north"])])
        #expect(
            problems(
                NewStatement(
                    party: "Northern", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazette"))
                == [.unknownReference(.party, id: "Northern", suggestions: ["north"])])
        #expect(
            problems(
                NewStatement(party: "north", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazete")
            )
                == [.unknownReference(.source, id: "gazete", suggestions: ["gazette"])])
        #expect(throws: StoreError.notFound(.party, id: "west", suggestions: [])) {
            try parley.add(
                Agreement(
                    id: "deal", title: "Deal", issue: "water", parties: ["north", "west"],
                    history: [AgreementStep(status: .signed, on: try date("2021"), source: "bulletin")]))
        }
        #expect(try parley.exportYAML() == before)
    }

    @Test("every problem of a statement is reported at once")
    func allProblemsAtOnce() throws {
        let parley = try smallCase()
        let error = #expect(throws: StoreError.self) {
            try parley.record(
                NewStatement(
                    party: "nort", issue: "watr", kind: .demand, stance: "Bad Label", summary: " ", source: "gazette"))
        }
        guard case .invalid(let problems) = error else { return }
        #expect(problems.count == 4)
    }

    @Test("the same statement twice is refused, never doubled")
    func duplicateStatement() throws {
        let parley = try smallCase()
        let count = try parley.statements().statements.count
        #expect(
            throws: StoreError.duplicateStatement(
                party: "north", actor: "nadia", issue: "water/dam", stance: "stop-dam", said: try date("2020-04-30"),
                source: "gazette")
        ) {
            try parley.record(
                NewStatement(
                    actor: "nadia", issue: "water/dam", kind: .demand, stance: "stop-dam", summary: "Again.",
                    quote: "Stop the dam.", said: try date("2020-04-30"), source: "gazette"))
        }
        #expect(try parley.statements().statements.count == count)
    }

    @Test("a new stance label is reported with the labels already used, and near misses flagged")
    func labelReceipt() throws {
        let parley = try smallCase()
        let receipt = try parley.record(
            NewStatement(
                party: "south", issue: "water/dam", kind: .assertion, stance: "build-dams", summary: "More dams.",
                source: "gazette"))
        #expect(receipt.isNewLabel)
        #expect(Set(receipt.existingLabels) == ["stop-dam", "build-dam"])
        #expect(receipt.nearMisses == ["build-dam"])
        let reuse = try parley.record(
            NewStatement(
                party: "south", issue: "water/dam", kind: .assertion, stance: "build-dam", summary: "Still.",
                said: try date("2020-06"),
                source: "bulletin"))
        #expect(!reuse.isNewLabel)
        #expect(try parley.labels(issue: "water/dam").records.map(\.label) == ["build-dam", "build-dams", "stop-dam"])
    }

    @Test("a statement's page lists the labels the others on its issue use, most used first")
    func statementPageLabels() throws {
        let parley = try smallCase()
        func record(_ party: String, _ issue: String, _ stance: String, _ said: String) throws -> Int64 {
            try parley.record(
                NewStatement(
                    party: party, issue: issue, kind: .assertion, stance: stance, summary: "On \(said).",
                    said: try date(said), source: "bulletin")
            ).sequence
        }
        _ = try record("north", "water/dam", "stop-dam", "2021-01-01")
        _ = try record("north", "water", "share-river", "2021-01-02")
        let retracted = try record("south", "water/dam", "halt-dam", "2021-01-03")
        _ = try parley.retract(number: retracted, reason: "misread")
        let built = try record("south", "water/dam", "build-dams", "2021-01-04")
        // #1 and the new one say stop-dam, #2 build-dam; the parent issue's and the retracted
        // statement's labels are not the issue's, and the statement's own is left out.
        let page = try parley.statementRecord(number: built)
        #expect(page.otherLabels == ["stop-dam", "build-dam"])
        #expect(page.hasNewLabel)
        #expect(page.nearMisses == ["build-dam"])
        #expect(try parley.statementRecord(number: 2).otherLabels == ["stop-dam", "build-dams"])
    }

    @Test("duplicate ids and missing issue parents are refused")
    func duplicatesAndParents() throws {
        let parley = try smallCase()
        #expect(throws: StoreError.alreadyExists(.party, id: "north")) {
            try parley.add(Party(id: "north", name: "Again", kind: .state))
        }
        #expect(throws: StoreError.invalid([Problem(.missingParent(issue: "land/border", parent: "land"))])) {
            try parley.add(Issue(id: "land/border", title: "Border"))
        }
        #expect(throws: StoreError.invalid([Problem(.invalidIdentifier("Bad Id", kind: .party))])) {
            try parley.add(Party(id: "Bad Id", name: "x", kind: .state))
        }
    }

    @Test("agreement and dispute steps are appended with their dates and sources, by one code path")
    func steps() throws {
        let parley = try smallCase()
        try parley.appendStep(
            AgreementStep(status: .signed, on: try date("2020-07-01"), source: "bulletin"), to: "river-commission")
        try parley.appendStep(
            DisputeStep(status: .resolved, on: try date("2020-08"), source: "bulletin", note: "Settled."),
            to: "dam-dispute")
        #expect(try parley.list(AgreementStatus.self).records.first?.history.map(\.status) == [.proposed, .signed])
        #expect(try parley.list(DisputeStatus.self).records.first?.history.last?.note == "Settled.")
        #expect(throws: StoreError.notFound(.dispute, id: "dam", suggestions: ["dam-dispute"])) {
            try parley.appendStep(DisputeStep(status: .resolved, on: try date("2020"), source: "gazette"), to: "dam")
        }
    }

    @Test("a step dated before the last recorded one goes where its date puts it in the history")
    func earlierStep() throws {
        let parley = try smallCase()
        let place = try parley.appendStep(
            DisputeStep(status: .dormant, on: try date("2019"), source: "gazette"), to: "dam-dispute")
        #expect(place == 1)
        let history = try #require(try parley.list(DisputeStatus.self).records.first?.history)
        #expect(history.map(\.status) == [.dormant, .open])
        #expect(try parley.disputesReport(asOf: try date("2019-06")).recorded.isEmpty)
    }

    @Test("statement filters narrow by party, issue subtree, source and dates")
    func filters() throws {
        let parley = try smallCase()
        func count(_ filter: StatementFilter) throws -> Int { try parley.statements(filter).statements.count }
        #expect(try count(StatementFilter(party: "north")) == 1)
        #expect(try count(StatementFilter(issue: "water")) == 2)
        #expect(try count(StatementFilter(until: try date("2020-04-30"))) == 1)
        #expect(try count(StatementFilter(since: try date("2020-05"))) == 1)
    }

    @Test("a casefile round-trips through import and export byte for byte")
    func roundTrip() throws {
        let yaml = try smallCase().exportYAML()
        let again = try Parley.inMemory(clock: testClock)
        let path = try temporaryDirectory().appendingPathComponent("case.yaml").path
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: path))
        let summary = try again.importCasefile(path: path)
        #expect(summary.description == "2 parties, 1 actor, 2 issues, 2 sources, 2 statements, 1 agreement, 1 dispute")
        #expect(try again.exportYAML() == yaml)
    }

    @Test("a batch and a reviewed article refuse the same statements alike, each by its place, and keep nothing")
    func batchAndReviewRefuseAlike() throws {
        func statement(_ party: String, _ stance: String, _ summary: String) -> NewStatement {
            NewStatement(
                party: party, issue: "water/dam", kind: .demand, stance: stance, summary: summary, source: "bulletin")
        }
        let statements: [(statement: NewStatement, newLabelConfirmed: Bool)] = [
            (statement("north", "stop-dam", "Stop."), false),
            (statement("nowhere", "stop-dam", "Stop."), false),
            (statement("south", "build-dan", "Build."), false),
            (statement("south", "pause-dam", "Pause."), false),
            (statement("north", "stop-dam", "Stop."), false),
        ]
        let parley = try smallCase()
        let before = try parley.exportYAML()
        let batch = try #require(throws: StatementBatchError.self) { try parley.record(batch: statements) }
        #expect(batch.problems.map(\.index) == [1, 2, 4], "every refused statement, not only the first")
        let review = try #require(throws: ReviewError.self) {
            try parley.record(ReviewedArticle(newSource: nil, statements: statements.map { .init($0.statement) }))
        }
        #expect(review.statements.keys.sorted() == [1, 2, 4])
        #expect(review.isNearMiss(2) && !review.isNearMiss(1))
        for (index, error) in batch.problems {
            #expect("\(error)" == "\(review.statements[index].map { "\($0)" } ?? "")")
        }
        #expect(try parley.problems(inBatch: statements).map(\.index) == [1, 2, 4])
        #expect(try parley.exportYAML() == before, "nothing of either is kept, nor of the check")
        let receipts = try parley.record(batch: [statements[0], statements[3]])
        #expect(receipts.map(\.isNewLabel) == [false, true])
        #expect(receipts[1].existingLabels == ["stop-dam", "build-dam"], "the batch's own statement is counted")
    }

    @Test("a batch tells new labels and near misses, also of a label the batch itself brought, as single adds do")
    func batchLabelsAsItGoes() throws {
        func statement(_ party: String, _ issue: String, _ stance: String) -> NewStatement {
            NewStatement(
                party: party, issue: issue, kind: .demand, stance: stance, summary: "Said.", source: "bulletin")
        }
        let parley = try smallCase()
        let receipts = try parley.record(batch: [
            (statement("south", "water/dam", "build-dam"), false),
            (statement("south", "water", "share-river"), false),
            (statement("south", "water/dam", "halt-dam"), false),
            (statement("north", "water/dam", "build-dam"), false),
        ])
        #expect(receipts.map(\.isNewLabel) == [false, true, true, false])
        #expect(receipts[1].existingLabels.isEmpty, "the issue had no label before")
        #expect(receipts[2].existingLabels == ["build-dam", "stop-dam"], "the batch's first statement is counted")
        // A near miss is refused unless confirmed: of a label the case had, after a used label,
        // and of a label brought earlier in the same batch.
        let nearMisses: [[(statement: NewStatement, newLabelConfirmed: Bool)]] = [
            [
                (statement("north", "water/dam", "halt-dam"), false),
                (statement("north", "water/dam", "stop-dom"), false),
            ],
            [(statement("north", "water", "cede-river"), false), (statement("south", "water", "cede-rivers"), false)],
        ]
        for (batch, isNew) in zip(nearMisses, [[false, true], [true, true]]) {
            let refused = try #require(throws: StatementBatchError.self) { try parley.record(batch: batch) }
            #expect(refused.problems.map(\.index) == [1])
            #expect(try parley.record(batch: batch.map { ($0.statement, true) }).map(\.isNewLabel) == isNew)
        }
    }
}
