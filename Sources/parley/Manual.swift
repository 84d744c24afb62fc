import ArgumentParser
import Foundation

/// parley(1), the manual page, written in mdoc from the command tree (each command's own help) and
/// the few sections that are about the program as a whole, so that the page and `--help` never
/// disagree. The options every command shares are described once, under COMMON OPTIONS; each
/// command's section lists its own.
enum Manual {
    /// `parley manual --date D`, not shown in help: prints the page, for Scripts/generate-manual.
    struct Command: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "manual", abstract: "Print the manual page (mdoc), for Scripts/generate-manual.",
            shouldDisplay: false)

        @Option(help: ArgumentHelp("The manual's edition.", valueName: "date")) var date: String

        func run() throws { try say(Manual.page(date: date).dropLast().description) }
    }

    /// The page, dated `date` (the manual's edition, YYYY-MM-DD).
    static func page(date: String, tree: CommandInfo = CommandInfo.root) -> String {
        var page = Page()
        page.macro(".Dd \(editionDate(date))")
        page.macro(".Dt PARLEY 1")
        page.macro(".Os")
        page.macro(".Sh NAME")
        page.macro(".Nm parley")
        page.macro(".Nd " + escape(summary(tree.abstract ?? "")))
        synopsis(&page, tree)
        description(&page)
        commonOptions(&page)
        commands(&page, tree)
        environment(&page)
        files(&page)
        page.macro(".Sh EXIT STATUS")
        page.macro(".Bl -tag -width Ds")
        page.item(".It 0", "Success.")
        page.item(
            ".It 1",
            "An error in the data or the files: an unknown id, a casefile with problems, a file that cannot be read "
                + "or written, a disk that is full.",
            "Nothing was changed.",
            "Also `parley check quotes` when a quotation is not in its source's text.")
        page.item(
            ".It 64",
            "A command line that is not one: an unknown command or option, a missing option, a value that is not "
                + "one (a date that does not exist).",
            "The command's usage follows the message.")
        page.macro(".El")
        examples(&page, tree)
        page.macro(".Sh SEE ALSO")
        page.macro(".Xr sqlite3 1")
        page.paragraph()
        page.prose(
            "The README, Data/README.md (the casefile and CSV formats) and BENCHMARKS.md in Parley's source, "
                + "and `parley COMMAND --help`.")
        return page.text
    }

    // MARK: - Sections

    private static func synopsis(_ page: inout Page, _ tree: CommandInfo) {
        page.macro(".Sh SYNOPSIS")
        page.macro(".Nm")
        page.macro(".Ar command")
        page.macro(".Op Ar options")
        page.macro(".Nm")
        page.macro(".Ar command")
        page.macro(".Fl \\-help")
        page.macro(".Nm")
        page.macro(".Fl \\-version")
    }

    private static func description(_ page: inout Page) {
        page.macro(".Sh DESCRIPTION")
        page.prose(
            "Parley records what each party to a negotiation or a conflict says on each issue, the agreements "
                + "reached and the disputes left open, each tied to a dated source, in an SQLite database.",
            "It answers where each side stands today or on any past date, which disputes are open, between whom "
                + "and since when, and what changed between two dates or between two sources.")
        page.paragraph()
        page.prose(
            "A party is a side (a state, a government, an organisation); an actor speaks for a party; an issue "
                + "is a question in dispute, its id a slash path, so that issues nest; a source is a dated document.",
            "A statement is one party's position on one issue as one source reports it: a kind (demand, "
                + "proposal, rejection, ...), a stance label, a summary and the date it was said.",
            "Agreements and disputes have dated, sourced status histories.",
            "A party's position on an issue as of a date is its latest statement said by then.")
        page.paragraph()
        page.prose(
            "Dates are YYYY-MM-DD, YYYY-MM or YYYY; a month or a year counts as its last day.",
            "Wherever a party's or an actor's id is taken, one of its aliases or its name is too.",
            "Errors go to standard error as one line that starts \"parley: error\" and says what to do, and "
                + "leave the database as it was: every command's writes are one transaction.")
    }

    private static func commonOptions(_ page: inout Page) {
        page.macro(".Sh COMMON OPTIONS")
        page.prose("These options mean the same in every command that takes them; each command's section says which.")
        page.macro(".Bl -tag -width Ds")
        page.item(
            ".It Fl \\-db Ar path",
            "The database: --db, else $PARLEY_DB, else ./parley.sqlite.",
            "Reading commands open it read-only and never create or change a file.")
        page.item(
            ".It Fl \\-casefile Ar file",
            "For reading commands: read this YAML casefile into memory instead of opening a database.")
        page.item(
            ".It Fl \\-by Ar name",
            "For writing commands: who makes the change, for the change log (default: $PARLEY_USER, else the "
                + "login name).")
        page.item(
            ".It Fl \\-format Ar format",
            "The output's format: text (the default) for a terminal, markdown, json (sorted keys, ISO dates), csv "
                + "(RFC 4180, a header row), jsonl or html (one self-contained page), as each command lists.",
            "Without it, the --output file's extension chooses (.md, .json, .csv, .jsonl, .html).")
        page.item(
            ".It Fl \\-output Ar file",
            "Write to this file instead of standard output; the file is replaced whole or not at all, and what was "
                + "written is said on standard error.")
        page.item(".It Fl h , Fl \\-help", "Show the command's help, with an example.")
        page.item(".It Fl \\-version", "Show the version.")
        page.macro(".El")
    }

    private static func commands(_ page: inout Page, _ tree: CommandInfo) {
        page.macro(".Sh COMMANDS")
        for command in tree.allCommands.dropFirst() where command.isManual && (command.subcommands ?? []).isEmpty {
            commandSection(&page, command, tree: tree)
        }
    }

    private static func commandSection(_ page: inout Page, _ command: CommandInfo, tree: CommandInfo) {
        page.macro(".Ss " + escape(command.fullName))
        let arguments = (command.arguments ?? []).filter { $0.shouldDisplay && !$0.isBuiltIn }
        let own = arguments.filter { Common(argument: $0) == nil }
        // The usage: the command, its own options (required ones bare), then its values.
        if !own.isEmpty {
            var usage = ".D1 Nm " + escape(command.fullName)
            for argument in own {
                let item = synopsis(argument)
                usage += argument.isOptional ? " Oo \(item) Oc" : " \(item)"
            }
            page.macro(usage)
        }
        page.prose(sentenceCase(command.abstract ?? ""))
        if let parent = parentWithDefault(command, tree: tree) {
            page.prose("`\(parent.fullName)` alone runs it.")
        }
        // The discussion's prose, the options, then its examples.
        let (prose, examples) = discussion(command.discussion ?? "")
        for paragraph in prose {
            page.paragraph()
            page.prose(paragraph)
        }
        if !own.isEmpty {
            page.paragraph()
            page.macro(".Bl -tag -width Ds -compact")
            for argument in own { page.item(".It " + synopsis(argument), optionText(argument)) }
            page.macro(".El")
        }
        let common = arguments.compactMap { Common(argument: $0)?.phrase($0) }
        if !common.isEmpty {
            page.paragraph()
            page.prose("Common options: " + list(common) + ".")
        }
        for (label, lines) in examples {
            page.paragraph()
            page.prose(label)
            page.macro(".Bd -literal -offset indent")
            for line in lines { page.literal(line) }
            page.macro(".Ed")
        }
    }

    /// A command's discussion as prose paragraphs and examples: each example a label ("Example:")
    /// and the indented lines under it, their common indent taken off.
    private static func discussion(_ text: String) -> (prose: [String], examples: [(String, [String])]) {
        var prose: [String] = []
        var examples: [(String, [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix(" ") {
                if examples.isEmpty { examples.append(("Example:", [])) }
                examples[examples.count - 1].1.append(line)
            } else if line.hasSuffix(":") {
                examples.append((line, []))
            } else if !line.isEmpty {
                prose.append(line)
            }
        }
        return (
            prose,
            examples.filter { !$0.1.isEmpty }.map { label, lines in
                let indent = lines.map { $0.prefix { $0 == " " }.count }.min() ?? 0
                return (label, lines.map { String($0.dropFirst(indent)) })
            }
        )
    }

    private static func environment(_ page: inout Page) {
        page.macro(".Sh ENVIRONMENT")
        page.macro(".Bl -tag -width Ds")
        page.item(".It Ev PARLEY_DB", "The database when --db is not given (else ./parley.sqlite).")
        page.item(".It Ev PARLEY_USER", "Who makes the changes, for the change log, when --by is not given.")
        page.item(
            ".It Ev PARLEY_NOW",
            "A fixed time for writes (an ISO 8601 UTC time such as 2026-01-01T00:00:00Z), for reproducible runs.")
        page.item(
            ".It Ev COLUMNS",
            "The width that text output and help are fitted to, instead of the terminal's; listings written into "
                + "a pipe are wrapped only when it is set.")
        page.item(".It Ev NO_COLOR", "When set to anything, no colour, even on a terminal.")
        page.macro(".El")
    }

    private static func files(_ page: inout Page) {
        page.macro(".Sh FILES")
        page.macro(".Bl -tag -width Ds")
        page.item(".It Pa ./parley.sqlite", "The database when neither --db nor $PARLEY_DB names one.")
        page.item(
            ".It Pa PATH-wal , Pa PATH-shm",
            "Beside a database in use, the writes not yet folded into it: copy them with it, or use `parley backup`.")
        page.item(
            ".It Pa *.yaml",
            "Casefiles: a whole case as YAML, for git and for `parley import`; `parley export` writes one.")
        page.macro(".El")
    }

    private static func examples(_ page: inout Page, _ tree: CommandInfo) {
        page.macro(".Sh EXAMPLES")
        page.prose("Record a statement and see the dispute it makes:")
        page.macro(".Bd -literal -offset indent")
        for line in [
            "export PARLEY_DB=talks.sqlite",
            "parley init",
            "parley party add --id armenia --name Armenia --kind state --alias Yerevan",
            "parley party add --id azerbaijan --name Azerbaijan --kind state --alias Baku",
            "parley actor add --id aliyev --name \"Ilham Aliyev\" --party azerbaijan",
            "parley issue add --id zangezur-corridor --title \"Status of the route\"",
            "parley source add --id report-2021-12-16 --title \"Leaders meet\" \\",
            "  --published 2021-12-16",
            "parley add --actor aliyev --issue zangezur-corridor --kind demand \\",
            "  --stance exempt-from-border-controls --summary \"No border controls.\" \\",
            "  --said 2021-12-14 --source report-2021-12-16",
            "parley add --party Yerevan --issue zangezur-corridor --kind rejection \\",
            "  --stance armenian-border-controls --summary \"Rejects it.\" \\",
            "  --source report-2021-12-16",
            "parley report disputes",
        ] {
            page.literal(line)
        }
        page.macro(".Ed")
        page.paragraph()
        page.prose("Import the bundled case, then ask what stood on a date and what changed:")
        page.macro(".Bd -literal -offset indent")
        for line in (tree.discussion ?? "").split(separator: "\n") where line.hasPrefix("  ") {
            page.literal(line.trimmingCharacters(in: .whitespaces))
        }
        page.macro(".Ed")
    }

    // MARK: - Options

    /// An option every command that takes it means the same by: described once, under COMMON OPTIONS.
    enum Common {
        case db, casefile, by, format, output

        init?(argument: ArgumentInfo) {
            switch argument.preferredName?.name {
            case "db": self = .db
            case "casefile": self = .casefile
            case "by": self = .by
            // export and draft have a --format and an --output of their own.
            case "format" where argument.abstract?.hasPrefix("Output format (default: text") == true: self = .format
            case "output" where argument.abstract == "Write to this file instead of standard output.": self = .output
            default: return nil
            }
        }

        /// How a command's section names it: `--format (text, markdown or json)`.
        func phrase(_ argument: ArgumentInfo) -> String {
            guard self == .format, let values = argument.allValues else { return argument.displayName }
            return "--format (\(list(values, "or")))"
        }
    }

    private static func synopsis(_ argument: ArgumentInfo) -> String {
        let name = argument.preferredName.map { escape($0.spelling.dropFirst().description) } ?? ""
        var item: String
        switch argument.kind {
        case .positional: item = "Ar " + escape(argument.valueName ?? "value")
        case .flag: item = "Fl " + name
        case .option: item = "Fl \(name) Ar " + escape(argument.valueName ?? "value")
        }
        if argument.isRepeating { item += " No ..." }
        return item
    }

    private static func optionText(_ argument: ArgumentInfo) -> String {
        var text = argument.abstract ?? ""
        if let values = argument.allValues, !values.isEmpty {
            text += " One of: \(values.joined(separator: ", "))."
        }
        if let value = argument.defaultValue, argument.kind == .option, !text.lowercased().contains("default") {
            text += " Default: \(value)."
        }
        return text
    }

    // MARK: - Text

    /// The command that runs `command` when given alone (`parley labels` runs `labels list`).
    private static func parentWithDefault(_ command: CommandInfo, tree: CommandInfo) -> CommandInfo? {
        let path = Array((command.superCommands ?? []).dropFirst())
        guard let parent = tree.command(at: path), parent.defaultSubcommand == command.commandName else { return nil }
        return parent
    }

    static func editionDate(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return date }
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        return "\(months[parts[1] - 1]) \(parts[2]), \(parts[0])"
    }

    /// `text` as a page's one-line description: lower case, no full stop.
    static func summary(_ text: String) -> String {
        let lowered = (text.first?.lowercased() ?? "") + text.dropFirst()
        return lowered.hasSuffix(".") ? String(lowered.dropLast()) : lowered
    }

    /// `text` with its first letter in upper case and a full stop at the end.
    static func sentenceCase(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capital = first.uppercased() + text.dropFirst()
        return capital.hasSuffix(".") ? capital : capital + "."
    }

    static func list(_ items: [String], _ conjunction: String = "and") -> String {
        guard let last = items.last, items.count > 1 else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + " \(conjunction) " + last
    }

    /// Text made safe for a roff line: backslashes shown as such, and every character beyond
    /// ASCII written as its Unicode escape (`\\[u2192]`), which groff and mandoc both read.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                out += "\\e"
            } else if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\[u" + String(format: "%04X", scalar.value) + "]"
            }
        }
        return out
    }
}

