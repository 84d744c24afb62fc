import ArgumentParser
import Foundation

/// The command line as ArgumentParser describes it in its help dump (`--experimental-dump-help`,
/// a versioned JSON format that its own manual and documentation plug-ins read): every command
/// with its arguments and subcommands. Usage errors are worded from it and the manual is written
/// from it, so neither depends on the English of ArgumentParser's own messages.
struct CommandInfo: Decodable {
    var commandName: String
    var superCommands: [String]?
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool?
    var defaultSubcommand: String?
    var subcommands: [CommandInfo]?
    var arguments: [ArgumentInfo]?

    /// The whole tree of `parley`, read once.
    static let root: CommandInfo = {
        struct Dump: Decodable { var command: CommandInfo }
        do {
            return try JSONDecoder().decode(Dump.self, from: Data(ParleyCommand._dumpHelp().utf8)).command
        } catch {
            // The dump is ArgumentParser's own output: failing to read it is a bug, not a user's mistake.
            return CommandInfo(commandName: "parley")
        }
    }()

    /// `parley report disputes`: the command with the commands above it.
    var fullName: String { ((superCommands ?? []) + [commandName]).joined(separator: " ") }

    /// Whether the command is shown in help (`help` is ArgumentParser's own, and is shown).
    var isShown: Bool { shouldDisplay ?? true }

    /// The subcommands shown in help.
    var shownSubcommands: [CommandInfo] { (subcommands ?? []).filter(\.isShown) }

    /// The subcommand called `name`.
    func subcommand(_ name: String) -> CommandInfo? { subcommands?.first { $0.commandName == name } }

    /// The command at `path` below this one (`["report", "disputes"]`).
    func command(at path: [String]) -> CommandInfo? {
        path.reduce(Optional(self)) { command, name in command?.subcommand(name) }
    }

    /// The option or flag that answers to `name` (`--format`, `-h`).
    func argument(named name: String) -> ArgumentInfo? {
        (arguments ?? []).first { $0.kind != .positional && $0.spellings.contains(name) }
    }

    /// Every command in the tree below this one, depth first, this one included.
    var allCommands: [CommandInfo] { [self] + (subcommands ?? []).flatMap(\.allCommands) }
}

/// One argument of a command: a positional value, an option with a value, or a flag.
struct ArgumentInfo: Decodable {
    enum Kind: String, Decodable { case positional, option, flag }

    struct Name: Decodable, Hashable {
        var kind: String
        var name: String

        /// As typed: `--format`, `-h`, `-help`.
        var spelling: String { kind == "long" ? "--" + name : "-" + name }
    }

    var kind: Kind
    var names: [Name]?
    var preferredName: Name?
    var valueName: String?
    var defaultValue: String?
    var allValues: [String]?
    var isOptional: Bool
    var isRepeating: Bool
    var abstract: String?
    var discussion: String?
    var shouldDisplay: Bool

    /// Every way of writing the option or flag.
    var spellings: [String] { (names ?? []).map(\.spelling) }

    /// `--format`, or `<number>` for a positional value.
    var displayName: String { preferredName?.spelling ?? "<\(valueName ?? "value")>" }

    /// `--format <format>`, `--all`, `<number>`.
    var synopsis: String {
        switch kind {
        case .positional: return displayName
        case .flag: return displayName
        case .option: return "\(displayName) <\(valueName ?? "value")>"
        }
    }

    /// ArgumentParser's own `--help`, `-h` and `--version`, which every command takes.
    var isBuiltIn: Bool {
        kind == .flag && (spellings.contains("--help") || spellings.contains("--version"))
    }
}

extension ParleyCommand {
    /// The command type at `path` (`["report", "disputes"]`), for its usage line.
    static func commandType(at path: [String]) -> ParsableCommand.Type {
        var current: ParsableCommand.Type = ParleyCommand.self
        for name in path {
            guard let next = current.configuration.subcommands.first(where: { $0._commandName == name }) else { break }
            current = next
        }
        return current
    }

    /// The path of names from the root to `type` (`["report", "disputes"]`); empty for the root.
    static func path(to type: ParsableCommand.Type) -> [String] {
        func search(_ node: ParsableCommand.Type, _ path: [String]) -> [String]? {
            if node == type { return path }
            for sub in node.configuration.subcommands {
                if let found = search(sub, path + [sub._commandName]) { return found }
            }
            return nil
        }
        return search(ParleyCommand.self, []) ?? []
    }
}
