/// One sentence of an article with its words, the quotations in it and the phrases that date
/// something: what every later stage reads.
struct Sentence {
    /// Its place among the article's sentences.
    var index: Int
    var range: Range<Int>
    var words: Words
    /// The words as written.
    var text: [String]
    /// Whether each word is inside a quotation.
    var quoted: [Bool]
    /// The quotations that start in it.
    var quotations: [ArticleText.Quotation]
    /// The dating phrases in it.
    var phrases: [DatePhrase]

    init(_ article: ArticleText, _ range: Range<Int>, index: Int, dates: SaidDates) {
        self.index = index
        self.range = range
        words = Words(article, range)
        text = words.ranges.map { article.string($0) }
        let quotations = article.quotations.filter { range.contains($0.start) }
        self.quotations = quotations
        quoted = words.ranges.map { word in quotations.contains { $0.contains(word.lowerBound) } }
        phrases = dates.phrases(in: article, words)
    }

    var count: Int { words.count }
    var lower: [String] { words.lower }

    /// Whether `offset` is inside one of the sentence's quotations.
    func isQuoted(_ offset: Int) -> Bool { quotations.contains { $0.contains(offset) } }

    /// The dating phrases outside quotations.
    var ownPhrases: [DatePhrase] { phrases.filter { !isQuoted($0.range.lowerBound) } }

    /// The longest quotation in the sentence.
    var longestQuotation: ArticleText.Quotation? { quotations.max { $0.end - $0.start < $1.end - $1.start } }
}
