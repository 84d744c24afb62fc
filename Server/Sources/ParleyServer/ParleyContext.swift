import Foundation
import Hummingbird
import NIOCore

/// What every handler gets with a request: Hummingbird's own context (route parameters, the
/// logger) and the connection it came on, which knows the client's address whatever the headers
/// say.
struct ParleyContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request came on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The address of the other end of the connection (a proxy's, behind one).
    var peer: String { channel.remoteAddress?.ipAddress ?? "unknown" }

    /// Answers are encoded as the command line prints JSON: sorted keys, indented.
    var responseEncoder: APIEncoder { APIEncoder() }
}

/// The API's JSON: sorted keys, pretty-printed and ending in a line break, as `parley` prints it.
struct APIEncoder: ResponseEncoder {
    func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        .json(try Self.text(value))
    }

    static func text(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
