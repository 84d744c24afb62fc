import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Reports on the state of play as of a date: disputes, positions, agreements.",
            subcommands: [Disputes.self, Positions.self, Agreements.self])

        struct Disputes: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "disputes",
                abstract: "Every open dispute, recorded and apparent, with each side's current stance and its backing.",
                discussion: """
                    An apparent dispute is an issue where parties hold different stance labels and no open
                    recorded dispute covers it (a recorded dispute covers its issue and sub-issues).

                    Example:
                      parley report disputes --casefile Data/armenia-azerbaijan-2021-12.yaml --as-of 2021-12-16
                    """)

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Report the state on this date (YYYY-MM-DD, YYYY-MM or YYYY); default: everything recorded.")
            var asOf: CalendarDate?

            func run() throws {
                try output.emit(try input.open().disputesReport(asOf: asOf))
            }
        }

        struct Positions: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "positions",
                abstract: "Each party's current stance on each issue, marking where parties diverge.",
                discussion: """
                    A position is a party's latest statement on an issue said on or before the date (ties: the
                    later source, then the later recording). --issue includes sub-issues.

                    Example:
                      parley report positions --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                        --as-of 2021-12-14 --party armenia
                    """)

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Report the state on this date; default: everything recorded.") var asOf: CalendarDate?
            @Option(help: "Only this party's positions.") var party: String?
            @Option(help: "Only this issue and its sub-issues.") var issue: String?

            func run() throws {
                try output.emit(try input.open().positionsReport(asOf: asOf, party: party, issue: issue))
            }
        }

        struct Agreements: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "agreements",
                abstract: "Each agreement with its parties, mediators, current status and dated history.",
                discussion:
                    """
                    Example:
                      parley report agreements --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                        --format markdown
                    """
            )

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Report the state on this date; default: everything recorded.") var asOf: CalendarDate?

            func run() throws {
                try output.emit(try input.open().agreementsReport(asOf: asOf))
            }
        }
    }
}
