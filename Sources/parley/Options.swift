import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

extension StatementKind: ExpressibleByArgument {}
extension PartyKind: ExpressibleByArgument {}
extension Reliability: ExpressibleByArgument {}
extension AgreementStatus: ExpressibleByArgument {}
extension DisputeStatus: ExpressibleByArgument {}

extension StaleWindow: ExpressibleByArgument {
    public init?(argument: String) {
        guard let window = try? StaleWindow(parsing: argument) else { return nil }
        self = window
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}

/// The positions a statement depends on: `--if ISSUE=LABEL` (repeatable), each on the speaker's
/// own party's position unless `--if-party` names another (once for all, or once per `--if`).
struct ConditionOptions: ParsableArguments {
    @Option(
        name: .customLong("if"),
        help: ArgumentHelp(
            "A condition: the statement holds if the position on ISSUE is LABEL (repeatable; "
                + "PARTY:ISSUE=LABEL names another party's position).", valueName: "issue=label"))
    var conditions: [String] = []
    @Option(
        name: .customLong("if-party"),
        help: ArgumentHelp(
            "Whose position the --if conditions are on (once for all, or once per --if in order); default: the "
                + "speaker's own party.", valueName: "party"),
        completion: Completion.ids(.party))
    var parties: [String] = []

    func validate() throws {
        if !parties.isEmpty && parties.count != 1 && parties.count != conditions.count {
            throw ValidationError(
                "\(parties.count) --if-party for \(conditions.count) --if; pass one --if-party for all, or one per --if"
            )
        }
        if !parties.isEmpty && conditions.isEmpty { throw ValidationError("--if-party without --if; pass --if") }
        for text in conditions where Condition(text: text) == nil {
            throw ValidationError(
                "--if \(Echo.plain(text)): not a condition; write ISSUE=LABEL, or PARTY:ISSUE=LABEL for another party")
        }
    }

    /// The conditions given, nil when none; a party named by an alias or its name is given its id.
    func given(in parley: Parley) throws -> [Condition]? {
        guard !conditions.isEmpty else { return nil }
        return try conditions.enumerated().compactMap { index, text in
            guard var condition = Condition(text: text) else { return nil }
            if condition.party == nil, !parties.isEmpty {
                condition.party = parties.count == 1 ? parties[0] : parties[index]
            }
            condition.party = try parley.id(.party, condition.party, option: "--if-party")
            return condition
        }
    }
}

/// When the case is read as it was recorded by a moment.
struct KnownOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Show the case as it was recorded by this date (UTC; YYYY-MM-DD, YYYY-MM or YYYY) or time "
                + "(2022-03-01T12:00:00Z): later statements and steps left out, later corrections and retractions "
                + "undone.", valueName: "date"))
    var knownAsOf: KnownAsOf?
}

extension KnownAsOf: ExpressibleByArgument {
    public init?(argument: String) {
        guard let moment = try? KnownAsOf(parsing: argument) else { return nil }
        self = moment
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}

/// How old a position may be before reports mark it stale.
struct StalenessOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Mark positions stale when their latest statement is older than this: 2y, 18m or 400d (default 2y; an "
                + "issue's own window, set with `parley issue edit --stale-after`, comes first).",
            valueName: "window"))
    var staleAfter: StaleWindow = .standard
}

extension CalendarDate: ExpressibleByArgument {
    public init?(argument: String) {
        guard let date = try? CalendarDate(parsing: argument) else { return nil }
        self = date
    }

    public static var defaultCompletionKind: CompletionKind { .default }
}

/// The value of an environment variable, when it is set and not empty.
func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    let text = String(cString: value)
    return text.isEmpty ? nil : text
}

/// Writes a line of results to standard output.
func say(_ text: String) throws {
    var line = text + "\n"
    try writeStandardOutput(&line)
}

/// The clock for writes: `$PARLEY_NOW` (an ISO 8601 UTC time, for reproducible runs), else the
/// computer's.
func environmentClock() throws -> Clock {
    guard let fixed = environment("PARLEY_NOW") else { return .system }
    guard let clock = Clock.fixed(iso8601: fixed) else {
        throw ErrorMessage(
            "PARLEY_NOW is '\(fixed)', not an ISO 8601 UTC time such as 2026-01-01T00:00:00Z; fix or unset it")
    }
    return clock
}

