// The rules of writes that compare a record with what a case already holds: a new statement's
// stance label against the labels used on its issue, an amendment against the statement it
// corrects, a retraction against an earlier one, a step's parties against the record's members,
// a label relation or order against the others recorded.
// Every backend's store asks these (ParleyStore's for SQLite, ParleyPostgres's), so that a write
// gets the same verdict, and the same error, whichever database holds the case: the store reads
// what the rule needs and stores what it allows.

extension Statement {
    /// Labels among `labels` that look like a typo of `label`: within two edits.
    public static func nearMisses(_ label: String, among labels: [String]) -> [String] {
        labels.filter { $0 != label && Suggestions.editDistance(Array($0), Array(label)) <= 2 }
    }

    /// What recording this statement's stance label on an issue whose labels are `labels` (most
    /// used first) tells the analyst: whether it is new there, and the labels it is close to. A new
    /// label close to one used there is refused unless `newLabelConfirmed` (it is usually a typo);
    /// `issue` is the issue's id as stored, for the message.
    public func stanceLabelCheck(labels: [String], issue: String, newLabelConfirmed: Bool) throws -> (
        isNew: Bool, nearMisses: [String]
    ) {
        let isNew = !labels.contains(stance)
        let nearMisses = isNew ? Self.nearMisses(stance, among: labels) : []
        if !nearMisses.isEmpty && !newLabelConfirmed {
            throw StoreError.invalid([Problem(.labelCloseTo(stance, issue: issue, close: nearMisses))])
        }
        return (isNew, nearMisses)
    }

    /// The error for recording this statement when the same statement already stands.
    public var duplicateError: StoreError {
        .duplicateStatement(party: party, actor: actor, issue: issue, stance: stance, said: said, source: source)
    }

    /// The fields an amendment of statement `number` from `current` to `self` changes, old → new:
    /// refused when `current` was retracted, or when nothing changes.
    public func amendment(of current: Statement, number: Int64) throws -> [FieldChange] {
        if let retraction = current.retraction {
            throw StoreError.invalid([Problem(.retracted(.statement, record: "#\(number)", at: retraction.at))])
        }
        let changes = FieldChange.between(current.fields, fields)
        if changes.isEmpty { throw StoreError.invalid([Problem(.nothingToChange(.statement, record: "#\(number)"))]) }
        return changes
    }
}

extension Retraction {
    /// Refuses retracting `record` (of `kind`: `#12`, `talks step 2`) when `earlier` says it is
    /// retracted already, and a blank or overlong reason.
    public func check(_ kind: RecordKind, record: String, earlier: Retraction?) throws {
        if let earlier { throw StoreError.invalid([Problem(.retracted(kind, record: record, at: earlier.at))]) }
        if Statement.isBlank(reason) { throw StoreError.invalid([Problem(.reasonRequired)]) }
        if let error = ModelError.text(reason, field: "reason") { throw StoreError.invalid([Problem(error)]) }
    }
}

extension Step {
    /// The problems of the parties and mediators joining or leaving with this step, against the
    /// members of `record` (whose id is `id`): one joining must not be in already, one leaving
    /// must be in.
    public func membershipProblems(in record: Tracked<Status>) -> [Problem] {
        let members = record.members(asOf: nil)
        var problems: [Problem] = []
        for party in addParties where members.parties.contains(party) {
            problems.append(Problem(.membership(party: party, record: record.id, isMember: true)))
        }
        for party in addMediators where members.mediators.contains(party) {
            problems.append(Problem(.membership(party: party, record: record.id, isMember: true)))
        }
        for party in removeParties where !members.parties.contains(party) {
            problems.append(Problem(.membership(party: party, record: record.id, isMember: false)))
        }
        for party in removeMediators where !members.mediators.contains(party) {
            problems.append(Problem(.membership(party: party, record: record.id, isMember: false)))
        }
        return problems
    }
}

extension Tracked {
    /// Refuses retracting step `number` (from 1) of this record when there is no such step.
    public func checkStepNumber(_ number: Int) throws {
        guard number >= 1, number <= history.count else {
            throw ModelError.noSuchStep(record: id, step: number, count: history.count)
        }
    }
}

extension LabelRelations {
    /// Refuses labels that a relation or a scale cannot name, before their issue is looked up: one
    /// that is not a label, a label related to itself, fewer than two different labels.
    public static func checkNamed(_ labels: [String]) throws {
        for label in labels where !Identifier.isValid(label) {
            throw StoreError.invalid([Problem(.invalidStance(label))])
        }
        if labels.count == 2 && labels[0] == labels[1] {
            throw StoreError.invalid([Problem(.relateToItself(labels[0]))])
        }
        if Set(labels).count < 2 { throw StoreError.invalid([Problem(.shortScale(labels))]) }
    }

