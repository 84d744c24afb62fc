import GRDB
import GRDBSQLite
import ParleyModel

/// The statement pairs that may contradict each other (see
/// ``StoreReader/contradictionCandidates(asOf:issue:)``).
public struct ContradictionCandidates {
    /// One party's own statements on one issue and said date, with different labels.
    public var sameDayPairs: [(DatedStatement, DatedStatement)] = []
    /// Two of one party's actors' consecutive statements on one issue, on different days within
    /// ``Contradictions/internalWindowDays``, with different labels.
    public var actorPairs: [(DatedStatement, DatedStatement)] = []
    /// A claim about a party and the party's own words within ``Contradictions/claimWindowDays``.
    public var claimPairs: [(claim: DatedStatement, own: DatedStatement)] = []

    /// No pairs yet: a backend's reader fills them in.
    public init() {}

    /// The pairs with different labels among `statements`, each of one party on one issue and
    /// said date (the day groups in the order first met, the statements in the order given):
    /// what ``sameDayPairs`` holds, made the same way by every backend.
    public static func sameDayPairs(_ statements: [DatedStatement]) -> [(DatedStatement, DatedStatement)] {
        var byDay: [String: [DatedStatement]] = [:]
        var dayOrder: [String] = []
        for dated in statements {
            let s = dated.statement
            let key = "\(s.party)\u{0}\(s.issue)\u{0}\(s.said?.description ?? "")"
            if byDay[key] == nil { dayOrder.append(key) }
            byDay[key, default: []].append(dated)
        }
        var pairs: [(DatedStatement, DatedStatement)] = []
        for key in dayOrder {
            let group = byDay[key] ?? []
            for i in group.indices {
                for j in group.indices where j > i && group[i].statement.stance != group[j].statement.stance {
                    pairs.append((group[i], group[j]))
                }
            }
        }
        return pairs
    }
}

