import GRDB
import ParleyModel

/// What an import added, and what it found already in the database and left as it was.
public struct ImportOutcome: Hashable, Sendable {
    /// Records added, by kind.
    public var added: [RecordKind: Int] = [:]
    /// Records already present and identical, by kind (a merge skips them).
    public var unchanged: [RecordKind: Int] = [:]
    /// Steps added to agreements and disputes already present (a merge extends their histories).
    public var stepsAdded = 0
    /// Label relations added; those already recorded alike are not counted.
    public var relationsAdded = 0

    public init() {}
}

extension StoreWriter {
    /// Imports a whole casefile, checked first with every problem reported at once; on any
    /// problem nothing is written. Statements keep their numbers. The casefile may name parties,
    /// actors, issues (by an id or an alias) and sources the database holds without listing them.
    /// Without `merge`, an id or a statement number already in the database is a problem. With
    /// `merge`, a record already present and identical is skipped and counted (a field the
    /// casefile leaves out, such as a source's text, is not a difference), a history the database
    /// holds the start of is extended, and a record with the same id (or number) but other content
    /// is a conflict: every conflict is listed with every field that differs, and nothing is
    /// written. A new issue under an issue that was renamed goes under its new id, keeping the
    /// old path as an alias. Statements must carry their recording time. With `today`, dates
    /// after it are problems.
    public func importCasefile(
        _ casefile: Casefile, merge: Bool = false, today: CalendarDate? = nil
    ) throws -> ImportOutcome {
        let known = DatabaseReferences(db)
        let casefile = Self.datingSteps(casefile, from: known)
        let checked = casefile.problems(today: today, known: known)
        try known.rethrowFailure()
        try Self.check(checked)
        var outcome = ImportOutcome()
        var problems: [Problem] = []
        func conflict(_ kind: RecordKind, _ index: Int, _ record: String, _ detail: String) {
            problems.append(Problem(path: "\(kind.section)[\(index)]", .conflict(kind, record: record, detail: detail)))
        }
        func taken(_ kind: RecordKind, _ index: Int, _ id: String) {
            problems.append(Problem(path: "\(kind.section)[\(index)].id", .alreadyRecorded(kind, id: id)))
        }

        // Which records are new, which are already there; conflicts and collisions found first.
        func sort<Record>(
            _ kind: RecordKind, _ records: [Record], id: (Record) -> String, existing: (String) throws -> Record,
            differences: (Record, Record) -> String?
        ) throws -> [Record] {
            var new: [Record] = []
            for (index, record) in records.enumerated() {
                guard try db.exists(kind, id(record)) else {
                    new.append(record)
                    continue
                }
                guard merge else {
                    taken(kind, index, id(record))
                    continue
                }
                if let detail = differences(record, try existing(id(record))) {
                    conflict(kind, index, id(record), detail)
                } else {
                    outcome.unchanged[kind, default: 0] += 1
                }
            }
            return new
        }
        let parties = try sort(.party, casefile.parties, id: \.id, existing: reader.party) {
            Self.difference($0.fields, $1.fields)
        }
        let actors = try sort(.actor, casefile.actors, id: \.id, existing: reader.actor) {
            Self.difference($0.fields, $1.fields)
        }
        let issues = try sort(.issue, casefile.issues, id: \.id, existing: reader.issue) {
            Self.difference(
                $0.fields.filter { $0.0 != "id" && $0.0 != "aliases" },
                $1.fields.filter { $0.0 != "id" && $0.0 != "aliases" })
        }.map(rootedUnderRenames)
        let sources = try sort(.source, casefile.sources, id: \.id, existing: reader.source) {
            Self.difference($0.fields, $1.fields)
        }
        let (agreements, sameAgreements) = try sortTracked(
            casefile.agreements, merge: merge, conflict: conflict, taken: taken)
        let (disputes, sameDisputes) = try sortTracked(
            casefile.disputes, merge: merge, conflict: conflict, taken: taken)
        outcome.unchanged[.agreement] = sameAgreements
        outcome.unchanged[.dispute] = sameDisputes
        // Everything happens in this one transaction: records go in even while conflicts are being
        // found, so that every conflict is listed; any problem then rolls all of it back.

        for party in parties { try db.insert(party) }
        for actor in actors { try db.insert(actor) }
        // Parents first, whatever order the file lists issues in.
        for issue in issues.sorted(by: { $0.id < $1.id }) { try db.insert(issue) }
        for source in sources { try db.insert(source) }
        outcome.added[.party] = parties.count
        outcome.added[.actor] = actors.count
        outcome.added[.issue] = issues.count
        outcome.added[.source] = sources.count

        let references = DatabaseReferences(db)
        var added = 0
        for (index, statement) in casefile.statements.enumerated() {
            switch try place(statement, references: references, merge: merge) {
            case .new:
                _ = try db.insert(statement, references: references)
                added += 1
            case .unchanged:
                outcome.unchanged[.statement, default: 0] += 1
            case .conflict(let detail):
                conflict(.statement, index, statement.number.map { "#\($0)" } ?? "statements[\(index)]", detail)
            case .duplicate(let number):
                problems.append(
                    Problem(path: "statements[\(index)]", .repeatedStatement(firstAt: "#\(number) in the database")))
            case .numberTaken(let number):
                problems.append(
                    Problem(
                        path: "statements[\(index)].number",
                        .conflict(.statement, record: "#\(number)", detail: "the number is taken")))
            }
        }
        outcome.added[.statement] = added
        for (index, relation) in casefile.labelRelations.enumerated() {
            let issuePK = try db.pk(.issue, relation.issue)
            switch try db.relation(issuePK: issuePK, relation.labels.0, relation.labels.1) {
            case nil:
                try db.insert(relation, issuePK: issuePK)
                outcome.relationsAdded += 1
            case relation.kind?:
                break
            case let other?:
                problems.append(
                    Problem(
                        path: "label_relations[\(index)]",
                        .conflict(
                            .issue, record: relation.issue,
                            detail:
                                "'\(relation.labels.0)' and '\(relation.labels.1)' are \(relation.kind.rawValue) in "
                                + "the casefile, \(other.rawValue) in the database")))
            }
        }
        for order in casefile.labelOrders {
            let issuePK = try db.pk(.issue, order.issue)
            let exists =
                try Bool.fetchOne(
                    db,
                    sql: "SELECT EXISTS (SELECT 1 FROM label_order WHERE issue_pk = ? AND harder = ? AND softer = ?)",
                    arguments: [issuePK, order.harder, order.softer]) ?? false
            if exists { continue }
            try db.execute(
                sql: "INSERT INTO label_order (issue_pk, harder, softer) VALUES (?, ?, ?)",
                arguments: [issuePK, order.harder, order.softer])
            outcome.relationsAdded += 1
        }
        if merge {
            // The relations and orders merged must still agree with each other.
            let all = try LabelRelations(reader.labelRelations(), orders: reader.labelOrders())
            for issue in Set(casefile.labelRelations.map(\.issue) + casefile.labelOrders.map(\.issue)).sorted() {
                let canonical = try db.canonicalIssue(issue)
                if let (a, b, reason) = all.inconsistency(on: canonical) {
                    problems.append(
                        Problem(path: "label_orders", .orderContradicts(a, b, issue: canonical, reason: reason)))
                }
            }
        }
        try Self.check(problems)

        outcome.added[.agreement] = try insert(agreements, into: &outcome)
        outcome.added[.dispute] = try insert(disputes, into: &outcome)
        return outcome
    }

