import ArgumentParser
import Foundation
import ParleyKit
import ParleyModel

/// The alias options every `edit` takes.
struct AliasOptions: ParsableArguments {
    @Option(name: .customLong("add-alias"), help: "Add another name (repeatable).") var add: [String] = []
    @Option(name: .customLong("remove-alias"), help: "Remove a name (repeatable).") var remove: [String] = []

    /// `aliases` with these changes; removing a name the record does not have is an error.
    func apply(to aliases: [String], of record: String) throws -> [String] {
        for alias in remove where !aliases.contains(alias) {
            throw ErrorMessage(
                "\(record) has no alias '\(alias)'; its aliases are: \(aliases.isEmpty ? "(none)" : aliases.joined(separator: ", "))"
            )
        }
        return aliases.filter { !remove.contains($0) } + add.filter { !aliases.contains($0) }
    }
}

/// Prints what an edit changed.
func reportEdit(_ kind: RecordKind, _ id: String, _ changes: [FieldChange]) throws {
    try say("Edited \(kind.singular) \(id): " + changes.map(describe).joined(separator: "; ") + ".")
}

extension ParleyCommand.PartyCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change a party's name, kind or aliases (logged).",
            discussion: help("Example:\n  parley party edit --id armenia --add-alias Hayastan"))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The party's id.", completion: Completion.ids(.party)) var id: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "A new kind.") var kind: PartyKind?
        @OptionGroup var aliases: AliasOptions

        func run() throws {
            let parley = try database.open()
            let id = try parley.id(.party, id, option: "--id")
            let changes = try parley.editParty(id) { party in
                if let name { party.name = name }
                if let kind { party.kind = kind }
                party.aliases = try aliases.apply(to: party.aliases, of: "party \(id)")
            }
            try reportEdit(.party, id, changes)
        }
    }
}

extension ParleyCommand.ActorCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Change an actor's name, party, role or aliases (logged).",
            discussion: help(
                """
                An actor's party can change only while no statement records the actor for the old one.

                Example:
                  parley actor edit --id pashinian --role "Prime Minister of Armenia" \\
                    --add-alias Pashinyan
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The actor's id.", completion: Completion.ids(.actor)) var id: String
        @Option(help: "A new name.") var name: String?
        @Option(help: "The id of the party the actor speaks for.", completion: Completion.ids(.party)) var party:
            String?
        @Option(help: "A new role.") var role: String?
        @Flag(help: "Remove the role.") var clearRole = false
        @OptionGroup var aliases: AliasOptions

        func run() throws {
            let parley = try database.open()
            let id = try parley.id(.actor, id, option: "--id")
            let party = try parley.id(.party, party, option: "--party")
            let changes = try parley.editActor(id) { actor in
                if let name { actor.name = name }
                if let party { actor.party = party }
                if let role { actor.role = role }
                if clearRole { actor.role = nil }
                actor.aliases = try aliases.apply(to: actor.aliases, of: "actor \(id)")
            }
            try reportEdit(.actor, id, changes)
        }
    }
}

extension ParleyCommand.IssueCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an issue's title, description, aliases or staleness window (logged).",
            discussion: help(
                """
                An alias is another id the issue answers to: one route, two names. It must be a valid
                issue id that no other issue has. --stale-after sets how old a position on the issue (and
                its sub-issues) may be before reports mark it stale, instead of the report's window.

                Example:
                  parley issue edit --id zangezur-corridor --add-alias tripp-route
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The issue's id.", completion: Completion.ids(.issue)) var id: String
        @Option(help: "A new title.") var title: String?
        @Option(help: "A new description.") var description: String?
        @Flag(help: "Remove the description.") var clearDescription = false
        @OptionGroup var aliases: AliasOptions
        @Option(help: ArgumentHelp("The issue's own staleness window: 2y, 18m or 400d.", valueName: "window"))
        var staleAfter: StaleWindow?
        @Flag(help: "Remove the issue's own staleness window (reports' window applies).") var clearStaleAfter = false

        func run() throws {
            let changes = try database.open().editIssue(id) { issue in
                if let staleAfter { issue.staleAfter = staleAfter }
                if clearStaleAfter { issue.staleAfter = nil }
                if let title { issue.title = title }
                if let description { issue.description = description }
                if clearDescription { issue.description = nil }
                issue.aliases = try aliases.apply(to: issue.aliases, of: "issue \(issue.id)")
            }
            try reportEdit(.issue, id, changes)
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename",
            abstract: "Give an issue (and its sub-issues) a new id; the old one stays as an alias.",
            discussion: help(
                """
                Statements, agreements and disputes stay with the issue. Commands and casefiles that still
                use the old id keep working: it is now an alias. The new id must be free and its parent
                must exist; an issue cannot move under itself.

                Example:
                  parley issue rename zangezur-corridor transit-route
                """))

        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The issue's current id.") var old: String
        @Argument(help: "Its new id.") var new: String

        func run() throws {
            let renamed = try database.open().renameIssue(old, to: new)
            let others = renamed.count - 1
            try say(
                "Renamed issue \(renamed[0].old) to \(renamed[0].new)"
                    + (others > 0 ? " and \(RecordKind.issue.count(others)) below it" : "")
                    + "; the old \(Plural("id is", "ids are").form(renamed.count)) kept as "
                    + Plural("an alias", "aliases").form(renamed.count) + "."
            )
        }
    }
}

