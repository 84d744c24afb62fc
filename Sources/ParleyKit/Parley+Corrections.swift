import ParleyModel
import ParleyReports
import ParleyStore

/// A correction to a statement: new values for some of its fields, and optional fields to empty.
public struct StatementChanges: Hashable, Sendable {
    /// The new values, by field, as text (a kind by its name, a date as written).
    public var values: [Statement.Field: String]
    /// The optional fields to empty.
    public var clear: Set<Statement.Field>

    /// The changes: each field given a value (nil values are not changes), and the fields to empty.
    /// An optional field given blank text is emptied, as if it were in `clear`.
    public init(_ values: [Statement.Field: String?] = [:], clear: Set<Statement.Field> = []) {
        let given = values.compactMapValues { $0 }
        let blank = given.filter { $0.key.isOptional && Statement.isBlank($0.value) }.keys
        self.values = given.filter { !blank.contains($0.key) }
        self.clear = clear.union(blank)
    }
}

extension Parley {
    /// Corrects statement `number` with `changes`; the old values go to the change log with the
    /// reason. Giving an actor without a party makes the statement the actor's party's. Returns
    /// the fields that changed, old → new.
    @discardableResult
    public func amend(number: Int64, _ changes: StatementChanges, reason: String) throws -> [FieldChange] {
        try requireReason(reason)
        return try writing { writer in
            var statement = try writer.statement(number: number).statement
            if let actor = changes.values[.actor], changes.values[.party] == nil {
                statement.party = try writer.party(given: nil, actor: actor)
            }
            for field in Statement.Field.allCases {
                if let text = changes.values[field] { try statement.set(field, text) }
            }
            for field in Statement.Field.allCases where changes.clear.contains(field) { try statement.set(field, nil) }
            let changed = try writer.amendStatement(number: number, to: statement, today: clock.today)
            try writer.log(entry(.amend, .statement, "#\(number)", reason: reason, changes: changed))
            return changed
        }
    }

    /// Retracts statement `number`: kept and marked, out of positions, reports and diffs.
    @discardableResult
    public func retract(number: Int64, reason: String) throws -> DatedStatement {
        try requireReason(reason)
        let retraction = Retraction(at: clock.timestamp, by: user, reason: reason)
        return try writing { writer in
            let statement = try writer.retractStatement(number: number, retraction)
            try writer.log(entry(.retract, .statement, "#\(number)", reason: reason))
            return statement
        }
    }

    /// Retracts step `number` (from 1, in history order) of the agreement or dispute `id`.
    @discardableResult
    public func retractStep<Status: StepStatus>(
        _ status: Status.Type, number: Int, of id: String, reason: String
    ) throws -> Step<Status> {
        try requireReason(reason)
        let retraction = Retraction(at: clock.timestamp, by: user, reason: reason)
        return try writing { writer in
            let step = try writer.retractStep(status, number: number, of: id, retraction)
            try writer.log(entry(.retract, Status.record, "\(id) step \(number)", reason: reason))
            return step
        }
    }

    /// Edits party `id` with `change`, which may not change the id; returns what changed.
    @discardableResult
    public func editParty(_ id: String, _ change: (inout Party) throws -> Void) throws -> [FieldChange] {
        try edit(.party, id, read: { try $0.party(id) }, write: { try $0.update($1) }, change)
    }

    /// Edits actor `id`; returns what changed.
    @discardableResult
    public func editActor(_ id: String, _ change: (inout Actor) throws -> Void) throws -> [FieldChange] {
        try edit(.actor, id, read: { try $0.actor(id) }, write: { try $0.update($1) }, change)
    }

    /// Edits issue `id` (title, description, aliases); returns what changed.
    @discardableResult
    public func editIssue(_ id: String, _ change: (inout Issue) throws -> Void) throws -> [FieldChange] {
        try edit(.issue, id, read: { try $0.issue(id) }, write: { try $0.update($1) }, change)
    }

    /// Edits source `id`; returns what changed. A new published date moves the statements that
    /// take their date from the source.
    @discardableResult
    public func editSource(_ id: String, _ change: (inout Source) throws -> Void) throws -> [FieldChange] {
        try edit(.source, id, read: { try $0.source(id) }, write: { try $0.update($1, today: clock.today) }, change)
    }

    private func edit<Record>(
        _ kind: RecordKind, _ id: String, read: (any CaseLookup) throws -> Record,
        write: (any CaseWriter, Record) throws -> [FieldChange], _ change: (inout Record) throws -> Void
    ) throws -> [FieldChange] {
        try writing { writer in
            var record = try read(writer)
            try change(&record)
            let changes = try write(writer, record)
            try writer.log(entry(.edit, kind, id, changes: changes))
            return changes
        }
    }

