import ArgumentParser
import ParleyModel

extension SearchQuery.Scope: ExpressibleByArgument {}

extension ParleyCommand {
    struct Search: ParsableCommand {
        /// Where to search: one scope, or all of them.
        enum Where: String, ExpressibleByArgument, CaseIterable {
            case statements, sources, entities, all
        }

        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Find statements, sources, parties, actors and issues by their words.",
            discussion: help(
                """
                Words are matched with their endings stemmed ("control" finds "controls") and accents
                ignored. "Quoted words" must come together; corrid* matches words that start so; AND
                (the default between words), OR and NOT combine them. Statements are found by summary and
                quote, sources by title and stored text (--text-file on `source add`), entities by name,
                alias, role and description. Hits come best first, each with the matched words
                highlighted; retracted statements only with --all.

                Examples:
                  parley search "border controls" --issue zangezur-corridor
                  parley search 'corrid* AND rail' --in statements --since 2021
                  parley search Pashinyan --format csv --output hits.csv
                """))

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions<TableFormats>
        @Argument(help: "What to search for.") var query: String
        @Option(name: .customLong("in"), help: "Where to search.") var scope: Where = .all
        @Option(
            help: "Only statements by or about this party (and that party and its actors).",
            completion: Completion.ids(.party)) var party: String?
        @Option(
            help: "Only statements on this issue and its sub-issues (and those issues).",
            completion: Completion.ids(.issue)) var issue: String?
        @Option(
            help: ArgumentHelp("Only statements said, and sources published, on or after this date.", valueName: "date")
        )
        var since: CalendarDate?
        @Option(
            help: ArgumentHelp(
                "Only statements said, and sources published, on or before this date.", valueName: "date"))
        var until: CalendarDate?
        @Option(help: ArgumentHelp("At most this many hits.", valueName: "n")) var limit: Int = 20
        @Flag(help: "Find retracted statements too.") var all = false

        func run() throws {
            let parley = try input.open()
            try noteRenamed(parley, issue)
            let scopes: Set<SearchQuery.Scope> =
                scope == .all
                ? Set(SearchQuery.Scope.allCases) : Set([SearchQuery.Scope(rawValue: scope.rawValue)].compactMap { $0 })
            try output.emit(
                try parley.search(
                    SearchQuery(
                        query, scopes: scopes, party: try parley.id(.party, party, option: "--party"), issue: issue,
                        since: since, until: until,
                        includeRetracted: all,
                        limit: limit)))
        }
    }
}
