import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
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

    /// The fictional corridor talks the golden reports are made from (issue 22's negotiation case).
    static let negotiationCase = packageRoot.deletingLastPathComponent()
        .appendingPathComponent("Tests/ParleyReportsTests/Fixtures/negotiation.yaml")

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

    /// The JSON the command line prints for `arguments`.
    func json(_ arguments: [String]) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(try parley(arguments + ["--format", "json"]).utf8))
    }

    /// A small case of its own: two parties, each with a stance on one issue, and an open dispute.
    static func small() throws -> Case {
        let test = try Case()
        try test.fillSmall()
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
    /// `limitFileBlocks` starts it with that file-size limit (`ulimit -f`, in 512-byte blocks);
    /// `environment` adds to the test's environment.
    init(
        database: String, _ arguments: [String] = [], limitFileBlocks: Int? = nil, environment: [String: String] = [:]
    ) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("parley-server-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        if let limitFileBlocks {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                [
                    "-c", "ulimit -f \(limitFileBlocks); exec \"$0\" \"$@\"", Binaries.server.path, "--db", database,
                    "--port", "0",
                ]
                + arguments
        } else {
            process.executableURL = Binaries.server
            process.arguments = ["--db", database, "--port", "0"] + arguments
        }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while true {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"on (http://[^ ]+/)\n"#, options: .regularExpression) {
                let address = text[range].dropFirst(3).dropLast()
                guard let url = URL(string: String(address)) else { throw ServerDidNotStart(log: text) }
                base = url
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

    /// The port it listens on.
    var port: Int { base.port ?? 0 }

    /// What it has logged so far (standard output and error).
    var logged: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// One request over a connection of its own, exactly as given (`Connection: close` added).
    func raw(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil
    ) throws -> RawResponse {
        let connection = try RawConnection(port: port)
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        try connection.send(head + "\r\n" + (body ?? ""))
        return try connection.response()
    }

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
        var request = URLRequest(url: url(path))
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
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

    /// The address of `path` on this server; a path that is no URL is a mistake in the test.
    func url(_ path: String) -> URL {
        guard let url = URL(string: path, relativeTo: base) else { preconditionFailure("not a URL path: \(path)") }
        return url.absoluteURL
    }
}

/// Headless Chromium, as a reader's browser: Debian's `chromium` package, or the browser that
/// `PARLEY_BROWSER` names. Tests that need it are skipped, with the reason shown, where it is
/// missing; `.ci/run` sets PARLEY_BROWSER_REQUIRED, so that CI fails instead of skipping them.
enum Browser {
    static let path = ProcessInfo.processInfo.environment["PARLEY_BROWSER"] ?? "/usr/bin/chromium"

    /// Whether the browser tests run: the browser is there, or it is required (CI).
    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: path)
            || ProcessInfo.processInfo.environment["PARLEY_BROWSER_REQUIRED"] != nil
    }

    /// Why the browser tests are skipped, shown by `swift test`.
    static let missingReason =
        "no browser at \(path): install Debian's chromium package (or set PARLEY_BROWSER to a Chromium) to run it"

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
    guard let regex = try? NSRegularExpression(pattern: pattern) else {
        preconditionFailure("not a regular expression: \(pattern)")
    }
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
        Range(match.range(at: 1), in: text).map { String(text[$0]) }
    }
}

/// A response as it came over the wire.
struct RawResponse {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: String

    /// The first value of a header (any case).
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Every `Set-Cookie` header.
    var cookies: [String] { headers.filter { $0.name.lowercased() == "set-cookie" }.map(\.value) }

