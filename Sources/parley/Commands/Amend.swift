import ArgumentParser
import ParleyKit
import ParleyModel

/// `--clear`'s values: the fields a statement may be without.
extension Statement.Field: ExpressibleByArgument {
    public init?(argument: String) {
        guard let field = Self(rawValue: argument), field.isOptional else { return nil }
        self = field
    }

    public static var allValueStrings: [String] { optional.map(\.rawValue) }
}

extension ParleyCommand {
    struct Amend: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "amend",
            abstract: "Correct a recorded statement; the old values stay in the change log.",
            discussion: help(
                """
                Give the statement's number (#12 in listings) and only the values that change. With
                --actor and no --party, the statement becomes the actor's party's. --clear empties an
                optional value, as an empty one does (--quote ""); --if replaces the conditions (see
                `parley add`). The reason is required and kept in the change log (`parley log`).
                A retracted statement cannot be amended.

                Example:
                  parley amend 12 --stance exempt-from-border-controls --said 2021-12-14 \\
                    --reason "Wrong label and date; see the readout"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The statement's number.", valueName: "number")) var number: Int64
        @Option(help: "The id of the party whose position it is.", completion: Completion.ids(.party)) var party:
            String?
        @Option(help: "The id of the actor who spoke.", completion: Completion.ids(.actor)) var actor: String?
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String?
        @Option(help: "The speech act.") var kind: StatementKind?
        @Option(help: "The stance label.") var stance: String?
        @Option(help: "What was said, in your own words.") var summary: String?
        @Option(help: "The words quoted by the source.") var quote: String?
        @Option(help: ArgumentHelp("When it was said (YYYY-MM-DD, YYYY-MM or YYYY).", valueName: "date"))
        var said: CalendarDate?
        @Option(help: "The id of the source that reports it.", completion: Completion.ids(.source)) var source: String?
        @Option(help: "Who relayed it.") var via: String?
        @Option(help: "The id of the party it is a claim about.", completion: Completion.ids(.party)) var about: String?
        @OptionGroup var conditions: ConditionOptions
        @Option(
            name: .customLong("clear"),
            help: "Empty an optional value: actor, quote, said, via, about or conditions (repeatable).")
        var clear: [Statement.Field] = []
        @Option(help: "Why the statement is corrected (kept in the change log).") var reason: String

        func run() throws {
            let parley = try database.open()
            let fields = try statementFields(
                in: parley, party: party, actor: actor, issue: issue, kind: kind, stance: stance, summary: summary,
                quote: quote, said: said, source: source, via: via, about: about, conditions: conditions)
            let changes = StatementChanges(
                Dictionary(uniqueKeysWithValues: Statement.Field.allCases.map { ($0, fields[$0]) }), clear: Set(clear))
            let changed = try parley.amend(number: number, changes, reason: reason)
            try say("Amended statement #\(number): " + changed.map(describe).joined(separator: "; ") + ".")
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract",
            abstract: "Withdraw a recorded statement as a mistake: it stays on record, marked, out of positions.",
            discussion: help(
                """
                The statement keeps its number and shows, marked, in `parley statements --all` and
                `parley history --all`; it no longer counts for positions, reports or diffs. The reason is
                required and kept with it and in the change log.

                Example:
                  parley retract 12 --reason "The source misattributed the remark"
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: ArgumentHelp("The statement's number.", valueName: "number")) var number: Int64
        @Option(help: "Why it is withdrawn.") var reason: String

        func run() throws {
            let statement = try database.open().retract(number: number, reason: reason).statement
            try say("Retracted statement #\(number): \(statement.party) on \(statement.issue), '\(statement.stance)'.")
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Every write to the case: when, by whom, what changed (old → new), and why.",
            discussion: help(
                """
                Example:
                  parley log --since 2026-11 --format json
                """))

        @OptionGroup var input: ReadOptions
        @OptionGroup var output: OutputOptions<ReportFormats>
        @Option(help: ArgumentHelp("Only changes made on or after this date (UTC).", valueName: "date"))
        var since: CalendarDate?

        func run() throws {
            try output.emit(
                try input.open().log(since: since))
        }
    }
}

/// "stance: a → b", for confirmation lines.
func describe(_ change: FieldChange) -> String {
    "\(change.field): \(change.old ?? "(none)") → \(change.new ?? "(none)")"
}
