/// Sizes no real record reaches, beyond which input is refused rather than stored. They keep a
/// mistaken or hostile file from filling the disk, the memory or the terminal; Data/README.md
/// lists them.
public enum Limits {
    /// Ids and stance labels, in characters.
    public static let idLength = 200
    /// Free text (summaries, quotes, titles, names, notes, terms, descriptions), in UTF-8 bytes.
    public static let textBytes = 100_000
    /// A source's stored full text, in UTF-8 bytes.
    public static let sourceTextBytes = 10_000_000
    /// Fields on one line of a CSV file.
    public static let csvFields = 64
    /// One record of a CSV file, in bytes.
    public static let csvRecordBytes = 1 << 20
    /// How much larger than the casefile itself its content may grow through YAML aliases
    /// (`*name`): the nodes and bytes of text read may reach this many times the file's size,
    /// plus ``casefileExpansionSlack`` bytes.
    public static let casefileExpansion = 2
    /// See ``casefileExpansion``.
    public static let casefileExpansionSlack = 1 << 20
    /// How many characters of a value an error message repeats.
    public static let echoedCharacters = 60
    /// The most hits a search returns at once.
    public static let searchHits = 10_000
}

/// A user-supplied value as messages show it: in quotes, and when it is long, its first
/// characters and its length, so that a message about a 5 MB value stays one readable line.
public enum Echo {
    /// `'value'`, or `'first 60 characters…' (123,456 characters)`.
    public static func quoted(_ text: String) -> String {
        var count = 0
        var end = text.startIndex
        for index in text.indices {
            if count == Limits.echoedCharacters {
                end = index
                break
            }
            count += 1
            end = text.endIndex
        }
        if end == text.endIndex { return "'\(text)'" }
        return "'\(text[..<end])…' (\(grouped(text.count)) characters)"
    }

    /// A short value of letters, digits, `-`, `.` and `/` as it is (`2021-13`); anything else
    /// quoted and shortened as ``quoted(_:)`` does.
    public static func plain(_ text: String) -> String {
        let plain =
            !text.isEmpty && text.count <= Limits.echoedCharacters
            && text.utf8.allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte)
                    || "-./".utf8.contains(byte)
            }
        return plain ? text : quoted(text)
    }

    /// 123456 as "123,456".
    public static func grouped(_ number: Int) -> String {
        let digits = String(number)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }
}

extension ModelError {
    /// The problem with the content of a text field, if any: a NUL byte (SQLite would cut the
    /// text there, so it is refused rather than stored cut), or more than `limit` bytes of UTF-8.
    public static func text(_ text: String?, field: String, limit: Int = Limits.textBytes) -> ModelError? {
        guard let text else { return nil }
        if text.utf8.contains(0) { return .nulCharacter(field: field) }
        guard text.utf8.count > limit else { return nil }
        return .tooLong(field: field, length: text.utf8.count, limit: limit, unit: "bytes")
    }
}