/// The database a writing command works on, and who is writing.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: an SQLite file, or a postgres:// address (default: $PARLEY_DB, else ./parley.sqlite).",
            valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Who makes the change, for the change log (default: $PARLEY_USER, else your login name).", valueName: "name"
        ))
    var by: String?

    /// The path in force: --db, else $PARLEY_DB, else ./parley.sqlite.
    var path: String {
        if let db { return db }
        if let env = environment("PARLEY_DB") { return env }
        return "parley.sqlite"
    }

    /// Who is writing: --by, else $PARLEY_USER, else the login name.
    var user: String {
        if let by, !Statement.isBlank(by) { return by }
        if let env = environment("PARLEY_USER") { return env }
        if let login = getlogin() { return String(cString: login) }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }

    /// The case in the database, to write; with `create`, a missing database is created.
    func open(create: Bool = false) throws -> Parley {
        try Parley.open(database: path, for: create ? .create : .write, clock: environmentClock(), user: user)
    }
}

/// The data a reading command works on: a database, or a casefile loaded into memory.
struct ReadOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The database: an SQLite file, or a postgres:// address (default: $PARLEY_DB, else ./parley.sqlite).",
            valueName: "path"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Read this YAML casefile into memory instead of opening a database.", valueName: "file"))
    var casefile: String?

    func validate() throws {
        if db != nil && casefile != nil {
            throw ValidationError("--db and --casefile given together; pass either, not both")
        }
    }

    /// The case to read.
    func open() throws -> Parley {
        if let casefile { return try Parley.open(casefile: casefile, clock: environmentClock()) }
        var options = DatabaseOptions()
        options.db = db
        return try Parley.open(database: options.path, for: .read, clock: environmentClock())
    }
}

/// The formats a command's output comes in: its `--format` offers these and no others.
protocol FormatSet {
    static var formats: [OutputFormat] { get }
}

/// Reports that are prose: text, Markdown, JSON.
enum ReportFormats: FormatSet { static let formats: [OutputFormat] = [.text, .markdown, .json] }
/// Listings, one row per record: also CSV.
enum TableFormats: FormatSet { static let formats: [OutputFormat] = [.text, .markdown, .json, .csv] }
/// Reports that are also a web page.
enum PageFormats: FormatSet { static let formats: [OutputFormat] = [.text, .markdown, .json, .html] }
/// Reports that are a web page and a table.
enum PageTableFormats: FormatSet { static let formats: [OutputFormat] = [.text, .markdown, .json, .csv, .html] }
/// Statements: every format, JSON Lines too.
enum StatementFormats: FormatSet { static let formats: [OutputFormat] = OutputFormat.allCases }

/// One of a command's formats, as `--format` takes it: help and completion offer only those.
struct FormatChoice<Formats: FormatSet>: ExpressibleByArgument {
    var format: OutputFormat

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument), Formats.formats.contains(format) else { return nil }
        self.format = format
    }

    static var allValueStrings: [String] { Formats.formats.map(\.rawValue) }
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

extension OutputFormat {
    /// The usual extension of a file in this format.
    var fileExtension: String {
        switch self {
        case .text: return "txt"
        case .markdown: return "md"
        default: return rawValue
        }
    }

    /// The format a file's extension names (`.md`, `.json`, `.csv`, `.jsonl`, `.html`, `.txt`).
    init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "json": self = .json
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonl
        case "html", "htm": self = .html
        default: return nil
        }
    }
}

/// Where and how a command's output is written: `--format`, one of the command's own formats, and
/// `--output`.
struct OutputOptions<Formats: FormatSet>: ParsableArguments {
    @Option(
        name: .customLong("format"),
        help: ArgumentHelp(
            "Output format (default: text, or the format the --output file's extension names: "
                + Formats.formats.map { "." + $0.fileExtension }.joined(separator: ", ") + ")."))
    var chosen: FormatChoice<Formats>?

