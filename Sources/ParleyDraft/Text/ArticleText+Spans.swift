extension ArticleText {
    /// Whether anything but spaces stands between two scalar offsets (a comma, a quotation mark).
    func punctuated(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        for i in from..<to where !Self.isSpace(scalars[i]) { return true }
        return false
    }

    /// Whether a letter stands between two offsets.
    func hasLetters(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return (from..<to).contains { Self.isLetter(scalars[$0]) }
    }

    /// Whether a comma stands between two offsets.
    func hasComma(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return scalars[from..<to].contains(",")
    }

    /// A full stop or semicolon between two offsets.
    func hasStop(_ from: Int, _ to: Int) -> Bool {
        guard from < to else { return false }
        return (from..<to).contains { [".", ";", "!", "?"].contains(scalars[$0]) }
    }

    /// How many words (as ``Words`` finds them) stand between two offsets.
    func wordsBetween(_ from: Int, _ to: Int) -> Int {
        guard from < to else { return 0 }
        var count = 0
        forEachWord(in: from..<to) { _ in count += 1 }
        return count
    }

    func wordCount(_ q: Quotation) -> Int {
        q.pieces.reduce(0) { $0 + wordsBetween($1.lowerBound, $1.upperBound) }
    }

    func letters(in range: Range<Int>) -> Int {
        var count = 0
        for i in range where Self.isLetter(scalars[i]) { count += 1 }
        return count
    }

    /// Drops a trailing full stop and closing marks that are not part of the clause.
    func strip(_ range: Range<Int>) -> Range<Int> {
        var upper = range.upperBound
        while upper > range.lowerBound, [".", ",", ";", ":"].contains(scalars[upper - 1]) { upper -= 1 }
        return trimmed(range.lowerBound..<upper)
    }

    /// A quotation's words, verbatim but for the comma that hands over to "he said".
    func quoteText(_ quotation: Quotation) -> String {
        var text = quotation.pieces.map { flat($0) }.joined(separator: " ")
        while text.hasSuffix(",") { text.removeLast() }
        return text
    }

    /// Where a paragraph's text starts after a dateline ("HOLLIN, March 9 (Wire) - ").
    func withoutDateline(_ start: Int) -> Int {
        guard paragraphStarts.contains(start) else { return start }
        var i = start
        var capitals = 0
        while i < scalars.count, Self.isUpper(scalars[i]) || scalars[i] == " " {
            if Self.isUpper(scalars[i]) { capitals += 1 }
            i += 1
        }
        guard capitals >= 2, i < scalars.count, scalars[i] == "," else { return start }
        var k = i
        while k < min(scalars.count, i + 50) {
            let c = scalars[k]
            if c == "-" || c == "–" || c == "—", k + 1 < scalars.count, Self.isSpace(scalars[k + 1]),
                Self.isSpace(scalars[k - 1])
            {
                return k + 2
            }
            k += 1
        }
        return start
    }

    /// The distance in scalars between two ranges; 0 when they overlap.
    static func distance(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if a.upperBound <= b.lowerBound { return b.lowerBound - a.upperBound }
        if b.upperBound <= a.lowerBound { return a.lowerBound - b.upperBound }
        return 0
    }
}