extension CommandInfo {
    /// Whether the command has a section of the manual: not hidden, not ArgumentParser's `help`.
    var isManual: Bool { isShown && commandName != "help" }
}

/// An mdoc page being written: macro lines, and text lines of one sentence each (as mdoc asks),
/// wrapped short, never empty, never starting with a control character.
struct Page {
    private(set) var lines: [String] = []

    var text: String { lines.joined(separator: "\n") + "\n" }

    mutating func macro(_ line: String) { lines.append(line) }

    /// A paragraph break (never an empty line: mdoc warns of those).
    mutating func paragraph() {
        if let last = lines.last, last != ".Pp", !last.hasPrefix(".Sh"), !last.hasPrefix(".Ss") { lines.append(".Pp") }
    }

    /// A tag list's item: its head, then its text.
    mutating func item(_ head: String, _ sentences: String...) {
        lines.append(head)
        prose(sentences.joined(separator: " "))
    }

    /// A line of a literal display, as it is.
    mutating func literal(_ line: String) {
        let escaped = Manual.escape(line)
        lines.append(
            escaped.isEmpty ? "\\&" : (escaped.hasPrefix(".") || escaped.hasPrefix("'") ? "\\&" : "") + escaped)
    }

    /// Prose: each sentence on lines of its own, `code` spans as quoted literals.
    mutating func prose(_ texts: String...) {
        for text in texts {
            let parts = text.components(separatedBy: "`")
            for (index, part) in parts.enumerated() {
                if index % 2 == 1 {
                    // Code: a quoted literal, each word escaped so that none is read as a macro; an
                    // opening bracket just before it goes on the macro's line, to stay attached.
                    let words = part.split(separator: " ").map { "\\&" + Manual.escape(String($0)) }
                    let opens = parts[index - 1].hasSuffix("(") ? "( " : ""
                    lines.append(".Ql " + opens + words.joined(separator: " "))
                    continue
                }
                var rest = Substring(part)
                if index + 1 < parts.count && rest.hasSuffix("(") { rest = rest.dropLast() }
                // Punctuation right after a code span closes it: it goes on the macro's line.
                if index > 0, let first = rest.first, ",.;:)?!".contains(first), lines.last?.hasPrefix(".Ql ") == true {
                    let punctuation = rest.prefix { ",.;:)?!".contains($0) }
                    lines[lines.count - 1] += " " + punctuation.map(String.init).joined(separator: " ")
                    rest = rest.dropFirst(punctuation.count)
                }
                for sentence in Self.sentences(rest.trimmingCharacters(in: .whitespaces)) {
                    for line in Self.wrap(Self.textLine(sentence), width: 78) {
                        lines.append(line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : line)
                    }
                }
            }
        }
    }

    /// `text` split after each full stop that ends a sentence (one followed by a space and a capital).
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            current.append(character)
            let ends =
                ".?!".contains(character) && index + 2 < characters.count && characters[index + 1] == " "
                && (characters[index + 2].isUppercase || characters[index + 2] == "$")
            if ends {
                out.append(current)
                current = ""
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty { out.append(current) }
        return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Words in lines of at most `width` bytes (a longer word alone on its line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.utf8.count + 1 + word.utf8.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Text that roff reads as text: escaped, with every word that is more than letters (a path, a variable, an option, an id)
    /// marked not to be hyphenated, so that it reads as it is typed.
    static func textLine(_ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let core = word.trimmingCharacters(in: CharacterSet(charactersIn: "(),.;:?!\"'"))
            let technical = core.contains { !$0.isLetter && $0 != "'" }
            return (technical ? "\\%" : "") + Manual.escape(String(word))
        }
        return words.joined(separator: " ")
    }
}
