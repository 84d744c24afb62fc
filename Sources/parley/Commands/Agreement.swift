import ArgumentParser
import ParleyModel

extension ParleyCommand {
    struct AgreementCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "agreement", abstract: "Add agreements, record their status steps, and list them.",
            subcommands: [
                Add.self, UpdateTracked<AgreementStatus, CommitmentOptions>.self, RetractStep<AgreementStatus>.self,
                ListTracked<AgreementStatus>.self, Link.self, Unlink.self,
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
                    Without --on, the first step takes its source's date. --due sets its deadline (see
                    `parley agreement update`); --package links it with others (see `parley agreement link`).
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
            @Option(
                help: ArgumentHelp(
                    "Its deadline (YYYY-MM-DD, YYYY-MM or YYYY): after it, without an implemented step, it is overdue.",
                    valueName: "date"))
            var due: CalendarDate?
            @Option(help: "The package it belongs to: none of the package's agreements is agreed until all are.")
            var package: String?

            func run() throws {
                let parley = try database.open()
                var first = try step.step(status, in: parley)
                first.due = due
                try parley.add(
                    Agreement(
                        id: id, title: title, issue: issues[0], moreIssues: Array(issues.dropFirst()), terms: terms,
                        parties: try parley.ids(.party, parties, option: "--party"),
                        mediators: try parley.ids(.party, mediators, option: "--mediator"),
                        history: [first], package: package))
                try say(
                    "Added agreement \(id): \(status.rawValue) on \(try step.date(in: parley))"
                        + (due.map { ", due \($0)" } ?? "") + (package.map { ", in package \($0)" } ?? "") + ".")
            }
        }

        struct Link: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "link",
                abstract: "Link agreements as one package: none is agreed until every one is (logged).",
                discussion: help(
                    """
                    "Nothing is agreed until everything is agreed": while any agreement of the package is not
                    agreed (pledged, signed, reaffirmed or implemented, the sides' accounts alike), reports
                    show each one as held by the package. An agreement is in one package at most: linking it
                    to another moves it.

                    Example:
                      parley agreement link --package comprehensive-deal border-deal transit-deal
                    """))

            @OptionGroup var database: DatabaseOptions
            @Option(help: "The package's id: a lowercase slug.") var package: String
            @Argument(help: "The agreements to link.", completion: Completion.ids(.agreement)) var agreements: [String]

            func validate() throws {
                if agreements.isEmpty { throw ValidationError("no agreement given; name one or more after --package") }
            }

            func run() throws {
                let changed = try database.open().link(agreements, package: package)
                try say(
                    "Linked into package \(package): "
                        + changed.map { $0.id + ($0.was.map { " (was in \($0))" } ?? "") }.joined(separator: ", ")
                        + ".")
            }
        }

        struct Unlink: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "unlink",
                abstract: "Take agreements out of their package (logged).",
                discussion: help(
                    """
                    Example:
                      parley agreement unlink transit-deal
                    """))

            @OptionGroup var database: DatabaseOptions
            @Argument(help: "The agreements to take out.", completion: Completion.ids(.agreement)) var agreements:
                [String]

            func validate() throws {
                if agreements.isEmpty { throw ValidationError("no agreement given; name one or more") }
            }

            func run() throws {
                let changed = try database.open().link(agreements, package: nil)
                try say(
                    "Unlinked: "
                        + changed.map { $0.id + ($0.was.map { " (from \($0))" } ?? "") }
                        .joined(separator: ", ") + ".")
            }
        }
    }
}
