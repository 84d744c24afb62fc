extension ArticleText {
    /// Words after which a full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "sen", "rep", "gov", "pres", "prof", "st",
        "jr", "sr", "rev", "hon", "amb", "adm", "cmdr", "brig", "gen", "no", "vol", "vs", "etc", "approx", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "ltd", "co", "mt", "ft",
        "e.g", "i.e", "cf", "al",
    ]

    func findSentences() -> [Range<Int>] {
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
        return joiningLongQuotations(result)
    }

    /// A quotation over several paragraphs joins the sentences it runs through.
    private func joiningLongQuotations(_ sentences: [Range<Int>]) -> [Range<Int>] {
        var result = sentences
        for quotation in quotations where quotation.pieces.count > 1 {
            guard let first = result.firstIndex(where: { $0.contains(quotation.start) }),
                let last = result.lastIndex(where: {
                    $0.contains(quotation.end - 1) || $0.upperBound == quotation.end
                }),
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
        let word = lowered(i..<index)
        if word.isEmpty { return false }
        if word.count == 1, Self.isUpper(scalars[i]) { return true }  // an initial
        if word.contains(".") { return true }  // U.S, e.g
        return Self.abbreviations.contains(word)
    }
}
