import ParleyModel
import Testing

/// Errors below the front ends carry their values and a kind; their wording names what was wrong
/// and never a command or a flag, which only a front end knows.
@Suite("Model errors")
struct ModelErrorTests {
    static let day = CalendarDate.earliest

    /// One of every case, the ones that once named a command first.
    static let samples: [ModelError] = [
        .relationContradicts("a", "b", issue: "water", recorded: "opposed"), .noRelation("a", "b", issue: "water"),
        .unknownToken("desk", suggestions: []), .noSourceText(source: "bulletin"),
        .publishedDiffers(source: "bulletin", published: day, given: day),
        .invalidDate("2021-02-30"), .invalidIdentifier("A B", kind: .party), .invalidStance("X"),
        .invalidChoice("x", field: "kind", allowed: ["demand"]), .emptyField("summary"),
        .tooLong(field: "summary", length: 9, limit: 8, unit: "bytes"), .nulCharacter(field: "summary"),
        .missingField("kind"), .unknownField("colour", suggestion: nil, known: ["id"]),
        .unknownReference(.party, id: "east", suggestions: []), .duplicateID(.party, id: "a", firstAt: "parties[0]"),
        .alreadyRecorded(.party, id: "a"), .missingParent(issue: "a/b", parent: "a"),
        .actorSpeaksForAnother(actor: "x", owner: "a", party: "b"), .noSpeaker, .repeatedStatement(firstAt: "s[0]"),
        .tooFewParties(.dispute), .noHistory(.agreement), .noSuchStatement(9, highest: 2),
        .retracted(.statement, record: "#1", at: "2026-01-01T00:00:00Z"), .reasonRequired,
        .nothingToChange(.statement, record: "#1"), .labelCloseTo("acept", issue: "water", close: ["accept"]),
        .unknownLabel("x", issue: "water", suggestions: []), .issueIntoItself(issue: "a", newID: "a/b"),
        .aliasTaken("x", by: "a"), .membership(party: "a", record: "d", isMember: true),
        .actorHasStatements(actor: "x", party: "a", count: 2), .wouldDuplicate([1, 2]),
        .noSuchStep(record: "d", step: 7, count: 3), .conflict(.statement, record: "#1", detail: "kind"),
        .invalidWindow("2 years"), .saidAfterSource(said: day, source: "s", published: day),
        .stepAfterSource(on: day, source: "s", published: day), .inFuture(field: "said", date: day, today: day),
        .aboutItself("a"), .relateToItself("a"), .malformed(.notYAML(detail: "did not find ']'")),
        .malformed(.notText(.notUTF8(0xFF), format: .csv)), .malformed(.fieldCount(expected: 3, found: 2)),
        .malformed(.noTables(files: ["parties.csv"])), .unreadableFile(.noSuchFile), .unreadableFile(nil),
        .invalidNumber("x"), .invalidNumber(nil), .repeatedNumber(3, firstAt: "statements[0]"),
        .repeatedRelation("a", "b", issue: "water", firstAt: "label_relations[0]"),
        .stepsWithoutRecord(.dispute, record: "d"), .alreadyImported, .recordedDuringImport(number: 7),
        .emptySearch("AND"),
        .unsearchable("\"", detail: "fts5: syntax error"), .tokenNameTaken("desk"),
    ]

    @Test("no message below the front ends names a command or a flag")
    func noCommandNames() {
        for error in Self.samples {
            let message = error.localizedDescription
            #expect(!message.contains("parley "), "\(error)")
            #expect(!message.contains("`"), "\(error)")
            #expect(message.range(of: #"(^|\s)--[a-z]"#, options: .regularExpression) == nil, "\(error)")
        }
    }

    @Test("a missing record, a collision, a bad value and bad input are told apart by kind")
    func kinds() {
        #expect(ModelError.noSuchStatement(9, highest: 2).kind == .notFound)
        #expect(ModelError.unknownToken("desk", suggestions: []).kind == .notFound)
        #expect(ModelError.wouldDuplicate([1, 2]).kind == .conflict)
        #expect(ModelError.tokenNameTaken("desk").kind == .conflict)
        #expect(ModelError.invalidDate("2021-02-30").kind == .invalid)
        #expect(ModelError.malformed(.unclosedQuote).kind == .malformed)
        #expect(ModelError.unreadableFile(.folder).kind == .unreadable)
        // In a record's problems a missing reference makes the record invalid; any collision
        // makes the whole write a conflict.
        let unknown = Problem(path: "party", .unknownReference(.party, id: "east", suggestions: []))
        #expect([unknown].kind == .invalid)
        #expect([unknown, Problem(.repeatedStatement(firstAt: "statements[0]"))].kind == .conflict)
        #expect([Problem(.malformed(.unclosedQuote)), Problem(.malformed(.noSpeakerColumn))].kind == .malformed)
    }
}
