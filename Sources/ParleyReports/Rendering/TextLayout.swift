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

    /// An aligned table that fits `width` (nil: no limit, for a pipe). Columns too wide to fit
    /// are narrowed, widest first, down to their heading's width (at least 8), and their cells
    /// wrap within them; when even that does not fit, each row is printed as a block, the first
    /// cell on a line of its own and the others under it as `heading: value`.
    static func table(_ header: [String], _ rows: [[String]], width: Int?, style: TextStyle) -> String {
        guard !header.isEmpty else { return "" }
        let rows = rows.map { $0.map(Terminal.visible) }
        let natural = header.indices.map { i in
            max(header[i].count, rows.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0)
        }
        let gaps = 2 * (header.count - 1)
        var widths = natural
        if let width, natural.reduce(0, +) + gaps > width {
            let floor = header.map { max(8, $0.count) }
            let available = width - gaps
            guard zip(natural, floor).map({ min($0, $1) }).reduce(0, +) <= available else {
                return stacked(header, rows, width: width, style: style)
            }
            // The largest cap such that every column cut to it (never below its floor) fits.
            var low = 1
            var high = natural.max() ?? 1
            func total(_ cap: Int) -> Int { zip(natural, floor).map { min($0, max(cap, $1)) }.reduce(0, +) }
            while low < high {
                let mid = (low + high + 1) / 2
                if total(mid) <= available { low = mid } else { high = mid - 1 }
            }
            widths = zip(natural, floor).map { min($0, max(low, $1)) }
        }
        func lines(_ cells: [String]) -> [String] {
            let wrapped = widths.indices.map { i in wrap(i < cells.count ? cells[i] : "", width: widths[i]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { row in
                widths.indices.map { i in
                    let cell = row < wrapped[i].count ? wrapped[i][row] : ""
                    return i == widths.count - 1 ? cell : cell.padded(to: widths[i])
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        var out = [style.bold(lines(header).joined(separator: "\n"))]
        for row in rows { out += lines(row) }
        return out.joined(separator: "\n")
    }

    /// Each row as a block: its first cell, then `heading: value` lines wrapped under it.
    private static func stacked(_ header: [String], _ rows: [[String]], width: Int, style: TextStyle) -> String {
        let labelWidth = (header.dropFirst().map(\.count).max() ?? 0) + 2
        var out: [String] = []
        for row in rows {
            out.append(style.bold(hanging("", row.first ?? "", width: width)))
            for (i, title) in header.enumerated().dropFirst() where i < row.count && !row[i].isEmpty {
                out.append(hanging("  " + (title + ":").padded(to: labelWidth), row[i], width: width))
            }
        }
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
