import ArgumentParser
import Foundation
import ParleyServer

/// `parley-server --db case.sqlite`: serves one Parley database to a team.
@main
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley-server",
        abstract: "Serve a Parley database to a team: web pages and a JSON API.",
        discussion: """
            Pages: the disputes board (/), positions, agreements, contradictions, and a page per issue \
            (with its timeline), party and source; every page takes ?as_of=DATE. The JSON API is under \
            /api/v1/ and answers with the command line's JSON; writes need an editor token \
            (`parley token add`). Reads need a token too unless --public-read.

            Example:
              parley-server --db case.sqlite --port 8080 --public-read
            """,
        version: "0.1.0")

    @Option(help: "The Parley database (default: $PARLEY_DB, else ./parley.sqlite).") var db: String?
    @Option(help: "The address to listen on; beyond this machine only with a token configured.")
    var host = "127.0.0.1"
    @Option(help: "The port (0: any free one).") var port = 8080
    @Flag(help: "Let anyone who can reach the server read without a token (writes still need one).")
    var publicRead = false

    func run() async throws {
        let path =
            db ?? ProcessInfo.processInfo.environment["PARLEY_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "parley.sqlite"
        let server: ParleyServer
        do {
            server = try ParleyServer(.init(database: path, host: host, port: port, publicRead: publicRead))
        } catch {
            FileHandle.standardError.write(Data("parley-server: error: \(Self.describe(error))\n".utf8))
            throw ExitCode(1)
        }
        let host = self.host
        do {
            try await server.run { port in
                // Written straight to the file descriptor: a test or a supervisor waits for this line.
                let line = "parley-server: serving \(path) on http://\(host):\(port)/\n"
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
