import Foundation

/// An article as Unicode scalars, with paragraphs, quotations and sentences found in it.
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

    struct Quotation {
        var pieces: [Range<Int>]
        var start: Int { pieces[0].lowerBound }
        var end: Int { pieces[pieces.count - 1].upperBound }
    }

    init(_ text: String) {
        self.text = text
        scalars = Array(text.unicodeScalars)
        lower = scalars.map { scalar in
            if scalar.isASCII {
                return scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar
            }
            let mapped = scalar.properties.lowercaseMapping.unicodeScalars
            return mapped.count == 1 ? mapped.first! : scalar
        }
        paragraphs = findParagraphs()
        quotations = findQuotations()
        sentences = findSentences()
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

    static let openingMarks: Set<Unicode.Scalar> = ["“", "«", "„"]
    static let closingMarks: Set<Unicode.Scalar> = ["”", "»"]

    /// The first paragraph, when it reads as a headline: one short line that does not end a
    /// sentence.
    var headline: Range<Int>? {
        guard let first = paragraphs.first, first.count <= 160, !scalars[first].contains("\n"),
            let last = scalars[first].last, !".!?”\"»".unicodeScalars.contains(last)
        else { return nil }
        return first
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

    /// Quotation marks pair up within a paragraph: “ with ”, « with », and a straight " opens
    /// after a space or a bracket and closes otherwise. A quotation still open at the end of its
    /// paragraph goes on into the next one when that one starts with an opening mark (the way
    /// newspapers print a quotation of several paragraphs); otherwise it ends with its paragraph.
    private func findQuotations() -> [Quotation] {
        var result: [Quotation] = []
        var carried: Quotation?
        for (number, paragraph) in paragraphs.enumerated() {
            var open: Int?
            var index = paragraph.lowerBound
            if carried != nil, Self.openingMarks.contains(scalars[index]) || scalars[index] == "\"" {
                open = index + 1
                index += 1
            } else if let quotation = carried {
                result.append(quotation)
                carried = nil
            }
            while index < paragraph.upperBound {
                let s = scalars[index]
                let before: Unicode.Scalar? = index > paragraph.lowerBound ? scalars[index - 1] : nil
                let opensStraight =
                    s == "\"" && (before == nil || Self.isSpace(before!) || "([—–-:".unicodeScalars.contains(before!))
                if open == nil {
                    if Self.openingMarks.contains(s) || opensStraight { open = index + 1 }
                } else if Self.closingMarks.contains(s) || (s == "\"" && !opensStraight) {
                    let piece = open!..<index
                    if var quotation = carried {
                        quotation.pieces.append(piece)
                        result.append(quotation)
                        carried = nil
                    } else if !piece.isEmpty {
                        result.append(Quotation(pieces: [piece]))
                    }
                    open = nil
                }
                index += 1
            }
            if let start = open {
                let piece = trimmed(start..<paragraph.upperBound)
                let next = number + 1 < paragraphs.count ? paragraphs[number + 1] : nil
                let continues =
                    next.map { Self.openingMarks.contains(scalars[$0.lowerBound]) || scalars[$0.lowerBound] == "\"" }
                    ?? false
                if var quotation = carried {
                    quotation.pieces.append(piece)
                    carried = quotation
                } else {
                    carried = Quotation(pieces: [piece])
                }
                if !continues {
                    result.append(carried!)
                    carried = nil
                }
            } else if let quotation = carried {
                result.append(quotation)
                carried = nil
            }
        }
        if let quotation = carried { result.append(quotation) }
        return result
    }

    /// Words after which a full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "sen", "rep", "gov", "pres", "prof", "st",
        "jr", "sr", "rev", "hon", "amb", "adm", "cmdr", "brig", "gen", "no", "vol", "vs", "etc", "approx", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co", "mt", "ft",
        "e.g", "i.e", "cf", "al",
    ]

    private func findSentences() -> [Range<Int>] {
        // Where quotations are, to keep sentence ends out of them.
        var inside = [Bool](repeating: false, count: scalars.count)
        for quotation in quotations {
            for piece in quotation.pieces { for i in piece { inside[i] = true } }
        }
        var result: [Range<Int>] = []
        for paragraph in paragraphs {
            var start = paragraph.lowerBound
            var index = paragraph.lowerBound
            while index < paragraph.upperBound {
                let s = scalars[index]
                // A quotation that ends a sentence of its own: “We want water.” Then …
                if inside[index], ".!?…".unicodeScalars.contains(s), index + 1 < paragraph.upperBound,
                    !inside[index + 1], Self.closingMarks.contains(scalars[index + 1]) || scalars[index + 1] == "\""
                {
                    let end = index + 2
                    if end < paragraph.upperBound, Self.isSpace(scalars[end]), startsSentence(after: end, in: paragraph)
                    {
                        result.append(trimmed(start..<end))
                        start = end
                    }
                    index = end
                    continue
                }
                if (s == "." || s == "!" || s == "?" || s == "…") && !inside[index] {
                    // Closing marks and brackets belong to the sentence that ends here.
                    var end = index + 1
                    while end < paragraph.upperBound,
                        Self.closingMarks.contains(scalars[end]) || scalars[end] == "\"" || scalars[end] == ")"
                            || scalars[end] == "’"
                    {
                        end += 1
                    }
                    if end < paragraph.upperBound, Self.isSpace(scalars[end]),
                        startsSentence(after: end, in: paragraph),
                        s != "." || !isAbbreviation(endingAt: index, from: start)
                    {
                        result.append(trimmed(start..<end))
                        start = end
                    }
                    index = end
                    continue
                }
                index += 1
            }
            let rest = trimmed(start..<paragraph.upperBound)
            if !rest.isEmpty { result.append(rest) }
        }
        // A quotation over several paragraphs joins the sentences it runs through.
        for quotation in quotations where quotation.pieces.count > 1 {
            guard let first = result.firstIndex(where: { $0.contains(quotation.start) }),
                let last = result.lastIndex(where: { $0.contains(quotation.end - 1) || $0.upperBound == quotation.end }
                ),
                first < last
            else { continue }
            let joined = result[first].lowerBound..<result[last].upperBound
            result.replaceSubrange(first...last, with: [joined])
        }
        return result
    }

    /// Whether a new sentence can start after the white space at `index`: a capital, a digit or
    /// an opening mark.
    private func startsSentence(after index: Int, in paragraph: Range<Int>) -> Bool {
        var i = index
        while i < paragraph.upperBound, Self.isSpace(scalars[i]) { i += 1 }
        guard i < paragraph.upperBound else { return false }
        let s = scalars[i]
        return Self.isUpper(s) || Self.isDigit(s) || Self.openingMarks.contains(s) || s == "\"" || s == "("
    }

    /// Whether the full stop at `index` ends an abbreviation ("Mr.", "Gen."), an initial ("J.")
    /// or a dotted short form ("U.S.", "U.N.").
    private func isAbbreviation(endingAt index: Int, from start: Int) -> Bool {
        var i = index
        while i > start, !Self.isSpace(scalars[i - 1]), scalars[i - 1] != "(" { i -= 1 }
        let word = String(String.UnicodeScalarView(lower[i..<index]))
        if word.isEmpty { return false }
        if word.count == 1, Self.isUpper(scalars[i]) { return true }  // an initial
        if word.contains(".") { return true }  // U.S, e.g
        return Self.abbreviations.contains(word)
    }
}
