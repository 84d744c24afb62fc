/// Text written a line at a time as it is made, to `sink`: the lines joined by newlines, without
/// trailing blank ones (what ``TextFormat`` makes of its lines when it returns them as one string),
/// so that a report of a million lines is never held whole.
public struct TextLines {
    private let sink: (String) -> Void
    /// The newlines owed before the next text that is not blank: held back, because trailing
    /// ones are dropped.
    private var owed = 0
    private var started = false

    /// Lines written to `sink`, a piece at a time.
    public init(_ sink: @escaping (String) -> Void) {
        self.sink = sink
    }

    /// Appends `line` (which may hold newlines of its own).
    public mutating func append(_ line: String) {
        if started { owed += 1 }
        started = true
        var end = line.endIndex
        var trailing = 0
        while end > line.startIndex, line[line.index(before: end)] == "\n" {
            end = line.index(before: end)
            trailing += 1
        }
        guard end > line.startIndex else {
            owed += trailing
            return
        }
        if owed > 0 { sink(String(repeating: "\n", count: owed)) }
        sink(trailing == 0 ? line : String(line[..<end]))
        owed = trailing
    }

    /// Appends each of `lines`.
    public mutating func append(contentsOf lines: some Sequence<String>) {
        for line in lines { append(line) }
    }
}

/// A report whose text is written a line at a time as it is made (``TextLines``) rather than
/// returned as one string: a diff of 100,000 changed positions is 20 MB of text.
public protocol TextStreaming: Report {
    /// Writes the report as `format` makes it, to `lines`.
    func write(in format: TextFormat, to lines: inout TextLines)
}

extension TextStreaming {
    /// The report as text, ending with a newline, written to `sink` a piece at a time: what
    /// ``Report/rendering(as:style:hints:)`` returns for `.text`.
    public func writeText(
        style: TextStyle = TextStyle(), hints: HintWording = .plain, to sink: @escaping (String) -> Void
    ) {
        var lines = TextLines(sink)
        write(in: TextFormat(style: style, hints: hints), to: &lines)
        sink("\n")
    }
}
