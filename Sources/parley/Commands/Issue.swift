import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct IssueCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "issue", abstract: "Add and list issues; ids are slash paths, so issues nest.",
            subcommands: [Add.self, Edit.self, Rename.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an issue. A nested issue's parent must exist.",
                discussion: help(
                    """
                    Example:
                      parley issue add --id zangezur-corridor --title \\
                        "Transit route through Syunik"
                      parley issue add --id zangezur-corridor/border-controls --title \\
                        "Border controls on the route"
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The issue's id: slugs separated by '/', such as 'zangezur-corridor/border-controls'.")
            var id: String
            @Option(help: "A short title.") var title: String
            @Option(help: "A longer description.") var description: String?
            @Option(
                help: ArgumentHelp(
                    "How old a position on it may be before reports mark it stale: 2y, 18m or 400d (default: the "
                        + "report's window).", valueName: "window"))
            var staleAfter: StaleWindow?

            func run() throws {
                try database.open().add(Issue(id: id, title: title, description: description, staleAfter: staleAfter))
                try say("Added issue \(id).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List issues, sub-issues under their parent.",
                discussion: help("Example:\n  parley issue list"))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>
            @Option(
                help: "Only the issues this party has a statement of its own on.", completion: Completion.ids(.party))
            var party: String?

            func run() throws {
                let parley = try input.open()
                try output.emit(
                    try parley.issues(party: try parley.id(.party, party, option: "--party")),
                    addWith: "parley issue add")
            }
        }
    }
}
