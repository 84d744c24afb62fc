import ArgumentParser
import ParleyModel
import ParleyReports
import ParleyStore

extension ParleyCommand {
    struct IssueCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "Add and list issues; ids are slash paths, so issues nest.",
            subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an issue. A nested issue's parent must exist.",
                discussion: """
                    Example:
                      parley issue add --id zangezur-corridor --title "Transit route through Syunik"
                      parley issue add --id zangezur-corridor/border-controls --title "Border controls on the route"
                    """)

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The issue's id: slugs separated by '/', such as 'zangezur-corridor/border-controls'.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(help: "A longer description.") var description: String?

            func run() throws {
                try database.open().add(Issue(id: id, title: title, description: description))
                print("Added issue \(id).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List issues, sub-issues under their parent.", discussion: "Example:\n  parley issue list")

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let issues = try input.open().issues()
                try output.emit(TableReport(
                    title: "Issues", columns: ["id", "title", "description"],
                    rows: issues.map { [$0.id, $0.title, $0.description ?? ""] },
                    jsonRows: issues.map {
                        ["id": .string($0.id), "title": .string($0.title), "description": .optional($0.description), "parent": .optional($0.parent)]
                    },
                    emptyMessage: "No issues yet; add one with `parley issue add`."))
            }
        }
    }
}
