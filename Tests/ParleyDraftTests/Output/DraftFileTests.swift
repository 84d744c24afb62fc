import Foundation
import ParleyModel
import Testing
import Yams

@testable import ParleyDraft

@Suite("The draft file")
struct DraftFileTests {
    func file(_ text: String) -> DraftFile {
        DraftFile(
            article: "a.txt", published: day("2021-12-16"), source: "gazette", newSource: nil,
            drafts: drafter().drafts(text, published: day("2021-12-16")))
    }

    @Test("the YAML is a casefile: what needs a person is marked review:, the drafter's notes sit under draft:")
    func yaml() throws {
        let yaml = try file("Ostrander demanded that work on the Tesk dam stop. Vell said: “Null: 12:30, ‘no’ # not.”")
            .yaml()
        #expect(yaml.contains("# 1. Ostrander demanded that work on the Tesk dam stop."))
        let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let statements = try #require(loaded["statements"] as? [[String: Any]])
        #expect(statements.count == 2)
        #expect(statements[0]["party"] as? String == "norland")
        #expect(statements[0]["actor"] as? String == "ostrander")
        #expect(statements[0]["issue"] as? String == "river/dam")
        #expect(statements[0]["kind"] as? String == "demand")
        #expect((statements[0]["stance"] as? String)?.hasPrefix(DraftFile.reviewPrefix) == true)
        #expect(statements[0]["summary"] as? String == "review: in your words: demanded that work on the Tesk dam stop")
        #expect(statements[0]["source"] as? String == "gazette")
        let notes = try #require(statements[0]["draft"] as? [String: Any])
        #expect(notes["speaker"] as? String == "Ostrander")
        #expect(notes["verb"] as? String == "demanded")
        // A quotation holding quotation marks, colons and "Null" reads back as written.
        #expect(statements[1]["quote"] as? String == "Null: 12:30, ‘no’ # not.")
    }

    @Test("the JSON has every field of every draft, null where there is no value")
    func json() throws {
        let json = try file("Ostrander demanded that work on the Tesk dam stop.").json()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["new_source"] as? Bool == false)
        let drafts = try #require(object["drafts"] as? [[String: Any]])
        #expect(drafts.first?["via"] is NSNull)
        #expect(drafts.first?["said"] is NSNull)
        #expect(drafts.first?["span"] as? [Int] == [24, 49])
    }
}
