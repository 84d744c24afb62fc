import Foundation
import Testing

/// The README's "Drafting statements from an article" section, run exactly as written on the
/// sample article it names, through to the imported, reported statements.
@Suite("The README's drafting walk-through")
struct ReadmeDraftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The first `sh` block after the section's heading.
    static func section() throws -> String {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let heading = try #require(readme.range(of: "## Drafting statements from an article"))
        let open = try #require(readme.range(of: "```sh\n", range: heading.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```", range: open.upperBound..<readme.endIndex))
        return String(readme[open.upperBound..<close.lowerBound])
    }

    /// What a reviewer does, as `$EDITOR`: replaces every stance and summary marked for review,
    /// takes the first issue the draft suggests, and deletes a statement whose party or issue the
    /// draft could not tell.
    static let reviewer = #"""
        function flush() { if (block != "" && !drop) printf "%s", block; block = ""; drop = 0 }
        /^statements:/ { inside = 1; print; next }
        !inside { print; next }
        /^# [0-9]+\. / { flush(); block = $0 "\n"; next }
        {
            line = $0
            if (line ~ /"review: whose words/ || line ~ /issue: "review: which issue\? \(/) drop = 1
            if (line ~ /issue: "review: which issue\? perhaps /) {
                sub(/"review: which issue\? perhaps /, "\"", line); sub(/, [^"]*"$/, "\"", line)
            }
            if (line ~ /stance: "review:/) { n++; sub(/"review:[^"]*"/, "\"reviewed-" n "\"", line) }
            if (line ~ /summary: "review: in your words: /) sub(/"review: in your words: /, "\"", line)
            block = block line "\n"
        }
        END { flush() }
        """#

    @Test("the section runs as written: draft, review, import, check quotes, list what was recorded")
    func walkThrough() throws {
        let cli = try CLIHarness()
        let folder = cli.directory
        // The files the section names, where it names them (it runs from the repository's root).
        for path in ["Data/armenia-azerbaijan-2021-12.yaml", "Data/articles/2021-12-16-brussels-talks.txt"] {
            let target = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent(path), to: target)
        }
        let awk = try cli.write("review.awk", Self.reviewer)
        let editor = try cli.write(
            "review.sh", "#!/bin/sh\nawk -f '\(awk)' \"$1\" > \"$1.reviewed\" && mv \"$1.reviewed\" \"$1\"\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: editor)
        let script = try cli.write("section.sh", try Self.section())

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-e", script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = CLIHarness.executable.deletingLastPathComponent().path + ":/usr/bin:/bin"
        environment["EDITOR"] = editor
        environment["PARLEY_USER"] = "reviewer"
        environment["PARLEY_NOW"] = "2026-01-01T00:00:00Z"
        environment["NO_COLOR"] = "1"
        environment["PARLEY_DB"] = nil
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")

        // Every statement the review kept was imported, and is what `statements` lists.
        let reviewed = try String(contentsOf: folder.appendingPathComponent("draft.yaml"), encoding: .utf8)
        let kept = reviewed.components(separatedBy: "\n- party: ").count - 1
        #expect(kept >= 5, "the sample article should give at least five statements to review")
        #expect(!reviewed.contains(": \"review:"))
        #expect(stdout.contains("Merged draft.yaml: added \(kept) statement"))
        let numbered = stdout.split(separator: "\n").filter { $0.hasPrefix("#") && $0.contains("2021-12-1") }
        #expect(numbered.count == kept)
        #expect(stdout.contains("source: brussels-2021-12-16"))

        // The drafter's notes stay out of the case; the log says who reviewed the drafts.
        let db = folder.appendingPathComponent("brussels.sqlite").path
        let exported = try cli.succeed(["export", "--db", db], useDB: false).stdout
        #expect(!exported.contains("draft:"))
        #expect(!exported.contains("review:"))
        let log = try cli.succeed(["log", "--db", db], useDB: false).stdout
        #expect(log.contains("reviewed drafts: \(kept) statements drafted from an article, reviewed by reviewer"))
    }
}
