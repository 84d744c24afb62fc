import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct DisputeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispute", abstract: "Open recorded disputes, record their status steps, and list them.",
            subcommands: [
                Open.self, UpdateTracked<DisputeStatus, NoStepExtras>.self, RetractStep<DisputeStatus>.self,
                ListTracked<DisputeStatus>.self,
            ])

        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "open",
                abstract: "Record a dispute between two or more parties on an issue, open from a date.",
                discussion: help(
                    """
                    Example:
                      parley dispute open --id syunik-highway --title \\
                        "Status of the highway through Syunik" \\
                        --issue zangezur-corridor --party armenia --party azerbaijan \\
                        --on 2021-12-14 --source rferl-2021-12-16

                    Repeat --issue for a dispute that spans several issues (the first is its main one): its
                    sides' positions are looked up on all of them. Without --on, the dispute opens on its
                    source's date.
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The dispute's id: a lowercase slug.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(
                name: .customLong("issue"), help: "The id of the issue in dispute (repeat for several).",
                completion: Completion.ids(.issue))
            var issues: [String]
            @Option(
                name: .customLong("party"), help: "A party to the dispute (repeat for each; at least two).",
                completion: Completion.ids(.party))
            var parties: [String] = []
            @OptionGroup var step: StepOptions

            func run() throws {
                let parley = try database.open()
                try parley.add(
                    Dispute(
                        id: id, title: title, issue: issues[0], moreIssues: Array(issues.dropFirst()),
                        parties: try parley.ids(.party, parties, option: "--party"),
                        history: [try step.step(DisputeStatus.open, in: parley)]))
                try say("Opened dispute \(id) on \(try step.date(in: parley)).")
            }
        }
    }
}
