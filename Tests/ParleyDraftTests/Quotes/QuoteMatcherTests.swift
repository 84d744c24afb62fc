import Testing

@testable import ParleyDraft

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
