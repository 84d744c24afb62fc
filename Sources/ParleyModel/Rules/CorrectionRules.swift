// The rules of corrections that compare the correction with what a case already holds: an edit
// of a party, actor, issue or source against the record as it is, an issue's new id against the
// issues there are, a stance label merged into another against the statements that use them,
// agreements linked into a package against the package they are in.
// As with WriteRules.swift, every backend's store asks these, so that a correction gets the same
// verdict and the same error whichever database holds the case: the store reads what a rule needs
// and stores what it allows.

extension FieldChange {
    /// The fields an edit of record `id` (of `kind`) changes, from `old` to `new` (each a record's
    /// fields): refused when it changes none.
    public static func edit(
        _ kind: RecordKind, _ id: String, from old: [(String, String?)], to new: [(String, String?)]
    ) throws -> [FieldChange] {
        let changes = between(old, new)
        if changes.isEmpty { throw StoreError.invalid([Problem(.nothingToChange(kind, record: id))]) }
        return changes
    }
}

extension Actor {
    /// Refuses moving this actor (as it is) to another party when `statements` statements record
    /// it for its party: they would then say the actor spoke for a party it does not speak for.
    public func checkMove(to party: String, statements: Int) throws {
        if party != self.party && statements > 0 {
            throw StoreError.invalid([
                Problem(.actorHasStatements(actor: id, party: self.party, count: statements))
            ])
        }
    }
}

extension Source {
    /// The problems of giving this source (`id`, newly dated `published`) when statements said, or
    /// steps dated, after its new date report it: `statements` (number and said date) and `steps`
    /// (the agreement's or dispute's id and the step's date), each as the store found them for the
    /// new date's end. Only a date that starts after it is a problem (a month said in the month of
    /// publication is not).
    public func redatingProblems(
        statements: [(number: Int64, said: CalendarDate)], steps: [(record: String, on: CalendarDate)]
    )
        -> [Problem]
    {
        var problems: [Problem] = []
        for (number, said) in statements where said.startKey > published.endKey {
            problems.append(
                Problem(path: "#\(number)", .saidAfterSource(said: said, source: id, published: published)))
        }
        for (record, on) in steps where on.startKey > published.endKey {
            problems.append(Problem(path: record, .stepAfterSource(on: on, source: id, published: published)))
        }
        return problems
    }
}

/// The rules of giving an issue a new id (`parley issue rename`): the issue and its sub-issues
/// take the new id as prefix, each keeping its old id as an alias.
public enum IssueRenaming {
    /// Refuses a new id that is not an issue id, before the issue is looked up.
    public static func checkNewID(_ new: String) throws {
        if (try? Identifier.validate(new, kind: .issue)) == nil {
            throw StoreError.invalid([Problem(.invalidIdentifier(new, kind: .issue))])
        }
    }

    /// Refuses renaming issue `root` (its id as stored) to `new` when that changes nothing or puts
    /// the issue under itself; returns the parent the new id needs, if it is nested.
    public static func check(_ root: String, to new: String) throws -> String? {
        if new == root { throw StoreError.invalid([Problem(.nothingToChange(.issue, record: root))]) }
        if Identifier.issue(new, isWithin: root) {
            throw StoreError.invalid([Problem(.issueIntoItself(issue: root, newID: new))])
        }
        return Identifier.parentIssue(of: new)
    }

    /// The error when the parent `parent` that the new id `new` needs is not an issue.
    public static func missingParent(_ parent: String, of new: String) -> StoreError {
        .invalid([Problem(.missingParent(issue: new, parent: parent))])
    }

    /// The ids of `subtree` (the issue `root` and its sub-issues, as stored, by id) renamed under
    /// `new`, old → new, in the same order (parents before children); refused when a new id is
    /// another issue's id or alias (`owner` answers which issue holds a name, if any).
    public static func renamed(_ subtree: [String], root: String, to new: String, owner: (String) throws -> String?)
        throws -> [(old: String, new: String)]
    {
        try subtree.map { id in
            let newID = new + id.dropFirst(root.count)
            if let holder = try owner(newID), holder != id {
                throw StoreError.invalid([Problem(.aliasTaken(newID, by: holder))])
            }
            return (id, newID)
        }
    }

    /// The aliases of a renamed issue: its old id joins them, and its new id leaves them.
    public static func aliases(_ aliases: [String], renamed names: (old: String, new: String)) -> [String] {
        var aliases = aliases.filter { $0 != names.new }
        if !aliases.contains(names.old) { aliases.append(names.old) }
        return aliases
    }
}

/// The rules of merging one stance label into another on an issue and its sub-issues (`parley
/// relabel`).
public enum Relabelling {
    /// Refuses a new label that is not a label, before anything is looked up.
    public static func checkNewLabel(_ to: String) throws {
        if !Identifier.isValid(to) { throw StoreError.invalid([Problem(.invalidStance(to))]) }
    }

