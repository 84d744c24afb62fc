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
package struct KnownView {
    package let moment: KnownAsOf
    /// The statements recorded by the moment whose values or retraction were different then, as
    /// they were then (retracted ones too, marked), by number.
    package var restored: [Int64: DatedStatement] = [:]
    /// Their numbers, as JSON, for the queries to leave them out.
    var changedJSON = "[]"
    /// The statements recorded after the moment, by number (from their index on the recording
    /// time): with ``restored``, what a pass over the statements as they are now leaves out.
    var later: Set<Int64> = []
    /// Label relations and orders as they were.
    package var relations: [LabelRelation] = []
    package var orders: [LabelOrder] = []
    /// The package each agreement was in, where it differs from now (nil: none then), by id.
    var packages: [String: String?] = [:]
    /// The published date each source had, where it differs from now, by id.
    package var published: [String: CalendarDate] = [:]
    /// The issues' staleness windows, where they differ from now (nil: none then), by id.
    package var windows: [String: StaleWindow?] = [:]
    /// Sources added after the moment, by id.
    var laterSources: Set<String> = []
    /// When an import after the moment brought records whose earlier corrections the file did
    /// not keep, the time of the first such import.
    package var importedAfter: String?

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
        known?.tracked(records) ?? records
    }
}

extension KnownView {
    /// The view of SQLite's database `db`: the generic construction below, asked with SQLite's
    /// queries, and the statements recorded after the moment found by their index (the passes
    /// over the statements as they are now leave them out).
    init(moment: KnownAsOf, db: Database) throws {
        let reader = StoreReader(db: db)
        try self.init(
            moment: moment, entries: try reader.log(after: moment.through),
            retractedAfter: {
                Set(try Int64.fetchAll(db, sql: "SELECT pk FROM statement WHERE retracted_at > ?", arguments: [$0]))
            },
            statementsOfSources: { ids in
                Set(
                    try Int64.fetchAll(
                        db,
                        sql: """
                            SELECT s.pk FROM statement s JOIN source src ON src.pk = s.source_pk
                            WHERE src.id IN (SELECT value FROM json_each(?))
                            """, arguments: [ids.jsonText]))
            },
            recordedBy: { numbers, through in
                try db.fetchStatements(
                    StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?)) AND s.recorded_at <= ?",
                    arguments: ["[" + numbers.map(String.init).joined(separator: ",") + "]", through])
            },
            publishedDates: { try Self.publishedDates(db) },
            relations: try reader.labelRelations(current: true), orders: try reader.labelOrders(current: true),
            canonicalIssue: { try? db.canonicalIssue($0) })
        later = Set(
            try Int64.fetchAll(
                db, sql: "SELECT pk FROM statement INDEXED BY statement_recorded WHERE recorded_at > ?",
                arguments: [moment.through]))
    }

    /// The view of a moment from what any backend answers: `entries`, the change log after the
    /// moment, oldest first; `retractedAfter`, the statements retracted after a moment;
    /// `statementsOfSources`, the statements of the sources with these ids; `recordedBy`, the
    /// statements with these numbers recorded by a moment, as they are now; `publishedDates`,
    /// every source's published date now; `relations` and `orders`, the label relations and orders
    /// now; `canonicalIssue`, the id as stored of the issue an id or alias names (nil: none).
    /// ``later`` is left empty: a backend whose queries leave out the later statements by their
    /// recording time does not need it.
    package init(
        moment: KnownAsOf, entries: [LogEntry], retractedAfter: (String) throws -> Set<Int64>,
        statementsOfSources: ([String]) throws -> Set<Int64>,
        recordedBy: (Set<Int64>, String) throws -> [DatedStatement],
        publishedDates: () throws -> [String: CalendarDate], relations current: [LabelRelation],
        orders currentOrders: [LabelOrder], canonicalIssue: (String) -> String?
    ) throws {
        self.moment = moment
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
        var candidates = Set(corrections.keys)
        candidates.formUnion(try retractedAfter(moment.through))
        if !published.isEmpty {
            candidates.formUnion(try statementsOfSources(Array(published.keys)))
        }
        if !candidates.isEmpty {
            let rows = try recordedBy(candidates, moment.through)
            var sourceDates = try publishedDates()
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
        for relation in current {
            relationKinds[relation.issue, default: [:]]["\(relation.labels.0) ~ \(relation.labels.1)"] =
                relation.kind.rawValue
        }
        for order in currentOrders {
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
                let issue = canonicalIssue(named) ?? named
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

    /// The agreements or disputes as they were known: steps recorded after the moment left out,
    /// steps retracted after it standing, source-dated steps on their source's date then, and the
    /// package each agreement was in; records with no step known are left out.
    package func tracked<Status>(_ records: [Tracked<Status>]) -> [Tracked<Status>] {
        records.compactMap { record in
            var record = record
            record.history = record.history.compactMap { step in
                guard moment.knows(step.recordedAt) else { return nil }
                var step = step
                if let at = step.retraction?.at, moment.isAfter(at) { step.retraction = nil }
                if step.onIsSourceDate, let date = published[step.source] { step.on = date }
                return step
            }
            if let package = packages[record.id] { record.package = package }
            return record.history.isEmpty ? nil : record
        }
    }

    /// The latest published date among the sources known then, from every source's date now
    /// (`dates`, by id): those added later left out, those re-dated later on their date then.
    /// The label relations then on issue `canonical` (an id as stored) and below it (all when nil),
    /// by issue, then label.
    package func relations(within canonical: String?) -> [LabelRelation] {
        LabelRelations(relations).all.filter { relation in
            canonical.map { Identifier.issue(relation.issue, isWithin: $0) } ?? true
        }
    }

    /// The label orders then on issue `canonical` (an id as stored) and below it (all when nil), by
    /// issue, then the harder label, then the softer.
    package func orders(within canonical: String?) -> [LabelOrder] {
        LabelRelations(orders: orders).orders.filter { order in
            canonical.map { Identifier.issue(order.issue, isWithin: $0) } ?? true
        }
    }

    package func latestPublished(_ dates: [String: CalendarDate]) -> CalendarDate? {
        var dates = dates
        for id in laterSources { dates[id] = nil }
        for (id, date) in published where dates[id] != nil { dates[id] = date }
        return dates.values.max(by: { $0.endKey < $1.endKey })
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
