import ArgumentParser
import Foundation
import ParleyModel

extension ParleyCommand {
    struct SourceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "source", abstract: "Add and list sources: the dated documents that report statements.",
            subcommands: [Add.self, Edit.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add a source.",
                discussion: help(
                    """
                    Example:
                      parley source add --id rferl-2021-12-16 --title \\
                        "Aliyev, Pashinian meet again" \\
                        --publisher "RFE/RL" --published 2021-12-16 --reliability high \\
                        --text-file article.txt
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The source's id: a lowercase slug.") var id: String
            @Option(help: "The document's title.") var title: String
            @Option(help: "Who published it.") var publisher: String?
            @Option(help: "Where it can be found.") var url: String?
            @Option(help: ArgumentHelp("When it was published: YYYY-MM-DD, YYYY-MM or YYYY.", valueName: "date"))
            var published: CalendarDate
            @Option(help: "How far it is trusted.") var reliability: Reliability?
            @Option(help: ArgumentHelp("Store the document's full text from this file.", valueName: "file"))
            var textFile: String?

            func run() throws {
                let date = published
                let text = try textFile.map { try readDocument($0, "--text-file") }
                try database.open().add(
                    Source(
                        id: id, title: title, publisher: publisher, url: url, published: date, reliability: reliability,
                        text: text))
                try say("Added source \(id) (\(date)).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List sources.",
                discussion: help("Example:\n  parley source list --format json"))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>
            @Option(help: "Only the sources reporting a statement by this party.", completion: Completion.ids(.party))
            var party: String?
            @Option(
                help: "Only the sources reporting a statement on this issue or its sub-issues.",
                completion: Completion.ids(.issue))
            var issue: String?
            @Option(help: ArgumentHelp("Only the sources published on or after this date.", valueName: "date"))
            var since: CalendarDate?
            @Option(help: ArgumentHelp("Only the sources published on or before this date.", valueName: "date"))
            var until: CalendarDate?

            func run() throws {
                let parley = try input.open()
                try noteRenamed(parley, issue)
                let filter = SourceFilter(
                    party: try parley.id(.party, party, option: "--party"), issue: issue, since: since, until: until)
                try output.emit(try parley.sources(filter), addWith: "parley source add")
            }
        }
    }
}
