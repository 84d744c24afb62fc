import Foundation
import Testing

/// Runs the built `parley` binary, the way a user does, in a temporary folder of its own.
struct CLIHarness {
    let directory: URL
    var database: String { directory.appendingPathComponent("case.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The `parley` executable built beside this test bundle.
    static let executable: URL = {
        let here = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [here, here.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("parley")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/parley")
    }()

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `parley ARGS` with `--db` pointing at this harness's database unless `useDB` is false.
    @discardableResult
    func run(
        _ arguments: [String], useDB: Bool = true, environment: [String: String] = [:],
        standardOutput: FileHandle? = nil
    ) throws -> Output {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments + (useDB ? ["--db", database] : [])
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["PARLEY_DB"] = nil
        env["NO_COLOR"] = "1"
        env["PARLEY_NOW"] = "2026-01-01T00:00:00Z"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = standardOutput ?? out
        process.standardError = err
        try process.run()
        try out.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs a command that must succeed.
    @discardableResult
    func succeed(_ arguments: [String], useDB: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> Output
    {
        let output = try run(arguments, useDB: useDB)
        #expect(
            output.status == 0, "parley \(arguments.joined(separator: " ")) failed: \(output.stderr)",
            sourceLocation: sourceLocation)
        return output
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// A small case built from the command line: two parties, an actor, nested issues, two sources.
    func seed() throws {
        try succeed(["init"])
        try succeed(["party", "add", "--id", "north", "--name", "Northland", "--kind", "state", "--alias", "Northern"])
        try succeed(["party", "add", "--id", "south", "--name", "Southland", "--kind", "state"])
        try succeed([
            "actor", "add", "--id", "nadia", "--name", "Nadia Nord", "--party", "north", "--role", "President",
        ])
        try succeed(["issue", "add", "--id", "water", "--title", "Sharing the river"])
        try succeed(["issue", "add", "--id", "water/dam", "--title", "The upstream dam"])
        try succeed(["source", "add", "--id", "gazette", "--title", "Gazette", "--published", "2020-05-01"])
        try succeed(["source", "add", "--id", "bulletin", "--title", "Bulletin", "--published", "2023-12-31"])
    }
}
