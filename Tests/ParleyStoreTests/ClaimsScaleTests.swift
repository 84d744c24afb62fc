import Foundation
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Claims on a board of many issues")
struct ClaimsScaleTests {
    @Test(
        "the claims about a party on 1,200 issues and their sub-issues are found: the board asked them in one query SQLite refused past 1,000 issues"
    )
    func claimsOnManyIssues() throws {
        let db = try ParleyDatabase()
        let count = 1_200
        try db.write { w in
            try w.add(Party(id: "a", name: "A", kind: .state))
            try w.add(Party(id: "b", name: "B", kind: .state))
            try w.add(Source(id: "herald", title: "H", published: try CalendarDate(parsing: "2020-01-01")))
            for n in 0..<count {
                try w.add(Issue(id: "topic-\(n)", title: "Topic \(n)"))
                try w.add(Issue(id: "topic-\(n)/detail", title: "Detail \(n)"))
            }
            try w.add(Issue(id: "elsewhere", title: "Not asked"))
        }
        // Claims by a about b: on the first topic, on the last topic's sub-issue, and on an issue
        // outside the question.
        for issue in ["topic-0", "topic-\(count - 1)/detail", "elsewhere"] {
            try db.record(
                Statement(
                    party: "a", issue: issue, kind: .assertion, stance: "b-wants-more", summary: "B wants more.",
                    source: "herald", about: "b"))
        }
        let asked = (0..<count).map { "topic-\($0)" }
        let claims = try db.read { try $0.claims(about: ["b"], on: asked, asOf: nil) }
        #expect(claims.map(\.statement.issue).sorted() == ["topic-0", "topic-\(count - 1)/detail"])
        #expect(claims.allSatisfy { $0.statement.party == "a" && $0.statement.about == "b" })
    }
}
