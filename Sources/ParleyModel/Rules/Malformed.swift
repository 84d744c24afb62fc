extension ModelError {
    /// What is wrong with the form of an input (a casefile, a CSV file, a list in a cell): the
    /// values a front end needs to word it.
    public enum Malformed: Hashable, Sendable, CustomStringConvertible {
        /// The text is not valid YAML; `detail` is the parser's account of what it expected.
        case notYAML(detail: String)
        /// A NUL byte, or bytes that are not UTF-8, in a file of `format`.
        case notText(ByteFault, format: TextFormat)
        /// A part of a casefile that is not of the shape its place needs.
        case shape(expected: Shape)
        /// A CSV record with another number of fields than its header.
        case fieldCount(expected: Int, found: Int)
        /// A CSV line with more fields than Parley reads.
        case tooManyFields(limit: Int)
        /// A CSV record longer than Parley reads (an unclosed quote, usually).
        case recordTooLong(limit: Int)
        /// A quoted CSV field that is not closed before the end of the file.
        case unclosedQuote
        /// A CSV file with nothing in it; `columns` are the ones its first line must name.
        case emptyFile(columns: [String])
        /// A column the file does not have; `known` are the ones it may have.
        case unknownColumn(String, known: [String])
        /// A column named twice in a header.
        case repeatedColumn(String)
        /// Columns a file must have that its header lacks.
        case missingColumns([String])
        /// A statements file with neither a party column nor an actor column.
        case noSpeakerColumn
        /// A folder with none of the CSV files a case is made of; `files` are their names.
        case noTables(files: [String])
        /// A cell that should hold a list and does not.
        case notAList(String)
        /// A casefile field given twice in one record.
        case repeatedField(String)
        /// A record that gives both `issue` and `issues`.
        case issueAndIssues
        /// A value that should be a whole number from 1 up.
        case notAWholeNumber(String)
        /// A casefile whose YAML aliases (`*name`) expand it past `limit` times its size.
        case aliasExpansion(limit: Int)
        /// A value a draft left marked for review (`review: …`).
        case markedForReview(field: String, value: String)

        /// Which bytes make a file not text.
        public enum ByteFault: Hashable, Sendable, CustomStringConvertible {
            /// A NUL byte.
            case nul
            /// A byte that does not start or continue a UTF-8 sequence there.
            case notUTF8(UInt8)

            public var description: String {
                switch self {
                case .nul: return "a NUL byte"
                case .notUTF8(let byte):
                    return "bytes that are not UTF-8 (0x" + String(byte, radix: 16, uppercase: true) + ")"
                }
            }
        }

        /// The kind of file text was expected in.
        public enum TextFormat: Hashable, Sendable {
            /// A YAML casefile.
            case casefile
            /// A CSV file.
            case csv
        }

        /// The shapes a casefile's parts take.
        public enum Shape: Hashable, Sendable {
            /// A record: a mapping of fields.
            case record
            /// A section: a list of records.
            case records
            /// A single value.
            case value
            /// A list of values.
            case list
            /// Plain values inside a list (not lists or mappings).
            case plainValues
            /// The two labels of a label relation.
            case labelPair
            /// A status history: a list of steps.
            case steps
        }

        public var description: String {
            switch self {
            case .notYAML(let detail):
                return "not valid YAML: \(detail)"
            case .notText(let fault, let format):
                return
                    "\(fault); save the \(format == .casefile ? "casefile" : "file") as UTF-8 text, without NUL bytes"
            case .shape(.record):
                return "expected a mapping of fields (key: value)"
            case .shape(.records):
                return "expected a list of records, each starting with '- '"
            case .shape(.value):
                return "expected a single value, not a list or mapping"
            case .shape(.list):
                return "expected a list such as [a, b]"
            case .shape(.plainValues):
                return "expected plain values in the list"
            case .shape(.labelPair):
                return "expected two labels, such as [facilitate, cooperate]"
            case .shape(.steps):
                return "expected a list of steps such as {status: open, on: 2021-12-14, source: SOURCE-ID}"
            case .fieldCount(let expected, let found):
                return "expected \(Plural("field").count(expected)), found \(found); "
                    + "quote fields that contain commas"
            case .tooManyFields(let limit):
                return
                    "more than \(limit) fields on one line; check the separators, and quote fields that contain commas"
            case .recordTooLong(let limit):
                return "a record longer than \(Echo.grouped(limit)) bytes; check for a quote that is not closed"
            case .unclosedQuote:
                return "a quoted field is not closed before the end of the file; check the quotes"
            case .emptyFile(let columns):
                return "the file is empty; the first line must name the columns: \(columns.joined(separator: ","))"
            case .unknownColumn(let column, let known):
                return "unknown column \(Echo.quoted(column)); the columns are \(known.joined(separator: ", "))"
            case .repeatedColumn(let column):
                return "column '\(column)' appears twice"
            case .missingColumns(let missing):
                return "missing \(Plural("column").form(missing.count)) \(missing.joined(separator: ", "))"
            case .noSpeakerColumn:
                return "give a 'party' column, an 'actor' column, or both"
            case .noTables(let files):
                return
                    "no Parley CSV files here; a folder to import holds \(files.joined(separator: ", ")) (any of them)"
            case .notAList(let text):
                return "\(Echo.quoted(text)) is not a list: write items separated by '; '"
            case .repeatedField(let field):
                return "field '\(field)' is given twice"
            case .issueAndIssues:
                return "give either 'issue' or 'issues', not both"
            case .notAWholeNumber(let text):
                return "expected a whole number from 1 up, not \(Echo.quoted(text))"
            case .aliasExpansion(let limit):
                return "the casefile grows to more than \(limit) times its size through YAML aliases (*name); "
                    + "write the repeated values out instead"
            case .markedForReview(let field, let value):
                return "\(field) is still marked for review (\(Echo.quoted(value))): replace it with the real value, "
                    + "or delete the record"
            }
        }
    }
}

/// Why a file could not be read.
public enum FileFault: Hashable, Sendable, CustomStringConvertible {
    /// Nothing is at the path.
    case noSuchFile
    /// The path is a folder.
    case folder
    /// The file may not be read.
    case permissionDenied
    /// Any other reason, in the system's words.
    case other(String)

    public var description: String {
        switch self {
        case .noSuchFile: return "no such file; check the path"
        case .folder: return "it is a folder, not a file"
        case .permissionDenied: return "permission denied"
        case .other(let text): return text
        }
    }
}
