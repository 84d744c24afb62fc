/// The words of a range: letters, digits, hyphens and apostrophes, with their ranges.
struct Words {
    var ranges: [Range<Int>] = []
    var lower: [String] = []
    var count: Int { ranges.count }

    init(_ article: ArticleText, _ range: Range<Int>) {
        var i = range.lowerBound
        while i < range.upperBound {
            if ArticleText.isWordScalar(article.scalars[i]) && article.scalars[i] != "'" && article.scalars[i] != "’" {
                var j = i
                while j < range.upperBound, ArticleText.isWordScalar(article.scalars[j]) { j += 1 }
                // A trailing apostrophe (a closing single quote) is not part of the word.
                var end = j
                while end > i + 1, article.scalars[end - 1] == "’" || article.scalars[end - 1] == "'" { end -= 1 }
                ranges.append(i..<end)
                lower.append(article.lowered(i..<end))
                i = j
            } else {
                i += 1
            }
        }
    }
}