    /// Gives issue `old` the id `new` (and its sub-issues the new prefix), keeping the old ids as
    /// aliases. Returns the ids renamed, old → new.
    @discardableResult
    public func renameIssue(_ old: String, to new: String) throws -> [(old: String, new: String)] {
        try writing { writer in
            let renamed = try writer.renameIssue(old, to: new)
            try writer.log(
                entry(
                    .rename, .issue, renamed.first?.new,
                    changes: renamed.map { FieldChange(field: "id", old: $0.old, new: $0.new) }))
            return renamed
        }
    }

    /// Merges stance label `from` into `to` on `issue` and its sub-issues; returns the numbers of
    /// the statements changed.
    @discardableResult
    public func relabel(issue: String, from: String, to: String) throws -> [Int64] {
        try writing { writer in
            let (numbers, relations) = try writer.relabel(issue: issue, from: from, to: to)
            try writer.log(
                entry(
                    .relabel, .issue, issue,
                    changes: [FieldChange(field: "stance", old: from, new: to)]
                        + [
                            FieldChange(
                                field: "statements", old: nil, new: numbers.map { "#\($0)" }.joined(separator: ", "))
                        ] + relations))
            return numbers
        }
    }

    /// Records that two stance labels on an issue are the same side (`compatible`: they never
    /// make an apparent dispute) or opposite sides; returns the relation recorded before, if any.
    @discardableResult
    public func relate(_ relation: LabelRelation) throws -> LabelRelation.Kind? {
        try writing { writer in
            let (issue, previous) = try writer.relateLabels(relation)
            try writer.log(
                entry(
                    .relate, .issue, issue,
                    changes: [
                        FieldChange(
                            field: "\(relation.labels.0) ~ \(relation.labels.1)", old: previous?.rawValue,
                            new: relation.kind.rawValue)
                    ]))
            return previous
        }
    }

    /// Records an issue's scale, hardest label first (each label harder than the next), or
    /// single pairs; returns the orders that were new. Logged as `harder > softer` changes.
    @discardableResult
    public func order(_ orders: [LabelOrder]) throws -> [LabelOrder] {
        try writing { writer in
            let (issue, added) = try writer.orderLabels(orders)
            try writer.log(
                entry(
                    .relate, .issue, issue,
                    changes: added.map { FieldChange(field: "\($0.harder) > \($0.softer)", old: nil, new: "ordered") }))
            return added
        }
    }

    /// Removes what is recorded between two labels on an issue (their relation, their order);
    /// returns what it was.
    @discardableResult
    public func unrelate(issue: String, _ a: String, _ b: String) throws -> (
        relation: LabelRelation.Kind?, orders: [LabelOrder]
    ) {
        try writing { writer in
            let (id, relation, orders) = try writer.unrelateLabels(issue: issue, a, b)
            let (first, second) = a < b ? (a, b) : (b, a)
            var changes: [FieldChange] = []
            if let relation {
                changes.append(FieldChange(field: "\(first) ~ \(second)", old: relation.rawValue, new: nil))
            }
            changes += orders.map {
                FieldChange(field: "\($0.harder) > \($0.softer)", old: "ordered", new: nil)
            }
            try writer.log(entry(.relate, .issue, id, changes: changes))
            return (relation, orders)
        }
    }

    /// Links agreements `ids` into package `package` (nil: takes them out of theirs): none is
    /// agreed until every one is. Returns each agreement whose package changed, with the one it
    /// was in. Logged as an edit of each agreement's `package`.
    @discardableResult
    public func link(_ ids: [String], package: String?) throws -> [(id: String, was: String?)] {
        try writing { writer in
            let changed = try writer.link(ids, package: package)
            for (id, was) in changed {
                try writer.log(
                    entry(.edit, .agreement, id, changes: [FieldChange(field: "package", old: was, new: package)]))
            }
            return changed
        }
    }

    /// The id an issue now has when `id` is one of its former ids (aliases); nil otherwise.
    public func issueRenamed(from id: String) throws -> String? {
        guard case .renamed(let now)? = try lookingUp({ try $0.issueName(id) }) else { return nil }
        return now
    }

    /// What `id` names when it is not an issue's id: a former id of one, or another name of one.
    public func issueName(_ id: String) throws -> IssueName? {
        try lookingUp { try $0.issueName(id) }
    }

    /// The change log, oldest first, from the start of `since` (UTC), on either backend.
    public func log(since: CalendarDate? = nil) throws -> LogReport {
        LogReport(entries: try reading { try $0.log(since: since) }, since: since)
    }

    private func requireReason(_ reason: String) throws {
        if Statement.isBlank(reason) { throw StoreError.invalid([Problem(.reasonRequired)]) }
    }
}
