import GRDB
import ParleyModel

/// The case as it was recorded by a moment (see ``ParleyModel/KnownAsOf``), worked out from the
/// recording times and the change log: statements and steps recorded after it are left out,
/// corrections made after it are undone (the log keeps the old values) and retractions made
/// after it not yet made. Queries of a reader that knows a moment (``StoreReader/knowing(_:)``)
/// see that case.
///
/// The queries stay index-driven: they add "recorded by then" to the same seeks, and leave out
/// the few statements whose state then differs from now (``changed``); those are put back as
/// they were (``restored``) in Swift.
struct KnownView {
    let moment: KnownAsOf
    /// The statements recorded by the moment whose values or retraction were different then, as
    /// they were then (retracted ones too, marked), by number.
    var restored: [Int64: DatedStatement] = [:]
    /// Their numbers, as JSON, for the queries to leave them out.
    var changedJSON = "[]"
    /// The statements recorded after the moment, by number (from their index on the recording
    /// time): with ``restored``, what a pass over the statements as they are now leaves out.
    var later: Set<Int64> = []
    /// Label relations and orders as they were.
    var relations: [LabelRelation] = []
    var orders: [LabelOrder] = []
    /// The package each agreement was in, where it differs from now (nil: none then), by id.
    var packages: [String: String?] = [:]
    /// The published date each source had, where it differs from now, by id.
    var published: [String: CalendarDate] = [:]
    /// The issues' staleness windows, where they differ from now (nil: none then), by id.
    var windows: [String: StaleWindow?] = [:]
    /// Sources added after the moment, by id.
    var laterSources: Set<String> = []
    /// When an import after the moment brought records whose earlier corrections the file did
    /// not keep, the time of the first such import.
    var importedAfter: String?

    /// The statements the view puts back, as they were, that stand then and are a party's own, in
    /// recording order: worked out once, with the view.
    private(set) var restoredStanding: [DatedStatement] = []
    /// The same statements by party and issue, so that a pair's are found without going over all.
    private(set) var restoredByPair: [PositionKey: [DatedStatement]] = [:]

    /// Whether a pass over the statements as they are now leaves out statement `number`: it was
    /// recorded after the moment, or was different then (and is put back as it was).
    func leavesOut(_ number: Int64) -> Bool {
        later.contains(number) || restored[number] != nil
    }

    /// The statements put back that stand then on the pair of `party` and `issue`.
    func restoredStanding(party: String, issue: String) -> [DatedStatement] {
        restoredByPair[PositionKey(party: party, issue: issue)] ?? []
    }
}

extension StoreReader {
    /// This reader, seeing the case as it was recorded by `moment`.
    public func knowing(_ moment: KnownAsOf?) throws -> StoreReader {
        guard let moment else { return self }
        var reader = self
        reader.known = try KnownView(moment: moment, db: db)
        return reader
    }

    /// The moment this reader sees the case as recorded by, if any.
    public var knownAsOf: KnownAsOf? { known?.moment }

    /// When the view reaches back past an import whose file kept no earlier values of corrected
    /// statements: the time of that import; nil otherwise.
    public var knownImportedAfter: String? { known?.importedAfter }

    /// `AND s.recorded_at <= ? AND s.pk NOT IN (…)` for a statement alias, when this reader
    /// knows a moment; empty otherwise.
    func knownFilter(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        guard let known else { return ("", []) }
        return (
            " AND \(alias).recorded_at <= ? AND \(alias).pk NOT IN (SELECT value FROM json_each(?))",
            [known.moment.through, known.changedJSON]
        )
    }

    /// The agreements or disputes as they were known: steps recorded after the moment left out,
    /// steps retracted after it standing, source-dated steps on their source's date then, and the
    /// package each agreement was in; records with no step known are left out.
    func knownTracked<Status>(_ records: [Tracked<Status>]) -> [Tracked<Status>] {
        guard let known else { return records }
        return records.compactMap { record in
            var record = record
            record.history = record.history.compactMap { step in
                guard known.moment.knows(step.recordedAt) else { return nil }
                var step = step
                if let at = step.retraction?.at, known.moment.isAfter(at) { step.retraction = nil }
                if step.onIsSourceDate, let date = known.published[step.source] { step.on = date }
                return step
            }
            if let package = known.packages[record.id] { record.package = package }
            return record.history.isEmpty ? nil : record
        }
    }
}

