import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "diff",
            abstract: "What changed between two dates, or what two sources report differently.",
            discussion: help(
                """
                With --from and --to: positions new, changed (old → new, with both statements) or reaffirmed;
                agreements new or with a changed status; disputes opened, changed or closed; apparent disputes
                that appeared or went away. Month- and year-precise dates are read as the end of the period.

                With --source twice: per party and issue, what only one source reports, and where the two
                report the same or different stances.

                Examples:
                  parley diff --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                    --from 2021-12-13 --to 2021-12-16
                  parley diff --source readout-a --source readout-b
                """))

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions<PageTableFormats>
        @Option(help: ArgumentHelp("The earlier date.", valueName: "date"))
        var from: CalendarDate?
        @Option(help: ArgumentHelp("The later date.", valueName: "date"))
        var to: CalendarDate?
        @Option(name: .customLong("source"), help: "A source to compare (give exactly two).") var sources: [String] = []
        @OptionGroup var staleness: StalenessOptions
        @OptionGroup var known: KnownOptions

        func validate() throws {
            if sources.isEmpty {
                guard let from, let to else {
                    throw ValidationError("nothing to compare: pass --from and --to, or --source twice")
                }
                if from.endKey >= to.endKey {
                    throw ValidationError("--from \(from) is not before --to \(to); pass --from earlier than --to")
                }
            } else {
                if sources.count != 2 {
                    throw ValidationError(
                        "--source given \(Plural("time").count(sources.count)); pass it exactly twice to compare two sources"
                    )
                }
                if from != nil || to != nil {
                    throw ValidationError(
                        "dates and sources given: compare either dates (--from/--to) or sources (--source)")
                }
            }
        }

        func run() throws {
            let parley = try input.open()
            if sources.count == 2 {
                try output.emit(try parley.sourceDiff(sources[0], sources[1], knownAsOf: known.knownAsOf))
            } else if let from, let to {
                try output.emit(
                    try parley.diff(from: from, to: to, staleAfter: staleness.staleAfter, knownAsOf: known.knownAsOf))
            }
        }
    }
}
