import Foundation
import Hummingbird
import HummingbirdCore
import ParleyKit
import ParleyModel
import Synchronization

/// parley-server: one Parley database served to a team, as web pages and a JSON API.
public struct ParleyServer: Sendable {
    /// Where and how to serve.
    public struct Options: Sendable {
        public var database: String
        public var host: String
        public var port: Int
        /// Whether reads need no token.
        public var publicRead: Bool
        /// Whether a proxy in front of the server is believed about the client's address and
        /// about HTTPS (`X-Forwarded-For`, `-Proto`, `-Host`).
        public var trustProxy: Bool
        /// How long a browser's session lasts.
        public var sessions: SessionPolicy
        /// Seconds a client may take to send a request's headers, or its body, or stay idle
        /// between requests, before its connection is closed.
        public var idleTimeout: Int
        /// Connections one client address may hold open at once.
        public var connectionsPerClient: Int

        public init(
            database: String, host: String = "127.0.0.1", port: Int = 8080, publicRead: Bool = false,
            trustProxy: Bool = false, sessions: SessionPolicy = .standard, idleTimeout: Int = 15,
            connectionsPerClient: Int = 64
        ) {
            self.database = database
            self.host = host
            self.port = port
            self.publicRead = publicRead
            self.trustProxy = trustProxy
            self.sessions = sessions
            self.idleTimeout = idleTimeout
            self.connectionsPerClient = connectionsPerClient
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
                    + "and write; make one with `parley token add --name NAME --role editor --db "
                    + "\(Parley.shownAddress(options.database))`, "
                    + "or listen on 127.0.0.1")
        }
    }

    /// The routes: pages, the API, the stylesheet and script, and a plain answer for anything else.
    func router(cache: AnswerCache = AnswerCache()) -> Router<ParleyContext> {
        let router = Router(context: ParleyContext.self)
        let access = Access(
            parley: parley, publicRead: options.publicRead, trustProxy: options.trustProxy,
            sessions: options.sessions, throttle: Throttle(), bodyTimeout: Double(options.idleTimeout))
        let table = RouteRecorder()
        addRoutes(to: table, access: access, cache: cache)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware(access: access, routes: table))
        addRoutes(to: router, access: access, cache: cache)
        return router
    }

    /// Registers every route on `router`: the stylesheet and script, the pages and the API. (The tests
    /// record them, to compare the API's with its OpenAPI document.)
    func addRoutes<Router: RouterMethods<ParleyContext>>(
        to router: Router, access: Access, cache: AnswerCache = AnswerCache()
    ) {
        for asset in [Stylesheet.asset, ReviewScript.asset] { router.get(RouterPath(asset.path), use: asset.serve) }
        router.addRoutes(PagesController(parley: parley, access: access, cache: cache).routes)
        router.addRoutes(APIController(parley: parley, access: access, cache: cache).routes, atPath: "/api/v1")
    }

    /// The routes the server registers, as `METHOD /path` with `:name` for a parameter.
    public func registeredRoutes() -> [String] {
        let recorder = RouteRecorder()
        addRoutes(
            to: recorder,
            access: Access(
                parley: parley, publicRead: options.publicRead, trustProxy: options.trustProxy,
                sessions: options.sessions, throttle: Throttle()))
        return recorder.routes
    }

    /// The API's OpenAPI 3.1 document (`Docs/openapi.json`).
    public static var openAPIDocument: String { OpenAPIDocument.text }

    /// The fields of the API's write bodies that the document does not describe, or describes
    /// but the server does not take, as `operation: field`: none, unless the two drifted apart.
    public static var undocumentedBodyFields: [String] {
        OpenAPIDocument.operations.flatMap { operation -> [String] in
            guard let body = operation.body else { return [] }
            let taken = Set(body.fields)
            let described = Set(body.schemas.map(\.0))
            return taken.symmetricDifference(described).sorted().map { "\(operation.id): \($0)" }
        }
    }

    /// The API's endpoints as its OpenAPI document lists them: `METHOD /api/v1/path`, `{name}` for a parameter.
    public static var documentedRoutes: [String] {
        OpenAPIDocument.operations.map { "\($0.method.rawValue) /api/v1/\($0.path)" }
    }

    /// Serves until the process is stopped; `onRunning` is called once it listens, with its port.
    ///
    /// Slow clients cannot hold the server: a connection that takes longer than the idle timeout
    /// to send its headers, or sits idle between requests, is closed; one address may hold only
    /// so many connections; and all connections together stay below the process's file limit
    /// (raised to its maximum), so that there is always one for the database and new clients wait
    /// in the backlog instead of failing.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let files = Self.raiseFileLimit()
        let counts = ConnectionCounts(perAddress: options.connectionsPerClient)
        // Answers are kept by the case's change-log version. On PostgreSQL every write announces
        // its version when it commits, whichever server or process made it: the server hears it
        // and drops what it kept of older versions (on SQLite the version is read per request).
        let cache = AnswerCache()
        parley.watchChanges { version in Task { await cache.drop(olderThan: version) } }
        let app = Application(
            router: router(cache: cache),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [ConnectionGuard(counts)],
                    idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: .init(
                address: .hostname(options.host, port: options.port), serverName: "parley-server",
                availableConnectionsDelegate: MaximumAvailableConnections(max(64, files - 128))),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) })
        try await app.runService()
    }

    /// Raises the limit of open files to the most the system allows this process, and returns it.
    static func raiseFileLimit() -> Int {
        var limit = rlimit()
        #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
            let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        return Int(min(limit.rlim_cur, 1 << 20))
    }
}

