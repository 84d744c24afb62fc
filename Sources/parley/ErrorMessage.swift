import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

/// An error worded for the command line: what was wrong, and which command or flag fixes it.
/// The layers below throw errors that carry data and name no command; this is where the command
/// line's vocabulary is added.
struct ErrorMessage: Error {
    var text: String
    /// The exit status: 1 for data errors, 64 (EX_USAGE) for a value given on the command line
    /// that is not one.
    var status: Int32

    init(_ text: String, status: Int32 = 1) {
        self.text = text
        self.status = status
    }

    /// The exit status of a command line that is not one (EX_USAGE).
    static let usageStatus: Int32 = 64

    /// A value given on the command line that is not one: exit status 64, and the command's usage
    /// after the message, as for the errors the parser finds.
    static func usage(_ text: String) -> ErrorMessage { ErrorMessage(text, status: usageStatus) }

    /// The command-line wording of one of Parley's own errors; nil for errors from elsewhere
    /// (argument parsing), which ArgumentParser words itself.
    static func text(for error: Error) -> String? {
        switch error {
        case let error as StoreError: return storeText(error)
        case let error as ModelError: return modelText(error)
        case let error as Statement.FieldError: return "--\(error.field.rawValue): " + modelText(error.error)
        case let error as CasefileError:
            return "the casefile has \(Plural("problem").count(error.problems.count)); nothing was imported:\n"
                + error.problems.map { "  " + located($0) }.joined(separator: "\n")
        default: return nil
        }
    }

    /// Whether the error is about a value given on the command line (an option's), which exits
    /// with the usage status and shows the command's usage.
    static func isUsage(_ error: Error) -> Bool {
        switch error {
        case ModelError.untilBeforeSince, ModelError.searchLimit: return true
        default: return false
        }
    }

    /// A problem of a list, after its location, with the command that fixes it where the
    /// wording names one.
    static func located(_ problem: Problem) -> String {
        problem.located(commandText(problem.error) ?? problem.message)
    }

    static func storeText(_ error: StoreError) -> String {
        switch error {
        case .notFound(let kind, let id, let suggestions):
            return modelText(.unknownReference(kind, id: id, suggestions: suggestions))
        case .invalid(let problems):
            // A single record's problems are shown without a record path: the flags name the fields.
            let lines = problems.map {
                $0.path.isEmpty && $0.file == nil && $0.line == nil ? modelText($0.error) : located($0)
            }
            guard lines.count > 1 else { return lines.joined() }
            return "\(lines.count) problems; nothing was changed:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
        case .noDatabase(let path):
            return
                "no Parley database at \(path); create one with `parley init --db \(path)`, "
                + "or pass --db or set PARLEY_DB"
        case .notParleyDatabase:
            return error.localizedDescription + ". Pass --db with a Parley database, or `parley init --db NEW-PATH`"
        case .postgres(let address, .noSchema):
            return error.localizedDescription + "; create one with `parley init --db \(address)`"
        case .postgres(_, .notBuilt):
            return error.localizedDescription + "; build parley with `swift build --traits PostgreSQL`"
        default:
            return error.localizedDescription
        }
    }

    static func modelText(_ error: ModelError) -> String {
        switch error {
        case .unknownReference(let kind, let id, let suggestions):
            let list = "`parley \(kind.singular) list`"
            let hint =
                Suggestions.didYouMean(suggestions).map { "\($0) (\(list) shows all \(kind.plural))" }
                ?? "see \(list), or add it with `parley \(kind.singular) \(kind == .dispute ? "open" : "add")`"
            return "no \(kind.singular) with id \(Echo.quoted(id)); \(hint)"
        case .labelCloseTo(let label, let issue, let close):
            return "\(Echo.quoted(label)) is a new stance label on \(issue), close to "
                + close.map { "'\($0)'" }.joined(separator: ", ")
                + "; reuse that label if it is the same position, or pass --new-label if it is a new one"
        case .reasonRequired:
            return "a correction needs a reason: pass --reason, which the change log keeps"
        case .noSuchStatement:
            return error.localizedDescription + " (`parley statements --all` lists them with their numbers)"
        default:
            return commandText(error) ?? error.localizedDescription
        }
    }

    /// The wording of the errors whose fix is a command, wherever they are shown (alone or in a
    /// list of problems); nil for the others.
    static func commandText(_ error: ModelError) -> String? {
        switch error {
        case .relationContradicts:
            return error.localizedDescription + " with `parley labels unrelate`"
        case .noRelation(let a, let b, let issue):
            return "no relation is recorded between '\(a)' and '\(b)' on \(issue); `parley labels --issue \(issue)` "
                + "lists the relations"
        case .unknownToken(_, let suggestions):
            return error.localizedDescription + (suggestions.isEmpty ? "; `parley token list` shows the tokens" : "")
        case .noSourceText(let source):
            return "source '\(source)' has no stored text; give the article's file instead, or store it with "
                + "`parley source edit --id \(source) --text-file FILE`"
        case .noStatusToKeep(let record, let on):
            return "\(record) has no status on \(on) to keep; pass --status"
        case .undatedArticle:
            return "no date: give --published, or put YYYY-MM-DD in the file's name"
        case .untilBeforeSince(let since, let until):
            return "--until \(until) is before --since \(since); pass --since earlier than --until"
        case .searchLimit(let limit, let most):
            return "--limit \(limit): use a whole number from 1 to \(Echo.grouped(most))"
        case .publishedDiffers(let source, let published, let given):
            return "source '\(source)' was published on \(published), not \(given); leave out --published, or cite "
                + "another source"
        default:
            return nil
        }
    }

