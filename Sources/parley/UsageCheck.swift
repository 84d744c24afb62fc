import ParleyModel

/// What is wrong with a command line that the parser refused, found by reading the words typed
/// against the command tree (``CommandInfo``). ``ErrorMessage`` words each case.
enum UsageProblem: Equatable {
    /// A word where a command was expected that names none (`parley reprot`): the commands
    /// there, and the closest.
    case unknownCommand(String, choices: [String], suggestions: [String])
    /// An option the command does not take, with the closest it does.
    case unknownOption(String, suggestions: [String])
    /// An option given without its value.
    case missingValue(option: String, valueName: String)
    /// A value that is not one of the option's choices.
    case notAChoice(option: String, value: String, choices: [String], suggestions: [String])
    /// A date option's value that is not a date.
    case notADate(option: String, value: String)
    /// A staleness window's value that is not one.
    case notAWindow(option: String, value: String)
    /// A number's value that is not a whole number.
    case notANumber(option: String, value: String)
    /// A word the command has no place for, and the values it does take (`<number>`).
    case unexpectedArgument(String, takes: [String])
    /// Options or values the command needs and did not get.
    case missing([Needed])

    /// An option or value a command needs: `--issue <issue>`, and its help.
    struct Needed: Equatable {
        var synopsis: String
        var help: String
    }
}

/// Reads a command line against the command tree: which command it names, and the first thing
/// wrong with it.
struct UsageCheck {
    /// The names of the command the line reaches (`["report", "disputes"]`).
    var path: [String] = []
    /// The first problem found, if any.
    var problem: UsageProblem?

    /// What `tree` makes of `arguments` (the words after `parley`).
    init(_ arguments: [String], tree: CommandInfo = CommandInfo.root) {
        var command = tree
        var index = 0
        var positionals = 0
        var given: Set<String> = []
        var onlyValues = false
        while index < arguments.count {
            let word = arguments[index]
            if word == "--" && !onlyValues {
                onlyValues = true
                index += 1
                continue
            }
            if !onlyValues && word.hasPrefix("-") && word.count > 1 && Int(word) == nil {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                // ArgumentParser's own hidden options: what is wrong with them, it says itself.
                if Self.parserOptions.contains(parts[0]) { return }
                guard let argument = command.argument(named: parts[0]) else {
                    // An option of the default subcommand (`parley labels --issue x`) takes us there.
                    if let sub = command.defaultSubcommand.flatMap(command.subcommand), positionals == 0 {
                        path.append(sub.commandName)
                        command = sub
                        continue
                    }
                    let names = (command.arguments ?? []).filter { $0.shouldDisplay || $0.isBuiltIn }
                        .flatMap(\.spellings).filter { $0.hasPrefix("--") }
                    problem = .unknownOption(parts[0], suggestions: Suggestions.closest(to: parts[0], among: names))
                    return
                }
                given.insert(argument.displayName)
                index += 1
                guard argument.kind == .option else { continue }
                let value: String
                if parts.count == 2 {
                    value = parts[1]
                } else if index < arguments.count {
                    value = arguments[index]
                    index += 1
                } else {
                    problem = .missingValue(option: argument.displayName, valueName: argument.valueName ?? "value")
                    return
                }
                if let problem = Self.check(value, for: argument) {
                    self.problem = problem
                    return
                }
                continue
            }
            // A word: a subcommand while the command has them, else one of the command's values.
            let subcommands = command.subcommands ?? []
            if !subcommands.isEmpty && positionals == 0 {
                if let sub = command.subcommand(word) {
                    path.append(sub.commandName)
                    command = sub
                    index += 1
                    continue
                }
                let takesValues = (command.arguments ?? []).contains { $0.kind == .positional }
                if !takesValues {
                    if let sub = command.defaultSubcommand.flatMap(command.subcommand),
                        (sub.arguments ?? []).contains(where: { $0.kind == .positional })
                    {
                        path.append(sub.commandName)
                        command = sub
                        continue
                    }
                    let choices = command.shownSubcommands.map(\.commandName).filter { $0 != "help" }
                    problem = .unknownCommand(
                        word, choices: choices, suggestions: Suggestions.closest(to: word, among: choices))
                    return
                }
            }
            let values = (command.arguments ?? []).filter { $0.kind == .positional }
            let repeating = values.last?.isRepeating ?? false
            if positionals >= values.count && !repeating {
                problem = .unexpectedArgument(word, takes: values.map(\.synopsis))
                return
            }
            if let argument = positionals < values.count ? values[positionals] : values.last {
                given.insert(argument.displayName)
                if let problem = Self.check(word, for: argument) {
                    self.problem = problem
                    return
                }
            }
            positionals += 1
            index += 1
        }
        if given.contains("--help") || given.contains("--version") { return }
        // A command that runs its default subcommand when given alone (`parley labels`).
        if let sub = command.defaultSubcommand.flatMap(command.subcommand), positionals == 0 {
            path.append(sub.commandName)
            command = sub
        }
        let missing = (command.arguments ?? []).filter {
            !$0.isOptional && !given.contains($0.displayName) && $0.kind != .flag
        }
        if !missing.isEmpty {
            problem = .missing(missing.map { UsageProblem.Needed(synopsis: $0.synopsis, help: $0.abstract ?? "") })
        }
    }

    /// Options ArgumentParser adds to every command line without listing them in the tree.
    static let parserOptions: Set<String> = [
        "--generate-completion-script", "--experimental-dump-help", "---completion", "-help",
    ]

    /// The problem with `value` for `argument`, judged by its choices or by its value's name:
    /// `<date>`, `<window>`, `<n>` and `<number>` are dates, staleness windows and whole numbers.
    static func check(_ value: String, for argument: ArgumentInfo) -> UsageProblem? {
        let name = argument.displayName
        if let choices = argument.allValues, !choices.isEmpty, !choices.contains(value) {
            return .notAChoice(
                option: name, value: value, choices: choices,
                suggestions: Suggestions.closest(to: value, among: choices))
        }
        switch argument.valueName {
        case "date" where (try? CalendarDate(parsing: value)) == nil:
            return .notADate(option: name, value: value)
        case "window" where (try? StaleWindow(parsing: value)) == nil:
            return .notAWindow(option: name, value: value)
        case "n" where Int64(value) == nil, "number" where Int64(value) == nil:
            return .notANumber(option: name, value: value)
        default:
            return nil
        }
    }
}