    @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        if chosen == nil, let output, let named = Self.named(by: output), !Formats.formats.contains(named) {
            throw ValidationError(
                "--output \(Echo.plain(output)): this command does not write \(named.rawValue); pass --format with "
                    + Formats.formats.dropLast().map(\.rawValue).joined(separator: ", ") + " or "
                    + (Formats.formats.last?.rawValue ?? "text"))
        }
    }

    /// The format in force: --format, else the one the --output file's extension names, else text.
    var format: OutputFormat {
        chosen?.format ?? output.flatMap(Self.named(by:)).flatMap { Formats.formats.contains($0) ? $0 : nil } ?? .text
    }

    private static func named(by output: String) -> OutputFormat? {
        OutputFormat(fileExtension: URL(fileURLWithPath: output).pathExtension)
    }

    /// Renders `report` and writes it to --output or standard output.
    func emit(_ report: some Report) throws {
        let toTerminal = output == nil && isatty(STDOUT_FILENO) == 1
        // NO_COLOR counts when it is set to something (https://no-color.org).
        let color = toTerminal && environment("NO_COLOR") == nil
        // Tables fit a terminal (or $COLUMNS); into a pipe they are not wrapped at all.
        let wrapsTables = toTerminal || environment("COLUMNS") != nil
        let style = TextStyle(width: terminalWidth(toTerminal), color: color, wrapsTables: wrapsTables)
        // Written as it is made: the text (or JSON) of a large report is never held whole.
        if format == .text, let streaming = report as? any TextStreaming {
            try stream { sink in streaming.writeText(style: style, hints: .commandLine, to: sink) }
            return
        }
        if format == .json, let streaming = report as? any JSONStreaming {
            try stream { sink in streaming.writeJSON(to: sink) }
            return
        }
        guard var text = report.rendering(as: format, style: style, hints: .commandLine) else {
            throw unsupportedFormat(report)
        }
        try writeOutput(&text, to: output)
        announce()
    }

    /// Writes to --output or standard output what `write` gives its sink, a piece at a time.
    private func stream(_ write: (@escaping (String) -> Void) -> Void) throws {
        let stream = try OutputStream(output)
        var failure: (any Error)?
        write { piece in
            guard failure == nil else { return }
            do { try stream.write(piece) } catch { failure = error }
        }
        if let failure { throw failure }
        try stream.finish()
        announce()
    }

    /// Says on standard error what was written to the --output file, if there is one.
    func announce() {
        if let output { note("Wrote \(output) (\(format.rawValue)).") }
    }

    /// The error for a format this command has but this output does not come in (`diff --source`
    /// has no CSV), naming those it does.
    func unsupportedFormat(_ report: some Report) -> ErrorMessage {
        let formats = OutputFormat.allCases.filter(report.supports).map(\.rawValue)
        return .usage(
            "--format \(format.rawValue): this output comes as "
                + formats.dropLast().joined(separator: ", ") + " or " + (formats.last ?? "text"))
    }

    private func terminalWidth(_ toTerminal: Bool) -> Int {
        if let columns = environment("COLUMNS").flatMap(Int.init), columns > 0 {
            return columns
        }
        if toTerminal {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        }
        return 100
    }
}

/// Writes `text` to the file `output`, or to standard output when it is nil. A file is written
/// beside its target and renamed over it, so a reader never sees half of it; the text goes out
/// straight from the string, without a second copy of a large report. A write that fails is an
/// error that names the file (or standard output); only a closed pipe (`| head`) ends quietly.
func writeOutput(_ text: inout String, to output: String?, cleaningStale: Bool = true) throws {
    guard let output else {
        try writeStandardOutput(&text)
        return
    }
    let stream = try OutputStream(output, cleaningStale: cleaningStale)
    try stream.write(&text)
    try stream.finish()
}

/// Output written a piece at a time (an export of a million statements), to a file or to
/// standard output. A file is written beside its target and renamed over it at ``finish()``, so
/// a reader never sees half of it; if anything fails, the target is left as it was.
final class OutputStream {
    private let output: String?
    private let temporary: String?
    private let file: UnsafeMutablePointer<FILE>?
    private var buffer = ""
    private var finished = false

