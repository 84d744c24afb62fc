import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Reporting verbs")
struct CueTests {
    @Test(
        "a verb gives the kind of statement; two-word verbs are one cue",
        arguments: [
            ("Vell said the dam is safe.", "said", StatementKind.assertion),
            ("Vell rejected the plan.", "rejected", .rejection),
            ("Vell called on Norland to wait.", "called on", .appeal),
            ("Vell ruled out a new survey.", "ruled out", .rejection),
            ("The dam is safe, according to Vell.", "according to", .assertion),
            ("Vell pledged to wait.", "pledged", .commitment),
        ])
    func kinds(_ text: String, _ verb: String, _ kind: StatementKind) throws {
        let (_, s, cue) = try #require(firstCue(text))
        #expect(cue.text(in: s) == verb)
        #expect(cue.kind == kind)
    }

    @Test("'called' is a remark only when a quotation follows it closely")
    func called() throws {
        let (_, s, cue) = try #require(firstCue("Vell called the plan “a trap for our farmers.”"))
        #expect(cue.text(in: s) == "called")
        #expect(firstCue("Kade called Ostrander on Monday.") == nil)
    }
}
