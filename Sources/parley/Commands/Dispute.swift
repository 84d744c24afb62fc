import ArgumentParser
import ParleyModel
import ParleyReports
import ParleyStore

extension ParleyCommand {
    struct DisputeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dispute", abstract: "Open recorded disputes, record their status steps, and list them.",
            subcommands: [Open.self, Update.self, List.self])

        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "open",
                abstract: "Record a dispute between two or more parties on an issue, open from a date.",
                discussion: """
                    Example:
                      parley dispute open --id syunik-highway --title "Status of the highway through Syunik" \\
                        --issue zangezur-corridor --party armenia --party azerbaijan --on 2021-12-14 --source rferl-2021-12-16
                    """)

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The dispute's id: a lowercase slug.") var id: String
            @Option(help: "A short title.") var title: String
            @Option(help: "The id of the issue in dispute.") var issue: String
            @Option(name: .customLong("party"), help: "A party to the dispute (repeat for each; at least two).") var parties: [String] = []
            @Option(help: "When it opened: YYYY-MM-DD, YYYY-MM or YYYY.") var on: String
            @Option(help: "The id of the source that reports it.") var source: String
            @Option(help: "A note on this step.") var note: String?

            func run() throws {
                let step = DisputeStep(status: .open, on: try CalendarDate(parsing: on), source: source, note: note)
                try database.open().add(Dispute(id: id, title: title, issue: issue, parties: parties, history: [step]))
                print("Opened dispute \(id) on \(step.on).")
            }
        }

        struct Update: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "update",
                abstract: "Append a dated, sourced status step to a dispute (narrowed, resolved, dormant, or open again).",
                discussion: "Example:\n  parley dispute update --id syunik-highway --status resolved --on 2022-05 --source some-report")

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The dispute's id.") var id: String
            @Option(help: "Its new status.") var status: DisputeStatus
            @Option(help: "When: YYYY-MM-DD, YYYY-MM or YYYY.") var on: String
            @Option(help: "The id of the source that reports it.") var source: String
            @Option(help: "A note on this step.") var note: String?

            func run() throws {
                let step = DisputeStep(status: status, on: try CalendarDate(parsing: on), source: source, note: note)
                try database.open().appendStep(step, toDispute: id)
                print("Dispute \(id): \(status.rawValue) on \(step.on).")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list",
                abstract: "List recorded disputes with their latest status.", discussion: "Example:\n  parley dispute list --format json")

            @OptionGroup var input: ReadOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let disputes = try input.open().disputes()
                try output.emit(TableReport(
                    title: "Disputes", columns: ["id", "status", "since", "parties", "title"],
                    rows: disputes.map { d in
                        [d.id, d.history.last?.status.rawValue ?? "", d.history.last?.on.description ?? "", d.parties.joined(separator: ", "), d.title]
                    },
                    jsonRows: disputes.map { d in
                        ["id": .string(d.id), "title": .string(d.title), "issue": .string(d.issue),
                         "status": .optional(d.history.last?.status.rawValue), "since": .date(d.history.last?.on),
                         "parties": .array(d.parties.map { .string($0) })]
                    },
                    emptyMessage: "No disputes recorded; open one with `parley dispute open`."))
            }
        }
    }
}
