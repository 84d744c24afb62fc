import ArgumentParser
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Labels: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "labels",
            abstract: "List the stance labels used on an issue, merge two of them, or relate them.",
            discussion: help(
                """
                Example:
                  parley labels --issue zangezur-corridor/border-controls
                  parley labels rename --issue zangezur-corridor --from no-controls --to \\
                    exempt-from-border-controls
                  parley labels relate --issue transit/observers facilitate-mission \\
                    cooperate-mission --compatible
                """),
            subcommands: [List.self, Rename.self, Relate.self, Unrelate.self], defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List the stance labels used on an issue and its sub-issues, with their relations.",
                discussion: help(
                    """
                    Per issue, most used first: how many statements use each label, and which labels are
                    recorded as the same side (compatible) or the opposite side.

                    Example:
                      parley labels --issue zangezur-corridor
                    """))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<TableFormats>
            @Option(help: "The id of the issue (its sub-issues are included).", completion: Completion.ids(.issue))
            var issue: String

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
                discussion: help(
                    """
                    Every statement that stands and uses --from takes --to. When two statements would become
                    the same statement, nothing changes: retract one of them first.

                    Example:
                      parley labels rename --issue transit/observers --from facilitate-mission \\
                        --to support-mission
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String
            @Option(help: "The label to merge away.") var from: String
            @Option(help: "The label to keep.") var to: String

            func run() throws {
                let numbers = try database.open().relabel(issue: issue, from: from, to: to)
                try say(
                    "Relabelled \(RecordKind.statement.count(numbers.count)) on \(issue) from '\(from)' to '\(to)': "
                        + numbers.map { "#\($0)" }.joined(separator: ", ") + ".")
            }
        }
    }
}

extension ParleyCommand.Labels {
    struct Relate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "relate",
            abstract:
                "Record that two labels on an issue are the same side (--compatible) or opposite sides (--opposed).",
            discussion: help(
                """
                Labels that differ without disagreeing ("facilitate" and "cooperate" on an observer mission)
                are compatible: parties holding them never make an apparent dispute, and their statements
                never contradict each other. Compatibility carries through: if A and B, and B and C, are
                compatible, so are A and C. A relation that contradicts one recorded (opposed labels made
                compatible) is refused. Both labels must be in use on the issue. Relations hold on the issue
                they are recorded on, not its sub-issues. Relating a pair again changes its relation.

                Example:
                  parley labels relate --issue transit/observers facilitate-mission \\
                    cooperate-mission --compatible
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String
        @Argument(help: "The first label.") var first: String
        @Argument(help: "The second label.") var second: String
        @Flag(help: "The two labels are the same side.") var compatible = false
        @Flag(help: "The two labels are opposite sides.") var opposed = false

        func validate() throws {
            if compatible == opposed {
                throw ValidationError(
                    (compatible ? "both --compatible and --opposed given" : "no relation given")
                        + "; pass one of --compatible and --opposed")
            }
        }

        func run() throws {
            let kind: LabelRelation.Kind = compatible ? .compatible : .opposed
            let parley = try database.open()
            try noteRenamed(parley, issue)
            let previous = try parley.relate(LabelRelation(issue: issue, first, second, kind: kind))
            try say(
                "Recorded on \(issue): '\(first)' and '\(second)' are \(kind.rawValue)"
                    + (previous.map { " (were \($0.rawValue))" } ?? "") + ".")
        }
    }

    struct Unrelate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unrelate",
            abstract: "Remove the relation recorded between two labels on an issue (logged).",
            discussion: help(
                """
                Example:
                  parley labels unrelate --issue transit/observers facilitate-mission \\
                    cooperate-mission
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String
        @Argument(help: "The first label.") var first: String
        @Argument(help: "The second label.") var second: String

        func run() throws {
            let previous = try database.open().unrelate(issue: issue, first, second)
            try say("Removed on \(issue): '\(first)' and '\(second)' were \(previous.rawValue).")
        }
    }
}

/// Says so when `issue` is a former id of an issue, which the command then uses.
func noteRenamed(_ parley: Parley, _ issue: String?) throws {
    guard let issue, let now = try parley.issueRenamed(from: issue) else { return }
    note("note: issue '\(issue)' is now '\(now)'; using it")
}