    /// How an imported agreement or dispute relates to the database.
    private enum TrackedPlan<Status: StepStatus> {
        case new(Tracked<Status>)
        case extend(id: String, steps: [Step<Status>])
    }

    private func sortTracked<Status>(
        _ records: [Tracked<Status>], merge: Bool, conflict: (RecordKind, Int, String, String) -> Void,
        taken: (RecordKind, Int, String) -> Void
    ) throws -> (plans: [TrackedPlan<Status>], unchanged: Int) {
        let kind = Status.record
        var plans: [TrackedPlan<Status>] = []
        var unchanged = 0
        for (index, record) in records.enumerated() {
            var ordered = record
            ordered.history = Tracked<Status>.ordered(record.history)
            guard try db.exists(kind, record.id) else {
                plans.append(.new(ordered))
                continue
            }
            guard merge else {
                taken(kind, index, record.id)
                continue
            }
            guard let existing = try reader.tracked(Status.self, ids: [record.id]).first else { continue }
            let issues = try ordered.issues.map { try db.canonicalIssue($0) }
            let mine = [
                ordered.title, issues.joined(separator: ","), ordered.terms ?? "",
                ordered.parties.joined(separator: ","),
                ordered.mediators.joined(separator: ","), ordered.package ?? "",
            ]
            let theirs = [
                existing.title, existing.issues.joined(separator: ","), existing.terms ?? "",
                existing.parties.joined(separator: ","),
                existing.mediators.joined(separator: ","), existing.package ?? "",
            ]
            let names = ["title", "issue", "terms", "parties", "mediators", "package"]
            // Steps compare as events: when each was recorded may differ between two databases.
            func same(_ a: ArraySlice<Step<Status>>, _ b: ArraySlice<Step<Status>>) -> Bool {
                a.count == b.count && zip(a, b).allSatisfy { $0.isSameEvent(as: $1) }
            }
            if let detail = Self.difference(
                zip(names, mine).map { ($0, Optional($1)) }, zip(names, theirs).map { ($0, Optional($1)) })
            {
                conflict(kind, index, record.id, detail)
            } else if ordered.history.count >= existing.history.count,
                same(ordered.history.prefix(existing.history.count), existing.history[...])
            {
                if ordered.history.count > existing.history.count {
                    plans.append(
                        .extend(id: record.id, steps: Array(ordered.history.dropFirst(existing.history.count))))
                } else {
                    unchanged += 1
                }
            } else if existing.history.count >= ordered.history.count,
                same(existing.history.prefix(ordered.history.count), ordered.history[...])
            {
                unchanged += 1
            } else {
                conflict(kind, index, record.id, "its history differs from the database's, not only by later steps")
            }
        }
        return (plans, unchanged)
    }

