import ParleyModel
import Testing

@testable import ParleyDraft

/// The habits of real news prose the drafter reads (issue 20), each on a short text of its own.
@Suite("News prose")
struct NewsProseTests {
    let published = day("2021-12-16")  // a Thursday

    func drafts(_ text: String, _ drafter: Drafter = drafter()) -> [Draft] {
        drafter.drafts(text, published: published)
    }

    func summary(_ drafts: [Draft]) -> [String] {
        drafts.map { "\($0.party ?? "-")/\($0.actor ?? "-") \($0.said?.description ?? "-")" }
    }

    @Test("a speaker is never taken from an object: '…, rejecting Vell's demand' is the subject's")
    func objects() {
        let found = drafts("Ostrander spoke in Hollin on Tuesday, rejecting Vell's demand for a new survey.")
        #expect(summary(found) == ["norland/ostrander 2021-12-14"])
        #expect(found.first?.summaryStart == "rejecting Vell's demand for a new survey")
    }

    @Test("a participle belongs to the main clause's subject, not to the names just before it")
    func participles() {
        let found = drafts(
            """
            Vell emerged from talks with the leaders of Norland and Kavaria saying: “We are not there yet.”
            """)
        #expect(summary(found) == ["sudmark/vell -"])
        #expect(found.first?.quote == "We are not there yet.")
    }

    @Test("unnamed sources and the press that quotes them are not a party's speakers; 'was told' reports nothing")
    func anonymousAndPress() {
        let found = drafts(
            """
            One senior official said the talks would resume. The dam will be finished, said Reuters, quoting \
            sources. Any deal would go to the council, Reuters was told. Kade said the dam was safe.
            """)
        #expect(summary(found) == ["sudmark/kade -"])
    }

    @Test("'that' after 'rejected' is a determiner; the summary starts at the verb, never mid-phrase")
    func determiners() {
        let found = drafts("Vell rejected that demand on Thursday, saying the dam harms no one.")
        #expect(found.first?.spanText == "that demand on Thursday, saying the dam harms no one")
        #expect(found.first?.summaryStart == "rejected that demand on Thursday, saying the dam harms no one")
        #expect(found.first?.said == published)
    }

