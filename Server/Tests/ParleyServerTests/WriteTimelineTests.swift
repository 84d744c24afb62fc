import Foundation
import Testing

@Suite("The write timeline (PARLEY_WRITE_TIMELINE)")
struct WriteTimelineTests {
    @Test("asked for, the server logs each API write's steps in order, on the clock a client on the machine reads")
    func logsEachWritesSteps() async throws {
        let test = try Case.small()
        let editor = try test.token("newsdesk", role: "editor")
        let file = test.directory.appendingPathComponent("writes.jsonl")
        let server = try RunningServer(database: test.database, environment: ["PARLEY_WRITE_TIMELINE": file.path])
        var before = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        let recorded = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "share-by-need",
                "summary": "North comes round to shares by need.", "said": "2021-02-20", "source": "bulletin",
            ])
        var after = timespec()
        clock_gettime(CLOCK_MONOTONIC, &after)
        #expect(recorded.status == 201)
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        let line = try #require(
            try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any])
        #expect(line["number"] as? Int == 3)
        let steps = [
            "arrived", "authenticated", "decoded", "started", "began", "body_done", "committed", "performed",
            "resumed",
        ]
        let times = steps.compactMap { (line[$0] as? NSNumber)?.uint64Value }
        #expect(times.count == steps.count)
        #expect(times == times.sorted())
        let nanoseconds = { (time: timespec) in UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec) }
        #expect(times.first ?? 0 >= nanoseconds(before) && times.last ?? 0 <= nanoseconds(after))
        // A write refused is not in the log: it recorded nothing.
        let again = try await server.post(
            "/api/v1/statements", token: editor,
            json: [
                "party": "north", "issue": "water", "kind": "proposal", "stance": "share-by-need",
                "summary": "North comes round to shares by need.", "said": "2021-02-20", "source": "bulletin",
            ])
        #expect(again.status == 409)
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 1)
    }
}
