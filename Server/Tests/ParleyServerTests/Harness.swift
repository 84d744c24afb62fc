import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Where the binaries under test are: beside this test bundle, in `.build/debug`.
enum Binaries {
    static let directory: URL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent()

    static func find(_ name: String) -> URL {
        for candidate in [directory, directory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(".build/debug/\(name)")
    }

    static let parley = find("parley")
    static let server = find("parley-server")

    /// The server package's folder (`Server/`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The bundled casefile, as the README's first command imports it.
    static let bundledCase = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("Data/armenia-azerbaijan-2021-12.yaml")

    /// Where screenshots go: `$PARLEY_ARTIFACTS`, else `Server/.build/test-artifacts` (not committed).
    static let artifacts: URL = {
        let environment = ProcessInfo.processInfo.environment["PARLEY_ARTIFACTS"]
        let url =
            environment.map { URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent(".build/test-artifacts")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()
}

struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to its end and collects what it printed.
@discardableResult
func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["PARLEY_DB"] = nil
    env["NO_COLOR"] = "1"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
        status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
        stderr: String(decoding: stderr, as: UTF8.self))
}

/// A case in a temporary folder, worked on with the real `parley` command.
struct Case {
    let directory: URL
    var database: String { directory.appendingPathComponent("case.sqlite").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs `parley ARGS --db CASE`, which must succeed.
    @discardableResult
    func parley(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let output = try run(Binaries.parley, arguments + ["--db", database])
        #expect(
            output.status == 0, "parley \(arguments.joined(separator: " ")) failed: \(output.stderr)",
            sourceLocation: sourceLocation)
        return output.stdout
    }

    /// Makes a token and returns its secret.
    func token(_ name: String, role: String) throws -> String {
        try parley(["token", "add", "--name", name, "--role", role]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The JSON the command line prints for `arguments`.
    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try parley(arguments + ["--format", "json"]).utf8))
    }

    /// A small case of its own: two parties, each with a stance on one issue, and an open dispute.
    static func small() throws -> Case {
        let test = try Case()
        try test.parley(["init"])
        try test.parley(["party", "add", "--id", "north", "--name", "Northland", "--kind", "state"])
        try test.parley(["party", "add", "--id", "south", "--name", "Southland", "--kind", "state"])
        try test.parley(["issue", "add", "--id", "water", "--title", "Sharing the river"])
        try test.parley(["source", "add", "--id", "gazette", "--title", "The Gazette", "--published", "2020-05-01"])
        try test.parley(["source", "add", "--id", "bulletin", "--title", "The Bulletin", "--published", "2021-03-01"])
        try test.parley([
            "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "share-equally",
            "--summary", "The river must be shared equally.", "--source", "gazette",
        ])
        try test.parley([
            "add", "--party", "south", "--issue", "water", "--kind", "rejection", "--stance", "share-by-need",
            "--summary", "Shares must follow need.", "--source", "bulletin",
        ])
        return test
    }
}

/// A running `parley-server`, on a free port, stopped when the test is done with it.
final class RunningServer: @unchecked Sendable {
    let process = Process()
    let base: URL
    let log: URL

    /// Starts `parley-server --db DATABASE --port 0 ARGS` and waits (at most 30 s) for the line
    /// that says where it listens.
    init(database: String, _ arguments: [String] = []) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("parley-server-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Binaries.server
        process.arguments = ["--db", database, "--port", "0"] + arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while true {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"on (http://[^ ]+/)\n"#, options: .regularExpression) {
                let address = text[range].dropFirst(3).dropLast()
                base = URL(string: String(address))!
                break
            }
            if !process.isRunning || Date() > deadline {
                process.terminate()
                throw ServerDidNotStart(log: text)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct ServerDidNotStart: Error { var log: String }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    struct Answer {
        var status: Int
        var contentType: String
        var body: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
    }

    /// One HTTP request, as a client would send it.
    func request(_ method: String, _ path: String, token: String? = nil, json body: Any? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return Answer(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type") ?? "",
            body: String(decoding: data, as: UTF8.self))
    }

    func get(_ path: String, token: String? = nil) async throws -> Answer {
        try await request("GET", path, token: token)
    }

    func post(_ path: String, token: String? = nil, json body: Any) async throws -> Answer {
        try await request("POST", path, token: token, json: body)
    }

    func url(_ path: String) -> URL { URL(string: path, relativeTo: base)!.absoluteURL }
}

/// Headless Chromium, as a reader's browser: Debian's `chromium` package.
enum Browser {
    static let path = "/usr/bin/chromium"

    static func arguments(_ extra: [String]) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)"] + extra
    }

    static let profile = FileManager.default.temporaryDirectory.appendingPathComponent("parley-chromium-\(getpid())")

    /// The DOM the browser builds from the page at `url`, serialised.
    static func dumpDOM(_ url: URL) throws -> String {
        let output = try run(URL(fileURLWithPath: path), arguments(["--dump-dom", url.absoluteString]))
        return output.stdout
    }

    /// Saves a screenshot of the page at `url` as `name.png` among the test artifacts.
    @discardableResult
    static func screenshot(_ url: URL, name: String, width: Int = 1100, height: Int = 1400) throws -> URL {
        let file = Binaries.artifacts.appendingPathComponent("\(name).png")
        try? FileManager.default.removeItem(at: file)
        try run(
            URL(fileURLWithPath: path),
            arguments(["--screenshot=\(file.path)", "--window-size=\(width),\(height)", url.absoluteString]))
        return file
    }
}

/// Every match of a regular expression's first capture group.
func captures(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}
