import ParleyModel
import Testing

@testable import ParleyDraft

/// A small fictional case: two states, their leaders and a foreign minister, three issues.
func drafter() -> Drafter {
    Drafter(
        parties: [
            Party(id: "norland", name: "Norland", kind: .state, aliases: ["Norlandic", "Hollin"]),
            Party(id: "sudmark", name: "Sudmark", kind: .state, aliases: ["Sudmarker", "Brask"]),
            Party(id: "kavaria", name: "Kavaria", kind: .state),
        ],
        actors: [
            Actor(id: "ostrander", name: "Mira Ostrander", party: "norland", role: "Prime Minister", aliases: []),
            Actor(id: "vell", name: "Tomas Vell", party: "sudmark", role: "President", aliases: ["Vel"]),
            Actor(id: "kade", name: "Jon A. Kade", party: "sudmark", role: "Foreign Minister", aliases: []),
        ],
        issues: [
            Issue(id: "river", title: "Sharing the Ambra river"),
            Issue(id: "river/dam", title: "The Ambra dam at Tesk", aliases: ["tesk-dam"]),
            Issue(id: "border", title: "Border crossings and checkpoints"),
        ])
}

func day(_ text: String) -> CalendarDate { try! CalendarDate(parsing: text) }

@Suite("Sentences and quotations")
struct SentenceTests {
    @Test("no sentence ends after Mr., Gen., Dr., U.S., an initial, or inside a quotation")
    func abbreviations() {
        let text = """
            Mr. Vell met Gen. Harlan and Dr. Ines Moro in the U.S. capital on Monday. Jon A. Kade said: "We will \
            wait. We will not move." Then they left.
            """
        let article = ArticleText(text)
        #expect(
            article.sentences.map { article.string($0) } == [
                "Mr. Vell met Gen. Harlan and Dr. Ines Moro in the U.S. capital on Monday.",
                "Jon A. Kade said: \"We will wait. We will not move.\"",
                "Then they left.",
            ])
    }

    @Test("curly, straight and « » marks pair up; a quotation over two paragraphs is one")
    func quotations() {
        let text = """
            Vell said: “We want water.” Kade added «never» and "soon".

            “The dam is a threat to us all.

            “We will go to court if we must,” Ostrander said.
            """
        let article = ArticleText(text)
        let quoted = article.quotations.map { $0.pieces.map { article.string($0) }.joined(separator: " | ") }
        #expect(
            quoted == [
                "We want water.", "never", "soon", "The dam is a threat to us all. | We will go to court if we must,",
            ])
        // The two paragraphs of the long quotation make one sentence to attribute.
        #expect(article.sentences.count == 3)
    }
}

@Suite("Said dates")
struct SaidDateTests {
    // Thursday 16 December 2021.
    let dates = SaidDates(published: day("2021-12-16"))

    func resolve(_ phrase: String) -> (String, String)? {
        let article = ArticleText("Vell spoke \(phrase) about the river.")
        return dates.phrases(in: article, 0..<article.scalars.count).first.map { ($0.date.description, $0.evidence) }
    }

    @Test(
        "phrases resolve against the publication day, never after it",
        arguments: [
            ("on Tuesday", "2021-12-14"), ("on Thursday", "2021-12-16"), ("on Friday", "2021-12-10"),
            ("last Thursday", "2021-12-09"), ("yesterday", "2021-12-15"), ("today", "2021-12-16"),
            ("last week", "2021-12"), ("earlier this month", "2021-12"), ("last month", "2021-11"),
            ("on 14 December", "2021-12-14"), ("on December 14", "2021-12-14"), ("on 20 December", "2020-12-20"),
            ("in July", "2021-07"), ("in 2019", "2019"), ("on 3 March 2020", "2020-03-03"), ("last year", "2020"),
        ])
    func phrase(_ phrase: String, _ expected: String) {
        #expect(resolve(phrase)?.0 == expected, "\(phrase)")
        #expect(resolve(phrase)?.1 == phrase)
    }

