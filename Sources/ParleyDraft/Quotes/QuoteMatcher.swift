import Foundation

/// Finds a recorded quotation in a source's text, as a reader would: the same words in the same
/// order, whatever the white space, the quotation marks and apostrophes (curly or straight) and
/// the dashes, in any case, with the punctuation at the quotation's very end ignored ("…," in
/// the article and "….'" in the record are the same quotation). An ellipsis ("..." or "…")
/// stands for words left out: the pieces must appear in order.
public struct QuoteMatcher: Sendable {
    private let text: [Unicode.Scalar]

    public init(text: String) { self.text = Self.normalise(text) }

    /// Whether `quote` appears in the text.
    public func contains(_ quote: String) -> Bool { longestMatch(quote) == nil }

    /// nil when the whole quotation is found; else the longest beginning of it that is (empty
    /// when not even its first word is), to show the reader where the record departs from the
    /// text.
    public func longestMatch(_ quote: String) -> String? {
        let pieces = Self.pieces(quote)
        var from = 0
        for piece in pieces {
            if let found = Self.find(piece, in: text, from: from) {
                from = found
                continue
            }
            // The longest beginning of this piece found after the previous ones.
            var low = 0
            var high = piece.count
            while low < high {
                let middle = (low + high + 1) / 2
                if Self.find(Array(piece[0..<middle]), in: text, from: from) != nil {
                    low = middle
                } else {
                    high = middle - 1
                }
            }
            // As many of the quotation's own words as matched, as the record writes them.
            let prefix = piece[0..<low]
            var words = String(String.UnicodeScalarView(prefix)).split(separator: " ").count
            // A word cut off in the middle does not count.
            if low > 0, low < piece.count, prefix.last != " ", piece[low] != " " { words -= 1 }
            let own = quote.split(whereSeparator: { $0.isWhitespace })
            let before = pieces.prefix { $0 != piece }.reduce(0) {
                $0 + String(String.UnicodeScalarView($1)).split(separator: " ").count
            }
            return own.dropFirst(before).prefix(max(0, words)).joined(separator: " ")
        }
        return nil
    }

    static func pieces(_ quote: String) -> [[Unicode.Scalar]] {
        let marked = quote.replacingOccurrences(of: "...", with: "…")
        return marked.split(separator: "…").map { piece in
            var scalars = normalise(String(piece))
            while let last = scalars.last, ".,;:!?".unicodeScalars.contains(last) || last == " " {
                scalars.removeLast()
            }
            while let first = scalars.first, first == " " { scalars.removeFirst() }
            return scalars
        }.filter { !$0.isEmpty }
    }

    /// Where `piece` ends in `text` at or after `from`, or nil.
    static func find(_ piece: [Unicode.Scalar], in text: [Unicode.Scalar], from: Int) -> Int? {
        guard !piece.isEmpty else { return from }
        guard piece.count <= text.count else { return nil }
        var i = from
        let first = piece[0]
        while i + piece.count <= text.count {
            if text[i] == first {
                var k = 1
                while k < piece.count, text[i + k] == piece[k] { k += 1 }
                if k == piece.count { return i + k }
            }
            i += 1
        }
        return nil
    }

    static let quoteMarks: Set<Unicode.Scalar> = [
        "\"", "'", "“", "”", "„", "‟", "«", "»", "‘", "’", "‚", "‛", "`", "′", "″",
    ]
    static let dashes: Set<Unicode.Scalar> = ["-", "‐", "‑", "‒", "–", "—", "―", "−"]

    /// Lowercase, quotation marks dropped, dashes made one, white space made single spaces.
    static func normalise(_ text: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(text.unicodeScalars.count)
        var space = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !out.isEmpty
                continue
            }
            if quoteMarks.contains(scalar) { continue }
            if space {
                out.append(" ")
                space = false
            }
            if dashes.contains(scalar) {
                out.append("-")
            } else if scalar.isASCII {
                out.append(ArticleText.lowercased(scalar))
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return out
    }
}