    /// Output to the file `output`, or to standard output when it is nil. Without
    /// `cleaningStale`, the caller has removed stale temporary files already (once for a folder
    /// it writes many files into: listing the folder for each file made that quadratic).
    init(_ output: String?, cleaningStale: Bool = true) throws {
        self.output = output
        guard let output else {
            temporary = nil
            file = nil
            return
        }
        if cleaningStale { removeStaleTemporaryFiles(of: output) }
        let temporary = output + ".parley-\(getpid()).tmp"
        guard let file = fopen(temporary, "w") else {
            throw ErrorMessage(
                "cannot write \(output): \(String(cString: strerror(errno))); check that its folder exists and is writable"
            )
        }
        self.temporary = temporary
        self.file = file
    }

    deinit {
        if !finished, let file, let temporary {
            fclose(file)
            unlink(temporary)
        }
    }

    /// Appends `text`; it goes out in pieces of about a megabyte.
    func write(_ text: String) throws {
        buffer += text
        if buffer.utf8.count >= 1 << 20 { try flush() }
    }

    /// Appends `text` without copying it when the buffer is empty.
    func write(_ text: inout String) throws {
        try flush()
        try put(&text)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try put(&buffer)
        buffer = ""
    }

    private func put(_ text: inout String) throws {
        guard let file, let output else {
            try writeStandardOutput(&text)
            return
        }
        let count = text.utf8.count
        let written = text.withUTF8 { bytes in fwrite(bytes.baseAddress, 1, bytes.count, file) }
        if written != count {
            throw ErrorMessage(
                "cannot write \(output): \(String(cString: strerror(errno))); nothing was written to it. "
                    + "Check the disk and the folder's permissions")
        }
    }

    /// Writes what is left and puts the file in place.
    func finish() throws {
        try flush()
        finished = true
        guard let file, let temporary, let output else { return }
        let closed = fclose(file) == 0
        let closeError = closed ? 0 : errno
        guard closed, rename(temporary, output) == 0 else {
            let reason = String(cString: strerror(closeError != 0 ? closeError : errno))
            unlink(temporary)
            throw ErrorMessage(
                "cannot write \(output): \(reason); nothing was written to it. Check the disk and the folder's permissions"
            )
        }
    }
}

/// Writes `text` to standard output. A reader that went away (a closed pipe) ends the command
/// quietly; any other failure (a full disk) is an error, so that a truncated result never passes
/// for a whole one.
func writeStandardOutput(_ text: inout String) throws {
    var failure: Int32 = 0
    text.withUTF8 { bytes in
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = errno
                return
            }
            offset += n
        }
    }
    if failure == EPIPE { exit(0) }
    if failure != 0 {
        throw ErrorMessage(
            "cannot write to standard output: \(String(cString: strerror(failure))); the output is incomplete")
    }
}

/// Removes `output.parley-PID.tmp` files left by a Parley process that was killed while writing
/// `output` (the process is gone); a running one's file is left alone.
func removeStaleTemporaryFiles(of output: String) {
    let url = URL(fileURLWithPath: output)
    removeStaleTemporaryFiles(in: url.deletingLastPathComponent().path, prefix: url.lastPathComponent + ".parley-")
}

/// Removes the `*.parley-PID.tmp` files in `folder` (whose names start with `prefix`) left by
/// Parley processes that are gone.
func removeStaleTemporaryFiles(in folder: String, prefix: String = "") {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
        guard let marker = name.range(of: ".parley-", options: .backwards) else { continue }
        let digits = name[marker.upperBound...].dropLast(4)
        guard let pid = Int32(digits), pid != getpid() else { continue }
        if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
    }
}

/// The options every status step of an agreement or a dispute takes.
struct StepOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "When: YYYY-MM-DD, YYYY-MM or YYYY; default: the source's date (marked * in reports).", valueName: "date"))
    var on: CalendarDate?
    @Option(help: "The id of the source that reports it.", completion: Completion.ids(.source)) var source: String
    @Option(help: "A note on this step.") var note: String?
    @Option(
        name: .customLong("according-to"),
        help: "The party whose account this step is, when the sides tell it differently.",
        completion: Completion.ids(.party))
    var accordingTo: String?

    /// The step with `status`; without --on, dated by its source. --according-to takes a party's
    /// alias or name too.
    func step<Status>(_ status: Status, in parley: Parley) throws -> Step<Status> {
        Step(
            status: status, on: on ?? .earliest, source: source, note: note,
            accordingTo: try parley.id(.party, accordingTo, option: "--according-to"), onIsSourceDate: on == nil)
    }

    /// The step's date: --on, or the source's.
    func date(in parley: Parley) throws -> CalendarDate {
        try on ?? parley.sourceDate(source)
    }
}

