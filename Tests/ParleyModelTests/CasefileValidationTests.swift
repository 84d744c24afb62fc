import Testing

@testable import ParleyModel

@Suite("Casefile validation")
struct CasefileValidationTests {
    static func sample() throws -> Casefile {
        Casefile(
            parties: [
                Party(id: "north", name: "North", kind: .state), Party(id: "south", name: "South", kind: .state),
            ],
            actors: [Actor(id: "nadia", name: "Nadia", party: "north")],
            issues: [Issue(id: "water", title: "Water"), Issue(id: "water/dam", title: "The dam")],
            sources: [Source(id: "gazette", title: "Gazette", published: try CalendarDate(parsing: "2020-05-01"))],
            statements: [
                Statement(
                    party: "north", actor: "nadia", issue: "water/dam", kind: .demand, stance: "stop-dam",
                    summary: "Stop it.", source: "gazette")
            ])
    }

    @Test("a consistent casefile has no problems")
    func clean() throws {
        #expect(try Self.sample().problems().isEmpty)
    }

    @Test("every problem is reported at once, each with its record and field")
    func collectsAll() throws {
        var casefile = try Self.sample()
        casefile.issues.append(Issue(id: "land/border", title: "Border"))
        casefile.statements.append(
            Statement(party: "nort", issue: "water", kind: .demand, stance: "Bad Label", summary: " ", source: "gazete")
        )
        casefile.parties.append(Party(id: "north", name: "Again", kind: .state))
        let problems = casefile.problems()
        let paths = Set(problems.map(\.path))
        #expect(
            paths.isSuperset(of: [
                "issues[2].id", "statements[1].party", "statements[1].stance", "statements[1].summary",
                "statements[1].source", "parties[2].id",
            ]))
        let party = problems.first { $0.path == "statements[1].party" }
        #expect(party?.message.contains("did you mean 'north'") == true)
        #expect(problems.first { $0.path == "issues[2].id" }?.message.contains("parent issue 'land'") == true)
    }

    @Test("a statement recorded twice and an actor speaking for the wrong party are problems")
    func duplicatesAndActors() throws {
        var casefile = try Self.sample()
        casefile.statements.append(casefile.statements[0])
        casefile.statements.append(
            Statement(
                party: "south", actor: "nadia", issue: "water", kind: .demand, stance: "x", summary: "s",
                source: "gazette"))
        let messages = casefile.problems().map(\.description)
        #expect(messages.contains { $0.hasPrefix("statements[1]:") && $0.contains("already statements[0]") })
        #expect(messages.contains { $0.contains("speaks for 'north', not 'south'") })
    }
}

@Suite("History order")
struct HistoryOrderTests {
    static func step(_ status: AgreementStatus, _ on: String) throws -> AgreementStep {
        AgreementStep(status: status, on: try CalendarDate(parsing: on), source: "gazette")
    }

    @Test("steps recorded in any order read in the order things happened; overlapping dates keep their order")
    func order() throws {
        let ordered = Agreement.ordered([
            try Self.step(.signed, "2019-01-01"), try Self.step(.proposed, "2018-12-31"),
            try Self.step(.broken, "2020"),
            try Self.step(.pledged, "2018-12"),
        ])
        // 2018-12 overlaps 2018-12-31, so the two keep the order they were recorded in.
        #expect(ordered.map(\.status) == [.proposed, .pledged, .signed, .broken])
        let overlapping = Agreement.ordered([try Self.step(.proposed, "2018-09"), try Self.step(.signed, "2018-09-10")])
        #expect(overlapping.map(\.status) == [.proposed, .signed])
        var casefile = try CasefileValidationTests.sample()
        casefile.agreements = [
            Agreement(
                id: "backwards", title: "Backwards", issue: "water", parties: ["north", "south"],
                history: ordered.reversed())
        ]
        #expect(casefile.problems().isEmpty)
    }

    @Test("a retracted step is out of force; members join and leave with steps")
    func retractionAndMembers() throws {
        var agreement = Agreement(
            id: "deal", title: "Deal", issue: "water", parties: ["north", "south"],
            history: [try Self.step(.signed, "2019"), try Self.step(.broken, "2020")])
        agreement.history[1].retraction = Retraction(at: "2026-01-01T00:00:00Z", by: "tester", reason: "Misread")
        #expect(agreement.step(asOf: nil)?.status == .signed)
        var joined = try Self.step(.signed, "2021")
        joined.addParties = ["east"]
        joined.removeParties = ["south"]
        agreement.history.append(joined)
        #expect(agreement.members(asOf: try CalendarDate(parsing: "2020")).parties == ["north", "south"])
        #expect(agreement.members(asOf: nil).parties == ["north", "east"])
        #expect(agreement.involves("east"))
    }
}
