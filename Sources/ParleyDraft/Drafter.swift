import ParleyModel

/// What the drafter read in one article.
public struct DraftedArticle: Sendable {
    /// The statements it appears to report, in article order.
    public var drafts: [Draft]
    /// Its headline, when its first paragraph reads as one: a title for its source.
    public var headline: String?
}

/// Reads a dated article and proposes statements; writes nothing anywhere.
///
/// Drafting runs in stages, each in its own folder: the text's sentences and quotations
/// (`Text/`), the reporting verbs that cue a remark (`Cues/`), who speaks (`Speakers/`), what
/// they said (`Said/`), when (`Dates/`) and on which issue (`Issues/`); `Reading/` puts them
/// together sentence by sentence.
public struct Drafter: Sendable {
    let speakers: SpeakerTable
    /// Depends on the case only, so it is made once for every article.
    let guesser: IssueGuesser

    public init(parties: [Party], actors: [Actor], issues: [Issue]) {
        speakers = SpeakerTable(parties: parties, actors: actors)
        // Party and people's names name no issue.
        var names = Set<String>()
        for entry in speakers.entries where entry.kind != .role {
            for word in entry.words { names.insert(IssueGuesser.stem(word.lowercased())) }
        }
        guesser = IssueGuesser(issues: issues, ignoring: names)
    }

    /// Reads `text`, published on `published`.
    public func read(_ text: String, published: CalendarDate) -> DraftedArticle {
        let article = ArticleText(text)
        var reader = ArticleReader(
            article: article, speakers: speakers, dates: SaidDates(published: published), guesser: guesser)
        // A headline restates what the article reports, and a kicker or a caption sums it up:
        // neither is a statement of its own.
        let headline = article.headline
        let headings = article.paragraphs.filter(article.isHeading)
        for (index, range) in article.sentences.enumerated()
        where !headings.contains(where: { $0.contains(range.lowerBound) }) {
            reader.read(Sentence(article, range, index: index, dates: reader.dates))
        }
        return DraftedArticle(drafts: reader.drafts, headline: headline.map { article.string($0) })
    }

    /// The statements `text`, published on `published`, appears to report, in article order.
    public func drafts(_ text: String, published: CalendarDate) -> [Draft] {
        read(text, published: published).drafts
    }
}
