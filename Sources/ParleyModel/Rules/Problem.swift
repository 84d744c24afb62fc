/// One rule broken by one record, located as precisely as the input allows: the file and line
/// it came from, and the record and field (`statements[3].party`).
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// The record and field, such as `statements[3].party`; empty when the input is one record.
    public var path: String
    /// The file the record came from, when it matters (a CSV file).
    public var file: String?
    /// The line in the file, when known.
    public var line: Int?
    /// The column (in characters) on that line, when it matters (a bad byte).
    public var column: Int?
    /// The rule broken, with the offending values.
    public var error: ModelError

    public init(path: String = "", file: String? = nil, line: Int? = nil, column: Int? = nil, _ error: ModelError) {
        self.path = path
        self.file = file
        self.line = line
        self.column = column
        self.error = error
    }

    /// What is wrong and what to do.
    public var message: String { error.localizedDescription }

    /// `statements.csv line 3: …`, `line 12: statements[0].party: …`, `statements[0].party: …`.
    public var description: String { located(message) }

    /// `message` (a front end's wording of ``error``) after the problem's location.
    public func located(_ message: String) -> String {
        var location: [String] = []
        let at = line.map { "line \($0)" + (column.map { ", column \($0)" } ?? "") }
        switch (file, at) {
        case (let file?, let at?): location.append("\(file) \(at)")
        case (let file?, nil): location.append(file)
        case (nil, let at?): location.append(at)
        case (nil, nil): break
        }
        if !path.isEmpty { location.append(path) }
        return (location + [message]).joined(separator: ": ")
    }
}