    /// The value a `Set-Cookie` header gives the cookie `name`.
    func cookie(_ name: String) -> String? {
        for cookie in cookies where cookie.hasPrefix(name + "=") {
            return String(cookie.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}

/// A TCP connection to the server on 127.0.0.1, written and read byte by byte: for requests no
/// HTTP library would send (half a request, a body that never ends) and for watching the server
/// close the connection.
final class RawConnection {
    let socket: Int32
    private var buffer: [UInt8] = []

    struct Failed: Error { var what: String }

    init(port: Int) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failed(what: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(socket)
            throw Failed(what: "connect: \(String(cString: strerror(errno)))")
        }
    }

    deinit { Glibc.close(socket) }

    /// Sends `text`; false if the server has closed the connection.
    @discardableResult
    func send(_ text: String) throws -> Bool { try send(Array(text.utf8)) }

    @discardableResult
    func send(_ bytes: [UInt8]) throws -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if count <= 0 { return false }
            sent += count
        }
        return true
    }

    /// Waits up to `seconds` for bytes: what came, empty if the server closed the connection,
    /// nil if nothing came in time.
    func receive(within seconds: Double) -> [UInt8]? {
        var poller = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return nil }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { Glibc.recv(socket, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(chunk[..<count]) : []
    }

    /// Whether the server closes the connection within `seconds` (bytes it sends meanwhile are
    /// read and dropped).
    func isClosed(within seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard let bytes = receive(within: deadline.timeIntervalSinceNow) else { return false }
            if bytes.isEmpty { return true }
        }
        return false
    }

    /// Reads one response (its head, then as many body bytes as its Content-Length says).
    func response(within seconds: Double = 10) throws -> RawResponse {
        let deadline = Date().addingTimeInterval(seconds)
        func more() throws {
            guard let bytes = receive(within: max(0, deadline.timeIntervalSinceNow)), !bytes.isEmpty else {
                throw Failed(what: "the connection closed or went quiet before a whole response")
            }
            buffer += bytes
        }
        let separator = Array("\r\n\r\n".utf8)
        var end: Int?
        while end == nil {
            end = buffer.indices.dropLast(3).first { Array(buffer[$0..<$0 + 4]) == separator }
            if end == nil { try more() }
        }
        guard let end else { throw Failed(what: "no head") }
        let head = String(decoding: buffer[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        let headers = head.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = Int(headers.first { $0.name.lowercased() == "content-length" }?.value ?? "0") ?? 0
        while buffer.count < end + 4 + length { try more() }
        let body = String(decoding: buffer[(end + 4)..<(end + 4 + length)], as: UTF8.self)
        buffer.removeFirst(end + 4 + length)
        return RawResponse(status: status, headers: headers, body: body)
    }
}

/// A case that `parley` commands can be run against (a SQLite file or a PostgreSQL database).
protocol CaseCommands {
    /// The `--db` the commands are given: a file path or a `postgres://` address.
    var database: String { get }
}

extension CaseCommands {
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

    /// Fills an empty case with ``Case/small()``'s records: two parties, each with a stance on one
    /// issue, and an open dispute.
    func fillSmall(sourceLocation: SourceLocation = #_sourceLocation) throws {
        try parley(["init"], sourceLocation: sourceLocation)
        try parley(
            ["party", "add", "--id", "north", "--name", "Northland", "--kind", "state"], sourceLocation: sourceLocation)
        try parley(
            ["party", "add", "--id", "south", "--name", "Southland", "--kind", "state"], sourceLocation: sourceLocation)
        try parley(["issue", "add", "--id", "water", "--title", "Sharing the river"], sourceLocation: sourceLocation)
        try parley(
            ["source", "add", "--id", "gazette", "--title", "The Gazette", "--published", "2020-05-01"],
            sourceLocation: sourceLocation)
        try parley(
            ["source", "add", "--id", "bulletin", "--title", "The Bulletin", "--published", "2021-03-01"],
            sourceLocation: sourceLocation)
        try parley(
            [
                "add", "--party", "north", "--issue", "water", "--kind", "demand", "--stance", "share-equally",
                "--summary", "The river must be shared equally.", "--source", "gazette",
            ], sourceLocation: sourceLocation)
        try parley(
            [
                "add", "--party", "south", "--issue", "water", "--kind", "rejection", "--stance", "share-by-need",
                "--summary", "Shares must follow need.", "--source", "bulletin",
            ], sourceLocation: sourceLocation)
    }
}

extension Case: CaseCommands {}
