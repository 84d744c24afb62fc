import ArgumentParser
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Check the case against its sources.",
            discussion: help(
                """
                Examples:
                  parley check quotes
                  parley check quotes --source rferl-2021-12-16 --format json
                """),
            subcommands: [Quotes.self])

        struct Quotes: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "quotes",
                abstract: "Check that every recorded quotation is in its source's stored text.",
                discussion: help(
                    """
                    Each quotation of a statement that stands is looked up in the text stored with its
                    source (`source add --text-file`), ignoring differences of white space, case,
                    quotation marks, apostrophes and dashes, and the punctuation at the quotation's end;
                    "..." or "…" in a quotation stands for words left out. Those not found are listed
                    with the part of them the text does have. Exits with status 1 when any is not found,
                    so a script or CI can stop on a misquote.

                    Example:
                      parley check quotes
                    """))

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions<ReportFormats>
            @Option(help: "Only the statements this source reports.", completion: Completion.ids(.source))
            var source: String?

            func run() throws {
                let report = try input.open().checkQuotes(source: source)
                try output.emit(report)
                let count = report.misquotes.count
                if count > 0 {
                    throw ErrorMessage(
                        "\(Plural("quotation is", "quotations are").count(count)) not in "
                            + "\(Plural("its source's", "their sources'").form(count)) text; "
                            + "see the list, and correct each with `parley amend N --quote ... --reason ...`")
                }
            }
        }
    }
}
