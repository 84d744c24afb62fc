import Hummingbird
import ParleyKit
import ParleyModel

extension PagesController {
    /// `GET /problems/KIND`: what an API problem type (its `type` URI) means. It holds no case
    /// data, so it needs no token.
    func problemType(_ request: Request, context: ParleyContext) async throws -> Response {
        guard let kind = context.parameters.get("kind").flatMap(ErrorKind.init(rawValue:)) else {
            throw HTTPError(.notFound)
        }
        return Response.html(
            Self.page(
                title: "Problem: \(kind.title)",
                body: "<p>\(kind.explanation)</p>\n<p>HTTP status \(Int(kind.status.code)).</p>\n"))
    }
}
