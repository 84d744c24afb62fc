import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Said dates")
struct SaidDateTests {
    // Thursday 16 December 2021.
    let dates = SaidDates(published: day("2021-12-16"))

    func resolve(_ phrase: String) -> (String, String)? {
        let article = ArticleText("Vell spoke \(phrase) about the river.")
        return dates.phrases(in: article, Words(article, 0..<article.scalars.count)).first.map {
            ($0.date.description, $0.evidence)
        }
    }

    @Test(
        "phrases resolve against the publication day, never after it",
        arguments: [
            ("on Tuesday", "2021-12-14"), ("on Thursday", "2021-12-16"), ("on Friday", "2021-12-10"),
            ("last Thursday", "2021-12-09"), ("yesterday", "2021-12-15"), ("today", "2021-12-16"),
            ("last week", "2021-12"), ("earlier this month", "2021-12"), ("last month", "2021-11"),
            ("on 14 December", "2021-12-14"), ("on December 14", "2021-12-14"), ("on 20 December", "2020-12-20"),
            ("in July", "2021-07"), ("in 2019", "2019"), ("on 3 March 2020", "2020-03-03"), ("last year", "2020"),
        ])
    func phrase(_ phrase: String, _ expected: String) {
        #expect(resolve(phrase)?.0 == expected, "\(phrase)")
        #expect(resolve(phrase)?.1 == phrase)
    }

    @Test("a month not yet reached this year is last year's")
    func pastMonths() {
        let january = SaidDates(published: day("2022-01-10"))
        let article = ArticleText("Vell spoke in December and on 20 December.")
        let found = january.phrases(in: article, Words(article, 0..<article.scalars.count)).map(\.date.description)
        #expect(found == ["2021-12", "2021-12-20"])
    }
}
