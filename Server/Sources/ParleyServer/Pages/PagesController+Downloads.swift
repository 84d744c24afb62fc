import Foundation
import Hummingbird
import HummingbirdCore
import ParleyKit
import ParleyModel

/// A format a page's report can be downloaded in: the command line's CSV and JSON, and the
/// self-contained HTML report (`parley report … --format html`).
enum DownloadFormat: String, QueryValue, CaseIterable, Sendable {
    case csv, json, html

    init(parameter name: String, text: String) throws {
        guard let format = Self(rawValue: text) else {
            throw APIProblem.badRequest("\(name) \(Echo.plain(text)): use csv, json or html")
        }
        self = format
    }

    var contentType: String {
        switch self {
        case .csv: return "text/csv; charset=utf-8"
        case .json: return "application/json"
        case .html: return "text/html; charset=utf-8"
        }
    }

    /// What the link says.
    var label: String {
        switch self {
        case .csv: return "CSV"
        case .json: return "JSON"
        case .html: return "HTML report"
        }
    }
}

extension PagesController {
    /// The report as a file to download when the query asks for a format (nil otherwise): the
    /// same bytes the command line writes, named after the page. A format the page does not
    /// offer is refused.
    func download<Query: PageParameters>(
        _ request: Request, _ context: ParleyContext, _ question: PageQuestion<Query>, _ formats: [DownloadFormat],
        _ make: @escaping @Sendable (Query) throws -> any Report
    ) async throws -> Response? {
        let (parameters, key) = (question.parameters, question.key)
        guard let format = parameters.format else { return nil }
        try await access.requireRead(request, context)
        guard formats.contains(format) else {
            let offered = formats.isEmpty ? "none" : formats.map(\.rawValue).joined(separator: ", ")
            throw APIProblem.badRequest("this page does not come as \(format.rawValue); it comes as: \(offered)")
        }
        let text = try await cache.answer(parley, "download \(key)") {
            let report = try make(parameters)
            let output: OutputFormat =
                switch format {
                case .csv: .csv
                case .json: .json
                case .html: .html
                }
            guard let text = report.rendering(as: output) else {
                throw APIProblem(.bug, detail: "the report has no \(format.rawValue) form")
            }
            return text
        }
        var response = Response.text(text, format.contentType)
        response.headers[.contentDisposition] =
            "attachment; filename=\"\(Self.fileName(request.uri.path, parameters.asOf)).\(format.rawValue)\""
        return response
    }

    /// `positions-2021-12-16`, `issues-transport-links-rail`: a download's name, from its page.
    static func fileName(_ path: String, _ asOf: CalendarDate?) -> String {
        var name = path == "/" ? "disputes" : ""
        for scalar in path.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) {
                name.unicodeScalars.append(scalar)
            } else if !name.isEmpty, name.last != "-" {
                name += "-"
            }
        }
        while name.hasSuffix("-") { name.removeLast() }
        return String(name.prefix(120)) + (asOf.map { "-\($0)" } ?? "")
    }

    /// "Download: CSV · JSON": links to the page's report in each format, with the page's query
    /// (its date, its filters).
    static func downloadLinks(_ uri: URI, _ formats: [DownloadFormat]) -> HTML {
        guard !formats.isEmpty else { return "" }
        let base = pageQuery(uri)
        let links = formats.map { format -> HTML in
            let href = uri.path + "?" + (base.isEmpty ? "" : base + "&") + "format=\(format.rawValue)"
            return "<a href=\"\(href)\" download>\(format.label)</a>"
        }
        return "<p class=\"downloads\">Download: \(links.joined(separator: " · "))</p>\n"
    }

    /// The query of a page's address as the page's links repeat it: without `format` and without
    /// empty parameters (a form's empty box), which a page takes as none.
    static func pageQuery(_ uri: URI) -> String {
        (uri.query ?? "").split(separator: "&")
            .filter { !$0.hasPrefix("format=") && !$0.isEmpty && !$0.hasSuffix("=") }
            .joined(separator: "&")
    }
}
