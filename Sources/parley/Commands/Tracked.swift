import ArgumentParser
import ParleyKit
import ParleyModel

/// What the command line says about agreements or about disputes, so that one `update` and one
/// `list` command serve both.
protocol TrackedCommandWords: StepStatus, ExpressibleByArgument {
    /// The command that adds the first record, such as `parley agreement add`.
    static var addCommand: String { get }
    /// An example of `update`.
    static var updateExample: String { get }
    /// The abstract of `update`.
    static var updateAbstract: String { get }
    /// More of `update`'s discussion, for the options only this kind of record has.
    static var updateMore: String { get }
    /// What else `update` could record, for its "nothing to record" error.
    static var updateNothing: String { get }
}

extension AgreementStatus: TrackedCommandWords {
    static let addCommand = "parley agreement add"
    static let updateExample = """
        parley agreement update --id rail-link --status reaffirmed \\
            --on 2021-12-16 --source rferl-2021-12-16
          parley agreement update --id corridor-deal --status claimed \\
            --according-to azerbaijan --source some-report
        """
    static let updateAbstract = "Append a dated, sourced status step to an agreement."
    static let updateMore = """

        --due sets a deadline from this step on: after it, without an implemented step all sides
        stand by, the agreement is overdue (an `implemented` step --according-to one party is its
        claim of compliance, shown beside the others). --term records a step about one term of the
        agreement (its own status and deadline), not the whole:
          parley agreement update --id ceasefire --term prisoner-exchange \\
            --status pledged --due 2022-03-31 --source some-report
        """
    static let updateNothing = ", a deadline (--due) or a term (--term)"
}

extension DisputeStatus: TrackedCommandWords {
    static let addCommand = "parley dispute open"
    static let updateExample = """
        parley dispute update --id syunik-highway --status resolved \\
            --on 2022-05 --source some-report
        """
    static let updateAbstract =
        "Append a dated, sourced status step to a dispute (narrowed, resolved, dormant, or open again)."
    static let updateMore = ""
    static let updateNothing = ""
}

/// `parley agreement update` and `parley dispute update`; an agreement's steps also take
/// `--due` and `--term` (``CommitmentOptions``).
struct UpdateTracked<Status: TrackedCommandWords, Extras: StepExtras>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update", abstract: Status.updateAbstract,
            discussion: help(
                """
                Steps may be recorded in any order: each goes where its date puts it in the history.
                Without --on the step takes its source's date, marked * in reports. Parties and
                mediators join or leave with a step; without --status the step keeps the status in
                force on its date. --according-to records one side's account (Baku says it was agreed;
                Yerevan denies it): reports show the sides' accounts next to each other.\(Status.updateMore)

                Example:
                  \(Status.updateExample)
                """))
    }

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The id.", completion: Completion.ids(Status.record)) var id: String
    @Option(help: "Its new status (default: the status in force on --on).") var status: Status?
    @OptionGroup var step: StepOptions
    @OptionGroup var extras: Extras
    @Option(
        name: .customLong("add-party"), help: "A party that joins (repeatable).", completion: Completion.ids(.party))
    var addParties: [String] = []
    @Option(
        name: .customLong("remove-party"), help: "A party that leaves (repeatable).", completion: Completion.ids(.party)
    ) var removeParties: [String] =
        []
    @Option(
        name: .customLong("add-mediator"), help: "A mediator that joins (repeatable).",
        completion: Completion.ids(.party)) var addMediators: [String] =
            []
    @Option(
        name: .customLong("remove-mediator"), help: "A mediator that leaves (repeatable).",
        completion: Completion.ids(.party))
    var removeMediators: [String] = []

    func validate() throws {
        if status == nil && addParties.isEmpty && removeParties.isEmpty && addMediators.isEmpty
            && removeMediators.isEmpty && extras.isEmpty
        {
            throw ValidationError(
                "nothing to record: pass --status, or a party or mediator joining or leaving\(Status.updateNothing)")
        }
    }

    func run() throws {
        let parley = try database.open()
        let accordingTo = try parley.id(.party, self.step.accordingTo, option: "--according-to")
        let addParties = try parley.ids(.party, addParties, option: "--add-party")
        let removeParties = try parley.ids(.party, removeParties, option: "--remove-party")
        let addMediators = try parley.ids(.party, addMediators, option: "--add-mediator")
        let removeMediators = try parley.ids(.party, removeMediators, option: "--remove-mediator")
        let (place, step) = try parley.appendStep(status: status, on: self.step.on, source: self.step.source, to: id) {
            step in
            step.note = self.step.note
            step.accordingTo = accordingTo
            (step.addParties, step.removeParties) = (addParties, removeParties)
            (step.addMediators, step.removeMediators) = (addMediators, removeMediators)
            extras.apply(to: &step)
        }
        let source = step.onIsSourceDate ? " (the source's date)" : ""
        try say("\(Status.record.singular.capitalized) \(id) step \(place): \(step.described) on \(step.on)\(source).")
    }
}

/// `parley agreement retract-step` and `parley dispute retract-step`.
struct RetractStep<Status: TrackedCommandWords>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "retract-step",
            abstract: "Withdraw a wrong step of a \(Status.record.singular)'s history (kept, marked).",
            discussion: help(
                """
                Steps are numbered from 1 in history order, as `parley report agreements` and `parley history`
                show them. The step stays in the history, marked, and is no longer in force.

                Example:
                  parley \(Status.record.singular) retract-step --id some-id --step 2 \\
                    --reason "Misdated; see the readout"
                """))
    }

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The id.", completion: Completion.ids(Status.record)) var id: String
    @Option(help: ArgumentHelp("The step's number in the history.", valueName: "n")) var step: Int
    @Option(help: "Why it is withdrawn.") var reason: String

    func run() throws {
        let retracted = try database.open().retractStep(Status.self, number: step, of: id, reason: reason)
        try say(
            "Retracted step \(step) of \(Status.record.singular) \(id): \(retracted.status.rawValue) on \(retracted.on)."
        )
    }
}

/// `parley agreement list` and `parley dispute list`.
struct ListTracked<Status: TrackedCommandWords>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list", abstract: "List \(Status.record.plural) with their latest status.",
            discussion: help("Example:\n  parley \(Status.record.singular) list --format json"))
    }

    @OptionGroup var input: ReadOptions
    @OptionGroup var output: OutputOptions<TableFormats>

    func run() throws { try output.emit(try input.open().list(Status.self), addWith: Status.addCommand) }
}