/// Answers every error in the command line's words: as `application/problem+json` for the API,
/// and as a page for a browser (with the sign-in form when a token is needed). A request whose
/// body was too large or too slow is answered and its connection closed, without reading the rest.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ParleyContext
    let access: Access
    /// Every route, to tell a path that does not exist (404) from a method it does not take (405).
    let routes: RouteRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var problem: APIProblem
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            // Hummingbird's own (no such route, a body over the limit): a problem too.
            let status = error.status
            problem = APIProblem(
                status: status, title: status.reasonPhrase,
                detail: status == .notFound
                    ? "no page or API at \(request.uri.path)"
                    : status == .contentTooLarge
                        ? "the body is larger than this server takes" : status.reasonPhrase)
            // A path that exists, asked with a method it does not take: 405, with the ones it takes.
            let allowed = routes.methods(for: request.uri.path)
            if status == .notFound, !allowed.isEmpty {
                problem = APIProblem(
                    status: .methodNotAllowed, title: "Method not allowed",
                    detail:
                        "\(request.uri.path) takes \(allowed.joined(separator: " and ")), not \(request.method.rawValue)",
                    headers: [.allow: allowed.joined(separator: ", ")])
            }
        } catch {
            problem = APIProblem(error)
        }
        var response = page(problem, request, context)
        if problem.status == .contentTooLarge || problem.status == .requestTimeout {
            // Stop reading: the rest of the body is not wanted, and the connection ends after this answer.
            response.headers[.connection] = "close"
            context.channel.close(mode: .input, promise: nil)
        }
        return response
    }

    /// The problem as the client wants it: JSON for the API, a page for a browser.
    func page(_ problem: APIProblem, _ request: Request, _ context: Context) -> Response {
        if request.uri.path.hasPrefix("/api/") { return problem.response }
        var body: HTML = "<p>\(PagesController.codeSpans(problem.detail))</p>\n"
        var cookie: Cookie?
        if problem.status == .unauthorized {
            let next = request.method == .get ? request.uri.description : nil
            let form = PagesController.signInForm(access.client(request, context), next: next)
            body =
                "<p>This server needs a token to read. Sign in with the secret that "
                + "<code>parley token add</code> printed.</p>\n" + form.html
            cookie = form.cookie
        }
        var response = Response.html(
            PagesController.page(
                title: problem.title, body: body, navigation: PagesController.navigation(request.uri.path, asOf: nil)),
            status: problem.status)
        response.headers.append(contentsOf: problem.headers)
        if let cookie { response.setCookie(cookie) }
        return response
    }
}

/// Collects the routes registered on it, without serving them: filled once, before the server
/// starts, and only read after (held in a `Mutex`, so the compiler checks that it is shared safely).
final class RouteRecorder: RouterMethods, Sendable {
    typealias Context = ParleyContext
    private struct Recorded {
        /// `METHOD /path`, `:name` for a parameter, `**` for the rest of the path.
        var routes: [String] = []
        var templates: [(method: String, components: [Substring])] = []
    }
    private let recorded = Mutex(Recorded())

    /// `METHOD /path` for each route, in the order they were registered.
    var routes: [String] { recorded.withLock { $0.routes } }

    @discardableResult func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        recorded.withLock {
            $0.routes.append("\(method.rawValue) \(path.description)")
            $0.templates.append((method.rawValue, path.description.split(separator: "/")))
        }
        return self
    }

    /// The methods the routes that match `path` take, in the order they were registered.
    func methods(for path: String) -> [String] {
        let parts = path.split(separator: "/")
        var methods: [String] = []
        for template in recorded.withLock({ $0.templates })
        where Self.matches(template.components, parts) && !methods.contains(template.method) {
            methods.append(template.method)
        }
        return methods
    }

    static func matches(_ template: [Substring], _ parts: [Substring]) -> Bool {
        for (index, component) in template.enumerated() {
            if component == "**" { return parts.count > index }
            guard index < parts.count, component.hasPrefix(":") || component == parts[index] else { return false }
        }
        return template.count == parts.count
    }

    func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self { self }
}
