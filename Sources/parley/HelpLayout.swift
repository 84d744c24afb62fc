import Foundation

/// Fits help text to the terminal: ArgumentParser wraps prose and option help, but not the
/// USAGE line, which lists every option. A line too long is broken between options (never
/// inside `[--db <path>]`) and continued under itself.
enum HelpLayout {
    /// The width help is fitted to: $COLUMNS, else the terminal's, else 80 (as ArgumentParser).
    static var width: Int {
        if let columns = environment("COLUMNS").flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }

    /// `text` with every line longer than `width` broken between its words or bracketed groups.
    static func fitted(_ text: String, width: Int = HelpLayout.width) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > width else { return String(line) }
            let indentCount = line.prefix { $0 == " " }.count
            let words = groups(line.dropFirst(indentCount))
            // USAGE: and Usage: lines continue under the command; others under their first word.
            let hang = String(repeating: " ", count: indentCount + min((words.first?.count ?? 0) + 1, width / 2))
            var lines: [String] = []
            var current = String(repeating: " ", count: indentCount)
            for word in words {
                let isStart = current.trimmingCharacters(in: .whitespaces).isEmpty
                if !isStart && current.count + 1 + word.count > width {
                    lines.append(current)
                    current = hang + word
                } else {
                    current += (isStart ? "" : " ") + word
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The words of `text`, keeping `[ ... ]` and `< ... >` groups whole.
    static func groups(_ text: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "[" || character == "<" { depth += 1 }
            if character == "]" || character == ">" { depth = max(0, depth - 1) }
            if character == " " && depth == 0 {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
