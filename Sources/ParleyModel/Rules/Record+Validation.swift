import Foundation

// The rules of single records other than statements (Statement+Validation.swift has those):
// parties, actors, issues, sources, agreements and disputes with their steps. Each validator
// reports every problem at once, as the statement validator does, and is the one both a casefile
// (with paths such as `parties[3].name`) and the store (one record, no path) ask. Rules across
// records — duplicate ids, an alias another issue holds — belong to whoever holds the other
// records: the casefile's validation, or the store's unique columns.

/// What references are checked against: the records that exist (a database, or a casefile and the
/// database it is imported into), and whether naming one that does not exist is a problem here.
/// The store looks every reference up as it writes and answers a missing one as not found, so it
/// asks for the other rules only (`reportsUnknown: false`).
public struct ReferenceCheck {
    public let references: any StatementReferences
    public let reportsUnknown: Bool

    public init(_ references: any StatementReferences, reportsUnknown: Bool = true) {
        self.references = references
        self.reportsUnknown = reportsUnknown
    }
}

/// The problems of one record, each at its path (`path.field`; none when the record has no path).
struct RecordProblems {
    let path: String
    let check: ReferenceCheck?
    var problems: [Problem] = []

    init(path: String, check: ReferenceCheck? = nil) {
        self.path = path
        self.check = check
    }

    /// `path.field`, or `path` alone for no field; empty for a record without a path.
    func at(_ field: String?) -> String {
        guard let field else { return path }
        return path.isEmpty ? "" : "\(path).\(field)"
    }

    mutating func add(_ field: String?, _ error: ModelError) { problems.append(Problem(path: at(field), error)) }

    mutating func add(_ more: [Problem]) { problems += more }

    mutating func id(_ id: String, _ kind: RecordKind, at field: String = "id") {
        do { try Identifier.validate(id, kind: kind) } catch { add(field, error) }
    }

    /// A required text: not blank, not too long.
    mutating func text(_ value: String, field: String, at place: String? = nil) {
        if Statement.isBlank(value) { add(place ?? field, .emptyField(field)) }
        length(value, field: field, at: place)
    }

    /// An optional text: not too long.
    mutating func length(_ value: String?, field: String, at place: String? = nil, limit: Int = Limits.textBytes) {
        if let error = ModelError.text(value, field: field, limit: limit) { add(place ?? field, error) }
    }

    mutating func aliases(_ aliases: [String]) {
        for (j, alias) in aliases.enumerated() { text(alias, field: "alias", at: "aliases[\(j)]") }
    }

    /// What parties and actors share: an id, a name, aliases.
    mutating func named(_ id: String, _ kind: RecordKind, name: String, role: String? = nil, aliases: [String]) {
        self.id(id, kind)
        text(name, field: "name")
        length(role, field: "role")
        self.aliases(aliases)
    }

    mutating func timestamp(_ text: String?, at field: String) {
        if let text, !KnownAsOf.isTimestamp(text) { add(field, .invalidTimestamp(text)) }
    }

    mutating func retraction(_ retraction: Retraction?) {
        guard let retraction else { return }
        text(retraction.reason, field: "reason", at: "retraction.reason")
        text(retraction.by, field: "by", at: "retraction.by")
    }

    /// A reference to a record of `kind`: a problem when it does not exist (and this check
    /// reports that), with the closest ids.
    mutating func reference(_ id: String, _ kind: RecordKind, at field: String?) {
        guard let check, check.reportsUnknown, !check.references.contains(kind, id) else { return }
        add(field, .unknownReference(kind, id: id, suggestions: check.references.suggestions(kind, for: id)))
    }
}

extension Party {
    /// Every problem with the party: its id, its name, its aliases.
    public func problems(path: String = "") -> [Problem] {
        var found = RecordProblems(path: path)
        found.named(id, .party, name: name, aliases: aliases)
        return found.problems
    }
}

extension Actor {
    /// Every problem with the actor: its id, name, role and aliases, and the party it speaks for.
    public func problems(path: String = "", references: ReferenceCheck? = nil) -> [Problem] {
        var found = RecordProblems(path: path, check: references)
        found.named(id, .actor, name: name, role: role, aliases: aliases)
        found.reference(party, .party, at: "party")
        return found.problems
    }
}

