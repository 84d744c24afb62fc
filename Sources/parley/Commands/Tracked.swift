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
}

extension AgreementStatus: TrackedCommandWords {
    static let addCommand = "parley agreement add"
    static let updateExample =
        "parley agreement update --id rail-link --status reaffirmed --on 2021-12-16 --source rferl-2021-12-16"
    static let updateAbstract = "Append a dated, sourced status step to an agreement."
}

extension DisputeStatus: TrackedCommandWords {
    static let addCommand = "parley dispute open"
    static let updateExample =
        "parley dispute update --id syunik-highway --status resolved --on 2022-05 --source some-report"
    static let updateAbstract =
        "Append a dated, sourced status step to a dispute (narrowed, resolved, dormant, or open again)."
}

/// `parley agreement update` and `parley dispute update`.
struct UpdateTracked<Status: TrackedCommandWords>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "update", abstract: Status.updateAbstract, discussion: "Example:\n  \(Status.updateExample)")
    }

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The id.") var id: String
    @Option(help: "Its new status.") var status: Status
    @OptionGroup var step: StepOptions

    func run() throws {
        let step = try step.step(status)
        try database.open().appendStep(step, to: id)
        try say("\(Status.record.singular.capitalized) \(id): \(status.rawValue) on \(step.on).")
    }
}

/// `parley agreement list` and `parley dispute list`.
struct ListTracked<Status: TrackedCommandWords>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "list", abstract: "List \(Status.record.plural) with their latest status.",
            discussion: "Example:\n  parley \(Status.record.singular) list --format json")
    }

    @OptionGroup var input: ReadOptions
    @OptionGroup var output: OutputOptions

    func run() throws { try output.emit(try input.open().list(Status.self), addWith: Status.addCommand) }
}
