import Foundation

// MARK: - Whole-casefile validation

extension Casefile {
    /// Every problem in the casefile: bad ids, missing references, duplicates, missing parents.
    /// Validation never stops at the first problem, so a user can fix them all in one pass.
    /// With `today`, dates after it are problems too. With `known`, a reference to a record the
    /// casefile does not hold is good when `known` has it (the database a casefile is imported
    /// into).
    public func problems(today: CalendarDate? = nil, known: (any StatementReferences)? = nil) -> [Problem] {
        let references = CasefileReferences(self, known: known)
        let check = ReferenceCheck(references)
        var problems = duplicateIDs()
        for (i, party) in parties.enumerated() { problems += party.problems(path: "parties[\(i)]") }
        for (i, actor) in actors.enumerated() { problems += actor.problems(path: "actors[\(i)]", references: check) }
        for (i, issue) in issues.enumerated() {
            problems += issue.problems(path: "issues[\(i)]", references: check)
            for (j, alias) in issue.aliases.enumerated() {
                if let owner = references.issueNames[alias], owner != issue.id {
                    problems.append(Problem(path: "issues[\(i)].aliases[\(j)]", .aliasTaken(alias, by: owner)))
                }
            }
        }
        for (i, source) in sources.enumerated() { problems += source.problems(path: "sources[\(i)]", today: today) }
        problems += statementProblems(references: references, today: today)
        problems += labelProblems(references: check)
        for (i, record) in agreements.enumerated() {
            problems += record.problems(path: "agreements[\(i)]", references: check, today: today)
        }
        for (i, record) in disputes.enumerated() {
            problems += record.problems(path: "disputes[\(i)]", references: check, today: today)
        }
        return problems
    }

    /// Ids that a section holds twice, each at its second place, naming the first.
    private func duplicateIDs() -> [Problem] {
        var problems: [Problem] = []
        func unique(_ ids: [String], kind: RecordKind) {
            var seen: [String: Int] = [:]
            for (index, id) in ids.enumerated() {
                if let first = Self.earlier(id, at: index, in: &seen) {
                    problems.append(
                        Problem(
                            path: "\(kind.section)[\(index)].id",
                            .duplicateID(kind, id: id, firstAt: "\(kind.section)[\(first)]")))
                }
            }
        }
        unique(parties.map(\.id), kind: .party)
        unique(actors.map(\.id), kind: .actor)
        unique(issues.map(\.id), kind: .issue)
        unique(sources.map(\.id), kind: .source)
        unique(agreements.map(\.id), kind: .agreement)
        unique(disputes.map(\.id), kind: .dispute)
        return problems
    }

    /// Each statement's problems (``Statement/problems(references:path:today:)``), its retraction,
    /// its number (from 1, once), and a statement that stands twice.
    private func statementProblems(references: CasefileReferences, today: CalendarDate?) -> [Problem] {
        var problems: [Problem] = []
        var statementKeys: [StatementIdentity: Int] = [:]
        var numbers: [Int64: Int] = [:]
        for (i, statement) in statements.enumerated() {
            var found = RecordProblems(path: "statements[\(i)]")
            found.add(statement.problems(references: references, path: found.path, today: today))
            found.retraction(statement.retraction)
            if let number = statement.number {
                if number < 1 {
                    found.add("number", .invalidNumber(nil))
                } else if let first = Self.earlier(number, at: i, in: &numbers) {
                    found.add("number", .repeatedNumber(number, firstAt: "statements[\(first)]"))
                }
            }
            if !statement.isRetracted, let first = Self.earlier(statement.identity, at: i, in: &statementKeys) {
                found.add(nil, .repeatedStatement(firstAt: "statements[\(first)]"))
            }
            problems += found.problems
        }
        return problems
    }

    /// Label relations and orders: their issue, their labels (slugs, not one label twice), each
    /// once, and all of an issue's able to hold together.
    private func labelProblems(references: ReferenceCheck) -> [Problem] {
        var problems: [Problem] = []
        var relationKeys: [String: Int] = [:]
        for (i, relation) in labelRelations.enumerated() {
            var found = RecordProblems(path: "label_relations[\(i)]", check: references)
            found.reference(relation.issue, .issue, at: "issue")
            let (a, b) = relation.labels
            for label in [a, b] where !label.isEmpty && !Identifier.isValid(label) {
                found.add("labels", .invalidStance(label))
            }
            if a == b && !a.isEmpty { found.add("labels", .relateToItself(a)) }
            if let first = Self.earlier("\(relation.issue) \(a) \(b)", at: i, in: &relationKeys) {
                found.add(nil, .repeatedRelation(a, b, issue: relation.issue, firstAt: "label_relations[\(first)]"))
            }
            problems += found.problems
        }
        return problems + orderProblems(references: references) + labelContradictions()
    }

    /// Label orders: their issue, their two labels (slugs, not the same), each order once.
    private func orderProblems(references: ReferenceCheck) -> [Problem] {
        var problems: [Problem] = []
        var orderKeys: [String: Int] = [:]
        for (i, order) in labelOrders.enumerated() {
            var found = RecordProblems(path: "label_orders[\(i)]", check: references)
            found.reference(order.issue, .issue, at: "issue")
            for (field, label) in [("harder", order.harder), ("softer", order.softer)] where !Identifier.isValid(label)
            {
                found.add(field, .invalidStance(label))
            }
            if order.harder == order.softer { found.add("softer", .relateToItself(order.harder)) }
            if let first = Self.earlier("\(order.issue) \(order.harder) \(order.softer)", at: i, in: &orderKeys) {
                found.add(
                    nil,
                    .repeatedRelation(order.harder, order.softer, issue: order.issue, firstAt: "label_orders[\(first)]")
                )
            }
            problems += found.problems
        }
        return problems
    }

