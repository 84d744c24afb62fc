import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Drafting")
struct DraftingTests {
    @Test("speakers resolve by name, surname, alias, role with a demonym, and capital; pronouns follow the speaker")
    func speakers() {
        let text = """
            Norlandic Prime Minister Mira Ostrander said on Tuesday that the Tesk dam must be halted.

            “We will not accept any checkpoints on the border,” Vell told reporters in Brask.

            The Sudmarker foreign minister rejected the demand. He said the river belongs to both nations.

            Hollin accused Sudmark of stalling. Kavaria's envoy urged calm.
            """
        let drafts = drafter().drafts(text, published: day("2021-12-16"))
        let summary = drafts.map { "\($0.party ?? "-") \($0.actor ?? "-") \($0.kind.rawValue)" }
        #expect(
            summary == [
                "norland ostrander assertion", "sudmark vell assertion", "sudmark kade rejection",
                "sudmark kade assertion",
                "norland - accusation", "kavaria - appeal",
            ])
        #expect(drafts[0].speaker == "Norlandic Prime Minister Mira Ostrander")
        #expect(drafts[0].said == day("2021-12-14"))
        #expect(drafts[0].saidEvidence == "on Tuesday")
        #expect(drafts[0].issue == "river/dam")
        #expect(drafts[1].mode == .direct)
        #expect(drafts[1].quote == "We will not accept any checkpoints on the border")
        #expect(drafts[1].issue == "border")
        #expect(drafts[2].resolution.contains("role"))
        #expect(drafts[3].resolution.contains("last speaker"))
    }

    @Test("the span is the quotation or the reported clause, verbatim, at its place in the article")
    func spans() {
        let text = "Ostrander said: “The river is ours to share.”\n\nVell said that the dam at Tesk will be finished."
        let drafts = drafter().drafts(text, published: day("2021-12-16"))
        #expect(drafts.count == 2)
        let scalars = Array(text.unicodeScalars)
        for draft in drafts {
            #expect(String(String.UnicodeScalarView(scalars[draft.span])) == draft.spanText)
        }
        #expect(drafts[0].spanText == "The river is ours to share.")
        #expect(drafts[1].spanText == "the dam at Tesk will be finished")
        #expect(drafts[1].mode == .reported)
    }

    @Test("a quotation with no speaker of its own continues the one before; an unknown speaker says why")
    func continuationAndUnknown() {
        let text = """
            “We are ready to talk,” Vell said. “But not about the dam.”

            Greta Lund, a Kavarian analyst, said the talks would fail.
            """
        let drafts = drafter().drafts(text, published: day("2021-12-16"))
        #expect(drafts.count == 3)
        #expect(drafts[1].actor == "vell")
        #expect(drafts[1].quote == "But not about the dam.")
        #expect(drafts[2].party == nil || drafts[2].party == "kavaria")
        #expect(drafts[2].speaker?.contains("Greta Lund") == true || drafts[2].speaker?.contains("analyst") == true)
    }

    @Test("'called X “Y”' is a remark; 'called on' is an appeal; 'called' alone is not a remark")
    func called() {
        let text = """
            Vell called the plan “a trap for our farmers.” Ostrander called on Sudmark to reopen the crossing. \
            Kade called Ostrander on Monday.
            """
        let drafts = drafter().drafts(text, published: day("2021-12-16"))
        #expect(drafts.map(\.actor) == ["vell", "ostrander"])
        #expect(drafts.map(\.kind) == [.assertion, .appeal])
        #expect(drafts[0].quote == "a trap for our farmers.")
    }

    @Test("an undated remark has no said date; a date inside a quotation is not the remark's")
    func undated() {
        let text = "Vell said: “We will meet again in July, on 3 March or never.”"
        let drafts = drafter().drafts(text, published: day("2021-12-16"))
        #expect(drafts.count == 1)
        #expect(drafts[0].said == nil)
        #expect(drafts[0].saidEvidence == nil)
    }
}
