import ArgumentParser
import Testing

@testable import parley

@Suite("Command-line parsing")
struct ParsingTests {
    @Test("add needs --party or --actor")
    func addNeedsWho() {
        #expect(throws: (any Error).self) {
            try ParleyCommand.parseAsRoot([
                "add", "--issue", "i", "--kind", "demand", "--stance", "s", "--summary", "x", "--source", "src",
            ])
        }
        #expect(throws: Never.self) {
            try ParleyCommand.parseAsRoot([
                "add", "--actor", "a", "--issue", "i", "--kind", "demand", "--stance", "s", "--summary", "x",
                "--source", "src",
            ])
        }
    }

    @Test("--db and --casefile together are refused with a message that says what to do")
    func dbOrCasefile() {
        do {
            _ = try ParleyCommand.parseAsRoot(["statements", "--db", "a.sqlite", "--casefile", "b.yaml"])
            Issue.record("expected a validation error")
        } catch {
            #expect(ParleyCommand.message(for: error) == "--db and --casefile given together; pass either, not both")
        }
    }

    @Test("closed lists are checked while parsing")
    func closedChoices() {
        #expect(throws: (any Error).self) {
            try ParleyCommand.parseAsRoot([
                "add", "--party", "p", "--issue", "i", "--kind", "threat", "--stance", "s", "--summary", "x",
                "--source", "src",
            ])
        }
        #expect(throws: (any Error).self) { try ParleyCommand.parseAsRoot(["statements", "--format", "xml"]) }
    }
}
