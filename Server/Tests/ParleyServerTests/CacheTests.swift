import Foundation
import ParleyKit
import Testing

@testable import ParleyServer

/// Counts how many times an answer was made.
actor Counter {
    var made = 0
    var running = 0
    var most = 0
    func start() {
        made += 1
        running += 1
        most = max(most, running)
    }
    func end() { running -= 1 }
}

@Suite("answers kept and shared")
struct CacheTests {
    @Test("sixteen readers of one question at one version cost one answer; a new version makes a new one")
    func sharedAnswer() async throws {
        let cache = AnswerCache()
        let counter = Counter()
        @Sendable func make(_ version: Int64) -> @Sendable () async throws -> AnswerCache.Made {
            {
                await counter.start()
                try await Task.sleep(for: .milliseconds(50))
                await counter.end()
                return (version, "board at \(version)")
            }
        }
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try await cache.answer("board", version: 1, make: make(1)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0 == "board at 1" })
        #expect(await counter.made == 1, "a reader of the version being made joins the making")
        #expect(try await cache.answer("board", version: 1, make: make(1)) == "board at 1")
        let before = await counter.made
        #expect(try await cache.answer("board", version: 2, make: make(2)) == "board at 2")
        #expect(await counter.made == before + 1)
    }

    @Test("while the case keeps changing, at most one answer per question is made at a time")
    func changingCase() async throws {
        let cache = AnswerCache()
        let counter = Counter()
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for version in 1...32 {
                group.addTask {
                    try await cache.answer("board", version: Int64(version)) {
                        await counter.start()
                        try await Task.sleep(for: .milliseconds(20))
                        await counter.end()
                        return (Int64(version), "board")
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(answers.count == 32)
        #expect(await counter.most == 1)
        #expect(await counter.made < 32)
    }

    @Test("a reader who asks after a write waits for an answer made after it, not for the one being made")
    func newerVersionWaits() async throws {
        let cache = AnswerCache()
        let counter = Counter()
        @Sendable func make(_ version: Int64) -> @Sendable () async throws -> AnswerCache.Made {
            {
                await counter.start()
                try await Task.sleep(for: .milliseconds(100))
                await counter.end()
                return (version, "board at \(version)")
            }
        }
        async let first = cache.answer("board", version: 1, make: make(1))
        try await Task.sleep(for: .milliseconds(20))
        async let same = cache.answer("board", version: 1, make: make(1))
        async let later = cache.answer("board", version: 2, make: make(2))
        #expect(try await first == "board at 1")
        #expect(try await same == "board at 1")
        #expect(try await later == "board at 2")
        #expect(await counter.made == 2)
        #expect(
            try await cache.answer("board", version: 1, make: make(1)) == "board at 2",
            "a newer answer serves an older question")
    }

    @Test(
        "long questions with short answers cannot grow the cache past its limit: keys count, and so does their number")
    func keysCount() async throws {
        let cache = AnswerCache(limit: 1 << 20, maxEntries: 100)
        let question = String(repeating: "x", count: 75_000)
        for i in 0..<200 {
            _ = try await cache.answer("\(question)\(i)", version: 1) { (1, "{}") }
            #expect(await cache.size <= 1 << 20)
        }
        #expect(await cache.size >= 10 * 75_000, "it still keeps answers")
        let small = AnswerCache(limit: 1 << 30, maxEntries: 100)
        for i in 0..<500 { _ = try await small.answer("q\(i)", version: 1) { (1, "a") } }
        #expect(await small.size <= 100 * 5)
    }

    @Test("a kept page filled for a reader is byte for byte the page with its markers replaced")
    func keptPageFilled() throws {
        let viewer = Viewer(name: "d\u{e9}sk", role: "editor", session: "s1", canWrite: true)
        let navigation: HTML = "<nav>Signed in as d\u{e9}sk <form>\(viewer.formToken)</form></nav>"
        let pages = [
            "", "no markers at all: caf\u{e9} \u{1F30A} <!--parley:other--> <!--parley:",
            "\(PageMarker.navigation.markup)\(PageMarker.formToken.markup)\(PageMarker.formToken.markup)",
            "<html>\u{1F30A}\(PageMarker.navigation.markup)<h1>Bo\u{e2}rd</h1><form>\(PageMarker.formToken.markup)</form>"
                + "<p>&lt;!--parley:form-token--&gt;</p><form>\(PageMarker.formToken.markup)</form></html>",
        ]
        for page in pages {
            // What a page was before pages were kept cut: each marker replaced in turn.
            let expected = page.replacingOccurrences(of: PageMarker.navigation.markup, with: navigation.markup)
                .replacingOccurrences(of: PageMarker.formToken.markup, with: viewer.formToken.markup)
            let filled = KeptPage(page).filled(navigation: navigation, viewer: viewer)
            #expect(filled.getString(at: filled.readerIndex, length: filled.readableBytes) == expected)
        }
        #expect(KeptPage("a\(PageMarker.formToken.markup)b").size == 2, "the markers are not kept")
    }

    @Test(
        "the board page kept and brought up to date after each kind of write is byte for byte a fresh server's board page"
    )
    func boardPageAfterWrites() async throws {
        let test = try Case.small()
        try test.parley([
            "dispute", "open", "--id", "river", "--title", "The river", "--issue", "water", "--party", "north",
            "--party", "south", "--on", "2020-05-01", "--source", "gazette",
        ])
        let editor = try test.token("desk", role: "editor")
        let server = try RunningServer(database: test.database)
        /// The kept board against the board a server started now makes from scratch.
        func expectAgrees(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
            let kept = try await server.get("/", token: editor)
            let fresh = try await RunningServer(database: test.database).get("/", token: editor)
            #expect(kept.status == 200 && fresh.status == 200, "after \(what)", sourceLocation: sourceLocation)
            #expect(kept.body == fresh.body, "the board page after \(what)", sourceLocation: sourceLocation)
        }
        try await expectAgrees("the first read")
        let statement: [String: Any] = [
            "party": "north", "issue": "water", "kind": "assertion", "stance": "share-by-treaty", "new_label": true,
            "summary": "Shares <by> treaty & \"law\".", "source": "bulletin", "said": "2021-02-01",
        ]
        #expect(try await server.post("/api/v1/statements", token: editor, json: statement).status == 201)
        try await expectAgrees("a statement through the API")
        try test.parley(["amend", "3", "--summary", "Shares by treaty.", "--reason", "Clearer."])
        try await expectAgrees("an amended summary")
        try test.parley(["party", "edit", "--id", "north", "--name", "The <North>"])
        try await expectAgrees("a party's name edited")
        try test.parley(["source", "edit", "--id", "bulletin", "--title", "The Bulletin & Post"])
        try await expectAgrees("a source's title edited")
        try test.parley(["issue", "add", "--id", "water/dam", "--title", "The dam"])
        try test.parley([
            "add", "--party", "south", "--issue", "water/dam", "--kind", "demand", "--stance", "build-dam",
            "--summary", "Build it.", "--source", "gazette",
        ])
        try await expectAgrees("an issue and a statement added by another process")
        try test.parley(["retract", "3", "--reason", "Withdrawn."])
        try await expectAgrees("a retraction")
        try test.parley(["issue", "rename", "water/dam", "water/barrage"])
        try await expectAgrees("an issue renamed")
    }
}
