import ParleyCasefile
import ParleyModel
import ParleyStore

/// An error worded for the command line: what was wrong, and which command or flag fixes it.
/// The layers below throw errors that carry data and name no command; this is where the command
/// line's vocabulary is added.
struct ErrorMessage: Error {
    var text: String

    init(_ text: String) { self.text = text }

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
            return problems.map {
                $0.path.isEmpty && $0.file == nil && $0.line == nil ? modelText($0.error) : $0.description
            }
            .joined(separator: "\n")
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
