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
                discussion: """
                    Example:
                      parley agreement add --id rail-link --title "Restore rail links" --issue transport/rail \\
                        --party armenia --party azerbaijan --mediator european-union \\
                        --status pledged --on 2021-12-14 --source rferl-2021-12-16
                    """)

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The agreement's id: a lowercase slug.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(help: "The id of the issue it settles.") var issue: String
            @Option(help: "What was agreed.") var terms: String?
            @Option(name: .customLong("party"), help: "A party to the agreement (repeat for each; at least two).")
            var parties: [String] = []
            @Option(name: .customLong("mediator"), help: "A mediating party (repeatable).") var mediators: [String] = []
            @Option(help: "Its status on --on.") var status: AgreementStatus = .pledged
            @OptionGroup var step: StepOptions

            func run() throws {
                let step = try step.step(status)
                try database.open().add(
                    Agreement(
                        id: id, title: title, issue: issue, terms: terms, parties: parties, mediators: mediators,
                        history: [step]))
                try say("Added agreement \(id): \(status.rawValue) on \(step.on).")
            }
        }
    }
}