    /// The place of the first record with `key` when one came before; otherwise nil, and `index`
    /// is noted as the first.
    private static func earlier<Key: Hashable>(_ key: Key, at index: Int, in seen: inout [Key: Int]) -> Int? {
        if let first = seen[key] { return first }
        seen[key] = index
        return nil
    }

    /// Relations and orders that cannot all hold on an issue, at the first that names the pair.
    private func labelContradictions() -> [Problem] {
        let related = LabelRelations(labelRelations, orders: labelOrders)
        return Set(labelRelations.map(\.issue) + labelOrders.map(\.issue)).sorted().compactMap { issue in
            guard let (a, b, reason) = related.inconsistency(on: issue) else { return nil }
            let at =
                labelOrders.firstIndex { $0.issue == issue && Set([$0.harder, $0.softer]) == Set([a, b]) }
                .map { "label_orders[\($0)]" }
                ?? labelRelations.firstIndex { $0.issue == issue && Set([$0.labels.0, $0.labels.1]) == Set([a, b]) }
                .map { "label_relations[\($0)]" } ?? "label_relations"
            return Problem(path: at, .orderContradicts(a, b, issue: issue, reason: reason))
        }
    }
}

/// The ids a casefile holds, as the statement rules ask for them; then, for what it does not
/// hold, the records `known` has.
struct CasefileReferences: StatementReferences {
    var ids: [RecordKind: Set<String>] = [:]
    var actorParty: [String: String] = [:]
    /// Every id and alias of an issue, and the issue's id: what a reference may name it by.
    var issueNames: [String: String] = [:]
    var published: [String: CalendarDate] = [:]
    let known: (any StatementReferences)?

    init(_ casefile: Casefile, known: (any StatementReferences)? = nil) {
        self.known = known
        ids[.party] = Set(casefile.parties.map(\.id))
        ids[.actor] = Set(casefile.actors.map(\.id))
        for issue in casefile.issues {
            issueNames[issue.id] = issue.id
            for alias in issue.aliases where issueNames[alias] == nil { issueNames[alias] = issue.id }
        }
        ids[.issue] = Set(issueNames.keys)
        ids[.source] = Set(casefile.sources.map(\.id))
        published = Dictionary(casefile.sources.map { ($0.id, $0.published) }, uniquingKeysWith: { first, _ in first })
        ids[.agreement] = Set(casefile.agreements.map(\.id))
        ids[.dispute] = Set(casefile.disputes.map(\.id))
        actorParty = Dictionary(casefile.actors.map { ($0.id, $0.party) }, uniquingKeysWith: { first, _ in first })
    }

    func contains(_ kind: RecordKind, _ id: String) -> Bool {
        ids[kind]?.contains(id) == true || known?.contains(kind, id) == true
    }
    func party(ofActor id: String) -> String? { actorParty[id] ?? known?.party(ofActor: id) }
    func published(ofSource id: String) -> CalendarDate? { published[id] ?? known?.published(ofSource: id) }
    func suggestions(_ kind: RecordKind, for id: String) -> [String] {
        let own = Suggestions.closest(to: id, among: ids[kind] ?? [])
        let more = (known?.suggestions(kind, for: id) ?? []).filter { !own.contains($0) }
        return Array((own + more).prefix(3))
    }
}

/// What makes two statements the same statement: party, actor, issue, kind, stance, said date,
/// source, the party it is about, the words quoted and who relayed it. Two ministers of one party
/// taking the same position in the same article are two statements; so are a president speaking
/// directly and through his press office, and a spokesman's three remarks in one briefing.
struct StatementIdentity: Hashable {
    var party, issue, stance, source, kind: String
    var actor, about, quote, via: String?
    var said: CalendarDate?
}

extension Statement {
    var identity: StatementIdentity {
        StatementIdentity(
            party: party, issue: issue, stance: stance, source: source, kind: kind.rawValue, actor: actor, about: about,
            quote: quote, via: via, said: said)
    }
}

extension Step {
    /// The problems with what the step carries: a deadline or a term on a dispute's step, a term
    /// that is not a slug, a step on a term that changes who takes part.
    public func shapeProblems(path: String) -> [Problem] {
        func at(_ field: String) -> String { path.isEmpty ? "" : "\(path).\(field)" }
        var problems: [Problem] = []
        if Status.record != .agreement {
            if due != nil { problems.append(Problem(path: at("due"), .onlyForAgreements(field: "a deadline"))) }
            if term != nil { problems.append(Problem(path: at("term"), .onlyForAgreements(field: "a term"))) }
            return problems
        }
        if let term {
            do { try Identifier.validate(term, kind: .agreement) } catch {
                problems.append(Problem(path: at("term"), .invalidTerm(term)))
            }
            if changesMembers { problems.append(Problem(path: at("term"), .termWithMembers(term: term))) }
        }
        return problems
    }

    /// Whether two steps record the same event: everything alike but when each was recorded.
    public func isSameEvent(as other: Step) -> Bool {
        var a = self
        var b = other
        a.recordedAt = nil
        b.recordedAt = nil
        return a == b
    }

    /// The problems with the step's date: after its source was published, or after `today`.
    public func dateProblems(references: some StatementReferences, path: String, today: CalendarDate?) -> [Problem] {
        var problems: [Problem] = []
        if let published = references.published(ofSource: source), on.startKey > published.endKey {
            problems.append(Problem(path: path, .stepAfterSource(on: on, source: source, published: published)))
        }
        if let today, on.startKey > today.endKey {
            problems.append(Problem(path: path, .inFuture(field: "the step's date", date: on, today: today)))
        }
        return problems
    }
}
