import ArgumentParser
import ParleyModel
import ParleyReports
import ParleyStore

extension ParleyCommand {
    struct PartyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "party", abstract: "Add and list parties (states, governments, organisations, movements, mediators).",
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a party.",
                discussion: "Example:\n  parley party add --id armenia --name Armenia --kind state --alias Armenian --alias Yerevan")

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The party's id: a lowercase slug such as 'armenia'.") var id: String
            @Option(help: "The party's name.") var name: String
            @Option(help: "What sort of party it is.") var kind: PartyKind
            @Option(name: .customLong("alias"), help: "Another name the party goes by (repeatable).") var aliases: [String] = []

            func run() throws {
                try database.open().add(Party(id: id, name: name, kind: kind, aliases: aliases))
                print("Added party \(id).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List parties.", discussion: "Example:\n  parley party list --format json")

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let parties = try input.open().parties()
                try output.emit(TableReport(
                    title: "Parties", columns: ["id", "name", "kind", "aliases"],
                    rows: parties.map { [$0.id, $0.name, $0.kind.rawValue, $0.aliases.joined(separator: ", ")] },
                    jsonRows: parties.map { ["id": .string($0.id), "name": .string($0.name), "kind": .string($0.kind.rawValue), "aliases": .array($0.aliases.map { .string($0) })] },
                    emptyMessage: "No parties yet; add one with `parley party add`."))
            }
        }
    }
}
