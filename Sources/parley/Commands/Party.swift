import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct PartyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "party",
            abstract: "Add and list parties (states, governments, organisations, movements, mediators).",
            subcommands: [Add.self, Edit.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a party.",
                discussion:
                    help(
                        """
                        Example:
                          parley party add --id armenia --name Armenia --kind state \\
                            --alias Armenian --alias Yerevan
                        """)
            )

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The party's id: a lowercase slug such as 'armenia'.") var id: String
            @Option(help: "The party's name.") var name: String
            @Option(help: "What sort of party it is.") var kind: PartyKind
            @Option(name: .customLong("alias"), help: "Another name the party goes by (repeatable).") var aliases:
                [String] = []

            func run() throws {
                try database.open().add(Party(id: id, name: name, kind: kind, aliases: aliases))
                try say("Added party \(id).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List parties.",
                discussion: help("Example:\n  parley party list --format json"))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>
            @Option(
                help: "Only the parties with a statement of their own on this issue or its sub-issues.",
                completion: Completion.ids(.issue))
            var issue: String?

            func run() throws {
                let parley = try input.open()
                try noteRenamed(parley, issue)
                try output.emit(try parley.parties(onIssue: issue), addWith: "parley party add")
            }
        }
    }
}
