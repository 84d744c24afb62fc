import ArgumentParser

extension ParleyCommand {
    struct Labels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels",
            abstract: "List the stance labels already used on an issue, most used first.",
            discussion: "Example:\n  parley labels --issue zangezur-corridor/border-controls")

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The id of the issue.") var issue: String

        func run() throws {
            try output.emit(try input.open().labels(issue: issue))
        }
    }
}
