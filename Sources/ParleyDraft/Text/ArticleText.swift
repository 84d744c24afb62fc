import Foundation

/// An article as Unicode scalars, with paragraphs, quotations and sentences found in it: the
/// first stage of drafting.
///
/// Offsets everywhere in drafting are Unicode scalar offsets into the article's text (what
/// Python's `str` indexes and what most editors call a character position), so a span can be
/// checked with any tool.
struct ArticleText {
    let text: String
    let scalars: [Unicode.Scalar]
    /// The same scalars lowercased one for one, for matching without regard to case.
    let lower: [Unicode.Scalar]
    /// Paragraphs: runs of lines between blank lines, trimmed.
    private(set) var paragraphs: [Range<Int>] = []
    /// Quotations: what stands between quotation marks, as one or more pieces (a quotation that
    /// runs over several paragraphs has a piece in each).
    private(set) var quotations: [Quotation] = []
    /// Sentences, none broken inside a quotation; a quotation that runs over paragraphs makes
    /// its sentences one.
    private(set) var sentences: [Range<Int>] = []
    /// Where each paragraph starts, for "is this the start of a paragraph?".
    private(set) var paragraphStarts: Set<Int> = []

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        lower = scalars.map(Self.lowercased)
        paragraphs = findParagraphs()
        paragraphStarts = Set(paragraphs.map(\.lowerBound))
        quotations = findQuotations()
        sentences = findSentences()
    }

    /// A scalar lowercased when its lowercase form is one scalar, else as it is.
    static func lowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            let value = UInt8(truncatingIfNeeded: scalar.value)
            return value >= 65 && value <= 90 ? Unicode.Scalar(value + 32) : scalar
        }
        let mapped = scalar.properties.lowercaseMapping.unicodeScalars
        guard mapped.count == 1, let single = mapped.first else { return scalar }
        return single
    }

    func string(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[range])
        return String(out)
    }

    /// The text of a range with every run of white space made one space.
    func flat(_ range: Range<Int>) -> String {
        string(range).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
    static func isUpper(_ s: Unicode.Scalar) -> Bool { s.properties.isUppercase }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || isDigit(s) || s == "-" || s == "'" || s == "’"
    }

    /// The first paragraph, when it reads as a headline: one short line that does not end a
    /// sentence.
    var headline: Range<Int>? {
        guard let first = paragraphs.first, first.count <= 160, !scalars[first].contains("\n"),
            let last = scalars[first].last, !".!?”\"»".unicodeScalars.contains(last)
        else { return nil }
        return first
    }

    /// Whether a paragraph is a heading, a kicker or a caption rather than prose: at most twenty
    /// words, and it ends without a full stop, a question or exclamation mark, a closing quotation
    /// mark or a colon ("Stano: EU ready to organise high-level meeting", "Photo: AA").
    func isHeading(_ paragraph: Range<Int>) -> Bool {
        guard let last = scalars[paragraph].last, !".!?…:”\"»)".unicodeScalars.contains(last) else { return false }
        return Words(self, paragraph).count <= 20
    }

    /// Trims white space from both ends of a range.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, Self.isSpace(scalars[lower]) { lower += 1 }
        while upper > lower, Self.isSpace(scalars[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    private func findParagraphs() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var index = 0
        var lineStart = 0
        var lineBlank = true
        func close(_ end: Int) {
            let range = trimmed(start..<end)
            if !range.isEmpty { result.append(range) }
        }
        while index < scalars.count {
            let s = scalars[index]
            if s == "\n" {
                if lineBlank && lineStart > start {
                    close(lineStart)
                    start = index + 1
                }
                lineStart = index + 1
                lineBlank = true
            } else if !Self.isSpace(s) {
                lineBlank = false
            }
            index += 1
        }
        close(scalars.count)
        return result
    }
}