    @Test("a month not yet reached this year is last year's")
    func pastMonths() {
        let january = SaidDates(published: day("2022-01-10"))
        let article = ArticleText("Vell spoke in December and on 20 December.")
        let found = january.phrases(in: article, 0..<article.scalars.count).map(\.date.description)
        #expect(found == ["2021-12", "2021-12-20"])
    }
}

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

    @Test("the draft's YAML marks what needs a person and keeps the drafter's notes apart")
    func yaml() {
        let text = "Ostrander demanded that work on the Tesk dam stop."
        let file = DraftFile(
            article: "a.txt", published: day("2021-12-16"), source: "gazette", newSource: nil,
            drafts: drafter().drafts(text, published: day("2021-12-16")))
        let yaml = file.yaml()
        #expect(yaml.contains("- party: \"norland\"\n  actor: \"ostrander\"\n  issue: \"river/dam\"\n  kind: demand\n"))
        #expect(yaml.contains("  stance: \"review: a stance label"))
        #expect(yaml.contains("  summary: \"review: in your words: work on the Tesk dam stop\""))
        #expect(yaml.contains("  draft:\n    speaker: \"Ostrander\""))
    }
}

@Suite("Quotations checked against a text")
struct QuoteMatcherTests {
    let matcher = QuoteMatcher(
        text: "He said: “We’ll never abandon the  Armenians,” and added that the talks were “long — very long”.")

    @Test("white space, case, quotation marks, apostrophes, dashes and closing punctuation do not matter")
    func equivalent() {
        #expect(matcher.contains("We'll never abandon the Armenians."))
        #expect(matcher.contains("long - very long"))
        #expect(matcher.contains("we’ll never … the Armenians"))
    }

    @Test("changed words are a misquote, and the part that matches is shown")
    func misquote() {
        #expect(matcher.longestMatch("We'll never abandon Armenia") == "We'll never abandon")
        #expect(matcher.longestMatch("Nothing of the sort") == "")
        #expect(matcher.longestMatch("the Armenians … abandon") != nil)
    }
}

@Suite("Drafting odd text")
struct OddTextTests {
    /// A small deterministic generator (SplitMix64), so the test is the same on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("broken quotation marks, stray punctuation and mixed scripts never crash, and every span is the article's")
    func fuzz() {
        let pieces = [
            "“", "”", "\"", "«", "»", "„", "'", "’", ".", ",", ":", ";", "!", "?", "…", "\n", "\n\n", " ", "Mr.",
            "U.S.", "J.", "said", "told", "according to", "He", "she", "Norland", "Norland's", "Vell", "Mira Ostrander",
            "the foreign ministry", "on Tuesday", "last week", "in July", "on 14 December", "yesterday", "Q:", "Vell:",
            "both governments", "agreed", "rejected", "called on", "Ünïcødé", "ﺍﻟﺴﻼﻡ", "\u{202E}", "\u{200B}", "—",
            "2021", "spoke", "met", "Tesk dam", "the", "but", "that",
        ]
        var random = Seeded(state: 13)
        let drafter = drafter()
        for _ in 0..<300 {
            let count = Int.random(in: 0...80, using: &random)
            let text = (0..<count).map { _ in
                pieces.randomElement(using: &random)! + (Bool.random(using: &random) ? " " : "")
            }
            .joined()
            let scalars = Array(text.unicodeScalars)
            for draft in drafter.drafts(text, published: day("2021-12-16")) {
                #expect(draft.span.lowerBound >= 0 && draft.span.upperBound <= scalars.count)
                // Never after publication: a month or a year may run past it, but starts before.
                if let said = draft.said { #expect(said.startKey <= day("2021-12-16").endKey) }
                #expect((0...1).contains(draft.confidence))
            }
        }
    }
}
