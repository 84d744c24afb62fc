import Foundation

/// A value or record that breaks one of Parley's rules. Each case carries the offending values,
/// so that every front end can word it its own way; the description here names the thing that
/// was wrong and what to do, and never a command or a flag.
public enum ModelError: Error, Hashable, Sendable, LocalizedError {
    /// The text is not a calendar date in one of the accepted forms.
    case invalidDate(String)
    /// The text is not a valid id for the kind of record.
    case invalidIdentifier(String, kind: RecordKind)
    /// The text is not a valid stance label.
    case invalidStance(String)
    /// The value is not in the closed list allowed for the field.
    case invalidChoice(String, field: String, allowed: [String])
    /// A field that must hold text is empty or blank.
    case emptyField(String)
    /// A text is longer than Parley stores (see ``Limits``).
    case tooLong(field: String, length: Int, limit: Int, unit: String)
    /// A text holds a NUL character, which cannot be stored.
    case nulCharacter(field: String)
    /// A required field is absent.
    case missingField(String)
    /// A field that the record does not have; `suggestion` is the closest known field.
    case unknownField(String, suggestion: String?, known: [String])
    /// A reference to a record that does not exist; `suggestions` are the closest ids.
    case unknownReference(RecordKind, id: String, suggestions: [String])
    /// Two records of one kind share an id; `firstAt` locates the first.
    case duplicateID(RecordKind, id: String, firstAt: String)
    /// A record to be imported whose id is already taken in the database.
    case alreadyRecorded(RecordKind, id: String)
    /// A nested issue whose parent issue does not exist.
    case missingParent(issue: String, parent: String)
    /// The actor speaks for another party than the one given.
    case actorSpeaksForAnother(actor: String, owner: String, party: String)
    /// A statement names neither a party nor an actor.
    case noSpeaker
    /// The same statement appears twice in one casefile; `firstAt` locates the first.
    case repeatedStatement(firstAt: String)
    /// An agreement or dispute with fewer than two parties.
    case tooFewParties(RecordKind)
    /// An agreement or dispute without a status step.
    case noHistory(RecordKind)
    /// No statement has the number; `highest` is the highest there is (nil: none yet).
    case noSuchStatement(Int64, highest: Int64?)
    /// A record that was retracted cannot be retracted again or amended.
    case retracted(RecordKind, record: String, at: String)
    /// A correction (amend, retract) was asked for without a reason.
    case reasonRequired
    /// A correction that changes nothing.
    case nothingToChange(RecordKind, record: String)
    /// A new stance label close to labels already used on the issue: a typo, or a new position?
    case labelCloseTo(String, issue: String, close: [String])
    /// A stance label not used on the issue; `suggestions` are the closest used ones.
    case unknownLabel(String, issue: String, suggestions: [String])
    /// Renaming an issue into its own subtree.
    case issueIntoItself(issue: String, newID: String)
    /// An alias that is already an id or alias of another issue.
    case aliasTaken(String, by: String)
    /// A party already in an agreement or dispute, or not in it, for a membership change.
    case membership(party: String, record: String, isMember: Bool)
    /// An actor whose party cannot change while statements record it for the old party.
    case actorHasStatements(actor: String, party: String, count: Int)
    /// Statements that a change would make identical to each other.
    case wouldDuplicate([Int64])
    /// A step number that is not in the history.
    case noSuchStep(record: String, step: Int, count: Int)
    /// Records a merge cannot reconcile: the same id (or statement number) with other content.
    case conflict(RecordKind, record: String, detail: String)
    /// The text is not a staleness window such as `2y`, `18m` or `400d`.
    case invalidWindow(String)
    /// A said date after the source that reports it was published.
    case saidAfterSource(said: CalendarDate, source: String, published: CalendarDate)
    /// A step dated after the source that reports it was published.
    case stepAfterSource(on: CalendarDate, source: String, published: CalendarDate)
    /// A date after today.
    case inFuture(field: String, date: CalendarDate, today: CalendarDate)
    /// A statement said to be about the party that made it.
    case aboutItself(String)
    /// Two labels to relate that are one label.
    case relateToItself(String)
    /// A label relation that the relations already recorded contradict (compatible labels that
    /// are recorded as opposed, directly or through labels compatible with them, or the reverse).
    case relationContradicts(String, String, issue: String, recorded: String)
    /// No relation is recorded between the two labels.
    case noRelation(String, String, issue: String)
    /// The input's form is wrong: YAML or CSV syntax, a list where a value belongs, bytes that
    /// are not text. What is wrong is in the ``Malformed`` value.
    case malformed(Malformed)
    /// A file that cannot be read; `reason` says why, when it is known.
    case unreadableFile(FileFault?)
    /// A statement number that is not a whole number from 1 up: the text given, or nil when the
    /// number itself is below 1.
    case invalidNumber(String?)
    /// Two statements of one casefile with the same number; `firstAt` locates the first.
    case repeatedNumber(Int64, firstAt: String)
    /// Two entries relating the same two labels on one issue; `firstAt` locates the first.
    case repeatedRelation(String, String, issue: String, firstAt: String)
    /// Status steps for an agreement or dispute that its table does not list.
    case stepsWithoutRecord(RecordKind, record: String)
    /// A statement already recorded, in the database or earlier in the same file (an import).
    case alreadyImported
    /// A statement of an import that another writer recorded (as number `number`) while the
    /// import's file was being checked.
    case recordedDuringImport(number: Int64)
    /// A search with no words to search for.
    case emptySearch(String)
    /// A search that the full-text index cannot run; `detail` is SQLite's reason.
    case unsearchable(String, detail: String)
    /// A token name that another token has.
    case tokenNameTaken(String)
    /// No token in use has the name; `suggestions` are the closest names in use.
    case unknownToken(String, suggestions: [String])
    /// A source without stored text, asked for its text (to draft from, to check quotations).
    case noSourceText(source: String)
    /// An article to draft without a publication date given or in its file's name.
    case undatedArticle(String)
    /// A period that ends before it starts: `until` is before `since`.
    case untilBeforeSince(since: CalendarDate, until: CalendarDate)
    /// A search asked for another number of hits than 1 to `most`.
    case searchLimit(Int, most: Int)
    /// A step without a status, for a record that has none in force on the step's date to keep.
    case noStatusToKeep(record: String, on: CalendarDate)
    /// A publication date given for a source that was published on another.
    case publishedDiffers(source: String, published: CalendarDate, given: CalendarDate)
    /// The text is neither a date nor an ISO 8601 UTC timestamp (a moment the case was known at).
    case invalidMoment(String)
    /// A condition that is not `issue=label` or `party:issue=label`.
    case invalidCondition(String)
    /// A statement conditional on its own party's position on its own issue.
    case conditionOnItself(issue: String)
    /// Label relations and orders on an issue that cannot all hold: two labels of one side
    /// recorded as opposed, independent or ordered; ordered labels recorded as independent; an
    /// order going round in a circle.
    case orderContradicts(String, String, issue: String, reason: LabelRelations.Inconsistency)
    /// A scale needs two labels or more, each once.
    case shortScale([String])
    /// Something only an agreement has, given for a dispute: a deadline, a term, a package.
    case onlyForAgreements(field: String)
    /// A step about a term that also changes who takes part.
    case termWithMembers(term: String)
    /// A term id that is not a slug.
    case invalidTerm(String)
    /// A package id that is not a slug.
    case invalidPackage(String)
    /// A recording time that is not an ISO 8601 UTC timestamp to the second.
    case invalidTimestamp(String)

