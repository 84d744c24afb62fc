import Testing

@testable import ParleyReports

/// Text reports wrap their prose to the terminal's width; plain ASCII text takes a byte-wise path
/// (most of a case's text), which must break lines exactly where the general one does.
@Suite("Wrapping text")
struct TextWrapTests {
    /// Texts of words, runs of spaces, line breaks and words longer than the width, from a fixed
    /// seed, so that every run checks the same ones.
    static func texts() -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let pieces = [
            "a", "the", "border", "Zangezur", "corridor,", "x" + String(repeating: "y", count: 30), " ", "  ", "\n",
            "\n\n", "-",
        ]
        var texts = ["", " ", "\n", "one", "two words", "trailing\n", " leading", String(repeating: "z", count: 95)]
        for _ in 0..<200 {
            texts.append(
                (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined(separator: next(3) == 0 ? "" : " "))
        }
        return texts
    }

    @Test("plain ASCII text breaks where the general wrapping breaks it, at every width")
    func asciiMatchesGeneral() throws {
        for text in Self.texts() {
            for width in [10, 13, 33, 80] {
                let fast = try #require(TextLayout.wrapASCII(text, width: width), "\(text.debugDescription) is ASCII")
                #expect(fast == TextLayout.wrapCharacters(text, width: width), "\(text.debugDescription) at \(width)")
            }
        }
    }

    @Test("text with other characters, or controls to escape, takes the general path")
    func otherTextIsNotASCII() {
        #expect(TextLayout.wrapASCII("Ереван and Baku", width: 10) == nil)
        #expect(TextLayout.wrapASCII("a\tb", width: 10) == nil)
        #expect(TextLayout.wrapASCII("bell\u{7}", width: 10) == nil)
        #expect(TextLayout.wrap("a\tb c", width: 10) == ["a\\tb c"])
        #expect(
            TextLayout.wrap("The rail link through Syunik reopens", width: 12)
                == ["The rail", "link through", "Syunik", "reopens"])
    }
}
