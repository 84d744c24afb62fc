import Foundation
import GRDB
import ParleyCasefile
import ParleyModel
import Testing
@testable import ParleyStore

@Suite("Store")
struct StoreTests {
    @Test("records added through the store are listed back in id order")
    func addAndList() throws {
        let db = try ParleyDatabase()
        try db.add(Party(id: "south", name: "Southland", kind: .state))
        try db.add(Party(id: "north", name: "Northland", kind: .government, aliases: ["Northern"]))
        try db.add(Actor(id: "nadia", name: "Nadia", party: "north", role: "President"))
        try db.add(Issue(id: "water", title: "Water"))
        try db.add(Issue(id: "water/dam", title: "Dam"))
        try db.add(Source(id: "s1", title: "S1", published: try CalendarDate(parsing: "2020-05"), reliability: .high, text: "Full text."))
        #expect(try db.parties().map(\.id) == ["north", "south"])
        #expect(try db.parties().first?.aliases == ["Northern"])
        #expect(try db.actors().first?.party == "north")
        #expect(try db.issues().map(\.id) == ["water", "water/dam"])
        #expect(try db.sources().first?.text == "Full text.")
    }

    @Test("a statement given only an actor takes the actor's party, and its date defaults to the source's")
    func actorImpliesParty() throws {
        let db = try smallDatabase()
        try db.add(Statement(party: "", actor: "nadia", issue: "water", kind: .proposal, stance: "share-equally", summary: "Share it.", source: "gazette-2020-05-01"))
        let statement = try #require(try db.statements(StatementFilter(issue: "water")).last)
        #expect(statement.statement.party == "north")
        #expect(statement.effectiveDate.description == "2020-05-01")
        #expect(statement.statement.said == nil)
    }

    @Test("an unknown id names the id, suggests close ones, and writes nothing")
    func unknownIDs() throws {
        let db = try smallDatabase()
        let before = try db.exportCasefile()
        let error = #expect(throws: StoreError.self) {
            try db.add(Statement(party: "nort", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazette-2020-05-01"))
        }
        #expect(error == .notFound(kind: "party", id: "nort", suggestions: ["north"]))
        #expect(error?.localizedDescription.contains("did you mean 'north'") == true)
        #expect(throws: StoreError.notFound(kind: "source", id: "gazete", suggestions: ["gazette-2020-05-01"])) {
            try db.add(Statement(party: "north", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazete"))
        }
        #expect(throws: StoreError.self) {
            try db.add(Agreement(id: "deal", title: "Deal", issue: "water", parties: ["north", "west"],
                                 history: [AgreementStep(status: .signed, on: try CalendarDate(parsing: "2021"), source: "gazette-2020-05-01")]))
        }
        #expect(try db.exportCasefile() == before)
    }

    @Test("an alias typed as an id suggests the id it belongs to")
    func aliasSuggestion() throws {
        let db = try smallDatabase()
        #expect(throws: StoreError.notFound(kind: "party", id: "Northern", suggestions: ["north"])) {
            try db.add(Statement(party: "Northern", issue: "water", kind: .demand, stance: "x", summary: "s", source: "gazette-2020-05-01"))
        }
    }

