import Foundation

/// What the statement rules need to know about the records a statement names: the database when
/// recording one, the casefile when reading one, the importer's tables when streaming a CSV file.
public protocol StatementReferences {
    /// Whether a record of `kind` with `id` exists.
    func contains(_ kind: RecordKind, _ id: String) -> Bool
    /// The party the actor speaks for, or nil when there is no such actor.
    func party(ofActor id: String) -> String?
    /// Existing ids of `kind` close to `id`, closest first (for "did you mean").
    func suggestions(_ kind: RecordKind, for id: String) -> [String]
    /// The published date of the source, or nil when there is no such source.
    func published(ofSource id: String) -> CalendarDate?
}

extension Statement {
    /// The party a new statement is recorded for: the one given, else the actor's. Throws when
    /// neither is given, or when only an actor is given and it does not exist.
    public static func party(
        given party: String?, actor: String?, references: some StatementReferences
    ) throws(ModelError) -> String {
        if let party, !party.isEmpty { return party }
        guard let actor else { throw .noSpeaker }
        guard let owner = references.party(ofActor: actor) else {
            throw .unknownReference(.actor, id: actor, suggestions: references.suggestions(.actor, for: actor))
        }
        return owner
    }

    /// Every rule the statement breaks. This is the one statement validator: a command, a
    /// casefile, a CSV file and the API all send their statements through it, so the same
    /// statement gets the same verdict whichever way it arrives. `path` names the record in each
    /// problem (`statements[3]` gives `statements[3].party`); leave it empty for a single record.
    /// With `today`, a said date after it is refused too.
    public func problems(references: some StatementReferences, path: String = "", today: CalendarDate? = nil)
        -> [Problem]
    {
        var problems: [Problem] = []
        func add(_ field: String, _ error: ModelError) {
            problems.append(Problem(path: path.isEmpty ? "" : "\(path).\(field)", error))
        }
        func reference(_ kind: RecordKind, _ id: String, field: String) {
            if !references.contains(kind, id) {
                add(field, .unknownReference(kind, id: id, suggestions: references.suggestions(kind, for: id)))
            }
        }
        reference(.party, party, field: "party")
        if let actor {
            if let owner = references.party(ofActor: actor) {
                if owner != party { add("actor", .actorSpeaksForAnother(actor: actor, owner: owner, party: party)) }
            } else {
                add(
                    "actor",
                    .unknownReference(.actor, id: actor, suggestions: references.suggestions(.actor, for: actor)))
            }
        }
        reference(.issue, issue, field: "issue")
        if !Identifier.isValid(stance) { add("stance", .invalidStance(stance)) }
        if Self.isBlank(summary) { add("summary", .emptyField("summary")) }
        if let error = ModelError.text(summary, field: "summary") { add("summary", error) }
        if let error = ModelError.text(quote, field: "quote") { add("quote", error) }
        if let error = ModelError.text(via, field: "via") { add("via", error) }
        if let about {
            if about == party { add("about", .aboutItself(party)) } else { reference(.party, about, field: "about") }
        }
        reference(.source, source, field: "source")
        // Recording and retraction times place the statement in what was known when.
        if let recordedAt, !KnownAsOf.isTimestamp(recordedAt) { add("recorded", .invalidTimestamp(recordedAt)) }
        if let at = retraction?.at, !KnownAsOf.isTimestamp(at) { add("retraction.at", .invalidTimestamp(at)) }
        for condition in conditions {
            reference(.issue, condition.issue, field: "conditions")
            if let other = condition.party { reference(.party, other, field: "conditions") }
            if !Identifier.isValid(condition.label) { add("conditions", .invalidStance(condition.label)) }
            if (condition.party ?? party) == party && condition.issue == issue {
                add("conditions", .conditionOnItself(issue: issue))
            }
        }
        if let said {
            // A source vouches only for what was said by the time it was published.
            if let published = references.published(ofSource: source), said.startKey > published.endKey {
                add("said", .saidAfterSource(said: said, source: source, published: published))
            }
            if let today, said.startKey > today.endKey {
                add("said", .inFuture(field: "said", date: said, today: today))
            }
        }
        return problems
    }

    /// Whether text is empty or only white space and line breaks.
    public static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { CharacterSet.whitespacesAndNewlines.contains($0) }
    }

    /// A value as a form gives it: without the white space around it, and nil when it is missing
    /// or ``isBlank(_:)`` (a box left empty).
    public static func filled(_ text: String?) -> String? {
        guard let text, !isBlank(text) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
