import ArgumentParser

extension ParleyCommand {
    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Everything on an issue and its sub-issues in date order, with each change of stance marked.",
            discussion: help(
                """
                Example:
                  parley history --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                    --issue zangezur-corridor --party armenia
                """))

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions<PageFormats>
        @Option(help: "The issue (its sub-issues are included).", completion: Completion.ids(.issue)) var issue: String
        @Option(
            help: "Only this party's statements, and the agreements and disputes it is part of.",
            completion: Completion.ids(.party)) var party: String?

        @Flag(help: "Show retracted statements too, marked.") var all = false

        @OptionGroup var known: KnownOptions

        func run() throws {
            let parley = try input.open()
            try noteRenamed(parley, issue)
            try output.emit(
                try parley.history(
                    issue: issue, party: try parley.id(.party, party, option: "--party"), includeRetracted: all,
                    knownAsOf: known.knownAsOf))
        }
    }
}
