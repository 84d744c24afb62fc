import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct AgreementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement", abstract: "Add agreements, record their status steps, and list them.",
            subcommands: [
                Add.self, UpdateTracked<AgreementStatus>.self, RetractStep<AgreementStatus>.self,
                ListTracked<AgreementStatus>.self,
            ])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Add an agreement between two or more parties, with its first dated status.",
                discussion: help(
                    """
                    Example:
                      parley agreement add --id rail-link --title "Restore rail links" \\
                        --issue transport/rail \\
                        --party armenia --party azerbaijan --mediator european-union \\
                        --status pledged --on 2021-12-14 --source rferl-2021-12-16

                    Repeat --issue for an agreement that covers several issues (the first is its main one).
                    Without --on, the first step takes its source's date.
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The agreement's id: a lowercase slug.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(
                name: .customLong("issue"), help: "The id of the issue it settles (repeat for several).",
                completion: Completion.ids(.issue))
            var issues: [String]
            @Option(help: "What was agreed.") var terms: String?
            @Option(
                name: .customLong("party"), help: "A party to the agreement (repeat for each; at least two).",
                completion: Completion.ids(.party))
            var parties: [String] = []
            @Option(
                name: .customLong("mediator"), help: "A mediating party (repeatable).",
                completion: Completion.ids(.party)) var mediators: [String] = []
            @Option(help: "Its status on --on.") var status: AgreementStatus = .pledged
            @OptionGroup var step: StepOptions

            func run() throws {
                let parley = try database.open()
                try parley.add(
                    Agreement(
                        id: id, title: title, issue: issues[0], moreIssues: Array(issues.dropFirst()), terms: terms,
                        parties: try parley.ids(.party, parties, option: "--party"),
                        mediators: try parley.ids(.party, mediators, option: "--mediator"),
                        history: [try step.step(status, in: parley)]))
                try say("Added agreement \(id): \(status.rawValue) on \(try step.date(in: parley)).")
            }
        }
    }
}
