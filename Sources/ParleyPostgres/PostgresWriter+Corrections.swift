#if PostgreSQL
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    // The corrections of the store contract for writes on PostgreSQL: edits of parties, actors,
    // issues and sources, issue renames, relabels, and agreements linked into packages. Each is
    // checked by the rules of ParleyModel (CorrectionRules.swift), as the SQLite store checks it,
    // and stores the SQLite store's rows. Writers run one after the other (PostgresStore.writeCase
    // takes the writers' lock first), so a correction decides from the state it changes.
    extension PostgresWriter {
        // MARK: - Look-ups of records

        public func party(_ id: String) throws -> Party {
            let pk = try reader.pk(.party, id)
            guard
                let row = try session.rows("SELECT id, name, kind, aliases FROM party WHERE pk = $1", [.integer(pk)])
                    .first
            else { throw StoreError.notFound(.party, id: id, suggestions: []) }
            let (id, name, kind, aliases) = try row.decode((String, String, String, String).self)
            return Party(id: id, name: name, kind: try PartyKind.parse(kind), aliases: try PostgresReader.list(aliases))
        }

        public func actor(_ id: String) throws -> Actor {
            let pk = try reader.pk(.actor, id)
            guard
                let row = try session.rows(
                    """
                    SELECT a.id, a.name, p.id, a.role, a.aliases FROM actor a JOIN party p ON p.pk = a.party_pk
                    WHERE a.pk = $1
                    """, [.integer(pk)]
                ).first
            else { throw StoreError.notFound(.actor, id: id, suggestions: []) }
            let (id, name, party, role, aliases) = try row.decode((String, String, String, String?, String).self)
            return Actor(id: id, name: name, party: party, role: role, aliases: try PostgresReader.list(aliases))
        }

        public func issue(_ id: String) throws -> Issue {
            let pk = try reader.pk(.issue, id)
            guard
                let row = try session.rows(
                    "SELECT id, title, description, aliases, stale_after FROM issue WHERE pk = $1", [.integer(pk)]
                ).first
            else { throw StoreError.notFound(.issue, id: id, suggestions: []) }
            return try PostgresReader.issue(row)
        }

        public func log(of kind: RecordKind, record: String) throws -> [LogEntry] {
            try reader.logEntries(where: "WHERE kind = $1 AND record = $2", [.text(kind.rawValue), .text(record)])
        }

        public func stanceLabels(issue: String, except number: Int64?) throws -> [String] {
            try session.rows(
                """
                SELECT stance FROM statement WHERE issue_pk = $1 AND retracted_at IS NULL AND pk IS DISTINCT FROM $2
                GROUP BY stance ORDER BY count(*) DESC, stance
                """, [.integer(try reader.pk(.issue, issue)), .optional(number)]
            ).map { try $0.decode(String.self) }
        }

        // MARK: - Edits

        public func update(_ party: Party) throws -> [FieldChange] {
            try Self.check(party.problems())
            let current = try self.party(party.id)
            let changes = try FieldChange.edit(.party, party.id, from: current.fields, to: party.fields)
            try session.execute(
                "UPDATE party SET name = $1, kind = $2, aliases = $3 WHERE id = $4",
                [.text(party.name), .text(party.kind.rawValue), .text(try Self.json(party.aliases)), .text(party.id)])
            return changes
        }

        public func update(_ actor: Actor) throws -> [FieldChange] {
            try Self.check(actor.problems())
            let current = try self.actor(actor.id)
            let changes = try FieldChange.edit(.actor, actor.id, from: current.fields, to: actor.fields)
            let actorPK = try reader.pk(.actor, actor.id)
            if actor.party != current.party {
                let count =
                    try session.rows("SELECT count(*) FROM statement WHERE actor_pk = $1", [.integer(actorPK)]).first?
                    .decode(Int64.self) ?? 0
                try current.checkMove(to: actor.party, statements: Int(count))
            }
            try session.execute(
                "UPDATE actor SET name = $1, party_pk = $2, role = $3, aliases = $4 WHERE pk = $5",
                [
                    .text(actor.name), .integer(try reader.pk(.party, actor.party)), .optional(actor.role),
                    .text(try Self.json(actor.aliases)), .integer(actorPK),
                ])
            return changes
        }

        public func update(_ issue: Issue) throws -> [FieldChange] {
            try Self.check(issue.problems())
            let current = try self.issue(issue.id)
            let changes = try FieldChange.edit(.issue, issue.id, from: current.fields, to: issue.fields)
            try checkAliases(issue.aliases, of: current.id)
            try session.execute(
                "UPDATE issue SET title = $1, description = $2, aliases = $3, stale_after = $4 WHERE id = $5",
                [
                    .text(issue.title), .optional(issue.description), .text(try Self.json(issue.aliases)),
                    .optional(issue.staleAfter?.description), .text(current.id),
                ])
            return changes
        }

        public func update(_ source: Source, today: CalendarDate?) throws -> [FieldChange] {
            try Self.check(source.problems(today: today))
            let current = try self.source(source.id)
            let changes = try FieldChange.edit(.source, source.id, from: current.fields, to: source.fields)
            let sourcePK = try reader.pk(.source, source.id)
            try session.execute(
                """
                UPDATE source SET title = $1, publisher = $2, url = $3, published = $4, published_key = $5,
                       reliability = $6, text = $7
                WHERE pk = $8
                """,
                [
                    .text(source.title), .optional(source.publisher), .optional(source.url),
                    .text(source.published.description), .integer(Int64(source.published.endKey)),
                    .optional(source.reliability?.rawValue), .optional(source.text), .integer(sourcePK),
                ])
            guard source.published != current.published else { return changes }
            let end = Int64(source.published.endKey)
            let statements = try session.rows(
                """
                SELECT pk, said FROM statement WHERE source_pk = $1 AND said IS NOT NULL AND said_key > $2
                  AND retracted_at IS NULL ORDER BY pk LIMIT 5
                """, [.integer(sourcePK), .integer(end)]
            ).map { row in
                let (number, said) = try row.decode((Int64, String).self)
                return (number: number, said: try CalendarDate(parsing: said))
            }
            var steps: [(record: String, on: CalendarDate)] = []
            for table in ["agreement", "dispute"] {
                steps += try session.rows(
                    """
                    SELECT r.id, st."on" FROM \(table)_step st JOIN \(table) r ON r.pk = st.\(table)_pk
                    WHERE st.source_pk = $1 AND st.on_from_source = 0 AND st.on_key > $2 AND st.retracted_at IS NULL
                    ORDER BY r.id LIMIT 5
                    """, [.integer(sourcePK), .integer(end)]
                ).map { row in
                    let (record, on) = try row.decode((String, String).self)
                    return (record: record, on: try CalendarDate(parsing: on))
                }
            }
            try Self.check(source.redatingProblems(statements: statements, steps: steps))
            for table in ["agreement_step", "dispute_step"] {
                try session.execute(
                    "UPDATE \(table) SET \"on\" = $1, on_key = $2 WHERE source_pk = $3 AND on_from_source = 1",
                    [.text(source.published.description), .integer(end), .integer(sourcePK)])
            }
            try session.execute(
                """
                UPDATE statement SET source_key = $1, said_key = CASE WHEN said IS NULL THEN $1 ELSE said_key END
                WHERE source_pk = $2
                """, [.integer(end), .integer(sourcePK)])
            return changes
        }

        // MARK: - Issue renames

        public func renameIssue(_ old: String, to new: String) throws -> [(old: String, new: String)] {
            try IssueRenaming.checkNewID(new)
            let rootPK = try reader.pk(.issue, old)
            let root = try id(.issue, pk: rootPK)
            var parentPK: Int64?
            if let parent = try IssueRenaming.check(root, to: new) {
                guard
                    let found = try session.rows("SELECT pk FROM issue WHERE id = $1", [.text(parent)]).first?
                        .decode(Int64.self)
                else { throw IssueRenaming.missingParent(parent, of: new) }
                parentPK = found
            }
            let subtree = try session.rows(
                """
                SELECT pk, id, aliases FROM issue WHERE id = $1 OR substr(id, 1, length($1) + 1) = $1 || '/'
                ORDER BY id
                """, [.text(root)]
            ).map { try $0.decode((Int64, String, String).self) }
            let renamed = try IssueRenaming.renamed(subtree.map(\.1), root: root, to: new) { name in
                try session.rows("SELECT id FROM issue WHERE id = $1", [.text(name)]).first?.decode(String.self)
                    ?? aliasOwner(name)
            }
            // Parents before children, as on SQLite: ids are unique at every step.
            for (row, names) in zip(subtree, renamed) {
                let aliases = IssueRenaming.aliases(try PostgresReader.list(row.2), renamed: names)
                try session.execute(
                    "UPDATE issue SET id = $1, aliases = $2 WHERE pk = $3",
                    [.text(names.new), .text(try Self.json(aliases)), .integer(row.0)])
            }
            try session.execute(
                "UPDATE issue SET parent_pk = $1 WHERE pk = $2", [.optional(parentPK), .integer(rootPK)])
            return renamed
        }

        // MARK: - Relabels

        public func relabel(issue: String, from: String, to: String) throws -> (
            numbers: [Int64], relations: [FieldChange]
        ) {
            try Relabelling.checkNewLabel(to)
            var binds: [StoredValue] = [.text(from)]
            let subtree = try reader.issueSubtree("issue_pk", issue, binds: &binds)
            let numbers = try session.rows(
                """
                SELECT pk FROM statement WHERE stance = $1 AND retracted_at IS NULL AND \(subtree) ORDER BY pk
                """, binds
            ).map { try $0.decode(Int64.self) }
            // The issue's subtree alone, for the queries that do not name a label.
            var issueBinds: [StoredValue] = []
            let issueSubtree = try reader.issueSubtree("issue_pk", issue, binds: &issueBinds)
            if numbers.isEmpty {
                let used = try session.rows(
                    "SELECT DISTINCT stance FROM statement WHERE retracted_at IS NULL AND \(issueSubtree)", issueBinds
                ).map { try $0.decode(String.self) }
                try Relabelling.checkUsed(from, issue: issue, changed: numbers, used: used)
            }
            let clash = try session.rows(
                """
                SELECT a.pk, b.pk FROM statement a JOIN statement b
                  ON b.issue_pk = a.issue_pk AND b.party_pk = a.party_pk AND b.source_pk = a.source_pk
                 AND coalesce(b.said, '') = coalesce(a.said, '') AND coalesce(b.actor_pk, 0) = coalesce(a.actor_pk, 0)
                 AND b.kind = a.kind AND coalesce(b.about_pk, 0) = coalesce(a.about_pk, 0) AND b.stance = $3
                 AND coalesce(b.quote, '') = coalesce(a.quote, '') AND coalesce(b.via, '') = coalesce(a.via, '')
                 AND b.retracted_at IS NULL
                WHERE a.stance = $1 AND a.retracted_at IS NULL AND a.\(subtree)
                ORDER BY a.pk, b.pk LIMIT 1
                """, binds + [.text(to)]
            ).first.map { try $0.decode((Int64, Int64).self) }
            try Relabelling.checkClash(clash.map { (a: $0.0, b: $0.1) })
            do {
                try session.execute(
                    "UPDATE statement SET stance = $3 WHERE stance = $1 AND retracted_at IS NULL AND \(subtree)",
                    binds + [.text(to)])
            } catch StoreError.postgres(_, .server("23505", _)) {
                // Another connection recorded a statement that the relabel would duplicate.
                throw StoreError.invalid([Problem(.wouldDuplicate(numbers))])
            }
            let relations = try session.rows(
                """
                SELECT i.id, r.a, r.b, r.kind FROM label_relation r JOIN issue i ON i.pk = r.issue_pk
                WHERE r.\(issueSubtree) ORDER BY r.issue_pk, r.a, r.b
                """, issueBinds
            ).map { row in
                let (issue, a, b, kind) = try row.decode((String, String, String, String).self)
                return LabelRelation(issue: issue, a, b, kind: try LabelRelation.Kind.parse(kind))
            }
            let orders = try session.rows(
                """
                SELECT i.id, r.harder, r.softer FROM label_order r JOIN issue i ON i.pk = r.issue_pk
                WHERE r.\(issueSubtree) ORDER BY r.issue_pk, r.harder, r.softer
                """, issueBinds
            ).map { row in
                let (issue, harder, softer) = try row.decode((String, String, String).self)
                return LabelOrder(issue: issue, harder: harder, softer: softer)
            }
            let moves = Relabelling.moves(from: from, to: to, relations: relations, orders: orders)
            for relation in moves.deletedRelations {
                try session.execute(
                    "DELETE FROM label_relation WHERE issue_pk = $1 AND a = $2 AND b = $3",
                    [
                        .integer(try reader.pk(.issue, relation.issue)), .text(relation.labels.0),
                        .text(relation.labels.1),
                    ])
            }
            for relation in moves.insertedRelations {
                try session.execute(
                    "INSERT INTO label_relation (issue_pk, a, b, kind) VALUES ($1, $2, $3, $4)",
                    [
                        .integer(try reader.pk(.issue, relation.issue)), .text(relation.labels.0),
                        .text(relation.labels.1), .text(relation.kind.rawValue),
                    ])
            }
            for order in moves.deletedOrders {
                try session.execute(
                    "DELETE FROM label_order WHERE issue_pk = $1 AND harder = $2 AND softer = $3",
                    [.integer(try reader.pk(.issue, order.issue)), .text(order.harder), .text(order.softer)])
            }
            for order in moves.insertedOrders {
                try session.execute(
                    "INSERT INTO label_order (issue_pk, harder, softer) VALUES ($1, $2, $3)",
                    [.integer(try reader.pk(.issue, order.issue)), .text(order.harder), .text(order.softer)])
            }
            return (numbers, moves.changes)
        }

        // MARK: - Packages

        public func link(_ ids: [String], package: String?) throws -> [(id: String, was: String?)] {
            try Packaging.checkPackage(package)
            var changed: [(id: String, was: String?)] = []
            for id in ids {
                let pk = try reader.pk(.agreement, id)
                guard
                    let row = try session.rows("SELECT id, package FROM agreement WHERE pk = $1", [.integer(pk)]).first
                else { throw StoreError.notFound(.agreement, id: id, suggestions: []) }
                let (stored, was) = try row.decode((String, String?).self)
                guard was != package else { continue }
                try session.execute(
                    "UPDATE agreement SET package = $1 WHERE pk = $2", [.optional(package), .integer(pk)])
                changed.append((stored, was))
            }
            try Packaging.checkChanged(changed, ids: ids)
            return changed
        }
    }
#endif
