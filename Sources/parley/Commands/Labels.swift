import ArgumentParser
import ParleyReports
import ParleyStore

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
            let labels = try input.open().stanceLabels(issue: issue)
            try output.emit(TableReport(
                title: "Stance labels on \(issue)", columns: ["label"], rows: labels.map { [$0] },
                jsonRows: labels.map { .string($0) }, emptyMessage: "No statements on \(issue) yet."))
        }
    }
}
