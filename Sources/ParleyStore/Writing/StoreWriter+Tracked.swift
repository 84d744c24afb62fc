import GRDB
import ParleyModel

extension StoreWriter {
    /// Adds an agreement or a dispute with its first step(s). With `today`, a step dated after
    /// it is refused.
    public func add<Status>(_ record: Tracked<Status>, today: CalendarDate? = nil) throws {
        let references = DatabaseReferences(db)
        let problems = record.problems(references: Self.lookedUpLater(references), today: today)
        try references.rethrowFailure()
        try Self.check(problems)
        try db.insert(record)
    }

    /// The record rules, with references looked up as the records are written (a missing one
    /// is answered as not found, with the closest ids), not reported as problems.
    static func lookedUpLater(_ references: DatabaseReferences) -> ReferenceCheck {
        ReferenceCheck(references, reportsUnknown: false)
    }

    /// Records a dated, sourced step of the agreement or dispute `id`, where it belongs in its
    /// history (steps may be recorded in any order); returns its place in the history (from 1).
    /// Parties and mediators joining or leaving with it must not already be in, or must be in.
    /// With `today`, a step dated after it is refused.
    @discardableResult
    public func appendStep<Status>(_ step: Step<Status>, to id: String, today: CalendarDate? = nil) throws -> Int {
        let ownerPK = try db.pk(Status.record, id)
        guard let record = try reader.tracked(Status.self, ids: [id]).first else {
            throw StoreError.notFound(Status.record, id: id, suggestions: [])
        }
        let references = DatabaseReferences(db)
        let problems = step.problems(of: record, references: Self.lookedUpLater(references), today: today)
        try references.rethrowFailure()
        try Self.check(problems + step.membershipProblems(in: record))
        let index = Tracked<Status>.insertionIndex(for: step, in: record.history)
        try db.insertStep(step, ownerPK: ownerPK, at: index)
        return index + 1
    }

    /// Retracts step `number` (from 1, in history order) of the agreement or dispute `id`: it
    /// stays in the history, marked, and is no longer in force. Returns the step.
    @discardableResult
    public func retractStep<Status>(
        _ status: Status.Type, number: Int, of id: String, _ retraction: Retraction
    ) throws -> Step<Status> {
        let ownerPK = try db.pk(Status.record, id)
        let table = Status.record.table
        let steps = try Row.fetchAll(
            db, sql: "SELECT pk, retracted_at FROM \(table)_step WHERE \(table)_pk = ? ORDER BY seq",
            arguments: [ownerPK])
        guard (1...max(1, steps.count)).contains(number), number <= steps.count else {
            throw ModelError.noSuchStep(record: id, step: number, count: steps.count)
        }
        let earlier = (steps[number - 1]["retracted_at"] as String?).map { Retraction(at: $0, by: "", reason: "") }
        try retraction.check(Status.record, record: "\(id) step \(number)", earlier: earlier)
        try db.execute(
            sql: "UPDATE \(table)_step SET retracted_at = ?, retracted_by = ?, retract_reason = ? WHERE pk = ?",
            arguments: [retraction.at, retraction.by, retraction.reason, steps[number - 1]["pk"]])
        guard let step = try reader.tracked(Status.self, ids: [id]).first?.history[number - 1] else {
            throw StoreError.unexpected(code: 0, detail: "a step that was just retracted is gone")
        }
        return step
    }
}

