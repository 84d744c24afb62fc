import Foundation

/// Markdown helpers: escaping and tables.
enum Markdown {
    /// User text made safe for a Markdown table cell or line: characters that start formatting,
    /// links or code are backslash-escaped, `<`, `>` and `&` become entities (so no HTML gets
    /// through to a renderer that allows it), line breaks of any kind become `<br>`, and other
    /// control characters are shown escaped as on a terminal. The stored text is not changed.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\", "|", "*", "_", "`", "[", "]":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\r": out += "<br>"
            case "\n": if !previousWasCR { out += "<br>" }
            default:
                if Terminal.needsEscape(scalar) {
                    out += Terminal.visible(String(scalar))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// A GitHub-flavoured table of cells that are already Markdown: the caller escapes the user
    /// text it puts in them (``escape(_:)``), and keeps its own markup (`ids`, **emphasis**).
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var lines = ["| " + header.joined(separator: " | ") + " |", "|" + header.map { _ in " --- |" }.joined()]
        for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
        return lines.joined(separator: "\n")
    }
}