    @Test("the same statement twice is refused, never doubled")
    func duplicateStatement() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        #expect(throws: StoreError.duplicateStatement(party: "north", issue: "water/dam", stance: "stop-dam", said: "2020-04-30", source: "gazette-2020-05-01")) {
            try db.add(Statement(party: "north", issue: "water/dam", kind: .demand, stance: "stop-dam", summary: "Again.", said: try CalendarDate(parsing: "2020-04-30"), source: "gazette-2020-05-01"))
        }
        #expect(try db.statementCount() == count)
    }

    @Test("a new stance label is reported with the labels already used, and near misses flagged")
    func labelReceipt() throws {
        let db = try smallDatabase()
        let receipt = try db.add(Statement(party: "south", issue: "water/dam", kind: .assertion, stance: "build-dams", summary: "More dams.", source: "gazette-2020-05-01"))
        #expect(receipt.isNewLabel)
        #expect(Set(receipt.existingLabels) == ["stop-dam", "build-dam"])
        #expect(receipt.nearMisses == ["build-dam"])
        let reuse = try db.add(Statement(party: "south", issue: "water/dam", kind: .assertion, stance: "build-dam", summary: "Still.", said: try CalendarDate(parsing: "2020-06"), source: "gazette-2020-05-01"))
        #expect(!reuse.isNewLabel)
    }

    @Test("duplicate ids and missing issue parents are refused")
    func duplicatesAndParents() throws {
        let db = try smallDatabase()
        #expect(throws: StoreError.alreadyExists(kind: "party", id: "north")) { try db.add(Party(id: "north", name: "Again", kind: .state)) }
        let error = #expect(throws: StoreError.self) { try db.add(Issue(id: "land/border", title: "Border")) }
        #expect(error?.localizedDescription.contains("parent issue 'land'") == true)
        #expect(throws: StoreError.self) { try db.add(Party(id: "Bad Id", name: "x", kind: .state)) }
    }

    @Test("the schema itself refuses rows that break the rules")
    func schemaEnforces() throws {
        let db = try smallDatabase()
        let bad = [
            "INSERT INTO party (id, name, kind) VALUES ('east', 'East', 'empire')",
            "INSERT INTO party (id, name, kind) VALUES ('East', 'East', 'state')",
            "INSERT INTO actor (id, name, party_pk) VALUES ('ed', 'Ed', 999)",
            "INSERT INTO statement (party_pk, issue_pk, kind, stance, summary, said_key, source_pk, source_key, recorded_at) VALUES (1, 1, 'threat', 'x', 's', 1, 1, 1, 'now')",
            "INSERT INTO dispute_step (dispute_pk, status, \"on\", on_key, source_pk) VALUES (1, 'won', '2020', 20201231, 1)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.writer.write { try $0.execute(sql: sql) } }
        }
    }

    @Test("agreement and dispute steps are appended with their dates and sources")
    func steps() throws {
        let db = try smallDatabase()
        try db.appendStep(AgreementStep(status: .signed, on: try CalendarDate(parsing: "2020-07-01"), source: "gazette-2020-05-01"), toAgreement: "river-commission")
        try db.appendStep(DisputeStep(status: .resolved, on: try CalendarDate(parsing: "2020-08"), source: "gazette-2020-05-01", note: "Settled."), toDispute: "dam-dispute")
        #expect(try db.agreements().first?.history.map(\.status) == [.proposed, .signed])
        #expect(try db.disputes().first?.history.last?.note == "Settled.")
        #expect(throws: StoreError.notFound(kind: "dispute", id: "dam", suggestions: ["dam-dispute"])) {
            try db.appendStep(DisputeStep(status: .resolved, on: try CalendarDate(parsing: "2020"), source: "gazette-2020-05-01"), toDispute: "dam")
        }
    }

    @Test("statement filters narrow by party, issue subtree, source and dates")
    func filters() throws {
        let db = try smallDatabase()
        #expect(try db.statements(StatementFilter(party: "north")).count == 1)
        #expect(try db.statements(StatementFilter(issue: "water")).count == 2)
        #expect(try db.statements(StatementFilter(until: try CalendarDate(parsing: "2020-04-30"))).count == 1)
        #expect(try db.statements(StatementFilter(since: try CalendarDate(parsing: "2020-05"))).count == 1)
        #expect(throws: StoreError.self) { try db.statements(StatementFilter(issue: "wter")) }
    }
}

@Suite("Store histories")
struct StoreHistoryTests {
    @Test("a step dated before the last recorded one is refused and nothing is written")
    func backwardsStep() throws {
        let db = try smallDatabase()
        let error = #expect(throws: StoreError.self) {
            try db.appendStep(DisputeStep(status: .resolved, on: try CalendarDate(parsing: "2019"), source: "gazette-2020-05-01"), toDispute: "dam-dispute")
        }
        #expect(error?.localizedDescription.contains("before the last recorded step (2020-04-30)") == true)
        #expect(try db.disputes().first?.history.count == 1)
    }
}

@Suite("Store receipts")
struct StoreReceiptTests {
    @Test("the receipt names the party a statement was recorded for, even when only the actor was given")
    func receiptParty() throws {
        let db = try smallDatabase()
        let receipt = try db.add(Statement(party: "", actor: "nadia", issue: "water", kind: .demand, stance: "share", summary: "s", source: "gazette-2020-05-01"))
        #expect(receipt.party == "north")
    }
}
