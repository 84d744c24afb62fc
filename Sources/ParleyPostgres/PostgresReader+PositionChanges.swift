#if PostgreSQL
    import Foundation
    import ParleyModel
    import ParleyStore
    import PostgresNIO

    extension PostgresReader {
        /// At most this many change-log entries after a version are read for the pairs they
        /// changed; more (a copy into the database, a long run of writes unseen), and everything
        /// may have changed.
        static let changesRead: Int64 = 2_000

        public func changeVersion() throws -> Int64 {
            Int64(try session.rows("SELECT coalesce(max(pk), 0) FROM change_log").first?.int(0) ?? 0)
        }

        /// What changed in positions since `version`, read from the change log alone (this schema
        /// keeps no `position_change`), entry by entry as SQLite reads its own
        /// (``ParleyStore/LoggedPositionChange``): a statement added, amended or retracted names
        /// its number, whose pair is read now, and an amend's changes name the party and issue it
        /// held before; a relabel lists its statements; an import's pairs are those it filed in
        /// `import_pairs` (an import without a row there, made by an earlier Parley: everything).
        /// Every write logs in the transaction that makes it, whichever server or process made it,
        /// so the writes of every process on the database are seen alike.
        public func positionChanges(since version: Int64) throws -> CaseChanges {
            let current = try changeVersion()
            guard current >= version else { return .everything }
            guard current > version else { return .pairs([], claims: false) }
            guard current - version <= Self.changesRead else { return .everything }
            var numbers: [Int64] = []
            // The parties and issues an amended statement held before (and after) each amend.
            var moved: [Int64: (parties: Set<String>, issues: Set<String>)] = [:]
            var claims = false
            let decoder = JSONDecoder()
            // The imports after `version` that filed their pairs, and those pairs.
            var imported = Set<Int64>()
            for row in try session.rows("SELECT version FROM import_pairs WHERE version > $1", [.integer(version)]) {
                imported.insert(try row.decode(Int64.self))
            }
            var pairs: Set<PositionKey> = []
            if !imported.isEmpty {
                for row in try session.rows(
                    """
                    SELECT p.id, i.id FROM import_pairs f, unnest(f.pairs) k
                    JOIN party p ON p.pk = k >> 32 JOIN issue i ON i.pk = k & 4294967295
                    WHERE f.version > $1
                    """, [.integer(version)])
                {
                    let (party, issue) = try row.decode((String, String).self)
                    pairs.insert(PositionKey(party: party, issue: issue))
                }
            }
            let rows = try session.rows(
                "SELECT pk, action, kind, record, changes FROM change_log WHERE pk > $1 ORDER BY pk",
                [.integer(version)])
            for row in rows {
                let (pk, action, kind, record, changes) = try row.decode((Int64, String, String?, String?, String).self)
                let change = LoggedPositionChange(
                    LogAction(rawValue: action), kind.flatMap(RecordKind.init(rawValue:)), record: record)
                switch change {
                case .nothing:
                    continue
                case .everything:
                    return .everything
                case .statement, .bulk:
                    break
                }
                let entry = try LogEntry(
                    stored: pk, at: "", by: "", action: action, kind: kind, record: record, reason: nil,
                    changes: changes, decoder: decoder)
                if case .statement(let number) = change {
                    numbers.append(number)
                    for field in entry.changes {
                        switch field.field {
                        case "about": claims = true
                        case "party":
                            moved[number, default: ([], [])].parties.formUnion(
                                [field.old, field.new].compactMap { $0 })
                        case "issue":
                            moved[number, default: ([], [])].issues.formUnion([field.old, field.new].compactMap { $0 })
                        default: break
                        }
                    }
                } else if entry.action == .relabel,
                    let listed = entry.changes.first(where: { $0.field == "statements" })
                {
                    claims = true
                    for item in (listed.new ?? "").split(separator: ",") {
                        let text = item.trimmingCharacters(in: .whitespaces)
                        guard text.hasPrefix("#"), let number = Int64(text.dropFirst()) else { return .everything }
                        numbers.append(number)
                    }
                } else if entry.action == .import, imported.contains(pk) {
                    // As SQLite reads an import: its pairs filed, and claims may be among them.
                    claims = true
                } else {
                    return .everything
                }
            }
            guard !numbers.isEmpty else { return .pairs(pairs, claims: claims) }
            let changed = try session.rows(
                """
                SELECT s.pk, p.id, i.id, s.about_pk IS NOT NULL FROM statement s
                JOIN party p ON p.pk = s.party_pk JOIN issue i ON i.pk = s.issue_pk
                WHERE s.pk = ANY($1::bigint[])
                """, [.text("{" + numbers.map(String.init).joined(separator: ",") + "}")])
            for row in changed {
                let (number, party, issue, about) = try row.decode((Int64, String, String, Bool).self)
                if about { claims = true }
                let before = moved[number] ?? ([], [])
                for party in before.parties.union([party]) {
                    for issue in before.issues.union([issue]) { pairs.insert(PositionKey(party: party, issue: issue)) }
                }
            }
            return .pairs(pairs, claims: claims)
        }

        /// Read from the change log as SQLite reads its own (``ParleyStore/CaseChanges/mayRename(_:_:)``).
        public func namesChanged(since version: Int64) throws -> Bool {
            let current = try changeVersion()
            guard current >= version else { return true }
            for row in try session.rows(
                "SELECT action, kind FROM change_log WHERE pk > $1 ORDER BY pk", [.integer(version)])
            {
                let (action, kind) = try row.decode((String, String?).self)
                if CaseChanges.mayRename(LogAction(rawValue: action), kind.flatMap(RecordKind.init(rawValue:))) {
                    return true
                }
            }
            return false
        }
    }
#endif
