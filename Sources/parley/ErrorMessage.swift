import ParleyCasefile
import ParleyModel
import ParleyStore

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

    /// A value given on the command line that is not one (exit status 64, as for usage errors).
    static func usage(_ text: String) -> ErrorMessage { ErrorMessage(text, status: 64) }

    /// The command-line wording of one of Parley's own errors; nil for errors from elsewhere
    /// (argument parsing), which ArgumentParser words itself.
    static func text(for error: Error) -> String? {
        switch error {
        case let error as StoreError: return storeText(error)
        case let error as ModelError: return modelText(error)
        case let error as CasefileError: return error.localizedDescription
        default: return nil
        }
    }

    static func storeText(_ error: StoreError) -> String {
        switch error {
        case .notFound(let kind, let id, let suggestions):
            return modelText(.unknownReference(kind, id: id, suggestions: suggestions))
        case .invalid(let problems):
            // A single record's problems are shown without a record path: the flags name the fields.
            let lines = problems.map {
                $0.path.isEmpty && $0.file == nil && $0.line == nil ? modelText($0.error) : $0.description
            }
            guard lines.count > 1 else { return lines.joined() }
            return "\(lines.count) problems; nothing was changed:\n" + lines.map { "  " + $0 }.joined(separator: "\n")
        case .noDatabase(let path):
            return
                "no Parley database at \(path); create one with `parley init --db \(path)`, "
                + "or pass --db or set PARLEY_DB"
        case .notParleyDatabase:
            return error.localizedDescription + ". Pass --db with a Parley database, or `parley init --db NEW-PATH`"
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
        case .labelCloseTo:
            return error.localizedDescription + " (pass --new-label to record it as a new position)"
        case .reasonRequired:
            return "a correction needs a reason: pass --reason, which the change log keeps"
        case .noSuchStatement:
            return error.localizedDescription + " (`parley statements --all` lists them with their numbers)"
        default:
            return error.localizedDescription
        }
    }

    /// ArgumentParser's "The value 'V' is invalid for '--option <name>': why" said the way
    /// Parley's own messages say it: "--option V: why". Other messages are returned as they are.
    static func restyled(_ message: String) -> String {
        let prefix = "The value '"
        guard message.hasPrefix(prefix), let valueEnd = message.range(of: "' is invalid for '--"),
            let optionEnd = message.range(of: ">': ", range: valueEnd.upperBound..<message.endIndex)
        else { return message }
        let value = String(message[message.index(message.startIndex, offsetBy: prefix.count)..<valueEnd.lowerBound])
        let optionText = message[message.index(valueEnd.upperBound, offsetBy: -2)..<optionEnd.lowerBound]
        let option = optionText.split(separator: " ").first.map(String.init) ?? String(optionText)
        return "\(option) \(Echo.plain(value)): " + message[optionEnd.upperBound...]
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
