import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Reports on the state of play as of a date: disputes, positions, agreements, contradictions.",
            subcommands: [Disputes.self, Positions.self, Agreements.self, Contradictions.self])

        struct Disputes: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "disputes",
                abstract: "Every open dispute, recorded and apparent, with each side's current stance and its backing.",
                discussion: help(
                    """
                    An apparent dispute is an issue where parties are on different sides (labels that differ
                    and are not recorded as compatible with `parley labels relate`) and no open recorded dispute
                    covers it (a recorded dispute covers its issues and their sub-issues). A position whose
                    latest statement is older than the staleness window is marked stale and cannot alone make
                    an apparent dispute; recorded disputes whose every side's evidence is stale are listed
                    apart, to check whether they are still alive. Without --as-of, ages are counted from the
                    latest date in the case. What other parties claim a side holds is shown as "according to".

                    Example:
                      parley report disputes --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                        --as-of 2021-12-16
                    """))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<PageFormats>
            @Option(
                help: ArgumentHelp(
                    "Report the state on this date (YYYY-MM-DD, YYYY-MM or YYYY); default: everything recorded.",
                    valueName: "date"))
            var asOf: CalendarDate?
            @OptionGroup var staleness: StalenessOptions
            @OptionGroup var known: KnownOptions

            func run() throws {
                try output.emit(
                    try input.open().disputesReport(
                        asOf: asOf, staleAfter: staleness.staleAfter, knownAsOf: known.knownAsOf))
            }
        }

        struct Positions: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "positions",
                abstract: "Each party's current stance on each issue, marking where parties diverge.",
                discussion: help(
                    """
                    A position is a party's latest statement on an issue said on or before the date (ties: the
                    later source, then the later recording); "since" is when the party adopted that stance.
                    --issue includes sub-issues. Positions older than the staleness window are marked stale.

                    Example:
                      parley report positions --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                        --as-of 2021-12-14 --party armenia
                    """))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<PageTableFormats>
            @Option(
                help: ArgumentHelp("Report the state on this date; default: everything recorded.", valueName: "date"))
            var asOf: CalendarDate?
            @Option(help: "Only this party's positions.", completion: Completion.ids(.party)) var party: String?
            @Option(help: "Only this issue and its sub-issues.", completion: Completion.ids(.issue)) var issue: String?
            @OptionGroup var staleness: StalenessOptions
            @OptionGroup var known: KnownOptions

            func run() throws {
                let parley = try input.open()
                try noteRenamed(parley, issue)
                try output.emit(
                    try parley.positionsReport(
                        asOf: asOf, party: try parley.id(.party, party, option: "--party"), issue: issue,
                        staleAfter: staleness.staleAfter, knownAsOf: known.knownAsOf))
            }
        }

        struct Agreements: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "agreements",
                abstract: "Each agreement with its parties, mediators, current status and dated history.",
                discussion:
                    help(
                        """
                        Where the parties tell an agreement differently (steps recorded with --according-to), each
                        side's latest account is shown next to the others.

                        Example:
                          parley report agreements --casefile Data/armenia-azerbaijan-2021-12.yaml \\
                            --format markdown
                        """)
            )

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<PageFormats>
            @Option(
                help: ArgumentHelp("Report the state on this date; default: everything recorded.", valueName: "date"))
            var asOf: CalendarDate?
            @OptionGroup var known: KnownOptions

            func run() throws {
                try output.emit(try input.open().agreementsReport(asOf: asOf, knownAsOf: known.knownAsOf))
            }
        }

        struct Contradictions: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "contradictions",
                abstract: "Accounts that cannot both be true: sources, claims and agreement accounts that disagree.",
                discussion: help(
                    """
                    Lists (a) two sources reporting different stances for the same party, issue and said
                    date; (b) a claim about a party (recorded with --about) that the party's own statements
                    within a month of it contradict; (c) agreements whose parties' accounts (steps recorded
                    with --according-to) disagree. Labels recorded as compatible do not contradict. Each entry
                    names both sides' statements or steps with their sources.

                    Example:
                      parley report contradictions --issue zangezur-corridor --as-of 2021-12-31
                    """))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<PageFormats>
            @Option(
                help: ArgumentHelp(
                    "Only what was said or done on or before this date; default: everything recorded.",
                    valueName: "date"))
            var asOf: CalendarDate?
            @Option(help: "Only this issue and its sub-issues.", completion: Completion.ids(.issue)) var issue: String?
            @OptionGroup var known: KnownOptions

            func run() throws {
                let parley = try input.open()
                try noteRenamed(parley, issue)
                try output.emit(try parley.contradictions(asOf: asOf, issue: issue, knownAsOf: known.knownAsOf))
            }
        }
    }
}
