import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("What was said")
struct SaidClauseTests {
    func said(_ text: String) -> (mode: Draft.Mode, span: String, quote: String?)? {
        guard let (article, s, cue) = firstCue(text), let speaker = SpeakerPhrase.find(for: cue, in: s, article)
        else { return nil }
        let found = SaidClause.find(cue: cue, speaker: speaker, in: s, article)
        return (found.mode, article.string(found.span), found.quote)
    }

    @Test(
        "the reported clause: after 'that' and the hearers of 'told', up to the next verb, or before the speaker",
        arguments: [
            ("Vell said on Tuesday that the dam will be finished.", "the dam will be finished"),
            ("Vell told reporters in Brask that the dam is safe.", "the dam is safe"),
            ("Vell rejected the demand but said talks could go on.", "the demand"),
            ("Sudmark will reopen the crossing, President Vell said on Tuesday.", "Sudmark will reopen the crossing"),
            ("The dam is safe, according to Vell.", "The dam is safe"),
            ("According to Vell, the dam is safe.", "the dam is safe"),
        ])
    func reported(_ text: String, _ clause: String) throws {
        let found = try #require(said(text))
        #expect(found.mode == .reported)
        #expect(found.span == clause)
    }

    @Test("a quotation of four words or more next to the verb is direct speech; a short one is the clause's quote")
    func direct() throws {
        let before = try #require(said("“We will not accept checkpoints,” Vell said."))
        #expect(before.mode == .direct)
        #expect(before.quote == "We will not accept checkpoints")
        let after = try #require(said("Vell said: “The river is ours to share.”"))
        #expect(after.mode == .direct)
        #expect(after.span == "The river is ours to share.")
        let short = try #require(said("Vell said the dam was “safe”."))
        #expect(short.mode == .reported)
        #expect(short.quote == "safe")
    }
}