extension KnownView {
    init(moment: KnownAsOf, db: Database) throws {
        self.moment = moment
        let entries = try StoreReader(db: db).log(after: moment.through)
        importedAfter = entries.first { $0.action == .import }?.at

        // Sources: published dates then, and those added later.
        for entry in entries where entry.kind == .source {
            guard let id = entry.record else { continue }
            if entry.action == .add { laterSources.insert(id) }
            if entry.action == .edit, let change = entry.changes.first(where: { $0.field == "published" }),
                let old = change.old, let date = try? CalendarDate(parsing: old), published[id] == nil
            {
                published[id] = date
            }
        }
        // Issues' windows then.
        for entry in entries where entry.kind == .issue && entry.action == .edit {
            guard let id = entry.record, windows[id] == nil,
                let change = entry.changes.first(where: { $0.field == "stale_after" })
            else { continue }
            windows[id] = change.old.flatMap { try? StaleWindow(parsing: $0) }
        }
        // Packages then: the first change after the moment has the value before it.
        for entry in entries where entry.kind == .agreement {
            guard let id = entry.record, packages[id] == nil,
                let change = entry.changes.first(where: { $0.field == "package" })
            else { continue }
            packages[id] = .some(change.old)
        }

        // Statements: corrected, relabelled, retracted or moved by their source's date after the moment.
        var corrections: [Int64: [LogEntry]] = [:]
        for entry in entries {
            switch entry.action {
            case .amend where entry.kind == .statement:
                if let number = entry.record.flatMap({ Int64($0.dropFirst()) }) {
                    corrections[number, default: []].append(entry)
                }
            case .relabel:
                let numbers = entry.changes.first { $0.field == "statements" }?.new ?? ""
                let stance = entry.changes.filter { $0.field == "stance" }
                for part in numbers.split(separator: ",") {
                    let text = part.trimmingCharacters(in: .whitespaces)
                    if let number = Int64(text.dropFirst()) {
                        var undo = entry
                        undo.changes = stance
                        corrections[number, default: []].append(undo)
                    }
                }
            default: break
            }
        }
        later = Set(
            try Int64.fetchAll(
                db, sql: "SELECT pk FROM statement INDEXED BY statement_recorded WHERE recorded_at > ?",
                arguments: [moment.through]))
        var candidates = Set(corrections.keys)
        candidates.formUnion(
            try Int64.fetchAll(db, sql: "SELECT pk FROM statement WHERE retracted_at > ?", arguments: [moment.through]))
        if !published.isEmpty {
            candidates.formUnion(
                try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT s.pk FROM statement s JOIN source src ON src.pk = s.source_pk
                        WHERE src.id IN (SELECT value FROM json_each(?))
                        """, arguments: [Array(published.keys).jsonText]))
        }
        if !candidates.isEmpty {
            let rows = try db.fetchStatements(
                StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?)) AND s.recorded_at <= ?",
                arguments: ["[" + candidates.map(String.init).joined(separator: ",") + "]", moment.through])
            var sourceDates = try Self.publishedDates(db)
            for (id, date) in published { sourceDates[id] = date }
            for row in rows {
                var statement = row.statement.undoing(corrections[row.sequence] ?? [])
                if let at = statement.retraction?.at, moment.isAfter(at) { statement.retraction = nil }
                let sourceDate = sourceDates[statement.source] ?? row.sourceDate
                restored[row.sequence] = DatedStatement(
                    statement: statement, effectiveDate: statement.said ?? sourceDate, sourceDate: sourceDate,
                    sequence: row.sequence)
            }
            changedJSON = "[" + restored.keys.sorted().map(String.init).joined(separator: ",") + "]"
            restoredStanding = restored.values.filter { $0.statement.countsForPositions }.sorted {
                $0.sequence < $1.sequence
            }
            restoredByPair = Dictionary(grouping: restoredStanding, by: \.key)
        }

        // Label relations and orders then: the changes after the moment undone, latest first.
        var relationKinds: [String: [String: String]] = [:]  // issue → "a ~ b" → kind
        var orderPairs: [String: Set<String>] = [:]  // issue → "harder > softer"
        for relation in try StoreReader(db: db).labelRelations(current: true) {
            relationKinds[relation.issue, default: [:]]["\(relation.labels.0) ~ \(relation.labels.1)"] =
                relation.kind.rawValue
        }
        for order in try StoreReader(db: db).labelOrders(current: true) {
            orderPairs[order.issue, default: []].insert("\(order.harder) > \(order.softer)")
        }
        for entry in entries.reversed() where entry.action == .relate || entry.action == .relabel {
            guard let recorded = entry.record else { continue }
            for change in entry.changes.reversed() {
                // `a ~ b` on the entry's issue, or `ISSUE: a ~ b` (a relabel over sub-issues).
                var field = change.field
                var named = recorded
                if let colon = field.range(of: ": ") {
                    named = String(field[..<colon.lowerBound])
                    field = String(field[colon.upperBound...])
                }
                let issue = (try? db.canonicalIssue(named)) ?? named
                if field.contains(" ~ ") {
                    relationKinds[issue, default: [:]][field] = change.old
                } else if field.contains(" > ") {
                    if change.old == nil {
                        orderPairs[issue, default: []].remove(field)
                    } else {
                        orderPairs[issue, default: []].insert(field)
                    }
                }
            }
        }
        for (issue, pairs) in relationKinds {
            for (pair, kind) in pairs {
                let labels = pair.components(separatedBy: " ~ ")
                guard labels.count == 2, let kind = LabelRelation.Kind(rawValue: kind) else { continue }
                relations.append(LabelRelation(issue: issue, labels[0], labels[1], kind: kind))
            }
        }
        for (issue, pairs) in orderPairs {
            for pair in pairs {
                let labels = pair.components(separatedBy: " > ")
                guard labels.count == 2 else { continue }
                orders.append(LabelOrder(issue: issue, harder: labels[0], softer: labels[1]))
            }
        }
    }

    /// Every source's published date, by id.
    static func publishedDates(_ db: Database) throws -> [String: CalendarDate] {
        var dates: [String: CalendarDate] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, published FROM source") {
            dates[row["id"]] = try CalendarDate(parsing: row["published"])
        }
        return dates
    }
}
