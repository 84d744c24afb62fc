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
    @Test("a step listed after a step it clearly precedes is a problem; overlapping precision is not")
    func order() throws {
        var casefile = try CasefileValidationTests.sample()
        let source = casefile.sources[0].id
        casefile.agreements = [
            Agreement(
                id: "fine", title: "Fine", issue: "water", parties: ["north", "south"],
                history: [
                    AgreementStep(status: .proposed, on: try CalendarDate(parsing: "2018-09"), source: source),
                    AgreementStep(status: .signed, on: try CalendarDate(parsing: "2018-09-10"), source: source),
                ]),
            Agreement(
                id: "backwards", title: "Backwards", issue: "water", parties: ["north", "south"],
                history: [
                    AgreementStep(status: .signed, on: try CalendarDate(parsing: "2019-01-01"), source: source),
                    AgreementStep(status: .proposed, on: try CalendarDate(parsing: "2018-12-31"), source: source),
                ]),
        ]
        let problems = casefile.problems()
        #expect(problems.map(\.path) == ["agreements[1].history[1].on"])
        #expect(problems.first?.message.contains("list steps in the order they happened") == true)
    }
}
