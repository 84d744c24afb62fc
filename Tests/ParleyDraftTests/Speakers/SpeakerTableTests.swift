import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("The case's table of speakers")
struct SpeakerTableTests {
    let table = drafter().speakers

    func resolve(_ phrase: String) -> SpeakerTable.Resolution? {
        let words = SpeakerTable.split(phrase)
        return table.resolve(words, lower: words.map { $0.lowercased() })
    }

    @Test(
        "names, surnames, aliases, roles with a demonym, capitals and demonyms resolve to an actor and party",
        arguments: [
            ("Mira Ostrander", "ostrander", "norland"), ("Ostrander", "ostrander", "norland"),
            ("Vel", "vell", "sudmark"), ("the Sudmarker foreign minister", "kade", "sudmark"),
            ("Brask", nil, "sudmark"), ("Norlandic officials", nil, "norland"), ("Kavarian envoy", nil, "kavaria"),
        ])
    func resolves(_ phrase: String, _ actor: String?, _ party: String) throws {
        let found = try #require(resolve(phrase))
        #expect(found.actor == actor)
        #expect(found.parties == [party])
    }

    @Test("the leaders of two parties are each party's head; an unknown name resolves to nothing")
    func leaders() throws {
        let found = try #require(resolve("the Norlandic and Sudmarker leaders"))
        #expect(found.parties == ["norland", "sudmark"])
        #expect(found.leaders == ["norland": "ostrander", "sudmark": "vell"])
        #expect(resolve("Greta Lund") == nil)
    }
}
