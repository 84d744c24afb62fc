#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresStore: CaseWriteStore {
        public func lookUp<T>(_ body: (any CaseLookup) throws -> T) throws -> T {
            try read { session in try body(PostgresWriter(session: session)) }
        }

        /// Runs `body` in one write transaction, after the writers before it have committed: every
        /// write takes the writers' lock (``PostgresStore/logLock``) first, so that writers are put
        /// one after the other, as SQLite puts them, and a new row takes the next number (see
        /// ``PostgresWriter/nextKey(_:)``). Readers are not held up.
        public func writeCase<T>(_ body: (any CaseWriter) throws -> T) throws -> T {
            try write { session in
                try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresStore.logLock)])
                let result = try body(PostgresWriter(session: session))
                // The identity columns' sequences follow, for rows added another way (by hand, or
                // by a Parley that numbers rows by them).
                try session.execute(
                    "SELECT "
                        + PostgresSchema.tables.filter(PostgresSchema.keyed.contains).map { table in
                            """
                            setval(pg_get_serial_sequence('\(PostgresSchema.namespace).\(table)', 'pk'),
                                   coalesce((SELECT max(pk) FROM \(table)), 0) + 1, false)
                            """
                        }.joined(separator: ", "))
                return result
            }
        }
    }

    /// The writes of one PostgreSQL write transaction (the store contract for writes,
    /// ``CaseWriter``): each checked by the rules of ParleyModel, as the SQLite store checks it,
    /// then stored with the SQLite store's rows in PostgreSQL's SQL.
    ///
    /// Derived tables: PostgreSQL's schema has one, `position_key` (every (party, issue) pair that
    /// ever had a statement), kept by its trigger on `statement` as SQLite's is, so a write here
    /// adds nothing for it. SQLite's `position_span` and `position_change` are not in this schema:
    /// they serve SQLite's kept positions and the disputes board of one process, while
    /// ``PostgresReader`` derives positions from `statement` by its index on every read, and
    /// several servers on one database would learn of a write from the change-log version.
    ///
    /// Writers are put one after the other by the writers' lock that ``PostgresStore/writeCase(_:)``
    /// takes first, as SQLite puts its writers, so that two servers never both decide from the same
    /// state; the row a write changes is also locked (`FOR UPDATE`: a statement, an agreement or
    /// dispute) before it is read. Readers are never held up.
    public struct PostgresWriter: CaseWriter {
        let session: PostgresSession
        var reader: PostgresReader { PostgresReader(session: session) }

        // MARK: - Look-ups

        public func names(of kind: RecordKind) throws -> [(id: String, names: [String])] {
            guard kind == .party || kind == .actor else { return [] }
            return try session.rows("SELECT id, name, aliases FROM \(kind.rawValue) ORDER BY id").map { row in
                let (id, name, aliases) = try row.decode((String, String, String).self)
                return (id, [name] + (try JSONDecoder().decode([String].self, from: Data(aliases.utf8))))
            }
        }

        public func issueName(_ id: String) throws -> IssueName? {
            guard try session.rows("SELECT 1 FROM issue WHERE id = $1", [.text(id)]).isEmpty,
                let owner = try session.rows(
                    """
                    SELECT i.id FROM issue i, jsonb_array_elements_text(i.aliases::jsonb) a(value)
                    WHERE a.value = $1 LIMIT 1
                    """, [.text(id)]
                ).first
            else { return nil }
            let issue = try owner.decode(String.self)
            let renamed = try session.rows(
                """
                SELECT 1 FROM change_log l, jsonb_array_elements(l.changes::jsonb) c(value)
                WHERE l.action = 'rename' AND c.value->>'field' = 'id' AND c.value->>'old' = $1 LIMIT 1
                """, [.text(id)])
            return renamed.isEmpty ? .alias(of: issue) : .renamed(to: issue)
        }

        public func source(_ id: String) throws -> Source {
            let pk = try reader.pk(.source, id)
            guard
                let row = try session.rows(
                    "SELECT id, title, publisher, url, published, reliability, text FROM source WHERE pk = $1",
                    [.integer(pk)]
                ).first
            else { throw StoreError.notFound(.source, id: id, suggestions: []) }
            let (id, title, publisher, url, published, reliability, text) = try row.decode(
                (String, String, String?, String?, String, String?, String?).self)
            return Source(
                id: id, title: title, publisher: publisher, url: url, published: try CalendarDate(parsing: published),
                reliability: try reliability.map(Reliability.parse), text: text)
        }

        public func statement(number: Int64) throws -> DatedStatement {
            let sql = "\(PostgresStatements.select) FROM statement s \(PostgresStatements.joins) WHERE s.pk = $1"
            if let found = try PostgresStatements.fetch(session, sql, [.integer(number)]).first { return found }
            let highest = try session.rows("SELECT max(pk) FROM statement").first?.decode(Int64?.self)
            throw ModelError.noSuchStatement(number, highest: highest)
        }

        public func party(given party: String?, actor: String?) throws -> String {
            let references = PostgresReferences(PostgresLookups(reader: reader))
            do {
                return try Statement.party(given: party, actor: actor, references: references)
            } catch {
                try references.rethrowFailure()
                throw StoreError.invalid([Problem(error)])
            }
        }

        public func tracked<Status: StepStatus>(_ status: Status.Type, id: String) throws -> Tracked<Status> {
            _ = try reader.pk(Status.record, id)
            guard let record = try reader.tracked(status).first(where: { $0.id == id }) else {
                throw StoreError.notFound(Status.record, id: id, suggestions: [])
            }
            return record
        }

        // MARK: - Parties, actors, issues, sources

        public func addParty(_ party: Party) throws {
            try Self.check(party.problems())
            try refuseExisting(.party, party.id)
            try session.execute(
                "INSERT INTO party (pk, id, name, kind, aliases) VALUES (\(Self.nextKey("party")), $1, $2, $3, $4)",
                [.text(party.id), .text(party.name), .text(party.kind.rawValue), .text(try Self.json(party.aliases))])
        }

        public func addActor(_ actor: Actor) throws {
            try Self.check(actor.problems())
            try refuseExisting(.actor, actor.id)
            let partyPK = try reader.pk(.party, actor.party)
            try session.execute(
                "INSERT INTO actor (pk, id, name, party_pk, role, aliases) VALUES (\(Self.nextKey("actor")), $1, $2, $3, $4, $5)",
                [
                    .text(actor.id), .text(actor.name), .integer(partyPK), .optional(actor.role),
                    .text(try Self.json(actor.aliases)),
                ])
        }

        public func addIssue(_ issue: Issue) throws {
            try Self.check(issue.problems())
            if let owner = try aliasOwner(issue.id) {
                throw StoreError.invalid([Problem(.aliasTaken(issue.id, by: owner))])
            }
            try refuseExisting(.issue, issue.id)
            try checkAliases(issue.aliases, of: issue.id)
            var parentPK: Int64?
            if let parent = issue.parent {
                guard
                    let found = try session.rows("SELECT pk FROM issue WHERE id = $1", [.text(parent)]).first?
                        .decode(Int64.self)
                else { throw StoreError.invalid([Problem(.missingParent(issue: issue.id, parent: parent))]) }
                parentPK = found
            }
            try session.execute(
                """
                INSERT INTO issue (pk, id, title, description, parent_pk, aliases, stale_after)
                VALUES (\(Self.nextKey("issue")), $1, $2, $3, $4, $5, $6)
                """,
                [
                    .text(issue.id), .text(issue.title), .optional(issue.description), .optional(parentPK),
                    .text(try Self.json(issue.aliases)), .optional(issue.staleAfter?.description),
                ])
        }

        public func addSource(_ source: Source, today: CalendarDate?) throws {
            try Self.check(source.problems(today: today))
            try refuseExisting(.source, source.id)
            try session.execute(
                """
                INSERT INTO source (pk, id, title, publisher, url, published, published_key, reliability, text)
                VALUES (\(Self.nextKey("source")), $1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    .text(source.id), .text(source.title), .optional(source.publisher), .optional(source.url),
                    .text(source.published.description), .integer(Int64(source.published.endKey)),
                    .optional(source.reliability?.rawValue), .optional(source.text),
                ])
        }

        /// Refuses an id of `kind` that a record has (for an issue, as its id or an alias).
        private func refuseExisting(_ kind: RecordKind, _ id: String) throws {
            let found = try !session.rows("SELECT 1 FROM \(kind.rawValue) WHERE id = $1", [.text(id)]).isEmpty
            let alias = kind == .issue ? try aliasOwner(id) : nil
            if found || alias != nil { throw StoreError.alreadyExists(kind, id: id) }
        }

        /// Refuses aliases that are another issue's id or alias.
        func checkAliases(_ aliases: [String], of issue: String) throws {
            for alias in aliases where alias != issue {
                let holder =
                    try session.rows("SELECT id FROM issue WHERE id = $1", [.text(alias)]).first?.decode(String.self)
                    ?? aliasOwner(alias)
                if let holder, holder != issue { throw StoreError.invalid([Problem(.aliasTaken(alias, by: holder))]) }
            }
        }

        /// The id of the issue that has `alias` among its aliases, if one does.
        func aliasOwner(_ alias: String) throws -> String? {
            try session.rows(
                "SELECT i.id FROM issue i, jsonb_array_elements_text(i.aliases::jsonb) a(value) WHERE a.value = $1 LIMIT 1",
                [.text(alias)]
            ).first?.decode(String.self)
        }

        /// A list of names as the SQLite store keeps it: a JSON array, as JSONEncoder writes it.
        static func json(_ names: [String]) throws -> String {
            String(decoding: try JSONEncoder().encode(names), as: UTF8.self)
        }

        // MARK: - Label relations and orders

        public func relateLabels(_ relation: LabelRelation) throws -> (issue: String, previous: LabelRelation.Kind?) {
            let (a, b) = relation.labels
            let (issuePK, issue) = try checkedLabels([a, b], on: relation.issue)
            try lockLabelTables()
            let previous = try session.rows(
                "SELECT kind FROM label_relation WHERE issue_pk = $1 AND a = $2 AND b = $3",
                [.integer(issuePK), .text(a), .text(b)]
            ).first.map { try LabelRelation.Kind.parse(try $0.decode(String.self)) }
            try reader.labelRelationSet().checkRelating(relation, issue: issue, previous: previous)
            try session.execute(
                """
                INSERT INTO label_relation (issue_pk, a, b, kind) VALUES ($1, $2, $3, $4)
                ON CONFLICT (issue_pk, a, b) DO UPDATE SET kind = excluded.kind
                """, [.integer(issuePK), .text(a), .text(b), .text(relation.kind.rawValue)])
            return (issue, previous)
        }

        public func orderLabels(_ orders: [LabelOrder]) throws -> (issue: String, added: [LabelOrder]) {
            guard let first = orders.first else { throw StoreError.invalid([Problem(.shortScale([]))]) }
            let (issuePK, issue) = try checkedLabels(orders.flatMap { [$0.harder, $0.softer] }, on: first.issue)
            try lockLabelTables()
            let added = try reader.labelRelationSet().ordersToAdd(orders, issue: issue)
            for order in added {
                try session.execute(
                    "INSERT INTO label_order (issue_pk, harder, softer) VALUES ($1, $2, $3)",
                    [.integer(issuePK), .text(order.harder), .text(order.softer)])
            }
            return (issue, added)
        }

        public func unrelateLabels(issue: String, _ first: String, _ second: String) throws -> (
            issue: String, relation: LabelRelation.Kind?, orders: [LabelOrder]
        ) {
            let issuePK = try reader.pk(.issue, issue)
            let id = try id(.issue, pk: issuePK)
            let (a, b) = first < second ? (first, second) : (second, first)
            try lockLabelTables()
            let removed = try reader.labelRelationSet().removal(of: a, b, on: id)
            try session.execute(
                "DELETE FROM label_relation WHERE issue_pk = $1 AND a = $2 AND b = $3",
                [.integer(issuePK), .text(a), .text(b)])
            try session.execute(
                """
                DELETE FROM label_order
                WHERE issue_pk = $1 AND ((harder = $2 AND softer = $3) OR (harder = $3 AND softer = $2))
                """, [.integer(issuePK), .text(a), .text(b)])
            return (id, removed.relation, removed.orders)
        }

        /// The issue's row key and id, once every label is checked by the label rules: valid, two
        /// or more different ones, each in use on the issue.
        private func checkedLabels(_ labels: [String], on issue: String) throws -> (Int64, String) {
            try LabelRelations.checkNamed(labels)
            let issuePK = try reader.pk(.issue, issue)
            let id = try id(.issue, pk: issuePK)
            try LabelRelations.checkInUse(labels, used: try labelsInUse(issuePK), on: id)
            return (issuePK, id)
        }

        /// Puts writers of label relations and orders one after the other (a relation is checked
        /// against all the others, so two servers must not both check against the same state);
        /// readers are not held up.
        func lockLabelTables() throws {
            try session.execute("LOCK TABLE label_relation, label_order IN EXCLUSIVE MODE")
        }

        /// The stance labels the statements that stand use on the issue with row key `issuePK`,
        /// most used first, as the SQLite store orders them.
        private func labelsInUse(_ issuePK: Int64) throws -> [String] {
            try session.rows(
                """
                SELECT stance FROM statement WHERE issue_pk = $1 AND retracted_at IS NULL
                GROUP BY stance ORDER BY count(*) DESC, stance
                """, [.integer(issuePK)]
            ).map { try $0.decode(String.self) }
        }

        // MARK: - Statements

        public func recordStatement(_ statement: Statement, newLabelConfirmed: Bool, today: CalendarDate?) throws
            -> StatementReceipt
        {
            let references = PostgresReferences(PostgresLookups(reader: reader))
            let problems = statement.problems(references: references, today: today)
            try references.rethrowFailure()
            try Self.check(problems)
            let issuePK = try references.pk(.issue, statement.issue)
            let labels = try labelsInUse(issuePK)
            let (isNew, nearMisses) = try statement.stanceLabelCheck(
                labels: labels, issue: try id(.issue, pk: issuePK), newLabelConfirmed: newLabelConfirmed)
            let resolved = try resolve(statement, references: references)
            guard let recordedAt = statement.recordedAt else {
                throw StoreError.unexpected(code: 0, detail: "a statement without its recording time")
            }
            if try sameStatement(as: statement, resolved) != nil { throw statement.duplicateError }
            let inserted: [PostgresRow]
            do {
                inserted = try session.rows(
                    """
                    INSERT INTO statement (pk, party_pk, actor_pk, issue_pk, kind, stance, summary, quote, said,
                                           said_key, source_pk, source_key, recorded_at, via, about_pk)
                    VALUES (\(Self.nextKey("statement")), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                    RETURNING pk
                    """,
                    [
                        .integer(resolved.party), .optional(resolved.actor), .integer(resolved.issue),
                        .text(statement.kind.rawValue), .text(statement.stance), .text(statement.summary),
                        .optional(statement.quote), .optional(statement.said?.description),
                        .integer(Int64(resolved.saidKey)), .integer(resolved.source),
                        .integer(Int64(resolved.sourceKey)),
                        .text(recordedAt), .optional(statement.via), .optional(resolved.about),
                    ])
            } catch StoreError.postgres(_, .server("23505", _)) {
                // Another connection recorded the same statement since the check above.
                throw statement.duplicateError
            }
            guard let number = try inserted.first?.decode(Int64.self) else {
                throw StoreError.unexpected(code: 0, detail: "a statement was inserted without its number")
            }
            if !statement.conditions.isEmpty {
                try setConditions(statement.conditions, of: number, references: references)
            }
            return StatementReceipt(
                sequence: number, party: statement.party, isNewLabel: isNew, existingLabels: labels,
                nearMisses: nearMisses)
        }

        public func amendStatement(number: Int64, to amended: Statement, today: CalendarDate?) throws -> [FieldChange] {
            try lockStatement(number)
            let current = try statement(number: number).statement
            let changes = try amended.amendment(of: current, number: number)
            let references = PostgresReferences(PostgresLookups(reader: reader))
            let problems = amended.problems(references: references, today: today)
            try references.rethrowFailure()
            try Self.check(problems)
            let resolved = try resolve(amended, references: references)
            if let other = try sameStatement(as: amended, resolved, excluding: number) {
                throw StoreError.invalid([Problem(.wouldDuplicate([number, other]))])
            }
            try session.execute(
                """
                UPDATE statement SET party_pk = $1, actor_pk = $2, issue_pk = $3, kind = $4, stance = $5, summary = $6,
                       quote = $7, said = $8, said_key = $9, source_pk = $10, source_key = $11, via = $12, about_pk = $13
                WHERE pk = $14
                """,
                [
                    .integer(resolved.party), .optional(resolved.actor), .integer(resolved.issue),
                    .text(amended.kind.rawValue), .text(amended.stance), .text(amended.summary),
                    .optional(amended.quote),
                    .optional(amended.said?.description), .integer(Int64(resolved.saidKey)), .integer(resolved.source),
                    .integer(Int64(resolved.sourceKey)), .optional(amended.via), .optional(resolved.about),
                    .integer(number),
                ])
            if amended.conditions != current.conditions {
                try setConditions(amended.conditions, of: number, references: references)
            }
            return changes
        }

        public func retractStatement(number: Int64, _ retraction: Retraction) throws -> DatedStatement {
            try lockStatement(number)
            let current = try statement(number: number)
            try retraction.check(.statement, record: "#\(number)", earlier: current.statement.retraction)
            try session.execute(
                "UPDATE statement SET retracted_at = $1, retracted_by = $2, retract_reason = $3 WHERE pk = $4",
                [.text(retraction.at), .text(retraction.by), .text(retraction.reason), .integer(number)])
            return current
        }

        // MARK: - Agreements and disputes

        public func addTracked<Status: StepStatus>(_ record: Tracked<Status>, today: CalendarDate?) throws {
            let references = PostgresReferences(PostgresLookups(reader: reader))
            let problems = record.problems(
                references: ReferenceCheck(references, reportsUnknown: false), today: today)
            try references.rethrowFailure()
            try Self.check(problems)
            let table = Status.record.rawValue
            if try !session.rows("SELECT 1 FROM \(table) WHERE id = $1", [.text(record.id)]).isEmpty {
                throw StoreError.alreadyExists(Status.record, id: record.id)
            }
            let issuePK = try reader.pk(.issue, record.issue)
            guard
                let ownerPK = try session.rows(
                    """
                    INSERT INTO \(table) (pk, id, title, issue_pk, terms, package)
                    VALUES (\(Self.nextKey(table)), $1, $2, $3, $4, $5) RETURNING pk
                    """,
                    [
                        .text(record.id), .text(record.title), .integer(issuePK), .optional(record.terms),
                        .optional(record.package),
                    ]
                ).first?.decode(Int64.self)
            else { throw StoreError.unexpected(code: 0, detail: "a record was inserted without its row key") }
            for (index, issue) in record.moreIssues.enumerated() {
                let morePK = try reader.pk(.issue, issue)
                if morePK == issuePK { continue }
                try session.execute(
                    """
                    INSERT INTO \(table)_issue (\(table)_pk, issue_pk, position) VALUES ($1, $2, $3)
                    ON CONFLICT DO NOTHING
                    """, [.integer(ownerPK), .integer(morePK), .integer(Int64(index))])
            }
            let members = record.parties.map { ($0, "party") } + record.mediators.map { ($0, "mediator") }
            for (index, (party, role)) in members.enumerated() {
                try session.execute(
                    """
                    INSERT INTO \(table)_party (\(table)_pk, party_pk, role, position) VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    """,
                    [.integer(ownerPK), .integer(try reader.pk(.party, party)), .text(role), .integer(Int64(index))])
            }
            for (index, step) in record.history.enumerated() { try insertStep(step, ownerPK: ownerPK, at: index) }
        }

        public func addStep<Status: StepStatus>(_ step: Step<Status>, to id: String, today: CalendarDate?) throws -> Int
        {
            let ownerPK = try lockTracked(Status.record, id)
            let record = try tracked(Status.self, id: id)
            let references = PostgresReferences(PostgresLookups(reader: reader))
            let problems = step.problems(
                of: record, references: ReferenceCheck(references, reportsUnknown: false), today: today)
            try references.rethrowFailure()
            try Self.check(problems + step.membershipProblems(in: record))
            let index = Tracked<Status>.insertionIndex(for: step, in: record.history)
            try insertStep(step, ownerPK: ownerPK, at: index)
            return index + 1
        }

        public func retractStep<Status: StepStatus>(
            _ status: Status.Type, number: Int, of id: String, _ retraction: Retraction
        ) throws -> Step<Status> {
            let ownerPK = try lockTracked(Status.record, id)
            let table = Status.record.rawValue
            let steps = try session.rows(
                "SELECT pk, retracted_at FROM \(table)_step WHERE \(table)_pk = $1 ORDER BY seq", [.integer(ownerPK)]
            ).map { try $0.decode((Int64, String?).self) }
            guard number >= 1, number <= steps.count else {
                throw ModelError.noSuchStep(record: id, step: number, count: steps.count)
            }
            let earlier = steps[number - 1].1.map { Retraction(at: $0, by: "", reason: "") }
            try retraction.check(Status.record, record: "\(id) step \(number)", earlier: earlier)
            try session.execute(
                "UPDATE \(table)_step SET retracted_at = $1, retracted_by = $2, retract_reason = $3 WHERE pk = $4",
                [.text(retraction.at), .text(retraction.by), .text(retraction.reason), .integer(steps[number - 1].0)])
            return try tracked(status, id: id).history[number - 1]
        }

        // MARK: - The change log

        /// Appends `entry` to the change log and announces its number (``PostgresStore/changeChannel``)
        /// to the servers that listen, when the transaction commits.
        ///
        /// The writers that log are put one after the other up to their commit (a transaction
        /// lock, ``PostgresStore/logLock``, which ``PostgresStore/writeCase(_:)`` takes when the
        /// write begins; taken again here, it is held already), so that a later commit always has a
        /// larger number: the change-log version a reader sees then covers every write committed
        /// before it.
        public func log(_ entry: LogEntry) throws {
            try session.execute("SELECT pg_advisory_xact_lock($1)", [.integer(PostgresStore.logLock)])
            let inserted = try session.rows(
                """
                INSERT INTO change_log (pk, at, by, action, kind, record, reason, changes)
                VALUES (\(Self.nextKey("change_log")), $1, $2, $3, $4, $5, $6, $7) RETURNING pk
                """,
                [
                    .text(entry.at), .text(entry.by), .text(entry.action.rawValue), .optional(entry.kind?.rawValue),
                    .optional(entry.record), .optional(entry.reason), .text(entry.storedChanges),
                ])
            let version = try inserted.first?.int(0) ?? 0
            session.logged.set(Int64(version))
            try session.execute(
                "SELECT pg_notify($1, $2)", [.text(PostgresStore.changeChannel), .text(String(version))])
        }

        // MARK: - Rows

        /// The row key a new row of `table` takes, as SQL: one more than the largest, as SQLite
        /// numbers its rows. A write that is refused or fails leaves no gap, so statement numbers
        /// run on from the last one kept whatever was refused in between (an identity column's
        /// numbers are spent by a rolled-back insert). Safe because writers take the writers' lock
        /// first (``PostgresStore/writeCase(_:)``).
        static func nextKey(_ table: String) -> String { "(SELECT coalesce(max(pk), 0) + 1 FROM \(table))" }

        static func check(_ problems: [Problem]) throws {
            if !problems.isEmpty { throw StoreError.invalid(problems) }
        }

        func id(_ kind: RecordKind, pk: Int64) throws -> String {
            guard
                let row = try session.rows("SELECT id FROM \(kind.rawValue) WHERE pk = $1", [.integer(pk)]).first
            else { throw StoreError.unexpected(code: 0, detail: "no \(kind.singular) with row key \(pk)") }
            return try row.decode(String.self)
        }

        /// Locks statement `number` until the transaction ends (nothing when there is none: the
        /// read that follows says so).
        private func lockStatement(_ number: Int64) throws {
            try session.execute("SELECT 1 FROM statement WHERE pk = $1 FOR UPDATE", [.integer(number)])
        }

        /// Locks the agreement or dispute `id` until the transaction ends; returns its row key.
        private func lockTracked(_ kind: RecordKind, _ id: String) throws -> Int64 {
            let pk = try reader.pk(kind, id)
            try session.execute("SELECT 1 FROM \(kind.rawValue) WHERE pk = $1 FOR UPDATE", [.integer(pk)])
            return pk
        }

        /// The row keys and dates a statement's fields resolve to.
        struct Resolved {
            var party, issue, source: Int64
            var actor, about: Int64?
            var sourceKey: Int
            var saidKey: Int
        }

        private func resolve(_ statement: Statement, references: PostgresReferences) throws -> Resolved {
            let sourcePK = try references.pk(.source, statement.source)
            guard
                let sourceKey = try session.rows("SELECT published_key FROM source WHERE pk = $1", [.integer(sourcePK)])
                    .first?.decode(Int64.self)
            else { throw StoreError.unexpected(code: 0, detail: "a source without its published date") }
            return Resolved(
                party: try references.pk(.party, statement.party), issue: try references.pk(.issue, statement.issue),
                source: sourcePK, actor: try statement.actor.map { try references.pk(.actor, $0) },
                about: try statement.about.map { try references.pk(.party, $0) }, sourceKey: Int(sourceKey),
                saidKey: statement.said?.endKey ?? Int(sourceKey))
        }

        /// The number of a standing statement that is the same statement as `statement`, other than
        /// `excluding` (the SQLite store's rule, on the columns of the unique index `statement_identity`).
        private func sameStatement(as statement: Statement, _ resolved: Resolved, excluding: Int64? = nil) throws
            -> Int64?
        {
            try session.rows(
                """
                SELECT pk FROM statement WHERE issue_pk = $1 AND stance = $2 AND party_pk = $3 AND source_pk = $4
                AND coalesce(said, '') = $5 AND coalesce(actor_pk, 0) = $6 AND kind = $7 AND coalesce(about_pk, 0) = $8
                AND coalesce(quote, '') = $9 AND coalesce(via, '') = $10
                AND retracted_at IS NULL AND pk IS DISTINCT FROM $11 LIMIT 1
                """,
                [
                    .integer(resolved.issue), .text(statement.stance), .integer(resolved.party),
                    .integer(resolved.source), .text(statement.said?.description ?? ""), .integer(resolved.actor ?? 0),
                    .text(statement.kind.rawValue), .integer(resolved.about ?? 0), .text(statement.quote ?? ""),
                    .text(statement.via ?? ""), .optional(excluding),
                ]
            ).first?.decode(Int64.self)
        }

        private func setConditions(_ conditions: [Condition], of number: Int64, references: PostgresReferences)
            throws
        {
            try session.execute("DELETE FROM statement_condition WHERE statement_pk = $1", [.integer(number)])
            for (position, condition) in conditions.enumerated() {
                try session.execute(
                    """
                    INSERT INTO statement_condition (statement_pk, position, party_pk, issue_pk, label)
                    VALUES ($1, $2, $3, $4, $5)
                    """,
                    [
                        .integer(number), .integer(Int64(position)),
                        .optional(try condition.party.map { try references.pk(.party, $0) }),
                        .integer(try references.pk(.issue, condition.issue)), .text(condition.label),
                    ])
            }
        }

        /// Inserts a step at `index` of its history (0 is first), moving the later ones down.
        private func insertStep<Status>(_ step: Step<Status>, ownerPK: Int64, at index: Int) throws {
            let table = Status.record.rawValue
            let seq: Int64
            if let found = try session.rows(
                "SELECT seq FROM \(table)_step WHERE \(table)_pk = $1 ORDER BY seq LIMIT 1 OFFSET $2",
                [.integer(ownerPK), .integer(Int64(index))]
            ).first?.decode(Int64.self) {
                try session.execute(
                    "UPDATE \(table)_step SET seq = seq + 1 WHERE \(table)_pk = $1 AND seq >= $2",
                    [.integer(ownerPK), .integer(found)])
                seq = found
            } else {
                seq =
                    (try session.rows(
                        "SELECT coalesce(max(seq), 0) FROM \(table)_step WHERE \(table)_pk = $1", [.integer(ownerPK)]
                    ).first?.decode(Int64.self) ?? 0) + 1
            }
            guard
                let stepPK = try session.rows(
                    """
                    INSERT INTO \(table)_step (pk, \(table)_pk, seq, status, "on", on_key, on_from_source, source_pk,
                                               note, according_to_pk, retracted_at, retracted_by, retract_reason,
                                               recorded_at, due, due_key, term)
                    VALUES (\(Self.nextKey("\(table)_step")), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                            $14, $15, $16)
                    RETURNING pk
                    """,
                    [
                        .integer(ownerPK), .integer(seq), .text(step.status.rawValue), .text(step.on.description),
                        .integer(Int64(step.on.endKey)), .integer(step.onIsSourceDate ? 1 : 0),
                        .integer(try reader.pk(.source, step.source)), .optional(step.note),
                        .optional(try step.accordingTo.map { try reader.pk(.party, $0) }),
                        .optional(step.retraction?.at), .optional(step.retraction?.by),
                        .optional(step.retraction?.reason), .optional(step.recordedAt),
                        .optional(step.due?.description),
                        .optional(step.due.map { Int64($0.endKey) }), .optional(step.term),
                    ]
                ).first?.decode(Int64.self)
            else { throw StoreError.unexpected(code: 0, detail: "a step was inserted without its row key") }
            let changes =
                step.addParties.map { ($0, "party", "join") } + step.removeParties.map { ($0, "party", "leave") }
                + step.addMediators.map { ($0, "mediator", "join") }
                + step.removeMediators.map { ($0, "mediator", "leave") }
            for (party, role, change) in changes {
                try session.execute(
                    """
                    INSERT INTO \(table)_step_party (step_pk, party_pk, role, change) VALUES ($1, $2, $3, $4)
                    ON CONFLICT DO NOTHING
                    """, [.integer(stepPK), .integer(try reader.pk(.party, party)), .text(role), .text(change)])
            }
        }
    }

    /// PostgreSQL's look-ups for the statement rules (``ParleyStore/CachedReferences`` keeps
    /// what they find, as it does for SQLite's).
    struct PostgresLookups: ReferenceLookups {
        let reader: PostgresReader

        func pk(_ kind: RecordKind, _ id: String) throws -> Int64 { try reader.pk(kind, id) }

        func actor(_ id: String) throws -> (pk: Int64, party: String)? {
            try reader.session.rows(
                "SELECT a.pk, p.id FROM actor a JOIN party p ON p.pk = a.party_pk WHERE a.id = $1", [.text(id)]
            ).first.map { row in
                let (pk, party) = try row.decode((Int64, String).self)
                return (pk: pk, party: party)
            }
        }

        func published(ofSource id: String) throws -> String? {
            try reader.session.rows("SELECT published FROM source WHERE id = $1", [.text(id)]).first
                .map { try $0.decode(String.self) }
        }

        func suggestions(_ kind: RecordKind, for id: String) throws -> [String] {
            try reader.suggestions(kind, for: id)
        }
    }

    /// The records a statement names, looked up in PostgreSQL.
    typealias PostgresReferences = CachedReferences<PostgresLookups>

    extension StoredValue {
        /// NULL for nil, else the value.
        static func optional(_ value: String?) -> StoredValue { value.map { .text($0) } ?? .null }
        /// NULL for nil, else the value.
        static func optional(_ value: Int64?) -> StoredValue { value.map { .integer($0) } ?? .null }
    }
#endif
