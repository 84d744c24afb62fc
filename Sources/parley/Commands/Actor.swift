import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct ActorCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "actor", abstract: "Add and list actors: the people and bodies who speak for parties.",
            subcommands: [Add.self, Edit.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an actor who speaks for a party.",
                discussion: help(
                    """
                    Example:
                      parley actor add --id pashinian --name 'Nikol Pashinian' --party armenia \\
                        --role 'Prime Minister' --alias Pashinyan
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The actor's id: a lowercase slug such as 'pashinian'.") var id: String
            @Option(help: "The actor's name.") var name: String
            @Option(help: "The id of the party the actor speaks for.", completion: Completion.ids(.party)) var party:
                String
            @Option(help: "The actor's role, such as 'President'.") var role: String?
            @Option(name: .customLong("alias"), help: "Another name or spelling (repeatable).") var aliases: [String] =
                []

            func run() throws {
                let parley = try database.open()
                let party = try parley.id(.party, party, option: "--party")
                try parley.add(Actor(id: id, name: name, party: party, role: role, aliases: aliases))
                try say("Added actor \(id) (\(party)).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List actors.", discussion: help("Example:\n  parley actor list"))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>

            func run() throws { try output.emit(try input.open().actors(), addWith: "parley actor add") }
        }
    }
}
