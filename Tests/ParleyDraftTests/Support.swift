import ParleyModel
import Testing

@testable import ParleyDraft

/// A small fictional case: two states, their leaders and a foreign minister, three issues.
func drafter() -> Drafter {
    Drafter(
        parties: [
            Party(id: "norland", name: "Norland", kind: .state, aliases: ["Norlandic", "Hollin"]),
            Party(id: "sudmark", name: "Sudmark", kind: .state, aliases: ["Sudmarker", "Brask"]),
            Party(id: "kavaria", name: "Kavaria", kind: .state),
        ],
        actors: [
            Actor(id: "ostrander", name: "Mira Ostrander", party: "norland", role: "Prime Minister", aliases: []),
            Actor(id: "vell", name: "Tomas Vell", party: "sudmark", role: "President", aliases: ["Vel"]),
            Actor(id: "kade", name: "Jon A. Kade", party: "sudmark", role: "Foreign Minister", aliases: []),
        ],
        issues: [
            Issue(id: "river", title: "Sharing the Ambra river"),
            Issue(id: "river/dam", title: "The Ambra dam at Tesk", aliases: ["tesk-dam"]),
            Issue(id: "border", title: "Border crossings and checkpoints"),
        ])
}

/// A date written in a test; a bad one fails the test that wrote it.
func day(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> CalendarDate {
    do {
        return try CalendarDate(parsing: text)
    } catch {
        Issue.record("\(text) is not a date: \(error)", sourceLocation: sourceLocation)
        return .earliest
    }
}

/// The first sentence of `text`, read as the drafter reads it (published 2021-12-16).
func sentence(_ text: String) -> (ArticleText, Sentence) {
    let article = ArticleText(text)
    let range = article.sentences.first ?? 0..<0
    return (article, Sentence(article, range, index: 0, dates: SaidDates(published: day("2021-12-16"))))
}

/// The first cue of the first sentence of `text`.
func firstCue(_ text: String) -> (ArticleText, Sentence, Cue)? {
    let (article, s) = sentence(text)
    for k in 0..<s.count where !s.quoted[k] {
        if let cue = Cue.at(k, in: s, article) { return (article, s, cue) }
    }
    return nil
}
