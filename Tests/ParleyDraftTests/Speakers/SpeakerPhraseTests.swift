import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Where the speaker is named")
struct SpeakerPhraseTests {
    func speaker(_ text: String) -> String? {
        guard let (article, s, cue) = firstCue(text), let found = SpeakerPhrase.find(for: cue, in: s, article) else {
            return nil
        }
        return s.text[found.words].joined(separator: " ")
    }

    @Test(
        "before the verb, past adverbs and dates; after it in an inversion; after 'according to'; in an apposition",
        arguments: [
            (
                "Norlandic Prime Minister Mira Ostrander said the dam must stop.",
                "Norlandic Prime Minister Mira Ostrander"
            ),
            ("Vell on Tuesday also said the dam must stop.", "Vell"),
            ("“The dam must stop,” said the foreign minister.", "the foreign minister"),
            ("The dam must stop, according to Sudmark's government.", "Sudmark's government"),
            ("Greta Lund, a Kavarian analyst, said the talks would fail.", "Greta Lund a Kavarian analyst"),
            ("But Vell said the dam must stop.", "Vell"),
        ])
    func found(_ text: String, _ expected: String) {
        #expect(speaker(text) == expected)
    }

    @Test("a pronoun is marked as one; a possessive before the verb is a noun, not a speaker")
    func pronounsAndPossessives() throws {
        let (article, s, cue) = try #require(firstCue("He said the dam must stop."))
        #expect(SpeakerPhrase.find(for: cue, in: s, article)?.pronoun == true)
        #expect(speaker("Brask's demands were rejected.") == nil)
        #expect(speaker("the dam is safe, they said.") == "they")
    }
}
