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
        var result: [Quotation] = []
        var carried: Quotation?
        var leftOpen = false
        for (number, paragraph) in paragraphs.enumerated() {
            var open: Int?
            var index = paragraph.lowerBound
            let orphanAllowed = leftOpen && carried == nil && !opensWithMark(index)
            leftOpen = false
            if carried != nil, opensWithMark(index) {
                open = index + 1
                index += 1
            } else if let quotation = carried {
                result.append(quotation)
                carried = nil
            }
            while index < paragraph.upperBound {
                let s = scalars[index]
                let opensStraight = s == "\"" && opensStraightMark(at: index, in: paragraph)
                if let start = open {
                    if Self.closingMarks.contains(s) || (s == "\"" && !opensStraight) {
                        let piece = start..<index
                        if var quotation = carried {
                            quotation.pieces.append(piece)
                            result.append(quotation)
                            carried = nil
                        } else if !piece.isEmpty {
                            result.append(Quotation(pieces: [piece]))
                        }
                        open = nil
                    }
                } else if Self.openingMarks.contains(s) || opensStraight {
                    open = index + 1
                } else if orphanAllowed, result.last.map({ $0.end < paragraph.lowerBound }) ?? true,
                    Self.closingMarks.contains(s) || s == "\""
                {
                    let piece = trimmed(paragraph.lowerBound..<index)
                    if !piece.isEmpty { result.append(Quotation(pieces: [piece])) }
                }
                index += 1
            }
            if let start = open {
                let piece = trimmed(start..<paragraph.upperBound)
                let continues = number + 1 < paragraphs.count && opensWithMark(paragraphs[number + 1].lowerBound)
                var quotation = carried ?? Quotation(pieces: [])
                quotation.pieces.append(piece)
                carried = quotation
                if !continues {
                    result.append(quotation)
                    carried = nil
                    leftOpen = true
                }
            } else if let quotation = carried {
                result.append(quotation)
                carried = nil
            }
        }
        if let quotation = carried { result.append(quotation) }
        return result
    }

    /// A straight quotation mark opens at the start of its paragraph, after white space, or after
    /// a bracket, a dash or a colon.
    private func opensStraightMark(at index: Int, in paragraph: Range<Int>) -> Bool {
        guard index > paragraph.lowerBound else { return true }
        let before = scalars[index - 1]
        return Self.isSpace(before) || "([—–-:".unicodeScalars.contains(before)
    }
}