extension Issue {
    /// Every problem with the issue: its id, title, description and aliases (each an issue id),
    /// and its parent.
    public func problems(path: String = "", references: ReferenceCheck? = nil) -> [Problem] {
        var found = RecordProblems(path: path, check: references)
        found.id(id, .issue)
        found.text(title, field: "title")
        found.length(description, field: "description")
        if let parent, let check = references, check.reportsUnknown, !check.references.contains(.issue, parent) {
            found.add("id", .missingParent(issue: id, parent: parent))
        }
        for (j, alias) in aliases.enumerated() { found.id(alias, .issue, at: "aliases[\(j)]") }
        return found.problems
    }
}

extension Source {
    /// Every problem with the source: its id, title, publisher, address and text; with `today`,
    /// a published date after it.
    public func problems(path: String = "", today: CalendarDate? = nil) -> [Problem] {
        var found = RecordProblems(path: path)
        found.id(id, .source)
        found.text(title, field: "title")
        found.length(publisher, field: "publisher")
        found.length(url, field: "url")
        found.length(text, field: "text", limit: Limits.sourceTextBytes)
        if let today, published.startKey > today.endKey {
            found.add("published", .inFuture(field: "published", date: published, today: today))
        }
        return found.problems
    }
}

extension Tracked {
    /// Every problem with the agreement or dispute: its id, title, terms, issues, at least two
    /// parties, its mediators, a first step, its package, and each step's (see
    /// ``Step/problems(of:path:references:today:)``).
    public func problems(path: String = "", references: ReferenceCheck, today: CalendarDate? = nil) -> [Problem] {
        let kind = Self.kind
        var found = RecordProblems(path: path, check: references)
        found.id(id, kind)
        found.text(title, field: "title")
        found.length(terms, field: "terms")
        found.reference(issue, .issue, at: "issue")
        for (j, issue) in moreIssues.enumerated() { found.reference(issue, .issue, at: "issues[\(j + 1)]") }
        if Set(parties).count < 2 { found.add("parties", .tooFewParties(kind)) }
        for (j, party) in parties.enumerated() { found.reference(party, .party, at: "parties[\(j)]") }
        for (j, party) in mediators.enumerated() { found.reference(party, .party, at: "mediators[\(j)]") }
        if history.isEmpty { found.add("history", .noHistory(kind)) }
        if let package {
            if kind != .agreement {
                found.add("package", .onlyForAgreements(field: "a package"))
            } else if !Identifier.isValid(package) {
                found.add("package", .invalidPackage(package))
            }
        }
        for (j, step) in history.enumerated() {
            found.add(step.problems(of: self, path: found.at("history[\(j)]"), references: references, today: today))
        }
        return found.problems
    }
}

extension Step {
    /// Every problem with the step of `record`: its source, its date (not after its source's or
    /// `today`), whose account it is (a party of the record), its note, what it carries (see
    /// ``shapeProblems(path:)``), when it was recorded, the parties joining or leaving, and its
    /// retraction.
    public func problems(
        of record: Tracked<Status>, path: String = "", references: ReferenceCheck, today: CalendarDate? = nil
    ) -> [Problem] {
        var found = RecordProblems(path: path, check: references)
        found.reference(source, .source, at: "source")
        found.add(dateProblems(references: references.references, path: found.at("on"), today: today))
        if let party = accordingTo {
            found.reference(party, .party, at: "according_to")
            if references.references.contains(.party, party) && !record.involves(party) {
                found.add("according_to", .membership(party: party, record: record.id, isMember: false))
            }
        }
        found.length(note, field: "note", at: "note")
        found.add(shapeProblems(path: path))
        found.timestamp(recordedAt, at: "recorded")
        for party in addParties + removeParties + addMediators + removeMediators {
            found.reference(party, .party, at: nil)
        }
        found.retraction(retraction)
        if let at = retraction?.at { found.timestamp(at, at: "retraction.at") }
        return found.problems
    }
}
