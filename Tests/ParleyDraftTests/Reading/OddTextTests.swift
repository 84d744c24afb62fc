import ParleyModel
import Testing

@testable import ParleyDraft

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