extension Database {
    func insert<Status>(_ record: Tracked<Status>) throws {
        let table = Status.record.table
        try refuseExisting(Status.record, record.id)
        let issuePK = try pk(.issue, record.issue)
        try execute(
            sql: "INSERT INTO \(table) (id, title, issue_pk, terms, package) VALUES (?, ?, ?, ?, ?)",
            arguments: [record.id, record.title, issuePK, record.terms, record.package])
        let ownerPK = lastInsertedRowID
        for (index, issue) in record.moreIssues.enumerated() {
            let morePK = try pk(.issue, issue)
            if morePK == issuePK { continue }
            try execute(
                sql: "INSERT OR IGNORE INTO \(table)_issue (\(table)_pk, issue_pk, position) VALUES (?, ?, ?)",
                arguments: [ownerPK, morePK, index])
        }
        let members = record.parties.map { ($0, "party") } + record.mediators.map { ($0, "mediator") }
        for (index, (party, role)) in members.enumerated() {
            try execute(
                sql: "INSERT OR IGNORE INTO \(table)_party (\(table)_pk, party_pk, role, position) VALUES (?, ?, ?, ?)",
                arguments: [ownerPK, try pk(.party, party), role, index])
        }
        // The history as given is the order of events; steps are numbered in it.
        for (index, step) in record.history.enumerated() { try insertStep(step, ownerPK: ownerPK, at: index) }
    }

    /// Inserts a step at `index` of its history (0 is first), moving the later ones down.
    func insertStep<Status>(_ step: Step<Status>, ownerPK: Int64, at index: Int) throws {
        let table = Status.record.table
        let sequence =
            try Int64.fetchOne(
                self, sql: "SELECT seq FROM \(table)_step WHERE \(table)_pk = ? ORDER BY seq LIMIT 1 OFFSET ?",
                arguments: [ownerPK, index])
        let seq: Int64
        if let sequence {
            try execute(
                sql: "UPDATE \(table)_step SET seq = seq + 1 WHERE \(table)_pk = ? AND seq >= ?",
                arguments: [ownerPK, sequence])
            seq = sequence
        } else {
            seq =
                (try Int64.fetchOne(
                    self, sql: "SELECT max(seq) FROM \(table)_step WHERE \(table)_pk = ?", arguments: [ownerPK]) ?? 0)
                + 1
        }
        try execute(
            sql: """
                INSERT INTO \(table)_step (\(table)_pk, seq, status, "on", on_key, on_from_source, source_pk, note,
                                           according_to_pk, retracted_at, retracted_by, retract_reason, recorded_at,
                                           due, due_key, term)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                ownerPK, seq, step.status.rawValue, step.on.description, step.on.endKey, step.onIsSourceDate,
                try pk(.source, step.source), step.note, try step.accordingTo.map { try pk(.party, $0) },
                step.retraction?.at, step.retraction?.by, step.retraction?.reason, step.recordedAt,
                step.due?.description, step.due?.endKey, step.term,
            ])
        let stepPK = lastInsertedRowID
        let changes =
            step.addParties.map { ($0, "party", "join") } + step.removeParties.map { ($0, "party", "leave") }
            + step.addMediators.map { ($0, "mediator", "join") }
            + step.removeMediators.map { ($0, "mediator", "leave") }
        for (party, role, change) in changes {
            try execute(
                sql: "INSERT OR IGNORE INTO \(table)_step_party (step_pk, party_pk, role, change) VALUES (?, ?, ?, ?)",
                arguments: [stepPK, try pk(.party, party), role, change])
        }
    }
}

extension StoreWriter {
    /// Puts agreements `ids` into package `package` (nil: takes them out of theirs): agreements
    /// linked so that none is agreed until every one is. Returns each agreement whose package
    /// changed, with its package before. Refused when nothing changes.
    @discardableResult
    public func link(_ ids: [String], package: String?) throws -> [(id: String, was: String?)] {
        try Packaging.checkPackage(package)
        var changed: [(id: String, was: String?)] = []
        for id in ids {
            let pk = try db.pk(.agreement, id)
            let was = try String.fetchOne(db, sql: "SELECT package FROM agreement WHERE pk = ?", arguments: [pk])
            guard was != package else { continue }
            try db.execute(sql: "UPDATE agreement SET package = ? WHERE pk = ?", arguments: [package, pk])
            changed.append((try db.id(.agreement, pk: pk), was))
        }
        try Packaging.checkChanged(changed, ids: ids)
        return changed
    }
}