extension StoreReader {
    /// The statement pairs that may contradict each other as of `date` (nil: everything), on
    /// `issue` and its sub-issues when given: the same party's own statements on the same issue
    /// and said date, with different labels; two of its actors' consecutive statements within a
    /// week; and claims about a party next to the party's own statements on the issue within
    /// ``Contradictions/claimWindowDays`` days of the claim, with different labels. Whether two
    /// labels are really different sides, and which kind of contradiction a pair is, is the
    /// model's question (``Contradictions/find(sameDayPairs:actorPairs:claimPairs:agreements:relations:asOf:)``).
    public func contradictionCandidates(asOf date: CalendarDate?, issue: String? = nil) throws
        -> ContradictionCandidates
    {
        let until = (date ?? .latest).endKey
        // The issue's id as stored, looked up once for every part below.
        let canonical = try issue.map { try db.canonicalIssue($0) }
        var filter = ""
        var filterArguments: StatementArguments = []
        if let canonical {
            let subtree = db.issueSubtree("a.issue_pk", canonical: canonical)
            filter = " AND " + subtree.sql
            filterArguments = subtree.arguments
        }
        // Days on which one party's own statements on one issue number more than one, and two
        // actors' consecutive statements: found in one pass along the position index (no row is
        // read), then only their statements are fetched and paired here. A self-join over every
        // statement read each row twice (14 s at 1M). The case as known at a moment: the same,
        // with the statements it holds otherwise beside.
        let runs = try ownRuns(until: until, canonical: canonical)
        let knownS = knownFilter("s")
        let restored = (known?.restoredStanding ?? []).filter { dated in
            dated.effectiveDate.endKey <= until && dated.statement.said != nil
                && (canonical.map { Identifier.issue(dated.statement.issue, isWithin: $0) } ?? true)
        }
        var days = runs.days.map { "[\($0.party),\($0.issue),\($0.said)]" }
        for dated in restored {
            let s = dated.statement
            days.append("[\(try db.pk(.party, s.party)),\(try db.pk(.issue, s.issue)),\(dated.effectiveDate.endKey)]")
        }
        var sameDay = try db.fetchStatements(
            """
            WITH days AS (
                SELECT DISTINCT json_extract(value, '$[0]') AS party_pk, json_extract(value, '$[1]') AS issue_pk,
                       json_extract(value, '$[2]') AS said_key
                FROM json_each(?)
            )
            \(StatementQuery.select)
            FROM days d CROSS JOIN statement s
              ON s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk AND s.said_key = d.said_key
             AND s.retracted_at IS NULL AND s.about_pk IS NULL
            \(StatementQuery.joins)
            WHERE s.said IS NOT NULL\(knownS.sql)
            ORDER BY s.pk
            """, arguments: ["[" + days.joined(separator: ",") + "]"] + knownS.arguments)
        // In the order of their numbers, as the case then would list them (the statements put
        // back among the others, not after them).
        sameDay += restored
        sameDay.sort { $0.sequence < $1.sequence }
        var candidates = ContradictionCandidates()
        candidates.sameDayPairs = ContradictionCandidates.sameDayPairs(sameDay)
        candidates.actorPairs = try actorPairs(runs.actorPairs, until: until, canonical: canonical)
        let window = Contradictions.claimWindowDays
        // Claims first (CROSS JOIN keeps that order): they are few, found on their own index,
        // and each is answered by an index seek into its subject's statements.
        let knownA = knownFilter("a")
        let knownO = knownFilter("o")
        let claimPairs = try Row.fetchAll(
            db,
            sql: """
                SELECT a.pk AS claim, o.pk AS own FROM statement a INDEXED BY statement_about CROSS JOIN statement o
                  ON o.party_pk = a.about_pk AND o.issue_pk = a.issue_pk AND o.about_pk IS NULL
                 AND o.retracted_at IS NULL AND o.stance <> a.stance AND o.said_key <= ?
                 AND o.said_key BETWEEN \(shifted("a.said_key", -window)) AND \(shifted("a.said_key", window))\(knownO.sql)
                WHERE a.about_pk IS NOT NULL AND a.retracted_at IS NULL AND a.said_key <= ?\(filter)\(knownA.sql)
                ORDER BY a.pk, o.pk
                """, arguments: [until] + knownO.arguments + [until] + filterArguments + knownA.arguments
        ).map { ($0["claim"] as Int64, $0["own"] as Int64) }
        let numbers = Set(claimPairs.flatMap { [$0.0, $0.1] })
        var byNumber: [Int64: DatedStatement] = [:]
        if !numbers.isEmpty {
            try db.forEachStatement(
                StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?))",
                arguments: ["[" + numbers.map(String.init).joined(separator: ",") + "]"]
            ) { byNumber[$0.sequence] = $0 }
        }
        var pairs = claimPairs.compactMap { pair in byNumber[pair.0].flatMap { a in byNumber[pair.1].map { (a, $0) } } }
        if let known, !known.restored.isEmpty {
            pairs += try knownClaimPairs(asOf: date, canonical: canonical, window: window)
            pairs.sort { ($0.0.sequence, $0.1.sequence) < ($1.0.sequence, $1.1.sequence) }
        }
        candidates.claimPairs = pairs
        return candidates
    }

    /// The day `days` from the yyyymmdd key in `column`, as a key, in SQL.
    func shifted(_ column: String, _ days: Int) -> String {
        "CAST(replace(date(printf('%04d-%02d-%02d', \(column) / 10000, \(column) / 100 % 100, \(column) % 100), "
            + "'\(days >= 0 ? "+" : "")\(days) days'), '-', '') AS INTEGER)"
    }

    /// One pass along the position index over the own statements that stand, said by `until`
    /// (on `issue` and its sub-issues when given), as the case was known: the (party, issue, said
    /// date) days with more than one statement, and the consecutive statements of one party on
    /// one issue on different days within ``Contradictions/internalWindowDays`` with different
    /// labels (by number, earlier first, in the later's order), which may be two actors'. The index
    /// holds all the pass reads, so no statement row is read: a window function over every
    /// statement (which also read each row for its actor) cost 16 times the rest of the report at
    /// 1M statements (BENCHMARKS.md, issue 22). The case as known at a moment leaves out the few
    /// statements recorded after it or different then (``KnownView/leavesOut(_:)``) as the pass
    /// goes: asking SQL for the recording time read every row. The rows are read through SQLite's
    /// C interface and labels compared as bytes: GRDB's row access cost most of the pass.
    private func ownRuns(until: Int, canonical issue: String?) throws -> (
        days: [(party: Int64, issue: Int64, said: Int)], actorPairs: [(Int64, Int64)]
    ) {
        var filter = ""
        var arguments: StatementArguments = [until]
        if let issue {
            let subtree = db.issueSubtree("s.issue_pk", canonical: issue)
            filter = " AND " + subtree.sql
            arguments += subtree.arguments
        }
        let statement = try db.makeStatement(
            sql: """
                SELECT s.party_pk, s.issue_pk, s.said_key, s.pk, s.stance FROM statement s INDEXED BY statement_position
                WHERE s.retracted_at IS NULL AND s.about_pk IS NULL AND s.said_key <= ?\(filter)
                ORDER BY s.party_pk, s.issue_pk, s.said_key, s.source_key, s.pk
                """)
        try statement.setArguments(arguments)
        let raw = RawStatement(statement, in: db)
        let handle = raw.handle
        defer { sqlite3_reset(handle) }
        let known = self.known
        let window = Contradictions.internalWindowDays
        var days: [(party: Int64, issue: Int64, said: Int)] = []
        var pairs: [(Int64, Int64)] = []
        var previous: (party: Int64, issue: Int64, said: Int, pk: Int64)?
        var previousStance: [UInt8] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw raw.failure(code) }
            let pk = sqlite3_column_int64(handle, 3)
            if let known, known.leavesOut(pk) { continue }
            let party = sqlite3_column_int64(handle, 0)
            let subject = sqlite3_column_int64(handle, 1)
            let said = Int(sqlite3_column_int64(handle, 2))
            let stance = UnsafeRawBufferPointer(
                start: sqlite3_column_text(handle, 4), count: Int(sqlite3_column_bytes(handle, 4)))
            if let p = previous, p.party == party, p.issue == subject {
                if p.said == said {
                    let seen = days.last.map { $0.party == party && $0.issue == subject && $0.said == said } ?? false
                    if !seen { days.append((party, subject, said)) }
                } else if !previousStance.elementsEqual(stance) && Days.number(said) - Days.number(p.said) <= window {
                    pairs.append((p.pk, pk))
                }
            }
            previous = (party, subject, said, pk)
            previousStance.removeAll(keepingCapacity: true)
            previousStance.append(contentsOf: stance)
        }
        pairs.sort { $0.1 < $1.1 }
        return (days, pairs)
    }

    /// Of the consecutive statements ``ownRuns(until:canonical:)`` found, those of two different
    /// actors, fetched; and where the case known at a moment holds a statement otherwise, the
    /// pair's run read again with it.
    private func actorPairs(_ rows: [(Int64, Int64)], until: Int, canonical issue: String?) throws
        -> [(DatedStatement, DatedStatement)]
    {
        // The actors first (one column of each row, no joins): only the pairs of two different
        // actors are read whole. Every candidate read whole, as an array and then a dictionary,
        // was the report's peak (at 10M statements, most of 200 MB).
        var actors: [Int64: Int64] = [:]
        let candidates = Set(rows.flatMap { [$0.0, $0.1] })
        if !candidates.isEmpty {
            let found = try Row.fetchCursor(
                db,
                sql: """
                    SELECT pk, actor_pk FROM statement
                    WHERE pk IN (SELECT value FROM json_each(?)) AND actor_pk IS NOT NULL
                    """, arguments: ["[" + candidates.map(String.init).joined(separator: ",") + "]"])
            while let row = try found.next() { actors[row[0]] = row[1] }
        }
        let twoActors = rows.filter { row in
            guard let x = actors[row.0], let y = actors[row.1] else { return false }
            return x != y
        }
        actors = [:]
        var byNumber: [Int64: DatedStatement] = [:]
        let numbers = Set(twoActors.flatMap { [$0.0, $0.1] })
        if !numbers.isEmpty {
            try db.forEachStatement(
                StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?))",
                arguments: ["[" + numbers.map(String.init).joined(separator: ",") + "]"]
            ) { byNumber[$0.sequence] = $0 }
        }
        var pairs = twoActors.compactMap { row in
            byNumber[row.0].flatMap { a in byNumber[row.1].map { (a, $0) } }
        }
        // The case as known at a moment: where it holds a statement otherwise, the pair's run is
        // read again with it.
        guard let view = self.known, !view.restored.isEmpty else { return pairs }
        let touched = Set(
            view.restoredStanding.filter { dated in
                issue.map { Identifier.issue(dated.statement.issue, isWithin: $0) } ?? true
            }.map(\.key))
        pairs.removeAll { touched.contains($0.0.key) }
        // All the touched pairs' runs in one pass along the position index; only the consecutive
        // statements with different labels within the window are read whole, for their actors.
        let window = Contradictions.internalWindowDays
        let runs = try knownRuns(of: touched.sorted(), asOf: nil)
        var consecutive: [(Int64, Int64)] = []
        for key in touched.sorted() {
            let run = (runs[key] ?? []).filter { $0.said <= until }
            for (a, b) in zip(run, run.dropFirst())
            where a.stance != b.stance && a.said != b.said && Days.number(b.said) - Days.number(a.said) <= window {
                consecutive.append((a.number, b.number))
            }
        }
        let read = try knownStatements(numbers: Set(consecutive.flatMap { [$0.0, $0.1] }))
        for (x, y) in consecutive {
            guard let a = read[x], let b = read[y], let ax = a.statement.actor, let ay = b.statement.actor, ax != ay
            else { continue }
            pairs.append((a, b))
        }
        // In the order of the later statement's number, as the case then would list them.
        pairs.sort { $0.1.sequence < $1.1.sequence }
        return pairs
    }

    /// The claims about `parties` (by other parties) on `issues` and their sub-issues as of
    /// `date`: the latest that stands per speaker, party spoken about and issue.
    public func claims(about parties: [String], on issues: [String], asOf date: CalendarDate?) throws
        -> [DatedStatement]
    {
        guard !parties.isEmpty, !issues.isEmpty else { return [] }
        let canonical = try issues.map { try db.canonicalIssue($0) }
        // The issues and their sub-issues as one list of row keys: a condition per issue joined by
        // OR grew an expression SQLite refuses past 1,000 terms (a board of 5,000 disputed issues).
        let within = Set(canonical)
        var issuePKs: [Int64] = []
        for row in try Row.fetchAll(db, sql: "SELECT pk, id FROM issue") {
            var id: Substring = Substring(row["id"] as String)
            while !within.contains(String(id)) {
                guard let slash = id.lastIndex(of: "/") else { break }
                id = id[..<slash]
            }
            if within.contains(String(id)) { issuePKs.append(row["pk"]) }
        }
        let partyPKs = try parties.map { try db.pk(.party, $0) }
        let arguments: StatementArguments = [
            (date ?? .latest).endKey,
            "[" + issuePKs.map(String.init).joined(separator: ",") + "]",
            "[" + partyPKs.map(String.init).joined(separator: ",") + "]",
        ]
        let knownS = knownFilter("s")
        let knownLater = knownFilter("later")
        let found = try db.fetchStatements(
            """
            \(StatementQuery.all)
            WHERE s.retracted_at IS NULL AND s.about_pk IS NOT NULL AND s.said_key <= ?
              AND s.issue_pk IN (SELECT value FROM json_each(?))
              AND s.about_pk IN (SELECT value FROM json_each(?))\(knownS.sql)
              AND NOT EXISTS (
                SELECT 1 FROM statement later
                WHERE later.party_pk = s.party_pk AND later.about_pk = s.about_pk AND later.issue_pk = s.issue_pk
                  AND later.retracted_at IS NULL AND later.said_key <= ?1
                  AND (later.said_key, later.source_key, later.pk) > (s.said_key, s.source_key, s.pk)\(knownLater.sql))
            ORDER BY ab.id, i.id, p.id
            """, arguments: arguments + knownS.arguments + knownLater.arguments)
        guard let known, !known.restored.isEmpty else { return found }
        // The claims the case known at a moment holds otherwise: the latest per speaker, party
        // spoken about and issue, among both.
        let until = (date ?? .latest).endKey
        let extra = known.restored.values.filter { dated in
            let s = dated.statement
            guard !s.isRetracted, let about = s.about, parties.contains(about), dated.effectiveDate.endKey <= until
            else { return false }
            return canonical.contains { Identifier.issue(s.issue, isWithin: $0) }
        }
        var latest: [String: DatedStatement] = [:]
        for dated in found + extra {
            let s = dated.statement
            let key = "\(s.party) \(s.about ?? "") \(s.issue)"
            if let held = latest[key], !dated.isLater(than: held) { continue }
            latest[key] = dated
        }
        return latest.values.sorted {
            ($0.statement.about ?? "", $0.statement.issue, $0.statement.party)
                < ($1.statement.about ?? "", $1.statement.issue, $1.statement.party)
        }
    }

    /// The claim pairs (as ``contradictionCandidates(asOf:issue:)`` finds them) in which a
    /// statement the case known at this reader's moment holds otherwise takes part: for each pair
    /// of parties and issue those statements touch, the claims and the party's own words within
    /// the window, as known then.
    private func knownClaimPairs(asOf date: CalendarDate?, canonical issue: String?, window: Int) throws
        -> [(claim: DatedStatement, own: DatedStatement)]
    {
        guard let known else { return [] }
        let until = (date ?? .latest).endKey
        let touched = known.restored.values.filter { dated in
            dated.effectiveDate.endKey <= until && !dated.statement.isRetracted
                && (issue.map { Identifier.issue(dated.statement.issue, isWithin: $0) } ?? true)
        }
        // The (party spoken about, issue) pairs concerned.
        var subjects: Set<PositionKey> = []
        for dated in touched {
            let s = dated.statement
            subjects.insert(PositionKey(party: s.about ?? s.party, issue: s.issue))
        }
        // Only those with a claim about them can hold a pair: the (party spoken about, issue)
        // pairs with a claim recorded, from the claims' index, and those of the claims put back.
        var claimed: Set<PositionKey> = []
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT ab.id AS about, i.id AS issue
                FROM (SELECT DISTINCT about_pk, issue_pk FROM statement INDEXED BY statement_about
                      WHERE about_pk IS NOT NULL) c
                JOIN party ab ON ab.pk = c.about_pk JOIN issue i ON i.pk = c.issue_pk
                """)
        {
            claimed.insert(PositionKey(party: row["about"], issue: row["issue"]))
        }
        // Ids as they are now (a value put back may name a party or issue by an earlier id).
        func current(_ key: PositionKey) -> PositionKey {
            guard let party = try? db.id(.party, pk: try db.pk(.party, key.party)),
                let issue = try? db.canonicalIssue(key.issue)
            else { return key }
            return PositionKey(party: party, issue: issue)
        }
        for dated in known.restored.values {
            if let about = dated.statement.about {
                claimed.insert(current(PositionKey(party: about, issue: dated.statement.issue)))
            }
        }
        var pairs: [(claim: DatedStatement, own: DatedStatement)] = []
        let restoredNumbers = Set(known.restored.keys)
        for subject in subjects.sorted() where claimed.contains(current(subject)) {
            let own = try knownStatements(party: subject.party, issue: subject.issue, asOf: date)
            let claims = try statements(StatementFilter(issue: subject.issue, about: subject.party)).filter {
                $0.effectiveDate.endKey <= until && $0.statement.issue == subject.issue
            }
            for claim in claims {
                for statement in own where statement.statement.stance != claim.statement.stance {
                    guard restoredNumbers.contains(claim.sequence) || restoredNumbers.contains(statement.sequence)
                    else { continue }
                    let distance = abs(claim.effectiveDate.lastDayNumber - statement.effectiveDate.lastDayNumber)
                    if distance <= window { pairs.append((claim, statement)) }
                }
            }
        }
        return pairs
    }
}

extension StoreReader {
    /// Every claim about a party by another that stands, said on or before `date` (nil:
    /// everything), in date order: as known at this reader's moment, if it knows one. Claims
    /// are found on their own index.
    public func claims(asOf date: CalendarDate?) throws -> [DatedStatement] {
        let until = (date ?? .latest).endKey
        let filter = knownFilter("s")
        // From the claims' own index: left to itself, SQLite walks the date index over every
        // statement said by then (1.4 s at 1M statements, with not one claim among them).
        var claims = try db.fetchStatements(
            StatementQuery.select + " FROM statement s INDEXED BY statement_about " + StatementQuery.joins + """
                 WHERE s.about_pk IS NOT NULL AND s.retracted_at IS NULL AND s.said_key <= ?\(filter.sql)
                 ORDER BY s.said_key, s.source_key, s.pk
                """, arguments: [until] + filter.arguments)
        let extra =
            (known?.restored.values.filter {
                $0.statement.about != nil && !$0.statement.isRetracted && $0.effectiveDate.endKey <= until
            }) ?? []
        if !extra.isEmpty {
            claims = (claims + extra).sorted { $1.isLater(than: $0) }
        }
        return claims
    }
}
