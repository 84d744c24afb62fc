import Foundation
import Hummingbird
import ParleyKit
import ParleyModel
import ParleyReports
import ParleyStore

/// parley-server: one Parley database served to a team, as web pages and a JSON API.
public struct ParleyServer: Sendable {
    /// Where and how to serve.
    public struct Options: Sendable {
        public var database: String
        public var host: String
        public var port: Int
        /// Whether reads need no token.
        public var publicRead: Bool

        public init(database: String, host: String = "127.0.0.1", port: Int = 8080, publicRead: Bool = false) {
            self.database = database
            self.host = host
            self.port = port
            self.publicRead = publicRead
        }
    }

    /// Why the server will not start.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    let options: Options
    let parley: Parley

    /// Opens the database for serving (reads side by side, writes one at a time) and checks the
    /// options: listening beyond this machine without any token is refused.
    public init(_ options: Options, clock: Clock = .system) throws {
        self.options = options
        parley = try Parley.open(database: options.database, for: .serve, clock: clock, user: "parley-server")
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(options.host) || options.host.hasPrefix("127.")
        if !loopback, try !parley.hasTokens() {
            throw StartError(
                description: "refusing to listen on \(options.host) with no token: anyone who can reach it could read "
                    + "and write; make one with `parley token add --name NAME --role editor --db \(options.database)`, "
                    + "or listen on 127.0.0.1")
        }
    }

    /// The routes: pages, the API, and a plain answer for anything else.
    func router() -> Router<ParleyContext> {
        let router = Router(context: ParleyContext.self)
        router.add(middleware: ProblemMiddleware())
        let access = Access(parley: parley, publicRead: options.publicRead)
        let cache = AnswerCache()
        router.addRoutes(PagesController(parley: parley, access: access, cache: cache).routes)
        router.addRoutes(APIController(parley: parley, access: access, cache: cache).routes, atPath: "/api/v1")
        return router
    }

    /// Serves until the process is stopped; `onRunning` is called once it listens, with its port.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "parley-server"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        try await app.runService()
    }
}

/// Answers every error in the command line's words: as `application/problem+json` for the API,
/// and as a page for a browser (with the sign-in form when a token is needed).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ParleyContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let problem: APIProblem
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            // Hummingbird's own (no such route): a problem too.
            let status = error.status
            problem = APIProblem(
                status: status, title: status.reasonPhrase,
                detail: status == .notFound ? "no page or API at \(request.uri.path)" : status.reasonPhrase)
        } catch {
            problem = APIProblem(error)
        }
        if request.uri.path.hasPrefix("/api/") { return problem.response }
        var body = "<p>\(HTML.escape(problem.detail))</p>\n"
        if problem.status == .unauthorized {
            body =
                "<p>This server needs a token to read. Sign in with the secret `parley token add` printed.</p>\n"
                + PagesController.signInForm
        }
        return .html(
            HTML.page(
                title: problem.title, body: body, navigation: PagesController.navigation(request.uri.path, asOf: nil)),
            status: problem.status)
    }
}
