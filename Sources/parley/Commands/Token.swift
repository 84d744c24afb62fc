import ArgumentParser
import ParleyKit
import ParleyModel

extension TokenRole: ExpressibleByArgument {}

extension ParleyCommand {
    struct TokenCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "Make, list and revoke the API tokens parley-server accepts.",
            discussion: help(
                """
                A viewer token reads every page and API answer; an editor token also writes. The secret
                is printed once, when the token is made: only a digest of it is stored. Writes made with
                a token are attributed to its name in `parley log`.

                Examples:
                  parley token add --name newsdesk --role editor
                  parley token list
                  parley token revoke --name newsdesk
                """),
            subcommands: [Add.self, List.self, Revoke.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Make a token and print its secret, once.",
                discussion: help("Example:\n  parley token add --name newsdesk --role editor"))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "Who uses it: writes made with it are logged under this name.") var name: String
            @Option(help: "What it may do.") var role: TokenRole = .viewer

            func run() throws {
                let secret = try database.open().createToken(name: name, role: role)
                try say(secret)
                note("note: token '\(name)' (\(role.rawValue)) made; the line above is its secret, shown only now.")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List the tokens (never their secrets).",
                discussion: help("Example:\n  parley token list"))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>

            func run() throws { try output.emit(try input.open().tokens(), addWith: "parley token add") }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "revoke", abstract: "Revoke a token: the server refuses it from the next request on.",
                discussion: help("Example:\n  parley token revoke --name newsdesk"))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The token's name.") var name: String

            func run() throws {
                try database.open().revokeToken(named: name)
                try say("Revoked token \(name).")
            }
        }
    }
}
