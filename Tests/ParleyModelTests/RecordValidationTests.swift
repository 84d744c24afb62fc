import Testing

@testable import ParleyModel

/// The one validator for parties, actors, issues, sources, agreements and disputes: every problem
/// at once, with its field's path in a casefile and without one for a single record.
@Suite("Record validation")
struct RecordValidationTests {
    /// The records a casefile holds: a party, an issue, a source.
    static func references() throws -> CasefileReferences {
        CasefileReferences(
            Casefile(
                parties: [Party(id: "north", name: "North", kind: .state)],
                issues: [Issue(id: "water", title: "Water")],
                sources: [Source(id: "gazette", title: "Gazette", published: try date("2020-05-01"))]))
    }

    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    @Test("a party's id, name and aliases are each checked, every problem reported")
    func party() {
        let party = Party(id: "No Good", name: " ", kind: .state, aliases: ["ok", ""])
        #expect(
            party.problems(path: "parties[0]").map(\.path) == [
                "parties[0].id", "parties[0].name", "parties[0].aliases[1]",
            ])
        #expect(
            party.problems().map(\.error) == [
                .invalidIdentifier("No Good", kind: .party), .emptyField("name"), .emptyField("alias"),
            ])
        #expect(party.problems().allSatisfy { $0.path.isEmpty })
    }

    @Test("an actor's party is a reference: a problem only where unknown references are reported")
    func actorReference() throws {
        let actor = Actor(id: "nadia", name: "Nadia", party: "nort", role: String(repeating: "r", count: 100_001))
        let reported = actor.problems(path: "actors[0]", references: ReferenceCheck(try Self.references()))
        #expect(reported.map(\.path) == ["actors[0].role", "actors[0].party"])
        #expect(reported.last?.error == .unknownReference(.party, id: "nort", suggestions: ["north"]))
        let later = actor.problems(references: ReferenceCheck(try Self.references(), reportsUnknown: false))
        #expect(later.map(\.path) == [""])
        #expect(actor.problems().count == 1)
    }

    @Test("an issue's aliases must be issue ids; its parent must exist")
    func issue() throws {
        let issue = Issue(id: "water/dam/x", title: "T", aliases: ["Bad Alias"])
        let found = issue.problems(path: "issues[1]", references: ReferenceCheck(try Self.references()))
        #expect(found.map(\.path) == ["issues[1].id", "issues[1].aliases[0]"])
        #expect(found.first?.error == .missingParent(issue: "water/dam/x", parent: "water/dam"))
        #expect(issue.problems().map(\.error) == [.invalidIdentifier("Bad Alias", kind: .issue)])
    }

    @Test("a source published after today is refused, with its other problems")
    func source() throws {
        let source = Source(id: "gazette-2", title: "", published: try Self.date("2031-01-01"))
        #expect(
            source.problems(path: "sources[0]", today: try Self.date("2030-01-01")).map(\.path) == [
                "sources[0].title", "sources[0].published",
            ])
        #expect(source.problems().map(\.error) == [.emptyField("title")])
    }

    @Test("an agreement: two parties, a first step, a package slug, and each step's date, account and note")
    func tracked() throws {
        let step = Step(
            status: AgreementStatus.pledged, on: try Self.date("2021"), source: "gazette",
            note: String(repeating: "n", count: 100_001), accordingTo: "north")
        let agreement = Tracked(
            id: "deal", title: "Deal", issue: "water", parties: ["south", "south"], history: [step],
            package: "Not A Slug")
        let tooLong = try #require(ModelError.text(step.note, field: "note"))
        let found = agreement.problems(path: "agreements[0]", references: ReferenceCheck(try Self.references()))
        #expect(
            found.map(\.path) == [
                "agreements[0].parties", "agreements[0].parties[0]", "agreements[0].parties[1]",
                "agreements[0].package", "agreements[0].history[0].on", "agreements[0].history[0].according_to",
                "agreements[0].history[0].note",
            ])
        // The store's single record: the same rules, references left to its lookups, no paths.
        let single = agreement.problems(references: ReferenceCheck(try Self.references(), reportsUnknown: false))
        #expect(
            single.map(\.error) == [
                .tooFewParties(.agreement), .invalidPackage("Not A Slug"),
                .stepAfterSource(on: try Self.date("2021"), source: "gazette", published: try Self.date("2020-05-01")),
                .membership(party: "north", record: "deal", isMember: false),
                tooLong,
            ])
        let dispute = Tracked<DisputeStatus>(
            id: "row", title: "Row", issue: "water", parties: ["north", "south"], history: [], package: "p")
        #expect(
            dispute.problems(references: ReferenceCheck(try Self.references(), reportsUnknown: false)).map(\.error) == [
                .noHistory(.dispute), .onlyForAgreements(field: "a package"),
            ])
    }
}
