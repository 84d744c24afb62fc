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
                  parley labels scale --issue transit/customs \\
                    exempt-from-controls joint-controls national-controls
                """),
            subcommands: [List.self, Rename.self, Relate.self, Scale.self, Unrelate.self], defaultSubcommand: List.self)

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
                // Fitted to the terminal like help: thousands of numbers make one line otherwise.
                try say(
                    HelpLayout.fitted(
                        "Relabelled \(RecordKind.statement.count(numbers.count)) on \(issue) "
                            + "from '\(from)' to '\(to)': " + numbers.map { "#\($0)" }.joined(separator: ", ") + "."))
            }
        }
    }
}

extension ParleyCommand.Labels {
    struct Relate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "relate",
            abstract:
                "Record that two labels on an issue are the same side, opposite sides, independent, or which is harder.",
            discussion: help(
                """
                Labels that differ without disagreeing ("facilitate" and "cooperate" on an observer mission)
                are compatible: parties holding them never make an apparent dispute, and their statements
                never contradict each other. Compatibility carries through: if A and B, and B and C, are
                compatible, so are A and C. --independent is for labels on different aspects of the issue
                that neither agree nor disagree: they never make an apparent dispute or a contradiction,
                and a party going from one to the other has not moved. --opposed labels are opposite
                sides: a move between them is a reversal. --harder (or --softer) orders the two on the
                issue's scale (see `parley labels scale`): the first label demands more (or less).

                A relation that contradicts one recorded (opposed labels made compatible) is refused.
                Both labels must be in use on the issue. Relations hold on the issue they are recorded on,
                not its sub-issues. Relating a pair again changes its relation.

                Example:
                  parley labels relate --issue transit/observers facilitate-mission \\
                    cooperate-mission --compatible
                  parley labels relate --issue transit/customs exempt-from-controls \\
                    national-controls --harder
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String
        @Argument(help: "The first label.") var first: String
        @Argument(help: "The second label.") var second: String
        @Flag(help: "The two labels are the same side.") var compatible = false
        @Flag(help: "The two labels are opposite sides.") var opposed = false
        @Flag(help: "The two labels are different aspects: neither the same side nor opposed.") var independent = false
        @Flag(help: "The first label demands more than the second (a scale of two).") var harder = false
        @Flag(help: "The first label demands less than the second.") var softer = false

        func validate() throws {
            let given = [
                ("--compatible", compatible), ("--opposed", opposed), ("--independent", independent),
                ("--harder", harder), ("--softer", softer),
            ].filter(\.1).map(\.0)
            if given.count != 1 {
                throw ValidationError(
                    (given.isEmpty ? "no relation given" : "\(given.joined(separator: " and ")) given together")
                        + "; pass one of --compatible, --opposed, --independent, --harder and --softer")
            }
        }

        func run() throws {
            let parley = try database.open()
            try noteRenamed(parley, issue)
            if harder || softer {
                let (hard, soft) = harder ? (first, second) : (second, first)
                // A scale of two, as `labels scale hard soft` records it.
                _ = try parley.order(LabelOrder.scale([hard, soft], on: issue))
                try say("Recorded on \(issue): '\(hard)' is harder than '\(soft)'.")
                return
            }
            let kind: LabelRelation.Kind = compatible ? .compatible : opposed ? .opposed : .independent
            let previous = try parley.relate(LabelRelation(issue: issue, first, second, kind: kind))
            try say(
                "Recorded on \(issue): '\(first)' and '\(second)' are \(kind.rawValue)"
                    + (previous.map { " (were \($0.rawValue))" } ?? "") + ".")
        }
    }

    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scale",
            abstract: "Order labels on an issue from the most demanding to the most conciliatory (logged).",
            discussion: help(
                """
                Give the labels hardest first: each is recorded as harder than the next. A party moving
                towards the end of the list has softened; towards the start, hardened (diff, history and
                reports name each move). Labels compatible with one on the scale share its place. An order
                that contradicts one recorded (a circle, or labels recorded as one side or independent) is
                refused; `parley labels unrelate` removes one pair. For a single pair, `parley labels
                relate A B --harder` says the same as a scale of two.

                Example:
                  parley labels scale --issue transit/customs \\
                    exempt-from-controls joint-controls national-controls
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String
        @Argument(help: "The labels, hardest first (two or more).") var labels: [String] = []

        func validate() throws {
            if Set(labels).count < 2 || Set(labels).count != labels.count {
                throw ValidationError("a scale needs two or more different labels, hardest first")
            }
        }

        func run() throws {
            let parley = try database.open()
            try noteRenamed(parley, issue)
            let added = try parley.order(LabelOrder.scale(labels, on: issue))
            try say(
                "Recorded on \(issue): "
                    + added.map { "'\($0.harder)' harder than '\($0.softer)'" }
                    .joined(separator: ", ") + ".")
        }
    }

    struct Unrelate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unrelate",
            abstract: "Remove the relation or order recorded between two labels on an issue (logged).",
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
            var was = previous.relation.map { [$0.rawValue] } ?? []
            was += previous.orders.map { "'\($0.harder)' harder" }
            try say("Removed on \(issue): '\(first)' and '\(second)' were \(was.joined(separator: ", and ")).")
        }
    }
}

/// Says so when `issue` is a former id of an issue, or another name of one, which the command
/// then uses.
func noteRenamed(_ parley: Parley, _ issue: String?) throws {
    guard let issue, let name = try parley.issueName(issue) else { return }
    switch name {
    case .renamed(let now): note("note: issue '\(issue)' is now '\(now)'; using it")
    case .alias(let owner): note("note: '\(issue)' is another name of issue '\(owner)'; using it")
    }
}
