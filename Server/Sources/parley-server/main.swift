import ArgumentParser
import Foundation
import ParleyKit
import ParleyServer

/// `parley-server --db case.sqlite`: serves one Parley database to a team.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley-server",
        abstract: "Serve a Parley database to a team: web pages and a JSON API.",
        discussion: """
            Pages: the disputes board (/), positions, agreements, contradictions, and a page per issue \
            (with its timeline), party and source; every page takes ?as_of=DATE, and the report pages \
            also ?known_as_of=MOMENT (the case as it was recorded then). The JSON API is under /api/v1/ \
            and answers with the command line's JSON; writes need an editor token (`parley token add`). \
            Reads need a token too unless --public-read.

            Several servers may serve one PostgreSQL database (--db postgres://user@host/dbname, built with \
            the PostgreSQL trait): a write through one is announced to the others (LISTEN/NOTIFY), and \
            tokens and sign-ins work on all of them.

            Example:
              parley-server --db case.sqlite --port 8080 --public-read
            """,
        version: "0.1.0")

    @Option(
        help: ArgumentHelp(
            "The Parley database (default: $PARLEY_DB, else ./parley.sqlite).",
            discussion: "An SQLite file, or postgres://user@host/dbname (a build with the PostgreSQL trait): "
                + "several servers may serve one PostgreSQL database."))
    var db: String?
    @Option(help: "The address to listen on; beyond this machine only with a token configured.")
    var host = "127.0.0.1"
    @Option(help: "The port (0: any free one).") var port = 8080
    @Flag(help: "Let anyone who can reach the server read without a token (writes still need one).")
    var publicRead = false
    @Flag(
        help: ArgumentHelp(
            "Believe the X-Forwarded-For, -Proto and -Host headers of a proxy in front of the server.",
            discussion: "Only when every request comes through that proxy (listen on 127.0.0.1); anyone else "
                + "could send them too."))
    var trustProxy = false
    @Option(help: "How long a browser session lasts without a request (90s, 30m, 8h, 7d).")
    var sessionIdle = Duration(seconds: SessionPolicy.standard.idle)
    @Option(help: "How long a browser session lasts in all, however busy (90s, 30m, 8h, 7d).")
    var sessionLifetime = Duration(seconds: SessionPolicy.standard.lifetime)
    @Option(
        help: "Seconds a client may take to send a request's headers, or its body, or stay idle, before it is closed.")
    var idleTimeout = 15
    @Option(help: "Connections one client address may hold open at once.")
    var connectionsPerClient = 64
    @Flag(help: "Print the JSON API's OpenAPI 3.1 document (as served at /api/v1/openapi.json) and exit.")
    var openapi = false

    func validate() throws {
        guard idleTimeout > 0 else { throw ValidationError("--idle-timeout must be at least 1 second") }
        guard connectionsPerClient > 0 else { throw ValidationError("--connections-per-client must be at least 1") }
    }

    func run() async throws {
        if openapi {
            FileHandle.standardOutput.write(Data(ParleyServer.openAPIDocument.utf8))
            return
        }
        // A write past the file-size limit (`ulimit -f`) then fails with an error that is
        // answered, instead of killing the server.
        signal(SIGXFSZ, SIG_IGN)
        let path =
            db ?? ProcessInfo.processInfo.environment["PARLEY_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "parley.sqlite"
        let server: ParleyServer
        do {
            server = try ParleyServer(
                .init(
                    database: path, host: host, port: port, publicRead: publicRead, trustProxy: trustProxy,
                    sessions: SessionPolicy(idle: sessionIdle.seconds, lifetime: sessionLifetime.seconds),
                    idleTimeout: idleTimeout, connectionsPerClient: connectionsPerClient))
        } catch {
            FileHandle.standardError.write(Data("parley-server: error: \(Self.describe(error))\n".utf8))
            throw ExitCode(1)
        }
        let host = self.host
        do {
            try await server.run { port in
                // Written straight to the file descriptor: a test or a supervisor waits for this line.
                let line = "parley-server: serving \(Parley.shownAddress(path)) on http://\(host):\(port)/\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            let text = "\(error)"
            let reason =
                text.contains("Address already in use")
                ? "the port is in use (another parley-server?); choose another --port, or 0 for any free one"
                : text.contains("Permission denied")
                    ? "permission denied; ports below 1024 need privileges, choose --port 8080 or above" : text
            FileHandle.standardError.write(
                Data("parley-server: error: cannot listen on \(host):\(port): \(reason)\n".utf8))
            throw ExitCode(1)
        }
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? LocalizedError, let text = error.errorDescription { return text }
        return "\(error)"
    }
}

/// A length of time on the command line: a whole number with `s`, `m`, `h` or `d` (seconds,
/// minutes, hours, days); a bare number is seconds.
struct Duration: ExpressibleByArgument, CustomStringConvertible {
    var seconds: Int

    init(seconds: Int) { self.seconds = seconds }

    init?(argument: String) {
        let units = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        let unit = argument.last.flatMap { units[String($0)] }
        guard let number = Int(unit == nil ? argument : String(argument.dropLast())), number > 0 else { return nil }
        let (seconds, overflow) = number.multipliedReportingOverflow(by: unit ?? 1)
        guard !overflow else { return nil }
        self.seconds = seconds
    }

    var description: String {
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60)] where seconds % size == 0 {
            return "\(seconds / size)\(unit)"
        }
        return "\(seconds)s"
    }

    var defaultValueDescription: String { description }
}
