import ParleyModel
import Testing

@testable import ParleyDraft

@Suite("Sentences and quotations")
struct SentenceTests {
    @Test("no sentence ends after Mr., Gen., Dr., U.S., an initial, or inside a quotation")
    func abbreviations() {
        let text = """
            Mr. Vell met Gen. Harlan and Dr. Ines Moro in the U.S. capital on Monday. Jon A. Kade said: "We will \
            wait. We will not move." Then they left.
            """
        let article = ArticleText(text)
        #expect(
            article.sentences.map { article.string($0) } == [
                "Mr. Vell met Gen. Harlan and Dr. Ines Moro in the U.S. capital on Monday.",
                "Jon A. Kade said: \"We will wait. We will not move.\"",
                "Then they left.",
            ])
    }

    @Test("curly, straight and « » marks pair up; a quotation over two paragraphs is one")
    func quotations() {
        let text = """
            Vell said: “We want water.” Kade added «never» and "soon".

            “The dam is a threat to us all.

            “We will go to court if we must,” Ostrander said.
            """
        let article = ArticleText(text)
        let quoted = article.quotations.map { $0.pieces.map { article.string($0) }.joined(separator: " | ") }
        #expect(
            quoted == [
                "We want water.", "never", "soon", "The dam is a threat to us all. | We will go to court if we must,",
            ])
        // The two paragraphs of the long quotation make one sentence to attribute.
        #expect(article.sentences.count == 3)
    }
}
