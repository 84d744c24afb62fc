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
    /// The text and its lowercase form as UTF-8, with where each scalar starts in them: a piece
    /// of either is then a copy of bytes, not a string built scalar by scalar.
    private let bytes: [UInt8]
    private let lowerBytes: [UInt8]
    private let offsets: [Int]
    private let lowerOffsets: [Int]

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        lower = scalars.map(Self.lowercased)
        (bytes, offsets) = Self.utf8(scalars)
        (lowerBytes, lowerOffsets) = Self.utf8(lower)
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
        String(decoding: bytes[offsets[range.lowerBound]..<offsets[range.upperBound]], as: UTF8.self)
    }

    /// The lowercase form of a range.
    func lowered(_ range: Range<Int>) -> String {
        String(decoding: lowerBytes[lowerOffsets[range.lowerBound]..<lowerOffsets[range.upperBound]], as: UTF8.self)
    }

    /// Scalars as UTF-8, with the offset where each starts (and one past the end).
    private static func utf8(_ scalars: [Unicode.Scalar]) -> ([UInt8], [Int]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count + scalars.count / 8)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        for scalar in scalars {
            offsets.append(bytes.count)
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                bytes.append(contentsOf: UTF8.encode(scalar).map { Array($0) } ?? [])
            }
        }
        offsets.append(bytes.count)
        return (bytes, offsets)
    }

    /// The text of a range with every run of white space made one space.
    func flat(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for scalar in scalars[range] {
            if Self.isSpace(scalar) {
                space = !out.isEmpty
                continue
            }
            if space {
                out.append(" ")
                space = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    // Character classes, answered for ASCII without looking up Unicode properties (most of an
    // English article, and most of the time drafting took).
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? s == " " || (9...13).contains(s.value) : s.properties.isWhitespace
    }
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (65...90).contains(s.value) || (97...122).contains(s.value) : s.properties.isAlphabetic
    }
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (65...90).contains(s.value) : s.properties.isUppercase
    }
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
        return wordsBetween(paragraph.lowerBound, paragraph.upperBound) <= 20
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