    /// Refuses the labels among `labels` that no statement standing on issue `issue` (its id as
    /// stored) uses (`used`: a guard against typos), each with the closest labels in use.
    public static func checkInUse(_ labels: [String], used: [String], on issue: String) throws {
        var problems: [Problem] = []
        for label in Set(labels).sorted() where !used.contains(label) {
            problems.append(
                Problem(.unknownLabel(label, issue: issue, suggestions: Suggestions.closest(to: label, among: used))))
        }
        if !problems.isEmpty { throw StoreError.invalid(problems) }
    }

    /// Checks recording `relation` on issue `issue` (its id as stored) against these relations and
    /// orders (the case's), `previous` being the kind recorded for the pair before: refused when it
    /// contradicts them (labels opposed, independent or ordered, directly or through compatible
    /// ones, cannot be made compatible, and so on), or when it changes nothing.
    public func checkRelating(_ relation: LabelRelation, issue: String, previous: LabelRelation.Kind?) throws {
        let (a, b) = relation.labels
        var others = all.filter { !($0.issue == issue && $0.labels == relation.labels) }
        others.append(LabelRelation(issue: issue, a, b, kind: relation.kind))
        try LabelRelations(others, orders: orders).refuseInconsistency(on: issue, a, b, kind: relation.kind)
        if previous == relation.kind {
            throw StoreError.invalid([Problem(.nothingToChange(.issue, record: "\(issue) ('\(a)' and '\(b)')"))])
        }
    }

    /// The orders among `new` (on issue `issue`, its id as stored) that these do not hold yet:
    /// refused when there is none, or when they contradict the relations or the scale recorded
    /// (labels of one side or independent, a circle).
    public func ordersToAdd(_ new: [LabelOrder], issue: String) throws -> [LabelOrder] {
        let recorded = orders.filter { $0.issue == issue }
        let added = new.map { LabelOrder(issue: issue, harder: $0.harder, softer: $0.softer) }.filter {
            !recorded.contains($0)
        }
        if added.isEmpty {
            let labels = Set(new.flatMap { [$0.harder, $0.softer] })
            throw StoreError.invalid([
                Problem(.nothingToChange(.issue, record: "\(issue) (the order of \(labels.count) labels)"))
            ])
        }
        let all = LabelRelations(self.all, orders: orders + added)
        for order in added { try all.refuseInconsistency(on: issue, order.harder, order.softer, kind: nil) }
        return added
    }

    /// What unrelating labels `first` and `second` on issue `issue` (its id as stored) removes of
    /// these: their relation, and their orders either way; refused when nothing is recorded
    /// between them.
    public func removal(of first: String, _ second: String, on issue: String) throws -> (
        relation: LabelRelation.Kind?, orders: [LabelOrder]
    ) {
        let (a, b) = first < second ? (first, second) : (second, first)
        let relation = all.first { $0.issue == issue && $0.labels == (a, b) }?.kind
        let ordered = orders.filter { $0.issue == issue && Set([$0.harder, $0.softer]) == Set([a, b]) }
        guard relation != nil || !ordered.isEmpty else {
            throw StoreError.invalid([Problem(.noRelation(a, b, issue: issue))])
        }
        return (relation, ordered)
    }

    /// Refuses these relations and orders on `issue` when they cannot all hold, naming the pair
    /// being recorded (as a relation of `kind`, or as an order when nil).
    func refuseInconsistency(on issue: String, _ a: String, _ b: String, kind: LabelRelation.Kind?) throws {
        guard let found = inconsistency(on: issue) else { return }
        if let kind, found.reason == .opposed || found.reason == .independent {
            // Two relations that cannot both hold: say which one is recorded already.
            let recorded = kind == .compatible ? found.reason.rawValue : LabelRelation.Kind.compatible.rawValue
            throw StoreError.invalid([Problem(.relationContradicts(a, b, issue: issue, recorded: recorded))])
        }
        throw StoreError.invalid([Problem(.orderContradicts(a, b, issue: issue, reason: found.reason))])
    }
}

extension APIToken {
    /// Checks a new token before it is stored: a name that is not blank, not too long, and not
    /// another token's (`taken`, as the store found it), revoked ones included.
    public func checkNew(nameTaken taken: Bool) throws {
        if Statement.isBlank(name) { throw StoreError.invalid([Problem(.emptyField("name"))]) }
        if let error = ModelError.text(name, field: "name", limit: Limits.idLength) {
            throw StoreError.invalid([Problem(error)])
        }
        if taken { throw StoreError.invalid([Problem(.tokenNameTaken(name))]) }
    }

    /// Checks that the token named `name` may be revoked: it is one of `inUse` (the names of the
    /// tokens not revoked, by name); otherwise the error suggests the closest of them.
    public static func checkRevocable(_ name: String, inUse names: [String]) throws {
        guard names.contains(name) else {
            throw ModelError.unknownToken(name, suggestions: Suggestions.closest(to: name, among: names))
        }
    }
}
