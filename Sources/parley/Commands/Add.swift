import ArgumentParser
import ParleyKit
import ParleyModel

extension ParleyCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record a statement: one party's position on one issue, as one source reports it.",
            discussion: help(
                """
                When --actor is given, --party may be omitted: it is the actor's party. When the stance
                label is new on the issue, parley says so and lists the labels already used there, so
                that the same position keeps the same label; a new label within two letters of one
                already used is refused as a likely typo unless --new-label confirms it. `parley labels
                --issue I` lists the labels too.

                --via names who relayed the statement when the party did not speak directly (a mediator,
                a press service). --about records a claim about another party ("Baku says Yerevan
                accepted the corridor"): it never becomes either party's position; reports show it in
                that party's history and next to its positions as "according to" the speaker.

                --if makes the statement conditional on another position ("we will open the road if
                customs stay national"): --if customs=national-customs, repeatable; the condition is on the
                speaker's own party unless --if-party names another (or write PARTY:ISSUE=LABEL). Reports
                show the condition next to the stance, and whether it holds as of their date.

                --batch FILE (- for standard input) records many statements at once: one JSON object a
                line, with these options' names as fields (party, actor, issue, kind, stance, summary,
                quote, said, source, via, about, and conditions: ISSUE=LABEL or PARTY:ISSUE=LABEL,
                separated by semicolons), each a string, and "new_label": true where --new-label would
                be given. Each is
                checked as a single `parley add` checks it; all are recorded in one transaction, or,
                when any line is wrong, none, and the error names every wrong line with what to fix.

                Example:
                  parley add --actor aliyev --kind demand \\
                    --issue zangezur-corridor/border-controls \\
                    --stance exempt-from-border-controls \\
                    --summary "Cargo on the route must not pass Armenian controls." \\
                    --said 2021-12-14 --source rferl-2021-12-16
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(
            help: "The id of the party whose position this is (optional with --actor).",
            completion: Completion.ids(.party)) var party: String?
        @Option(help: "The id of the actor who spoke for the party.", completion: Completion.ids(.actor)) var actor:
            String?
        @Option(help: "The id of the issue.", completion: Completion.ids(.issue)) var issue: String?
        @Option(help: "The speech act.") var kind: StatementKind?
        @Option(help: "A short label naming the position held, such as 'exempt-from-border-controls'.") var stance:
            String?
        @Option(help: "What was said, in your own words.") var summary: String?
        @Option(help: "The words quoted by the source, if any.") var quote: String?
        @Option(
            help: ArgumentHelp(
                "When it was said (YYYY-MM-DD, YYYY-MM or YYYY); default: the source's date.", valueName: "date"))
        var said: CalendarDate?
        @Option(help: "The id of the source that reports it.", completion: Completion.ids(.source)) var source: String?
        @Option(help: "Who relayed it, when the party did not speak directly (free text).") var via: String?
        @Option(
            help: "The id of the party the statement is about, when it is a claim about another party.",
            completion: Completion.ids(.party))
        var about: String?
        @OptionGroup var conditions: ConditionOptions
        @Flag(help: "Confirm that a new stance label close to one already used on the issue is a different position.")
        var newLabel = false
        @Option(
            help: ArgumentHelp(
                "Record the statements of a file of JSON lines (- for standard input) in one transaction.",
                valueName: "file"))
        var batch: String?

        /// The options that give one statement's fields, with their value when given.
        private var statementOptions: [(synopsis: String, given: Bool, required: Bool, help: String)] {
            [
                ("--party <party>", party != nil, false, ""), ("--actor <actor>", actor != nil, false, ""),
                ("--issue <issue>", issue != nil, true, Self.meaning(.issue)),
                ("--kind <kind>", kind != nil, true, Self.meaning(.kind)),
                ("--stance <stance>", stance != nil, true, Self.meaning(.stance)),
                ("--summary <summary>", summary != nil, true, Self.meaning(.summary)),
                ("--quote <quote>", quote != nil, false, ""), ("--said <date>", said != nil, false, ""),
                ("--source <source>", source != nil, true, Self.meaning(.source)),
                ("--via <via>", via != nil, false, ""), ("--about <about>", about != nil, false, ""),
                ("--if <issue=label>", !conditions.conditions.isEmpty, false, ""),
                ("--if-party <party>", !conditions.parties.isEmpty, false, ""),
                ("--new-label", newLabel, false, ""),
            ]
        }

        /// What a field of a statement holds, as the errors about a missing one say it (an
        /// option missing from the command line, a field missing from a line of a batch).
        static func meaning(_ field: Statement.Field) -> String {
            switch field {
            case .party: return "the id of the party whose position this is"
            case .actor: return "the id of the actor who spoke for the party"
            case .issue: return "the id of the issue"
            case .kind: return "the speech act"
            case .stance: return "a short label naming the position held"
            case .summary: return "what was said, in your own words"
            case .quote: return "the words quoted by the source"
            case .said: return "when it was said"
            case .source: return "the id of the source that reports it"
            case .via: return "who relayed it"
            case .about: return "the id of the party the statement is about"
            case .conditions: return "the positions it depends on"
            }
        }

        func validate() throws {
            if batch != nil {
                if let given = statementOptions.first(where: \.given) {
                    throw ValidationError(
                        "\(given.synopsis.split(separator: " ")[0]) given with --batch; give each statement's fields "
                            + "in the file, one JSON object a line")
                }
                return
            }
            let missing = statementOptions.filter { $0.required && !$0.given }
            if let one = missing.first, missing.count == 1 {
                throw ValidationError("missing \(one.synopsis): \(one.help)")
            } else if let last = missing.last {
                throw ValidationError(
                    "missing " + missing.dropLast().map(\.synopsis).joined(separator: ", ") + " and \(last.synopsis)")
            }
            if party == nil && actor == nil {
                throw ValidationError("no party given: pass --party, or --actor (whose party is then used)")
            }
        }

        func run() throws {
            let parley = try database.open()
            if let batch {
                try recordBatch(parley, from: batch)
                return
            }
            guard let issue, let kind, let stance, summary != nil, source != nil else { return }
            try noteRenamed(parley, issue)
            let fields = try statementFields(
                in: parley, party: party, actor: actor, issue: issue, kind: kind, stance: stance, summary: summary,
                quote: quote, said: said, source: source, via: via, about: about, conditions: conditions)
            let actor = fields[.actor]
            let about = fields[.about]
            let conditions = fields[.conditions]
            let receipt = try parley.record(
                try NewStatement(fields), newLabelConfirmed: newLabel)
            let who = receipt.party + (actor.map { " (\($0))" } ?? "") + (about.map { " about \($0)" } ?? "")
            let condition = conditions.map { " if \($0)" } ?? ""
            try say(
                "Recorded statement #\(receipt.sequence): \(who) on \(issue): \(kind.rawValue) '\(stance)'\(condition)."
            )
            if receipt.isNewLabel && !receipt.existingLabels.isEmpty {
                let labels = receipt.existingLabels.joined(separator: ", ")
                note("note: '\(stance)' is a new stance label on \(issue). Labels already used there: \(labels).")
                if !receipt.nearMisses.isEmpty {
                    let close = receipt.nearMisses.map { "'\($0)'" }.joined(separator: ", ")
                    note("warning: '\(stance)' is close to \(close); if it is the same position, reuse that label.")
                }
            } else if receipt.isNewLabel {
                note("note: '\(stance)' is the first stance label on \(issue).")
            }
        }
    }
}
