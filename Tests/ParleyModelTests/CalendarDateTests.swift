import Testing

@testable import ParleyModel

@Suite("Calendar dates")
struct CalendarDateTests {
    @Test(
        "day, month and year precision all parse and print back unchanged",
        arguments: ["2021-12-14", "2021-12", "2021", "2024-02-29"])
    func parsesAcceptedForms(_ text: String) throws {
        #expect(try CalendarDate(parsing: text).description == text)
    }

    @Test(
        "impossible or malformed dates are rejected, never guessed",
        arguments: [
            "2021-02-30", "2021-13", "14/12/2021", "2023-02-29", "2021-12-1", "21-12-14", "2021-00", "2021-12-14T10:00",
            "", "abcd",
        ])
    func rejectsBadDates(_ text: String) {
        #expect(throws: ModelError.invalidDate(text)) { try CalendarDate(parsing: text) }
    }

    @Test("the rejection message shows the accepted forms")
    func messageShowsForms() {
        let message = ModelError.invalidDate("2021-02-30").localizedDescription
        #expect(message.contains("YYYY-MM-DD, YYYY-MM or YYYY"))
        #expect(message.contains("2021-02-30"))
    }

    @Test("a month-precise date counts as the end of its month for 'on or before'")
    func monthCountsAsEnd() throws {
        let month = try CalendarDate(parsing: "2021-12")
        #expect(!month.isOnOrBefore(try CalendarDate(parsing: "2021-12-16")))
        #expect(month.isOnOrBefore(try CalendarDate(parsing: "2021-12-31")))
        #expect(try CalendarDate(parsing: "2021-12-16").isOnOrBefore(month))
        #expect(try CalendarDate(parsing: "2021").endKey == 20_211_231)
        #expect(try CalendarDate(parsing: "2024-02").endKey == 20_240_229)
    }

    @Test("dates sort by the end of their period, the more precise first on a tie")
    func ordering() throws {
        let dates = try ["2021", "2021-12", "2021-12-31", "2021-06-01"].map { try CalendarDate(parsing: $0) }
        #expect(dates.sorted().map(\.description) == ["2021-06-01", "2021-12-31", "2021-12", "2021"])
    }
}

@Suite("Ids and closed lists")
struct IdentifierTests {
    @Test("valid slugs and issue paths pass", arguments: ["armenia", "brussels-readout-2021-12-16", "a1"])
    func validIDs(_ id: String) {
        #expect(Identifier.isValid(id))
        #expect(Identifier.isValidIssue(id + "/border-controls"))
    }

    @Test(
        "bad ids are rejected with the rule stated",
        arguments: ["Armenia", "arm enia", "-armenia", "armenia-", "a--b", "a_b", "", "é"])
    func invalidIDs(_ id: String) {
        #expect(!Identifier.isValid(id))
        #expect(throws: ModelError.invalidIdentifier(id, kind: .party)) { try Identifier.validate(id, kind: .party) }
        #expect(ModelError.invalidIdentifier(id, kind: .party).localizedDescription.contains("lowercase letters"))
    }

    @Test("issue paths need non-empty valid segments", arguments: ["a//b", "/a", "a/", "a/B"])
    func invalidIssuePaths(_ id: String) {
        #expect(!Identifier.isValidIssue(id))
    }

    @Test("an issue's parent is its path minus the last segment")
    func parents() {
        #expect(Identifier.parentIssue(of: "a/b/c") == "a/b")
        #expect(Identifier.parentIssue(of: "a") == nil)
        #expect(Identifier.issue("a/b", isWithin: "a"))
        #expect(!Identifier.issue("ab", isWithin: "a"))
    }

    @Test("a value outside a closed list is rejected, listing the allowed values")
    func closedLists() throws {
        #expect(try StatementKind.parse("demand") == .demand)
        #expect(StatementKind.allCases.count == 10)
        #expect(AgreementStatus.allCases.count == 12)
        #expect(DisputeStatus.allCases.count == 4)
        let error = #expect(throws: ModelError.self) { try StatementKind.parse("threat") }
        #expect(
            error?.localizedDescription.contains(
                "'threat' is not a valid statement kind: use one of demand, proposal, acceptance") == true)
    }

    @Test("suggestions find near misses and ignore unrelated ids")
    func suggestions() {
        #expect(Suggestions.closest(to: "armenai", among: ["armenia", "azerbaijan", "russia"]) == ["armenia"])
        #expect(Suggestions.closest(to: "zzzz", among: ["armenia", "azerbaijan"]).isEmpty)
    }

    @Test("an unknown id suggests records: an alias equal to it first, then the closest ids and aliases")
    func recordSuggestions() {
        let aliases = [(owner: "arm", alias: "Yerevan"), (owner: "aze", alias: "Baku"), (owner: "geo", alias: "Baku")]
        // A typo of an alias suggests the record that has it, not the alias.
        #expect(Suggestions.records(for: "yrevan", ids: ["arm", "aze"], aliases: aliases) == ["arm"])
        // An alias shared by two records stands for the first; an exact alias comes before spelling.
        #expect(
            Suggestions.records(for: "baku", ids: ["arm", "aze", "geo"], aliasMatches: ["geo"], aliases: aliases)
                == ["geo", "aze"])
        #expect(Suggestions.records(for: "armenia", ids: ["armenia", "armenian", "armenians", "armen"]).count == 3)
    }
}