extension HintWording {
    /// The hints reports give, with the commands that act on them.
    static let commandLine = HintWording { hint in
        switch hint {
        case .correctQuotations:
            return "Correct them with `parley amend N --quote \"...\" --reason \"...\"`."
        case .storeSourceTexts:
            return "Store a source's text with `parley source edit --id ID --text-file FILE` to check its quotations."
        }
    }
}

/// Options a kind of record's steps have beyond the common ones.
protocol StepExtras: ParsableArguments {
    /// Puts the options given into `step`.
    func apply<Status>(to step: inout Step<Status>)
    /// Whether any was given.
    var isEmpty: Bool { get }
}

/// Disputes' steps have no more options.
struct NoStepExtras: StepExtras {
    func apply<Status>(to step: inout Step<Status>) {}
    var isEmpty: Bool { true }
}

/// An agreement's step may set a deadline, and may concern one of its terms.
struct CommitmentOptions: StepExtras {
    @Option(
        help: ArgumentHelp(
            "The deadline this step sets (YYYY-MM-DD, YYYY-MM or YYYY): after it, without an implemented step, the "
                + "agreement (or --term) is overdue.", valueName: "date"))
    var due: CalendarDate?
    @Option(
        help: ArgumentHelp(
            "The step is about this term of the agreement (a slug such as prisoner-exchange), not the whole.",
            valueName: "term"))
    var term: String?

    func apply<Status>(to step: inout Step<Status>) {
        step.due = due
        step.term = term
    }

    var isEmpty: Bool { due == nil && term == nil }
}

extension OutputOptions {
    /// Writes a listing; when it is empty and shown as text, says which command adds the first.
    func emit<Record>(_ list: RecordList<Record>, addWith command: String) throws {
        try emit(list)
        if list.records.isEmpty && format == .text { note("Add one with `\(command)`.") }
    }
}

extension CalendarDate {
    /// Parses a date given with `option`; when it is not one, a usage error that names the
    /// option and says why: `--said 2021-13-01: month 13 does not exist; use YYYY-MM-DD, …`.
    init(parsing text: String, option: String) throws {
        do { try self.init(parsing: text) } catch {
            throw ErrorMessage.usage("\(option) \(Echo.plain(text)): " + CalendarDate.problem(with: text))
        }
    }
}

/// A statement's fields as `parley add` and `parley amend` take them from their options: the party,
/// actor and about given by an alias or name resolved to their ids, the conditions as text. A field
/// not given is absent.
func statementFields(
    in parley: Parley, party: String?, actor: String?, issue: String?, kind: StatementKind?, stance: String?,
    summary: String?, quote: String?, said: CalendarDate?, source: String?, via: String?, about: String?,
    conditions: ConditionOptions
) throws -> [Statement.Field: String] {
    let party = try parley.id(.party, party, option: "--party")
    let actor = try parley.id(.actor, actor, option: "--actor")
    let about = try parley.id(.party, about, option: "--about")
    let conditions = try conditions.given(in: parley).flatMap(Condition.text)
    // Each of a statement's fields from its option: a new field is a compile error here.
    func given(_ field: Statement.Field) -> String? {
        switch field {
        case .party: return party
        case .actor: return actor
        case .issue: return issue
        case .kind: return kind?.rawValue
        case .stance: return stance
        case .summary: return summary
        case .quote: return quote
        case .said: return said?.description
        case .source: return source
        case .via: return via
        case .about: return about
        case .conditions: return conditions
        }
    }
    return Dictionary(
        uniqueKeysWithValues: Statement.Field.allCases.compactMap { field in given(field).map { (field, $0) } })
}
