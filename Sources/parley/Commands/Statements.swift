import ArgumentParser
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Statements: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "statements",
            abstract: "List statements in date order, filtered by party, issue (with sub-issues), source and dates.",
            discussion: help(
                """
                A date marked * was not given and is the source's published date. --since and --until take
                month- or year-precise dates too; a statement counts from the end of its own period.

                Example:
                  parley statements --casefile Data/armenia-azerbaijan-2021-12.yaml --party \\
                    armenia --format json
                """))

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions<StatementFormats>
        @Option(help: "Only this party's statements.", completion: Completion.ids(.party)) var party: String?
        @Option(help: "Only claims about this party by others.", completion: Completion.ids(.party)) var about: String?
        @Option(help: "Only statements on this issue and its sub-issues.", completion: Completion.ids(.issue))
        var issue: String?
        @Option(help: "Only statements reported by this source.", completion: Completion.ids(.source)) var source:
            String?
        @Option(help: ArgumentHelp("Only statements said on or after this date.", valueName: "date"))
        var since: CalendarDate?
        @Option(help: ArgumentHelp("Only statements said on or before this date.", valueName: "date"))
        var until: CalendarDate?

        @Flag(help: "List retracted statements too, marked with their reason.") var all = false
        @OptionGroup var known: KnownOptions

        func run() throws {
            let parley = try input.open()
            try noteRenamed(parley, issue)
            if let moment = known.knownAsOf {
                note(
                    "note: the statements as recorded by \(moment.through): later ones left out, later corrections "
                        + "and retractions undone")
            }
            let filter = StatementFilter(
                party: try parley.id(.party, party, option: "--party"), issue: issue, source: source, since: since,
                until: until, includeRetracted: all,
                about: try parley.id(.party, about, option: "--about"))
            guard output.format == .csv || output.format == .jsonl else {
                try output.emit(try parley.statements(filter, knownAsOf: known.knownAsOf))
                return
            }
            // CSV and JSON Lines are streamed: memory stays flat for millions of statements.
            let csv = output.format == .csv
            let stream = try OutputStream(output.output)
            if csv { try stream.write(CSVText.record(StatementCSV.columns)) }
            try parley.forEachStatement(filter, knownAsOf: known.knownAsOf) { dated in
                try stream.write(
                    csv
                        ? CSVText.record(StatementCSV.row(dated.statement, date: dated.effectiveDate))
                        : dated.jsonValue.compact() + "\n")
            }
            try stream.finish()
            output.announce()
        }
    }
}
