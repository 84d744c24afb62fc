// The rules of writes that compare a record with what a case already holds: a new statement's
// stance label against the labels used on its issue, an amendment against the statement it
// corrects, a retraction against an earlier one, a step's parties against the record's members.
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