    @Test("a clause before the speaker wins when no clause follows the verb, and stops at a later attribution")
    func frontedClauses() {
        let found = drafts(
            """
            The dam will be finished by spring, Vell said after meeting Kade. Norland will wait for the survey, \
            Ostrander told a briefing on Tuesday. Sudmark pledged on Tuesday to reopen the crossing, Kade said.
            """)
        #expect(
            found.map(\.spanText) == [
                "The dam will be finished by spring", "Norland will wait for the survey", "to reopen the crossing",
                "Sudmark pledged on Tuesday to reopen the crossing",
            ])
        // Sudmark's pledge is relayed by Kade; Kade's own remark has no date of its own.
        #expect(found[2].via == "Kade")
        #expect(
            summary(found) == [
                "sudmark/vell -", "norland/ostrander 2021-12-14", "sudmark/- 2021-12-14", "sudmark/kade -",
            ])
    }

    @Test("', according to X' is who said it, not part of what was said")
    func accordingTo() {
        let found = drafts("Vell urged Norland to keep talking, according to his office.")
        #expect(found.first?.spanText == "Norland to keep talking")
    }

    @Test("a surname with particles is written whole, and a dateline's weekday is not part of a name")
    func names() {
        let drafter = Drafter(
            parties: [Party(id: "eu", name: "European Union", kind: .organisation, aliases: ["EU"])],
            actors: [Actor(id: "vdl", name: "Ursula von der Leyen", party: "eu", role: "President", aliases: [])],
            issues: [])
        let found = drafts(
            "von der Leyen said the EU would pay. BRUSSELS, Sunday EU officials said nothing.", drafter)
        #expect(found.first?.actor == "vdl")
        #expect(found.first?.speaker == "von der Leyen")
    }

    @Test("'he' after a sentence naming someone else as its subject is that person, not the last speaker")
    func pronouns() {
        let found = drafts(
            """
            “We will wait,” Vell said. The talks were so long that Prime Minister Mira Ostrander missed her flight. \
            “They are not easy,” she said.
            """)
        #expect(summary(found) == ["sudmark/vell -", "norland/ostrander -"])
    }

    @Test("an apposition introduces a person with their party; 'the statement' is its issuer's")
    func introductions() {
        let found = drafts(
            """
            Norland denied a claim by Sudmark's deputy minister, Hanna Berg, on Monday. Berg said the deal was done.

            In a statement, Kavaria's envoy said talks would resume. The statement also urged calm.
            """)
        #expect(found.map(\.party) == ["norland", "sudmark", "kavaria", "kavaria"])
    }

    @Test("later remarks of the same occasion take its date; not a remark made 'previously' or 'in an interview'")
    func occasions() {
        let found = drafts(
            """
            Vell said on Tuesday that the dam was safe. He also said the survey could wait. Later, Vell added that \
            Brask wanted peace. Vell had previously rejected the survey. In an interview, Vell said the river was \
            Sudmark's.
            """)
        #expect(
            summary(found).map { $0.components(separatedBy: " ").last ?? "" } == [
                "2021-12-14", "2021-12-14", "2021-12-14", "-", "-",
            ])
    }

    @Test("a summit's date is every speaker's there; a date after 'following' is an event's, not the remark's")
    func gatherings() {
        let found = drafts(
            """
            The leaders of Norland and Sudmark met at a summit in Velm on Tuesday. Kavaria's envoy said both \
            sides would meet again. Following Monday's talks, Kade said the crossing would open.
            """)
        #expect(summary(found) == ["kavaria/- 2021-12-14", "sudmark/kade 2021-12-14"])
    }

    @Test("headings, kickers and captions are not statements; a colon hands over to the next paragraph's quotation")
    func headingsAndColons() {
        let found = drafts(
            """
            Vell: Sudmark ready to reopen crossing

            Photo: Kavarian Press Agency

            Asked about the dam, Vell said on Tuesday:

            “The dam is finished. It harms no one.”
            """)
        #expect(found.count == 1)
        #expect(found.first?.quote == "The dam is finished. It harms no one.")
        #expect(found.first?.said == day("2021-12-14"))
    }

    @Test("a paragraph that closes a quotation it never opened goes on with the last speaker")
    func unopenedQuotations() {
        let found = drafts(
            """
            Vell said on Tuesday: “The dam is finished.

            It harms no one,” he added. “Brask will not pay for a survey.
            """)
        #expect(found.map(\.quote) == ["The dam is finished.", "It harms no one", "Brask will not pay for a survey."])
        #expect(Set(found.map(\.actor)) == ["vell"])
    }

    @Test("groups: 'the foreign ministers of N and S', 'the two ministers' after them, and 'they' are each party's")
    func groups() {
        let drafter = Drafter(
            parties: [
                Party(id: "norland", name: "Norland", kind: .state),
                Party(id: "sudmark", name: "Sudmark", kind: .state),
            ],
            actors: [
                Actor(id: "halvorsen", name: "Erik Halvorsen", party: "norland", role: "Foreign Minister", aliases: []),
                Actor(id: "kade", name: "Jon Kade", party: "sudmark", role: "Foreign Minister", aliases: []),
            ],
            issues: [])
        let found = drafts(
            """
            The foreign ministers of Norland and Sudmark said on Tuesday that a survey would begin.             Halvorsen said the money was there. Kade said the teams were ready. The two ministers also agreed             to meet again in June. They said the council would publish every figure.
            """, drafter)
        #expect(
            summary(found) == [
                "norland/halvorsen 2021-12-14", "sudmark/kade 2021-12-14", "norland/halvorsen 2021-12-14",
                "sudmark/kade 2021-12-14", "norland/halvorsen 2021-12-14", "sudmark/kade 2021-12-14",
                "norland/halvorsen 2021-12-14", "sudmark/kade 2021-12-14",
            ])
    }

    @Test("a name set off by commas before the verb speaks; so does the subject of '… and agreed'")
    func appositionsAndCoordination() {
        let found = drafts(
            """
            Sudmark's foreign minister, Jon A. Kade, said the survey could start. Vell and Ostrander discussed             the floods on Thursday and agreed to open an emergency line.
            """)
        #expect(summary(found) == ["sudmark/kade -", "sudmark/vell 2021-12-16", "norland/ostrander 2021-12-16"])
    }

    @Test("the article's own spokesman is not the case's only spokesman of another party; an analyst is no party's")
    func titlesAndOutsiders() {
        let drafter = Drafter(
            parties: [
                Party(id: "norland", name: "Norland", kind: .state),
                Party(id: "sudmark", name: "Sudmark", kind: .state, aliases: ["Sudmarker"]),
            ],
            actors: [Actor(id: "rusk", name: "Ada Rusk", party: "norland", role: "Spokeswoman", aliases: [])],
            issues: [])
        let found = drafts(
            """
            A spokesman for the Sudmarker government said the crossing would stay open. The spokesman also             said trucks would pass. "It is a bluff," said Greta Lund, a Norlandic analyst.
            """, drafter)
        #expect(found.map(\.party) == ["sudmark", "sudmark"])
    }

    @Test("a date in a plan ('to meet again in June') is the plan's, not the remark's; 'thanked' is an assessment")
    func plansAndThanks() {
        let found = drafts("Kade agreed to meet Ostrander again in June. Vell thanked Norland for the boats.")
        #expect(found.map(\.said) == [nil, nil])
        #expect(found.map(\.kind) == [.acceptance, .assessment])
    }
}
