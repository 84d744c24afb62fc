import ArgumentParser
import ParleyModel
import ParleyReports
import ParleyStore

extension ParleyCommand {
    struct AgreementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement", abstract: "Add agreements, record their status steps, and list them.",
            subcommands: [Add.self, Update.self, List.self])

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
            @Option(name: .customLong("party"), help: "A party to the agreement (repeat for each; at least two).") var parties: [String] = []
            @Option(name: .customLong("mediator"), help: "A mediating party (repeatable).") var mediators: [String] = []
            @Option(help: "Its status on --on.") var status: AgreementStatus = .pledged
            @Option(help: "When it reached that status: YYYY-MM-DD, YYYY-MM or YYYY.") var on: String
            @Option(help: "The id of the source that reports it.") var source: String
            @Option(help: "A note on this step.") var note: String?

            func run() throws {
                let step = AgreementStep(status: status, on: try CalendarDate(parsing: on), source: source, note: note)
                try database.open().add(Agreement(
                    id: id, title: title, issue: issue, terms: terms, parties: parties, mediators: mediators, history: [step]))
                print("Added agreement \(id): \(status.rawValue) on \(step.on).")
            }
        }

        struct Update: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "update",
                abstract: "Append a dated, sourced status step to an agreement.",
                discussion: "Example:\n  parley agreement update --id rail-link --status reaffirmed --on 2021-12-16 --source rferl-2021-12-16")

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The agreement's id.") var id: String
            @Option(help: "Its new status.") var status: AgreementStatus
            @Option(help: "When: YYYY-MM-DD, YYYY-MM or YYYY.") var on: String
            @Option(help: "The id of the source that reports it.") var source: String
            @Option(help: "A note on this step.") var note: String?

            func run() throws {
                let step = AgreementStep(status: status, on: try CalendarDate(parsing: on), source: source, note: note)
                try database.open().appendStep(step, toAgreement: id)
                print("Agreement \(id): \(status.rawValue) on \(step.on).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List agreements with their latest status.", discussion: "Example:\n  parley agreement list")

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let agreements = try input.open().agreements()
                try output.emit(TableReport(
                    title: "Agreements", columns: ["id", "status", "since", "parties", "title"],
                    rows: agreements.map { a in
                        [a.id, a.history.last?.status.rawValue ?? "", a.history.last?.on.description ?? "", a.parties.joined(separator: ", "), a.title]
                    },
                    jsonRows: agreements.map { a in
                        ["id": .string(a.id), "title": .string(a.title), "issue": .string(a.issue),
                         "status": .optional(a.history.last?.status.rawValue), "since": .date(a.history.last?.on),
                         "parties": .array(a.parties.map { .string($0) }), "mediators": .array(a.mediators.map { .string($0) })]
                    },
                    emptyMessage: "No agreements yet; add one with `parley agreement add`."))
            }
        }
    }
}
