import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("When a remark was made")
struct RemarkDateTests {
    func date(_ text: String) -> String? {
        guard let (article, s, cue) = firstCue(text), let speaker = SpeakerPhrase.find(for: cue, in: s, article)
        else { return nil }
        let said = SaidClause.find(cue: cue, speaker: speaker, in: s, article)
        let start = s.words.ranges[speaker.words.lowerBound].lowerBound
        return RemarkDate.inSentence(s, cue: cue, said: said, speakerStart: start, article)?.date.description
    }

    @Test("the phrase by the verb dates the remark; a date the clause is about, or one in a quotation, does not")
    func nearest() {
        // Published Thursday 16 December 2021.
        #expect(date("Vell said on Tuesday that the dam is safe.") == "2021-12-14")
        #expect(date("On Monday Vell rejected the plan.") == "2021-12-13")
        #expect(date("Vell said the survey would start in July after many delays and much argument.") == nil)
        #expect(date("Vell said: “We met on Tuesday.”") == nil)
    }
}
