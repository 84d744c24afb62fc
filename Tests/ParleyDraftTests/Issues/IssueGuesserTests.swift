import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Guessing the issue")
struct IssueGuesserTests {
    let guesser = drafter().guesser

    func guess(_ text: String) -> IssueGuesser.Guess {
        guesser.guess(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    }

    @Test("an alias written out wins; else two of an issue's words, the deeper issue on a tie")
    func guesses() {
        #expect(guess("work on the tesk dam must stop").issue == "river/dam")
        #expect(guess("the checkpoints at the border crossings").issue == "border")
        #expect(guess("sharing the Ambra river's water").issue == "river")
        #expect(guess("the talks went well").issue == nil)
    }
}
