/// The words of a range: letters, digits, hyphens and apostrophes, with their ranges.
struct Words {
    var ranges: [Range<Int>] = []
    var lower: [String] = []
    var count: Int { ranges.count }

    init(_ article: ArticleText, _ range: Range<Int>) {
        article.forEachWord(in: range) { word in
            ranges.append(word)
            lower.append(article.lowered(word))
        }
    }
}

extension ArticleText {
    /// Calls `body` with the range of each word in `range`, in order: a run of letters, digits,
    /// hyphens and apostrophes that does not start with an apostrophe, without a trailing one
    /// (a closing single quote is not part of the word).
    func forEachWord(in range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var i = range.lowerBound
        while i < range.upperBound {
            if Self.isWordScalar(scalars[i]) && scalars[i] != "'" && scalars[i] != "’" {
                var j = i
                while j < range.upperBound, Self.isWordScalar(scalars[j]) { j += 1 }
                var end = j
                while end > i + 1, scalars[end - 1] == "’" || scalars[end - 1] == "'" { end -= 1 }
                body(i..<end)
                i = j
            } else {
                i += 1
            }
        }
    }
}
