extension ArticleText {
    /// What stands between a pair of quotation marks.
    struct Quotation {
        /// One piece per paragraph the quotation runs through; never empty.
        var pieces: [Range<Int>]
        var start: Int { pieces.first?.lowerBound ?? 0 }
        var end: Int { pieces.last?.upperBound ?? 0 }

        /// Whether `offset` is inside one of the pieces.
        func contains(_ offset: Int) -> Bool { pieces.contains { $0.contains(offset) } }
    }

    static let openingMarks: Set<Unicode.Scalar> = ["“", "«", "„"]
    static let closingMarks: Set<Unicode.Scalar> = ["”", "»"]

    /// Whether the paragraph starting at `start` opens with a quotation mark.
    func opensWithMark(_ start: Int) -> Bool {
        Self.openingMarks.contains(scalars[start]) || scalars[start] == "\""
    }

    /// Quotation marks pair up within a paragraph: “ with ”, « with », and a straight " opens
    /// after a space or a bracket and closes otherwise. A quotation still open at the end of its
    /// paragraph goes on into the next one when that one starts with an opening mark (the way
    /// newspapers print a quotation of several paragraphs); otherwise it ends with its paragraph,
    /// and when the next paragraph closes a quotation it never opened, that paragraph up to the
    /// mark is a quotation too (the opening mark left out).
    func findQuotations() -> [Quotation] {
        var scan = QuotationScan()
        for (number, paragraph) in paragraphs.enumerated() {
            scan.read(paragraph, next: number + 1 < paragraphs.count ? paragraphs[number + 1] : nil, in: self)
        }
        if let quotation = scan.carried { scan.found.append(quotation) }
        return scan.found
    }

    /// A straight quotation mark opens at the start of its paragraph, after white space, or after
    /// a bracket, a dash or a colon.
    func opensStraightMark(at index: Int, in paragraph: Range<Int>) -> Bool {
        guard index > paragraph.lowerBound else { return true }
        let before = scalars[index - 1]
        return Self.isSpace(before) || "([—–-:".unicodeScalars.contains(before)
    }
}

/// Quotation marks paired paragraph by paragraph (see ``ArticleText/findQuotations()``).
private struct QuotationScan {
    var found: [ArticleText.Quotation] = []
    /// A quotation still open at the end of the paragraph before, going on into this one.
    var carried: ArticleText.Quotation?
    /// Whether the paragraph before ended inside a quotation that did not go on.
    var leftOpen = false

    mutating func read(_ paragraph: Range<Int>, next: Range<Int>?, in article: ArticleText) {
        var open: Int?
        var index = paragraph.lowerBound
        let orphanAllowed = leftOpen && carried == nil && !article.opensWithMark(index)
        leftOpen = false
        if carried != nil, article.opensWithMark(index) {
            open = index + 1
            index += 1
        } else if let quotation = carried {
            found.append(quotation)
            carried = nil
        }
        while index < paragraph.upperBound {
            mark(at: index, open: &open, orphanAllowed: orphanAllowed, paragraph, article)
            index += 1
        }
        guard let start = open else {
            if let quotation = carried { found.append(quotation) }
            carried = nil
            return
        }
        var quotation = carried ?? ArticleText.Quotation(pieces: [])
        quotation.pieces.append(article.trimmed(start..<paragraph.upperBound))
        carried = quotation
        if !(next.map { article.opensWithMark($0.lowerBound) } ?? false) {
            found.append(quotation)
            carried = nil
            leftOpen = true
        }
    }

    /// What the scalar at `index` does: opens a quotation, closes the open one, or closes one
    /// the paragraph never opened (the one before left a quotation open).
    private mutating func mark(
        at index: Int, open: inout Int?, orphanAllowed: Bool, _ paragraph: Range<Int>, _ article: ArticleText
    ) {
        let s = article.scalars[index]
        let opensStraight = s == "\"" && article.opensStraightMark(at: index, in: paragraph)
        if let start = open {
            guard ArticleText.closingMarks.contains(s) || (s == "\"" && !opensStraight) else { return }
            let piece = start..<index
            if var quotation = carried {
                quotation.pieces.append(piece)
                found.append(quotation)
                carried = nil
            } else if !piece.isEmpty {
                found.append(ArticleText.Quotation(pieces: [piece]))
            }
            open = nil
        } else if ArticleText.openingMarks.contains(s) || opensStraight {
            open = index + 1
        } else if orphanAllowed, found.last.map({ $0.end < paragraph.lowerBound }) ?? true,
            ArticleText.closingMarks.contains(s) || s == "\""
        {
            let piece = article.trimmed(paragraph.lowerBound..<index)
            if !piece.isEmpty { found.append(ArticleText.Quotation(pieces: [piece])) }
        }
    }
}
