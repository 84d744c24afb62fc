import Foundation

/// Word wrapping and aligned tables for terminal text.
enum TextLayout {
    /// Wraps `text` into lines of at most `width` characters, breaking at spaces; a word longer
    /// than the width is cut. Control characters are shown escaped (see ``Terminal/visible(_:)``).
    /// Linear in the length of the text, however long its words.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(10, width)
        return wrapASCII(text, width: width) ?? wrapCharacters(text, width: width)
    }

    /// ``wrap(_:width:)`` for text of printable ASCII and line feeds, which is most of a case's
    /// text: each byte is a character and nothing needs escaping, so it wraps bytes, not
    /// `Character`s (grapheme breaking was most of a `history` report's text layout). Nil for any
    /// other text. Gives the same lines as ``wrapCharacters(_:width:)``.
    static func wrapASCII(_ text: String, width: Int) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var fits = bytes.count <= width
            for byte in bytes {
                if byte == 0x0A {
                    fits = false
                } else if byte < 0x20 || byte > 0x7E {
                    return nil
                }
            }
            if fits { return [String(decoding: bytes, as: UTF8.self)] }
            var lines: [String] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                // One paragraph, bytes[start..<end]: its words are the runs between spaces.
                var line: [UInt8] = []
                var i = start
                while i < end {
                    if bytes[i] == 0x20 {
                        i += 1
                        continue
                    }
                    var wordEnd = i
                    while wordEnd < end && bytes[wordEnd] != 0x20 { wordEnd += 1 }
                    var rest = i
                    if !line.isEmpty && line.count + 1 + (wordEnd - rest) <= width {
                        line.append(0x20)
                        line.append(contentsOf: bytes[rest..<wordEnd])
                    } else {
                        if !line.isEmpty { lines.append(String(decoding: line, as: UTF8.self)) }
                        while wordEnd - rest > width {
                            lines.append(String(decoding: bytes[rest..<(rest + width)], as: UTF8.self))
                            rest += width
                        }
                        line = Array(bytes[rest..<wordEnd])
                    }
                    i = wordEnd
                }
                lines.append(String(decoding: line, as: UTF8.self))
                start = end + 1
            }
            return lines
        }
    }

    /// ``wrap(_:width:)`` for any text, by `Character`.
    static func wrapCharacters(_ text: String, width: Int) -> [String] {
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

    /// Wraps `text` with a hanging indent: the first line follows `lead`, the rest line up under it,
    /// or `deeper` columns further in, so that they read as the first line's continuation.
    static func hanging(_ lead: String, _ text: String, width: Int, deeper: Int = 0) -> String {
        let indent = String(repeating: " ", count: lead.count + deeper)
        return wrap(text, width: width - indent.count).enumerated()
            .map { ($0.offset == 0 ? lead : indent) + $0.element }
            .joined(separator: "\n")
    }

    /// An aligned table that fits `width` (nil: no limit, for a pipe, where each row stays one
    /// line). Columns empty in every row are left out. An id is never broken: when the table is
    /// too wide, prose columns wrap at spaces (a long word after a hyphen or a slash), lists of ids
    /// between their items, each narrowed no further than it must; and when the whole columns
    /// alone do not fit, each row is printed as a block instead (``stacked(_:_:width:style:)``).
    static func table(_ columns: [TableColumn], _ rows: [[String]], width: Int?, style: TextStyle) -> String {
        let kept = columns.indices.filter { i in rows.contains { i < $0.count && !$0[i].isEmpty } || rows.isEmpty }
        guard !kept.isEmpty else { return "" }
        let columns = kept.map { columns[$0] }
        let rows = rows.map { row in kept.map { i in i < row.count ? Terminal.visible(row[i]) : "" } }
        let natural = columns.indices.map { i in
            max(columns[i].heading.count, rows.map { $0[i].count }.max() ?? 0)
        }
        let gaps = 2 * (columns.count - 1)
        var widths = natural
        if let width, natural.reduce(0, +) + gaps > width {
            let floors = columns.indices.map { i in min(natural[i], columns[i].narrowest(rows.map { $0[i] })) }
            let available = width - gaps
            guard floors.reduce(0, +) <= available else {
                return stacked(columns, rows, width: width, style: style)
            }
            widths = shared(available, natural: natural, floors: floors)
            // A list wraps between its items, so it may use less than it was given: give the rest
            // to the prose columns.
            for i in columns.indices where columns[i].fit == .list {
                let used = rows.map { fitted($0[i], width: widths[i], .list).map(\.count).max() ?? 0 }.max() ?? 0
                widths[i] = max(floors[i], used)
            }
            let prose = columns.indices.filter { columns[$0].fit == .prose }
            let fixed = columns.indices.filter { columns[$0].fit != .prose }.map { widths[$0] }.reduce(0, +)
            let proseWidths = shared(
                available - fixed, natural: prose.map { natural[$0] }, floors: prose.map { floors[$0] })
            for (k, i) in prose.enumerated() { widths[i] = proseWidths[k] }
        }
        func lines(_ cells: [String], fits: [TableColumn.Fit]) -> [String] {
            let wrapped = widths.indices.map { i in fitted(cells[i], width: widths[i], fits[i]) }
            let height = wrapped.map(\.count).max() ?? 1
            return (0..<height).map { row in
                widths.indices.map { i in
                    let cell = row < wrapped[i].count ? wrapped[i][row] : ""
                    return i == widths.count - 1 ? cell : cell.padded(to: widths[i])
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
        }
        let headings = lines(columns.map(\.heading), fits: columns.map { _ in .prose })
        var out = [style.bold(headings.joined(separator: "\n"))]
        for row in rows { out += lines(row, fits: columns.map(\.fit)) }
        return out.joined(separator: "\n")
    }

    /// Widths for columns that would take `natural` and may go down to `floors`, sharing
    /// `available`: the widest are narrowed first, to the largest common cap that fits.
    private static func shared(_ available: Int, natural: [Int], floors: [Int]) -> [Int] {
        var low = 1
        var high = natural.max() ?? 1
        func total(_ cap: Int) -> Int { zip(natural, floors).map { min($0, max(cap, $1)) }.reduce(0, +) }
        while low < high {
            let mid = (low + high + 1) / 2
            if total(mid) <= available { low = mid } else { high = mid - 1 }
        }
        return zip(natural, floors).map { min($0, max(low, $1)) }
    }

    /// Each row as a block, as `git log` prints commits: its first cell on a line of its own,
    /// then `heading: value` lines wrapped under it (ids still whole), and a blank line between
    /// blocks.
    private static func stacked(_ columns: [TableColumn], _ rows: [[String]], width: Int, style: TextStyle) -> String {
        let labelWidth = (columns.dropFirst().map(\.heading.count).max() ?? 0) + 2
        var blocks: [String] = []
        for row in rows {
            var block = [style.bold(row.first ?? "")]
            for (i, column) in columns.enumerated().dropFirst() where !row[i].isEmpty {
                let lead = "  " + (column.heading + ":").padded(to: labelWidth)
                let indent = String(repeating: " ", count: lead.count)
                let lines = fitted(row[i], width: max(1, width - lead.count), column.fit)
                block += lines.enumerated().map { ($0.offset == 0 ? lead : indent) + $0.element }
            }
            blocks.append(block.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// The lines of one cell in a column `width` wide: a whole value on one line however long,
    /// a list broken after its commas, prose wrapped at spaces.
    static func fitted(_ text: String, width: Int, _ fit: TableColumn.Fit) -> [String] {
        switch fit {
        case .whole: return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .list: return wrapList(text, width: width)
        case .prose: return wrapProse(text, width: width)
        }
    }

    /// A list of ids (`armenia, azerbaijan`) in lines of at most `width`: broken only after a
    /// comma, which stays at the end of the line, so that every id is whole.
    static func wrapList(_ text: String, width: Int) -> [String] {
        let items = text.components(separatedBy: ", ")
        var lines: [String] = []
        var line = ""
        for (index, item) in items.enumerated() {
            let isLast = index == items.count - 1
            let joined = line.isEmpty ? item : line + ", " + item
            if line.isEmpty || joined.count + (isLast ? 0 : 1) <= width {
                line = joined
            } else {
                lines.append(line + ",")
                line = item
            }
        }
        lines.append(line)
        return lines
    }

    /// Prose in lines of at most `width`, broken at spaces; a word longer than the width is broken
    /// after a hyphen or a slash where it has one (`Armenian-` / `Azerbaijani`), else cut.
    static func wrapProse(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var count = 0
            for word in paragraph.split(separator: " ") {
                for (index, piece) in pieces(word, width: width).enumerated() {
                    let space = index == 0 && count > 0 ? 1 : 0
                    let pieceCount = piece.count
                    if count == 0 || count + space + pieceCount <= width {
                        line += (space == 1 ? " " : "") + piece
                        count += space + pieceCount
                    } else {
                        lines.append(line)
                        line = String(piece)
                        count = pieceCount
                    }
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// A word as pieces no longer than `width`: whole when it fits, else broken after each hyphen
    /// or slash, and any piece still too long cut.
    private static func pieces(_ word: Substring, width: Int) -> [Substring] {
        guard word.count > width else { return [word] }
        var parts: [Substring] = []
        var start = word.startIndex
        for index in word.indices where (word[index] == "-" || word[index] == "/") && index != word.startIndex {
            let end = word.index(after: index)
            parts.append(word[start..<end])
            start = end
        }
        if start < word.endIndex { parts.append(word[start...]) }
        return parts.flatMap { part -> [Substring] in
            guard part.count > width else { return [part] }
            var cuts: [Substring] = []
            var rest = part
            while rest.count > width {
                let cut = rest.index(rest.startIndex, offsetBy: width)
                cuts.append(rest[..<cut])
                rest = rest[cut...]
            }
            if !rest.isEmpty { cuts.append(rest) }
            return cuts
        }
    }
}

/// A column of a listing: its heading, and how its cells may be broken to fit the width.
public struct TableColumn: Hashable, Sendable {
    /// How a cell may be broken across lines.
    public enum Fit: Hashable, Sendable {
        /// An id, a date, a status, a number: never broken, so that it can be copied.
        case whole
        /// A list of ids separated by ", ": broken only between them.
        case list
        /// Words: wrapped at spaces.
        case prose
    }

    public var heading: String
    public var fit: Fit

    public init(_ heading: String, _ fit: Fit) {
        self.heading = heading
        self.fit = fit
    }

    /// An id or other value never broken.
    public static func whole(_ heading: String) -> TableColumn { TableColumn(heading, .whole) }
    /// A list of ids, broken between them.
    public static func list(_ heading: String) -> TableColumn { TableColumn(heading, .list) }
    /// Prose, wrapped at spaces.
    public static func prose(_ heading: String) -> TableColumn { TableColumn(heading, .prose) }

    /// The narrowest this column may be for `cells`: its longest value (whole), its longest item
    /// and a comma (list), or a readable measure (prose); never narrower than the longest word of
    /// its heading, which wraps at its spaces.
    func narrowest(_ cells: [String]) -> Int {
        let heading = self.heading.split(separator: " ").map(\.count).max() ?? 0
        let longest: Int
        switch fit {
        case .whole: longest = cells.map(\.count).max() ?? 0
        case .list:
            longest = cells.flatMap { $0.components(separatedBy: ", ") }.map { $0.count + 1 }.max() ?? 0
        case .prose: longest = Self.proseMeasure
        }
        return max(heading, longest)
    }

    /// The narrowest a prose column is made before the table becomes blocks: narrower, a title
    /// reads a word a line.
    static let proseMeasure = 10
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