    /// A usage problem worded for the command line; `command` is the command the line reached.
    static func usageText(_ problem: UsageProblem, command: CommandInfo) -> String {
        func list(_ words: [String], _ conjunction: String = "or") -> String {
            guard let last = words.last, words.count > 1 else { return words.joined() }
            return words.dropLast().joined(separator: ", ") + " \(conjunction) " + last
        }
        let name = command.fullName
        switch problem {
        case .unknownCommand(let word, let choices, let suggestions):
            let place = command.superCommands == nil ? "" : " \(command.commandName)"
            let full = suggestions.map {
                "\(name.dropFirst("parley ".count)) \($0)".trimmingCharacters(in: .whitespaces)
            }
            let hint =
                Suggestions.didYouMean(full).map { "\($0) (`\(name) --help` lists the\(place) commands)" }
                ?? "the\(place) commands are \(list(choices, "and"))"
            let typed = (command.superCommands == nil ? "" : "\(command.commandName) ") + word
            return "no command \(Echo.quoted(typed)); \(hint)"
        case .unknownOption(let option, let suggestions):
            let hint = Suggestions.didYouMean(suggestions) ?? "`\(name) --help` lists the options"
            return "no option \(Echo.quoted(option)) for `\(name)`; \(hint)"
        case .missingValue(let option, let valueName):
            return "\(option) needs a value: \(option) <\(valueName)>"
        case .notAChoice(let option, let value, let choices, let suggestions):
            if option == "--format" {
                // A format this command does not write (jsonl) is no typo: no "did you mean".
                let hint =
                    OutputFormat(rawValue: value) != nil
                    ? "" : Suggestions.didYouMean(suggestions).map { "; \($0)" } ?? ""
                return "--format \(Echo.plain(value)): `\(name)` writes \(list(choices))\(hint)"
            }
            let hint = Suggestions.didYouMean(suggestions).map { "; \($0)" } ?? ""
            return "\(option) \(Echo.plain(value)): not one of \(choices.joined(separator: ", "))\(hint)"
        case .notADate(let option, let value):
            return "\(option) \(Echo.plain(value)): " + CalendarDate.problem(with: value)
        case .notAWindow(let option, let value):
            return "\(option) \(Echo.plain(value)): not a staleness window; use a whole number and y, m or d "
                + "(2y, 18m, 400d)"
        case .notANumber(let option, let value):
            // A value without an option (`parley amend x`) is named by its place: "'x' for <number>".
            let subject =
                option.hasPrefix("<") ? "\(Echo.quoted(value)) for \(option)" : "\(option) \(Echo.plain(value))"
            return "\(subject): not a whole number"
        case .unexpectedArgument(let word, let takes):
            let what = takes.isEmpty ? "only options (--name value)" : "\(list(takes, "and")) and options"
            return "unexpected argument \(Echo.quoted(word)): `\(name)` takes \(what)"
        case .missing(let needed):
            if needed.count == 1, let one = needed.first {
                return "missing \(one.synopsis)" + (one.help.isEmpty ? "" : ": " + sentence(one.help))
            }
            return "missing \(list(needed.map(\.synopsis), "and"))"
        }
    }

    /// A message from the argument parser that ``UsageCheck`` found no cause for (a check of
    /// Parley's own in `validate()`, which is already worded so, or a case the check does not
    /// know), in Parley's style: it starts in lower case and ends without a full stop.
    static func parserText(_ message: String) -> String {
        shorteningQuotedValues(sentence(message))
    }

    /// `text` as the part of a message after "error:": its first letter in lower case (unless
    /// the first word is an abbreviation such as "SQLite"), no full stop at the end.
    static func sentence(_ text: String) -> String {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasSuffix(".") && !text.hasSuffix("..") { text.removeLast() }
        let letters = text.prefix(2)
        guard let first = letters.first, first.isUppercase, letters.count < 2 || letters.last?.isLowercase == true
        else { return text }
        return first.lowercased() + text.dropFirst()
    }

    /// The lines after a usage error: the command's usage, and where its help is.
    static func usageLines(for type: ParsableCommand.Type) -> String {
        let path = ParleyCommand.path(to: type)
        let name = (["parley"] + path).joined(separator: " ")
        return HelpLayout.fitted("Usage: " + ParleyCommand.usageString(for: type))
            + "\n  See '\(name) --help' for more information."
    }

    /// `message` with every quoted value on its first line longer than ``Limits/echoedCharacters``
    /// cut to its start and length, as Parley's own messages show values (ArgumentParser repeats
    /// them whole). A quote opens only where a word does not go on (`issue's` is no quote); the
    /// lines after the first (the option's help, the usage) are left as they are.
    static func shorteningQuotedValues(_ message: String) -> String {
        let firstLineEnd = message.firstIndex(of: "\n") ?? message.endIndex
        var out = ""
        var rest = message[..<firstLineEnd]
        while let open = rest.indices.first(where: { index in
            rest[index] == "'" && (index == rest.startIndex || !rest[rest.index(before: index)].isLetter)
        }) {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "'") else {
                out += rest[open...]
                rest = rest[rest.endIndex...]
                break
            }
            let value = String(rest[afterOpen..<close])
            out += value.count > Limits.echoedCharacters ? Echo.quoted(value) : "'\(value)'"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest + message[firstLineEnd...]
    }
}
