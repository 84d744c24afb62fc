import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct DisputeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispute", abstract: "Open recorded disputes, record their status steps, and list them.",
            subcommands: [
                Open.self, UpdateTracked<DisputeStatus>.self, RetractStep<DisputeStatus>.self,
                ListTracked<DisputeStatus>.self,
            ])

        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "open",
                abstract: "Record a dispute between two or more parties on an issue, open from a date.",
                discussion: """
                    Example:
                      parley dispute open --id syunik-highway --title "Status of the highway through Syunik" \\
                        --issue zangezur-corridor --party armenia --party azerbaijan \\
                        --on 2021-12-14 --source rferl-2021-12-16
                    """)

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The dispute's id: a lowercase slug.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(help: "The id of the issue in dispute.") var issue: String
            @Option(name: .customLong("party"), help: "A party to the dispute (repeat for each; at least two).")
            var parties: [String] = []
            @OptionGroup var step: StepOptions

            func run() throws {
                let step = try step.step(DisputeStatus.open)
                try database.open().add(Dispute(id: id, title: title, issue: issue, parties: parties, history: [step]))
                try say("Opened dispute \(id) on \(step.on).")
            }
        }
    }
}