    private func insert<Status>(_ plans: [TrackedPlan<Status>], into outcome: inout ImportOutcome) throws -> Int {
        var added = 0
        for plan in plans {
            switch plan {
            case .new(let record):
                try db.insert(record)
                added += 1
            case .extend(let id, let steps):
                for step in steps { try appendStep(step, to: id) }
                outcome.stepsAdded += steps.count
            }
        }
        return added
    }

    /// Where an imported statement goes.
    private enum Placement {
        case new, unchanged
        case conflict(String)
        case numberTaken(Int64)
        case duplicate(Int64)
    }

    private func place(_ statement: ParleyModel.Statement, references: DatabaseReferences, merge: Bool) throws
        -> Placement
    {
        let existing = try statement.number.flatMap { number in
            try db.fetchStatements(StatementQuery.all + " WHERE s.pk = ?", arguments: [number]).first
        }
        let same = try sameStatement(as: statement, references: references)
        guard merge else {
            if let number = statement.number, existing != nil { return .numberTaken(number) }
            if statement.retraction == nil,
                let duplicate = try db.sameStatement(
                    as: statement, try db.resolve(statement, references: references))
            {
                return .duplicate(duplicate)
            }
            return .new
        }
        if let existing {
            if try Self.equal(statement, existing.statement, db) || same != nil { return .unchanged }
            var mine = statement
            mine.issue = try db.canonicalIssue(statement.issue)
            return .conflict(
                Self.difference(mine.fields, existing.statement.fields, silenceCounts: true)
                    ?? "it is retracted in one and not the other")
        }
        return same == nil ? .new : .unchanged
    }

    /// A statement that stands in the database with the same values as `statement`, if any.
    private func sameStatement(as statement: ParleyModel.Statement, references: DatabaseReferences) throws -> Int64? {
        let resolved = try db.resolve(statement, references: references)
        guard let number = try db.sameStatement(as: statement, resolved),
            let found = try db.fetchStatements(StatementQuery.all + " WHERE s.pk = ?", arguments: [number]).first
        else { return nil }
        return try Self.equal(statement, found.statement, db) ? number : nil
    }

    /// Whether two statements say the same thing (an issue alias counts as its issue).
    private static func equal(_ a: ParleyModel.Statement, _ b: ParleyModel.Statement, _ db: Database) throws -> Bool {
        var a = a
        a.issue = try db.canonicalIssue(a.issue)
        return a.fields.elementsEqual(b.fields, by: { $0.0 == $1.0 && $0.1 == $1.1 })
            && (a.retraction == nil) == (b.retraction == nil)
    }

    /// Every field in which a record differs from the database's, worded; nil when they agree.
    /// A field the casefile leaves out (nil) agrees with any value, unless `silenceCounts`.
    static func difference(
        _ mine: [(String, String?)], _ theirs: [(String, String?)], silenceCounts: Bool = false
    ) -> String? {
        let changes = FieldChange.between(theirs, mine).filter { silenceCounts || $0.new != nil }
        guard !changes.isEmpty else { return nil }
        return changes.map { "\($0.field): '\($0.new ?? "")' in the casefile, '\($0.old ?? "")' in the database" }
            .joined(separator: "; ")
    }

    /// The casefile with each step that is dated by a source the database holds (and the
    /// casefile does not) given that source's date.
    private static func datingSteps(_ casefile: Casefile, from known: DatabaseReferences) -> Casefile {
        var casefile = casefile
        let own = Set(casefile.sources.map(\.id))
        func date<Status>(_ record: inout Tracked<Status>) {
            for i in record.history.indices where record.history[i].onIsSourceDate {
                let source = record.history[i].source
                if !own.contains(source), let published = known.published(ofSource: source) {
                    record.history[i].on = published
                }
            }
        }
        for i in casefile.agreements.indices { date(&casefile.agreements[i]) }
        for i in casefile.disputes.indices { date(&casefile.disputes[i]) }
        return casefile
    }

    /// A new issue whose parent (or an ancestor) is now another issue's alias, after a rename,
    /// goes under that issue's id, keeping the path it was given as an alias, so that the records
    /// naming it by that path still find it.
    private func rootedUnderRenames(_ issue: Issue) throws -> Issue {
        let segments = issue.id.split(separator: "/")
        for depth in stride(from: segments.count - 1, through: 1, by: -1) {
            let ancestor = segments.prefix(depth).joined(separator: "/")
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM issue WHERE id = ?)", arguments: [ancestor])
                == true
            {
                return issue
            }
            if let owner = try db.issueAliasOwner(ancestor) {
                var moved = issue
                moved.id = ([try db.id(.issue, pk: owner)] + segments.dropFirst(depth).map(String.init)).joined(
                    separator: "/")
                if !moved.aliases.contains(issue.id) { moved.aliases.append(issue.id) }
                return moved
            }
        }
        return issue
    }
}