    /// Refuses relabelling `from` on `issue` (as the analyst named it) when no statement that
    /// stands there uses it (`changed` is empty), suggesting the closest of `used` (the labels in
    /// use there).
    public static func checkUsed(_ from: String, issue: String, changed: [Int64], used: [String]) throws {
        if changed.isEmpty {
            throw StoreError.invalid([
                Problem(.unknownLabel(from, issue: issue, suggestions: Suggestions.closest(to: from, among: used)))
            ])
        }
    }

    /// Refuses the relabelling when it would make statement `clash.a` the same statement as
    /// `clash.b` (the first such pair the store found).
    public static func checkClash(_ clash: (a: Int64, b: Int64)?) throws {
        if let clash { throw StoreError.invalid([Problem(.wouldDuplicate([clash.a, clash.b]))]) }
    }

    /// What merging label `from` into `to` does to the relations and orders recorded on the issues
    /// relabelled: `relations` and `orders` are those of the subtree, each with its issue's id, in
    /// the order the store keeps them (by the issue's row key, then the labels). A relation or
    /// order that named `from` goes; it comes back naming `to`, unless that pairs `to` with itself
    /// or is recorded already (also by an earlier one of these). Returns the rows to delete and to
    /// insert, and the changes as the change log keeps them (`ISSUE: a ~ b` for a relation,
    /// `ISSUE: harder > softer` for an order), in the order they are made.
    public static func moves(
        from: String, to: String, relations: [LabelRelation], orders: [LabelOrder]
    ) -> RelabelMoves {
        var moves = RelabelMoves()
        var recorded = Set(relations.map { RelationKey(issue: $0.issue, a: $0.labels.0, b: $0.labels.1) })
        for relation in relations where relation.labels.0 == from || relation.labels.1 == from {
            let (a, b) = relation.labels
            let issue = relation.issue
            moves.deletedRelations.append(relation)
            recorded.remove(RelationKey(issue: issue, a: a, b: b))
            moves.changes.append(FieldChange(field: "\(issue): \(a) ~ \(b)", old: relation.kind.rawValue, new: nil))
            let other = a == from ? b : a
            guard other != to else { continue }
            let (x, y) = other < to ? (other, to) : (to, other)
            guard recorded.insert(RelationKey(issue: issue, a: x, b: y)).inserted else { continue }
            moves.insertedRelations.append(LabelRelation(issue: issue, x, y, kind: relation.kind))
            moves.changes.append(FieldChange(field: "\(issue): \(x) ~ \(y)", old: nil, new: relation.kind.rawValue))
        }
        var ordered = Set(orders)
        for order in orders where order.harder == from || order.softer == from {
            moves.deletedOrders.append(order)
            ordered.remove(order)
            moves.changes.append(
                FieldChange(field: "\(order.issue): \(order.harder) > \(order.softer)", old: "ordered", new: nil))
            let moved = LabelOrder(
                issue: order.issue, harder: order.harder == from ? to : order.harder,
                softer: order.softer == from ? to : order.softer)
            guard moved.harder != moved.softer, ordered.insert(moved).inserted else { continue }
            moves.insertedOrders.append(moved)
            moves.changes.append(
                FieldChange(field: "\(moved.issue): \(moved.harder) > \(moved.softer)", old: nil, new: "ordered"))
        }
        return moves
    }

    private struct RelationKey: Hashable {
        var issue, a, b: String
    }
}

/// The rows a relabelling changes among the label relations and orders, and the change-log
/// changes that say so (see ``Relabelling/moves(from:to:relations:orders:)``).
public struct RelabelMoves: Sendable {
    /// The relations to delete, then those to insert (their labels in order, `a < b`).
    public var deletedRelations: [LabelRelation] = []
    public var insertedRelations: [LabelRelation] = []
    /// The orders to delete, then those to insert.
    public var deletedOrders: [LabelOrder] = []
    public var insertedOrders: [LabelOrder] = []
    /// The changes, as the change log keeps them, in the order they are made.
    public var changes: [FieldChange] = []

    public init() {}
}

/// The rules of linking agreements into a package (`parley agreement link` and `unlink`).
public enum Packaging {
    /// Refuses a package name that is not an id.
    public static func checkPackage(_ package: String?) throws {
        guard let package else { return }
        do { try Identifier.validate(package, kind: .agreement) } catch {
            throw StoreError.invalid([Problem(.invalidPackage(package))])
        }
    }

    /// Refuses a link of agreements `ids` that changes none (`changed`: those whose package
    /// changed, with the one they were in).
    public static func checkChanged(_ changed: [(id: String, was: String?)], ids: [String]) throws {
        if changed.isEmpty {
            throw StoreError.invalid([Problem(.nothingToChange(.agreement, record: ids.joined(separator: ", ")))])
        }
    }
}