extension ParleyCommand.SourceCommand {
    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a source's title, publisher, URL, date, reliability or text (logged).",
            discussion: help(
                """
                A new published date moves the statements that take their date from the source.

                Example:
                  parley source edit --id rferl-2021-12-16 --published 2021-12-17 \\
                    --text-file article.txt
                """))

        @OptionGroup var database: DatabaseOptions
        @Option(help: "The source's id.", completion: Completion.ids(.source)) var id: String
        @Option(help: "A new title.") var title: String?
        @Option(help: "Who published it.") var publisher: String?
        @Option(help: "Where it can be found.") var url: String?
        @Option(help: ArgumentHelp("When it was published: YYYY-MM-DD, YYYY-MM or YYYY.", valueName: "date"))
        var published: CalendarDate?
        @Option(help: "How far it is trusted.") var reliability: Reliability?
        @Option(help: ArgumentHelp("Store the document's full text from this file.", valueName: "file")) var textFile:
            String?
        @Option(
            name: .customLong("clear"),
            help: "Empty an optional value: publisher, url, reliability or text (repeatable).")
        var clear: [String] = []

        func validate() throws {
            let allowed = ["publisher", "url", "reliability", "text"]
            for field in clear where !allowed.contains(field) {
                throw ValidationError("--clear \(Echo.plain(field)): use publisher, url, reliability or text")
            }
        }

        func run() throws {
            let date = published
            let text = try textFile.map { try readDocument($0, "--text-file") }
            let changes = try database.open().editSource(id) { source in
                if let title { source.title = title }
                if let publisher { source.publisher = publisher }
                if let url { source.url = url }
                if let date { source.published = date }
                if let reliability { source.reliability = reliability }
                if let text { source.text = text }
                if clear.contains("publisher") { source.publisher = nil }
                if clear.contains("url") { source.url = nil }
                if clear.contains("reliability") { source.reliability = nil }
                if clear.contains("text") { source.text = nil }
            }
            try reportEdit(.source, id, changes)
        }
    }
}

/// A document's text (an article to draft, a source's text for --text-file): UTF-8 without NUL
/// bytes, the first bad byte named by line and column, and no larger than a source's stored text
/// may be. `what` names the file in errors: "the article", "--text-file".
func readDocument(_ path: String, _ what: String) throws -> String {
    let data: Data
    do {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
        throw ErrorMessage("cannot read \(what) \(path): \(error.localizedDescription); check the path")
    }
    if data.count > Limits.sourceTextBytes {
        throw ErrorMessage(
            "\(what) \(path) is \(data.count) bytes; a document may have at most \(Limits.sourceTextBytes)")
    }
    if let bad = data.withUnsafeBytes({ UTF8Check.firstProblem($0.bindMemory(to: UInt8.self)) }) {
        throw ErrorMessage(
            "\(what) \(path) line \(bad.line), column \(bad.column): \(bad.fault); it must be UTF-8 text")
    }
    return String(decoding: data, as: UTF8.self)
}
