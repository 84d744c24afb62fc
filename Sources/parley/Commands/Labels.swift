import ArgumentParser
import ParleyKit

extension ParleyCommand {
    struct Labels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels",
            abstract: "List the stance labels used on an issue, or merge two of them.",
            discussion: """
                Example:
                  parley labels --issue zangezur-corridor/border-controls
                  parley labels rename --issue zangezur-corridor --from no-controls --to exempt-from-border-controls
                """,
            subcommands: [List.self, Rename.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the stance labels already used on an issue, most used first.",
                discussion: "Example:\n  parley labels --issue zangezur-corridor/border-controls")

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "The id of the issue.") var issue: String

            func run() throws {
                let parley = try input.open()
                try noteRenamed(parley, issue)
                try output.emit(try parley.labels(issue: issue))
            }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rename",
                abstract: "Merge one stance label into another on an issue and its sub-issues (logged).",
                discussion: """
                    Every statement that stands and uses --from takes --to. When two statements would become
                    the same statement, nothing changes: retract one of them first.

                    Example:
                      parley labels rename --issue transit/observers --from facilitate-mission --to support-mission
                    """)

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The id of the issue.") var issue: String
            @Option(help: "The label to merge away.") var from: String
            @Option(help: "The label to keep.") var to: String

            func run() throws {
                let numbers = try database.open().relabel(issue: issue, from: from, to: to)
                try say(
                    "Relabelled \(numbers.count) statement\(numbers.count == 1 ? "" : "s") on \(issue) from '\(from)' to '\(to)': "
                        + numbers.map { "#\($0)" }.joined(separator: ", ") + ".")
            }
        }
    }
}

/// Says so when `issue` is a former id of an issue, which the command then uses.
func noteRenamed(_ parley: Parley, _ issue: String?) throws {
    guard let issue, let now = try parley.issueRenamed(from: issue) else { return }
    note("note: issue '\(issue)' is now '\(now)'; using it")
}
