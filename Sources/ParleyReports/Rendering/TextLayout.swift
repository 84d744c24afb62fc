import Foundation

/// Word wrapping and aligned tables for terminal text.
enum TextLayout {
    /// Wraps `text` into lines of at most `width` characters, breaking at spaces; a word longer
    /// than the width is cut. Control characters are shown escaped (see ``Terminal/visible(_:)``).
    /// Linear in the length of the text, however long its words.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(10, width)
        let text = Terminal.visible(text)
        // Most lines fit: a UTF-8 length within the width means the characters fit too.
        if text.utf8.count <= width && !text.utf8.contains(UInt8(ascii: "\n")) { return [text] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineCount = 0
            for word in paragraph.split(separator: " ") {
                var rest = word[...]
                var restCount = rest.count
                if lineCount > 0 && lineCount + 1 + restCount <= width {
                    line += " "
                    line += rest
                    lineCount += 1 + restCount
                    continue
                }
                if lineCount > 0 { lines.append(line) }
                while restCount > width {
                    let cut = rest.index(rest.startIndex, offsetBy: width)
                    lines.append(String(rest[..<cut]))
                    rest = rest[cut...]
                    restCount -= width
                }
                line = String(rest)
                lineCount = restCount
            }
            lines.append(line)
        }
        return lines
    }

    /// Wraps `text` with a hanging indent: the first line follows `lead`, the rest line up under it.
    static func hanging(_ lead: String, _ text: String, width: Int) -> String {
        let indent = String(repeating: " ", count: lead.count)
        return wrap(text, width: width - lead.count).enumerated()
            .map { ($0.offset == 0 ? lead : indent) + $0.element }
            .joined(separator: "\n")
    }

    /// An aligned table; the last column wraps so that the table fits in `width`.
    static func table(_ header: [String], _ rows: [[String]], width: Int, style: TextStyle) -> String {
        guard !header.isEmpty else { return "" }
        let rows = rows.map { $0.map(Terminal.visible) }
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count - 1 { widths[i] = max(widths[i], cell.count) }
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (widths.count - 1)
        let lastWidth = max(20, width - fixed)
        widths[widths.count - 1] = min(
            max(header.last?.count ?? 0, rows.map { $0.last?.count ?? 0 }.max() ?? 0), lastWidth)
        func line(_ cells: [String]) -> [String] {
            let wrapped = wrap(cells.last ?? "", width: widths[widths.count - 1])
            return wrapped.enumerated().map { index, tail in
                let lead = cells.dropLast().enumerated().map { i, cell in
                    (index == 0 ? cell : "").padded(to: widths[i])
                }
                return (lead + [tail]).joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        var out = [style.bold(line(header).joined(separator: "\n"))]
        for row in rows { out += line(row) }
        return out.joined(separator: "\n")
    }
}

extension String {
    /// The string followed by spaces up to `width` characters (never cut short).
    func padded(to width: Int) -> String {
        let count = self.count
        return count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