    public var errorDescription: String? {
        switch self {
        case .invalidDate(let text):
            return "\(Echo.quoted(text)) is not a valid date: " + CalendarDate.problem(with: text)
        case .invalidIdentifier(let text, let kind):
            let rule = kind == .issue ? Identifier.issueRule : Identifier.rule
            return "\(Echo.quoted(text)) is not a valid \(kind.singular) id: \(rule)"
        case .invalidStance(let text):
            return "\(Echo.quoted(text)) is not a valid stance label: \(Identifier.rule)"
        case .invalidChoice(let text, let field, let allowed):
            return "\(Echo.quoted(text)) is not a valid \(field): use one of \(allowed.joined(separator: ", "))"
        case .emptyField(let field):
            return "\(field) must not be empty"
        case .tooLong(let field, let length, let limit, let unit):
            return
                "\(field) is \(Echo.grouped(length)) \(unit) long; the limit is \(Echo.grouped(limit)) \(unit): shorten it"
        case .nulCharacter(let field):
            return "\(field) contains a NUL character (\\0), which cannot be stored; remove it"
        case .missingField(let field):
            return "required field '\(field)' is missing"
        case .unknownField(let field, let suggestion, let known):
            let hint = suggestion.map { "did you mean '\($0)'?" } ?? "known fields: \(known.joined(separator: ", "))"
            return "unknown field \(Echo.quoted(field)); \(hint)"
        case .unknownReference(let kind, let id, let suggestions):
            return "no \(kind.singular) with id \(Echo.quoted(id)); "
                + (Suggestions.didYouMean(suggestions) ?? "add it to \(kind.plural) first")
        case .duplicateID(let kind, let id, let firstAt):
            return "\(kind.singular) id '\(id)' is already used by \(firstAt); give each \(kind.singular) its own id"
        case .alreadyRecorded(let kind, let id):
            return "\(kind.singular) '\(id)' is already in the database; "
                + "remove it from the casefile or import into a new database"
        case .missingParent(let issue, let parent):
            return "the parent issue '\(parent)' of '\(issue)' does not exist; add it first"
        case .actorSpeaksForAnother(let actor, let owner, let party):
            return "actor '\(actor)' speaks for '\(owner)', not '\(party)'; fix the party or the actor"
        case .noSpeaker:
            return "a statement needs a party or an actor (whose party it then is)"
        case .repeatedStatement(let firstAt):
            return "the same statement (party, actor, issue, kind, stance, said date, source, quote and relay) is "
                + "already \(firstAt); "
                + "remove the duplicate"
        case .tooFewParties(let kind):
            return "\(kind.withArticle) needs at least two parties"
        case .noHistory(let kind):
            return "\(kind.withArticle) needs at least one dated status step"
        case .noSuchStatement(let number, let highest):
            return "no statement #\(number); "
                + (highest.map { "the highest number is #\($0)" } ?? "none is recorded yet")
        case .retracted(let kind, let record, let at):
            return "\(kind.singular) \(record) was retracted on \(at); a retracted record stays as it is"
        case .reasonRequired:
            return "a correction needs a reason, kept in the change log"
        case .nothingToChange(let kind, let record):
            return "nothing to change in \(kind.singular) \(record): give at least one new value"
        case .labelCloseTo(let label, let issue, let close):
            return "\(Echo.quoted(label)) is a new stance label on \(issue), close to "
                + close.map { "'\($0)'" }.joined(separator: ", ")
                + "; reuse that label if it is the same position, or confirm that it is a new one"
        case .unknownLabel(let label, let issue, let suggestions):
            return "no statement on \(issue) uses the stance label \(Echo.quoted(label)); "
                + (Suggestions.didYouMean(suggestions) ?? "list the labels used there to pick one")
        case .issueIntoItself(let issue, let newID):
            return "cannot rename \(issue) to \(newID): an issue cannot be moved under itself"
        case .aliasTaken(let alias, let owner):
            return "\(Echo.quoted(alias)) is already a name of issue \(owner); an alias must belong to one issue"
        case .membership(let party, let record, let isMember):
            return isMember
                ? "\(party) already takes part in \(record)"
                : "\(party) does not take part in \(record), so cannot leave it"
        case .actorHasStatements(let actor, let party, let count):
            return "actor \(actor) has \(count) statement\(count == 1 ? "" : "s") recorded for \(party); "
                + "amend them first, or add a new actor for the other party"
        case .wouldDuplicate(let numbers):
            return "statements " + numbers.map { "#\($0)" }.joined(separator: " and ")
                + " would become the same statement; retract one of them first"
        case .noSuchStep(let record, let step, let count):
            return
                "\(record) has no step \(step); its history has \(count) step\(count == 1 ? "" : "s"), numbered from 1"
        case .invalidWindow(let text):
            return "\(Echo.quoted(text)) is not a staleness window: use a whole number and y, m or d (2y, 18m, 400d)"
        case .saidAfterSource(let said, let source, let published):
            return "said \(said) is after source \(source) was published (\(published)): a source cannot report what "
                + "had not yet been said; check both dates"
        case .stepAfterSource(let on, let source, let published):
            return
                "the step dated \(on) is after source \(source) was published (\(published)): a source cannot report "
                + "what had not yet happened; check both dates"
        case .inFuture(let field, let date, let today):
            return "\(field) \(date) is after today (\(today)); check the date"
        case .relateToItself(let label):
            return "cannot relate \(Echo.quoted(label)) to itself: give two different labels"
        case .relationContradicts(let a, let b, let issue, let recorded):
            return "'\(a)' and '\(b)' on \(issue) are already recorded as \(recorded) (directly or through labels "
                + "compatible with them); remove that relation first"
        case .noRelation(let a, let b, let issue):
            return "no relation is recorded between '\(a)' and '\(b)' on \(issue); list the labels on \(issue) to see "
                + "the relations"
        case .aboutItself(let party):
            return "a statement about another party names that party, not its own speaker '\(party)'"
        case .conflict(let kind, let record, let detail):
            return "\(kind.singular) \(record) is already in the database with other content (\(detail)); "
                + "reconcile the two by hand, then merge again"
        case .malformed(let problem):
            return problem.description
        case .unreadableFile(let reason?):
            return "cannot read the file: \(reason)"
        case .unreadableFile(nil):
            return "cannot open the file; check the path and its permissions"
        case .invalidNumber(let text?):
            return "number \(Echo.quoted(text)) is not a whole number from 1 up"
        case .invalidNumber(nil):
            return "a statement number is a whole number from 1 up"
        case .repeatedNumber(let number, let firstAt):
            return "statement number \(number) is already used by \(firstAt)"
        case .repeatedRelation(let a, let b, let issue, let firstAt):
            return "the relation of '\(a)' and '\(b)' on \(issue) is already given by \(firstAt)"
        case .stepsWithoutRecord(let kind, let record):
            return "steps for '\(record)', which is not in \(kind.section).csv; add it there or remove its steps"
        case .alreadyImported:
            return "the same statement (party, actor, issue, kind, stance, said date, source, quote, relay and the "
                + "party it is about) is already recorded, in the database or earlier in this file"
        case .recordedDuringImport(let number):
            return "the same statement was recorded as #\(number) by another writer while this file was being "
                + "checked; nothing was imported: remove it from the file, or merge the file, and import again"
        case .emptySearch(let text):
            return "nothing to search for in \(Echo.quoted(text)); give one or more words"
        case .unsearchable(let text, let detail):
            return "\(Echo.quoted(text)) is not a search SQLite can run: \(detail)"
        case .tokenNameTaken(let name):
            return "a token named \(Echo.quoted(name)) exists already; choose another name"
        case .unknownToken(let name, let suggestions):
            return "no token named \(Echo.quoted(name)) is in use"
                + (Suggestions.didYouMean(suggestions).map { "; " + $0 } ?? "")
        case .noSourceText(let source):
            return "source '\(source)' has no stored text; give the article's file instead, or store the source's text"
        case .invalidMoment(let text):
            return "\(Echo.quoted(text)) is not a date or a time: use YYYY-MM-DD, YYYY-MM, YYYY, or an ISO 8601 UTC "
                + "time such as 2022-03-01T12:00:00Z"
        case .invalidCondition(let text):
            return "\(Echo.quoted(text)) is not a condition: write ISSUE=LABEL, or PARTY:ISSUE=LABEL for another "
                + "party's position"
        case .conditionOnItself(let issue):
            return "a statement cannot be conditional on its own party's position on its own issue (\(issue)); name "
                + "another issue or another party"
        case .orderContradicts(let a, let b, let issue, let reason):
            let why: String
            switch reason {
            case .opposed: why = "they are one side (compatible) and also recorded as opposed"
            case .independent: why = "labels recorded as independent cannot be one side or on one scale"
            case .compatible: why = "they are one side (compatible), so neither is harder"
            case .ordered: why = "the scale would go round in a circle: '\(b)' is already recorded as harder"
            }
            return "'\(a)' and '\(b)' on \(issue) cannot be related that way: \(why); remove the relation first"
        case .shortScale(let labels):
            return "a scale needs two or more different labels, hardest first; got "
                + (labels.isEmpty ? "none" : labels.map { "'\($0)'" }.joined(separator: ", "))
        case .onlyForAgreements(let field):
            return "\(field) is for agreements only; disputes have no \(field)"
        case .invalidTerm(let text):
            return "\(Echo.quoted(text)) is not a valid term id: \(Identifier.rule)"
        case .invalidPackage(let text):
            return "\(Echo.quoted(text)) is not a valid package id: \(Identifier.rule)"
        case .invalidTimestamp(let text):
            return "\(Echo.quoted(text)) is not a recording time: use an ISO 8601 UTC time such as 2022-03-01T12:00:00Z"
        case .termWithMembers(let term):
            return "a step about term '\(term)' cannot add or remove parties or mediators; record that as a step "
                + "about the whole agreement"
        case .noStatusToKeep(let record, let on):
            return "\(record) has no status on \(on) to keep; give a status"
        case .undatedArticle:
            return "no date: give the publication date, or put YYYY-MM-DD in the file's name"
        case .untilBeforeSince(let since, let until):
            return "the end of the period, \(until), is before its start, \(since); give the start first"
        case .searchLimit(let limit, let most):
            return "\(limit) hits: ask for 1 to \(Echo.grouped(most))"
        case .publishedDiffers(let source, let published, let given):
            return "source '\(source)' was published on \(published), not \(given); leave out the date, or cite "
                + "another source"
        }
    }
}

extension ModelError {
    /// Whether the problem is a reference to a record the input does not hold (an unknown id, an
    /// issue's missing parent): a database the input is imported into may hold it.
    public var namesAbsentRecord: Bool {
        switch self {
        case .unknownReference, .missingParent: true
        default: false
        }
    }
}
