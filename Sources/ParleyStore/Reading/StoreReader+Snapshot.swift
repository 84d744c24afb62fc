import GRDB
import ParleyModel

extension StoreReader {
    /// Everything as of `date` (nil: all that is recorded), computed in SQL: for each (party,
    /// issue) pair one index seek finds the latest date said on or before the date, and a second
    /// reads the statements of that date (see ``positions(asOf:party:issue:)``). `party` and
    /// `issue` (with its sub-issues) narrow the positions; agreements and disputes are always
    /// complete. Positions are aged against `staleAfter` (or their issue's own window); see
    /// ``staleness(asOf:window:)``.
    public func snapshot(
        asOf date: CalendarDate?, party: String? = nil, issue: String? = nil, staleAfter: StaleWindow = .standard
    ) throws -> Snapshot {
        try caseSnapshot(
            asOf: date, positions: try positions(asOf: date, party: party, issue: issue), staleAfter: staleAfter)
    }

    /// How positions are aged: from `date`, or, for "everything recorded", from the latest date
    /// the case knows of (its latest source's published date: nothing can be said or done after
    /// the source that reports it), so that an archived case reads the same years later. Issues
    /// with a window of their own use it. Nil when there is no source yet.
    public func staleness(asOf date: CalendarDate?, window: StaleWindow = .standard) throws -> Staleness? {
        let reference: CalendarDate
        if let date {
            reference = date
        } else if let known {
            guard let latest = known.latestPublished(try KnownView.publishedDates(db)) else { return nil }
            reference = latest
        } else {
            guard
                let latest = try String.fetchOne(
                    db, sql: "SELECT published FROM source ORDER BY published_key DESC LIMIT 1")
            else { return nil }
            reference = try CalendarDate(parsing: latest)
        }
        var windows: [String: StaleWindow] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, stale_after FROM issue WHERE stale_after IS NOT NULL") {
            windows[row["id"]] = try StaleWindow(parsing: row["stale_after"])
        }
        for (issue, window) in known?.windows ?? [:] { windows[issue] = window }
        return Staleness(reference: reference, window: window, issueWindows: windows)
    }

    /// Every (party, issue) position as of `date`: per pair, one index seek finds the latest date
    /// said on or before `date` (ties: the later source, then the later recording), a second
    /// reads the party's statements of that date (usually one), and they make the position (see
    /// ``ParleyModel/Position/init(statements:)``). As for ``snapshot(asOf:party:issue:staleAfter:)``,
    /// without the agreements and disputes.
    public func positions(asOf date: CalendarDate?, party: String? = nil, issue: String? = nil) throws -> [Position] {
        try positions(asOf: date, party: party, issue: issue, pairs: nil)
    }

    /// The positions as of `date` of the (party, issue) pairs `keys` that have one, in one query
    /// (see ``positions(asOf:party:issue:)``).
    public func positions(asOf date: CalendarDate?, of keys: [PositionKey]) throws -> [Position] {
        guard !keys.isEmpty else { return [] }
        let wanted = Set(keys)
        return try positions(asOf: date, party: nil, issue: nil, pairs: wanted).filter { wanted.contains($0.key) }
    }

    /// Calls `body` with each position of ``positions(asOf:party:issue:)``, in its order, as the
    /// rows that make it arrive: no more than one pair's rows are held.
    public func forEachPosition(
        asOf date: CalendarDate?, party: String?, issue: String?, _ body: (Position) throws -> Void
    ) throws {
        try forEachPosition(asOf: date, party: party, issue: issue, pairs: nil, body)
    }

    /// ``positions(asOf:party:issue:)``, narrowed to `pairs` when given.
    private func positions(asOf date: CalendarDate?, party: String?, issue: String?, pairs: Set<PositionKey>?)
        throws -> [Position]
    {
        var positions: [Position] = []
        try forEachPosition(asOf: date, party: party, issue: issue, pairs: pairs) { positions.append($0) }
        return positions
    }

    /// ``forEachPosition(asOf:party:issue:_:)``, narrowed to `pairs` when given.
    private func forEachPosition(
        asOf date: CalendarDate?, party: String?, issue: String?, pairs: Set<PositionKey>?,
        _ body: (Position) throws -> Void
    ) throws {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var partyPK: Int64?
        var canonicalIssue: String?
        if let party {
            let pk = try db.pk(.party, party)
            partyPK = pk
            conditions.append("k.party_pk = ?")
            arguments += [pk]
        }
        if let issue {
            let canonical = try db.canonicalIssue(issue)
            let subtree = db.issueSubtree("k.issue_pk", canonical: canonical)
            canonicalIssue = canonical
            conditions.append(subtree.sql)
            arguments += subtree.arguments
        }
        if let pairs {
            let pks = try pairs.map { "[\(try db.pk(.party, $0.party)),\(try db.pk(.issue, $0.issue))]" }
            conditions.append(
                "(k.party_pk, k.issue_pk) IN "
                    + "(SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?))")
            arguments += ["[" + pks.joined(separator: ",") + "]"]
        }
        let filter = conditions.isEmpty ? "" : " AND " + conditions.joined(separator: " AND ")
        let inner = knownFilter("x")
        let outer = knownFilter("s")
        let until = (date ?? .latest).endKey
        // The latest date said: from the maintained spans (one row per date said), else from the
        // statements.
        let latestDate =
            try readsSpans()
            ? """
            (SELECT x.said_key FROM position_span x
                        WHERE x.party_pk = k.party_pk AND x.issue_pk = k.issue_pk AND x.said_key <= ?
                        ORDER BY x.said_key DESC LIMIT 1)
            """
            : """
            (SELECT x.said_key FROM statement x
                        WHERE x.party_pk = k.party_pk AND x.issue_pk = k.issue_pk AND x.said_key <= ?
                          AND x.retracted_at IS NULL AND x.about_pk IS NULL\(inner.sql)
                        ORDER BY x.said_key DESC LIMIT 1)
            """
        let sql = """
            WITH latest AS MATERIALIZED (
                SELECT k.party_pk AS party_pk, k.issue_pk AS issue_pk, \(latestDate) AS said_key
                FROM position_key k WHERE 1\(filter)
            )
            \(StatementQuery.select)
            FROM latest l CROSS JOIN statement s
              ON s.party_pk = l.party_pk AND s.issue_pk = l.issue_pk AND s.said_key = l.said_key
             AND s.retracted_at IS NULL AND s.about_pk IS NULL
            \(StatementQuery.joins)
            WHERE 1\(outer.sql)
            ORDER BY i.id, p.id, s.said_key, s.source_key, s.pk
            """
        let queryArguments: StatementArguments = [until] + inner.arguments + arguments + outer.arguments
        if known == nil {
            // The rows come pair by pair (ordered by issue, then party): each pair's statements
            // make its position as soon as the next pair's begin, and no row is held longer.
            var pair: [DatedStatement] = []
            func close() throws {
                if let position = Position(statements: pair) { try body(position) }
                pair.removeAll(keepingCapacity: true)
            }
            try db.forEachStatement(sql, arguments: queryArguments) { dated in
                if let last = pair.last,
                    last.statement.party != dated.statement.party
                        || last.statement.issue != dated.statement.issue
                {
                    try close()
                }
                pair.append(dated)
            }
            try close()
            return
        }
        var byPair: [PositionKey: [DatedStatement]] = [:]
        var order: [PositionKey] = []
        func add(_ dated: DatedStatement) {
            let key = dated.key
            if byPair[key] == nil { order.append(key) }
            byPair[key, default: []].append(dated)
        }
        for dated in try db.fetchStatements(sql, arguments: queryArguments) { add(dated) }
        if known != nil {
            let partyID = try partyPK.map { try db.id(.party, pk: $0) }
            for dated in known?.restoredStanding ?? [] where dated.effectiveDate.endKey <= until {
                let s = dated.statement
                if let partyID, s.party != partyID { continue }
                if let canonicalIssue, !Identifier.issue(s.issue, isWithin: canonicalIssue) { continue }
                if let pairs, !pairs.contains(dated.key) { continue }
                add(dated)
            }
            order.sort()
        }
        for key in order {
            if let position = byPair[key].flatMap(Position.init(statements:)) { try body(position) }
        }
    }

    /// For each position, the statement at which its party adopted the labels it holds as of
    /// `date`: the first of the unbroken run of statements with one of those labels. This is
    /// "when the side last moved". One query for all positions; per position, two index seeks
    /// (the last statement with another label, then the first statement after it), whatever the
    /// number of statements. Where the case as known at a moment differs from now on a pair, its
    /// statements are read and the run found here.
    public func adoptions(of positions: [Position], asOf date: CalendarDate?) throws -> [PositionKey: Adoption] {
        guard !positions.isEmpty else { return [:] }
        if try readsSpans() { return try spanAdoptions(of: positions) }
        let restoredPairs = Set(known?.restoredStanding.map(\.key) ?? [])
        let inSQL = positions.filter { !restoredPairs.contains($0.key) }
        var result = try knownAdoptions(of: positions.filter { restoredPairs.contains($0.key) }, asOf: date)
        guard !inSQL.isEmpty else { return result }
        // Each shown position: its backing statement and its labels between commas (labels are
        // slugs, which hold no comma).
        let shown =
            "["
            + inSQL.map { "[\($0.backing.sequence),\",\($0.labels.joined(separator: ",")),\"]" }
            .joined(separator: ",") + "]"
        let previousFilter = knownFilter("x")
        let movedFilter = knownFilter("m")
        let sql = """
            WITH shown AS (SELECT json_extract(value, '$[0]') AS spk, json_extract(value, '$[1]') AS labels
                           FROM json_each(?)),
            previous AS (
                SELECT sh.spk, c.party_pk, c.issue_pk,
                       (SELECT x.pk FROM statement x
                        WHERE x.party_pk = c.party_pk AND x.issue_pk = c.issue_pk AND x.said_key <= ?
                          AND x.retracted_at IS NULL AND x.about_pk IS NULL
                          AND instr(sh.labels, ',' || x.stance || ',') = 0\(previousFilter.sql)
                        ORDER BY x.said_key DESC, x.source_key DESC, x.pk DESC LIMIT 1) AS xpk
                FROM shown sh JOIN statement c ON c.pk = sh.spk
            ),
            bounds AS (
                SELECT pr.spk, pr.party_pk, pr.issue_pk, x.stance AS previous_label,
                       coalesce(x.said_key, 0) AS xs, coalesce(x.source_key, 0) AS xk, coalesce(x.pk, 0) AS xp
                FROM previous pr LEFT JOIN statement x ON x.pk = pr.xpk
            ),
            moved AS MATERIALIZED (
                -- A row-value bound made of plain columns, so SQLite seeks the index to it.
                SELECT b.spk, b.previous_label,
                       (SELECT m.pk FROM statement m
                        WHERE m.party_pk = b.party_pk AND m.issue_pk = b.issue_pk AND m.said_key <= ?
                          AND m.retracted_at IS NULL AND m.about_pk IS NULL
                          AND (m.said_key, m.source_key, m.pk) > (b.xs, b.xk, b.xp)\(movedFilter.sql)
                        ORDER BY m.said_key, m.source_key, m.pk LIMIT 1) AS mpk
                FROM bounds b
            )
            \(StatementQuery.select), mv.previous_label AS previous_label
            FROM moved mv CROSS JOIN statement s ON s.pk = mv.mpk
            \(StatementQuery.joins)
            """
        let until = (date ?? .latest).endKey
        let statement = try db.makeStatement(sql: sql)
        let columns = try StatementColumns(statement)
        let rows = try Row.fetchCursor(
            statement, arguments: [shown, until] + previousFilter.arguments + [until] + movedFilter.arguments)
        while let row = try rows.next() {
            let dated = try columns.decode(row)
            result[dated.key] = Adoption(statement: dated, previousLabel: row["previous_label"])
        }
        return result
    }

    /// Whether this reader reads the maintained position spans (see `PositionSpans`): not for the
    /// case as known at a moment, nor while a pair's spans wait to be recomputed, nor when asked
    /// to derive from the statements.
    func readsSpans() throws -> Bool {
        guard known == nil && !derivesPositions else { return false }
        return try PositionSpans.areCurrent(db)
    }

    /// ``adoptions(of:asOf:)`` from the spans: each position's span (its pair and the date of its
    /// backing statement) names the statement at which it was adopted and the label before.
    private func spanAdoptions(of positions: [Position]) throws -> [PositionKey: Adoption] {
        let sql = """
            WITH shown AS (SELECT value AS spk FROM json_each(?))
            \(StatementQuery.select), sp.previous_label AS previous_label
            FROM shown sh
            JOIN statement c ON c.pk = sh.spk
            JOIN position_span sp ON sp.party_pk = c.party_pk AND sp.issue_pk = c.issue_pk AND sp.said_key = c.said_key
            CROSS JOIN statement s ON s.pk = sp.moved_pk
            \(StatementQuery.joins)
            """
        let shown = "[" + positions.map { String($0.backing.sequence) }.joined(separator: ",") + "]"
        let statement = try db.makeStatement(sql: sql)
        let columns = try StatementColumns(statement)
        let rows = try Row.fetchCursor(statement, arguments: [shown])
        var result: [PositionKey: Adoption] = [:]
        while let row = try rows.next() {
            let dated = try columns.decode(row)
            result[dated.key] = Adoption(statement: dated, previousLabel: row["previous_label"])
        }
        return result
    }

    /// ``adoptions(of:asOf:)`` for positions on pairs where the case as known at this reader's
    /// moment holds statements otherwise: every such pair's run read in one pass along the
    /// position index (no statement row read, the statements left out skipped, those put back
    /// merged in), and only the statements at which the positions were adopted read whole. One
    /// query per pair, each reading and decoding the pair's every statement, cost 2 to 3 times
    /// the report (BENCHMARKS.md, issue 22).
    private func knownAdoptions(of positions: [Position], asOf date: CalendarDate?) throws
        -> [PositionKey: Adoption]
    {
        guard !positions.isEmpty else { return [:] }
        let runs = try knownRuns(of: positions.map(\.key), asOf: date)
        var found: [PositionKey: (number: Int64, previousLabel: String?)] = [:]
        for position in positions {
            guard let run = runs[position.key] else { continue }
            let labels = position.labels
            guard let start = run.lastIndex(where: { !labels.contains($0.stance) }) else {
                if let first = run.first { found[position.key] = (first.number, nil) }
                continue
            }
            guard start + 1 < run.count else { continue }
            found[position.key] = (run[start + 1].number, run[start].stance)
        }
        let statements = try knownStatements(numbers: Set(found.values.map(\.number)))
        return found.compactMapValues { adoption in
            statements[adoption.number].map { Adoption(statement: $0, previousLabel: adoption.previousLabel) }
        }
    }

    /// One statement of a pair's run as ``knownRuns(of:asOf:)`` reads it: its said and source
    /// date keys, number and label.
    struct RunEntry {
        var said: Int
        var source: Int
        var number: Int64
        var stance: String
    }

    /// The own statements that stand, said on or before `date`, of each of `pairs`, as the case
    /// was known at this reader's moment (or now), in the order of the latest word: one pass along
    /// the position index for all the pairs, which reads no statement row; the statements the
    /// view leaves out are skipped and those it puts back merged in.
    func knownRuns(of pairs: [PositionKey], asOf date: CalendarDate?) throws -> [PositionKey: [RunEntry]] {
        guard !pairs.isEmpty else { return [:] }
        let until = (date ?? .latest).endKey
        var byPK: [[Int64]: PositionKey] = [:]
        for pair in pairs {
            byPK[[try db.pk(.party, pair.party), try db.pk(.issue, pair.issue)]] = pair
        }
        let wanted = "[" + byPK.keys.map { "[\($0[0]),\($0[1])]" }.joined(separator: ",") + "]"
        let rows = try Row.fetchCursor(
            db,
            sql: """
                WITH pairs AS (SELECT json_extract(value, '$[0]') AS party_pk, json_extract(value, '$[1]') AS issue_pk
                               FROM json_each(?))
                SELECT s.party_pk, s.issue_pk, s.said_key, s.source_key, s.pk, s.stance
                FROM pairs d CROSS JOIN statement s INDEXED BY statement_position
                  ON s.party_pk = d.party_pk AND s.issue_pk = d.issue_pk
                WHERE s.retracted_at IS NULL AND s.about_pk IS NULL AND s.said_key <= ?
                """, arguments: [wanted, until])
        var runs: [PositionKey: [RunEntry]] = [:]
        while let row = try rows.next() {
            let number: Int64 = row[4]
            if let known, known.leavesOut(number) { continue }
            guard let pair = byPK[[row[0], row[1]]] else { continue }
            runs[pair, default: []].append(RunEntry(said: row[2], source: row[3], number: number, stance: row[5]))
        }
        for pair in Set(pairs) {
            for dated in known?.restoredStanding(party: pair.party, issue: pair.issue) ?? []
            where dated.effectiveDate.endKey <= until {
                runs[pair, default: []].append(
                    RunEntry(
                        said: dated.effectiveDate.endKey, source: dated.sourceDate.endKey, number: dated.sequence,
                        stance: dated.statement.stance))
            }
        }
        return runs.mapValues { $0.sorted { ($0.said, $0.source, $0.number) < ($1.said, $1.source, $1.number) } }
    }

    /// The statements numbered `numbers`, as the case was known at this reader's moment: those it
    /// puts back as they were then, the others read in one query.
    func knownStatements(numbers: Set<Int64>) throws -> [Int64: DatedStatement] {
        var found: [Int64: DatedStatement] = [:]
        var read: [Int64] = []
        for number in numbers {
            if let restored = known?.restored[number] { found[number] = restored } else { read.append(number) }
        }
        guard !read.isEmpty else { return found }
        for dated in try db.fetchStatements(
            StatementQuery.all + " WHERE s.pk IN (SELECT value FROM json_each(?))",
            arguments: ["[" + read.map(String.init).joined(separator: ",") + "]"])
        {
            found[dated.sequence] = dated
        }
        return found
    }

    /// One party's own statements on one issue that stand, said on or before `date`, as the
    /// case was known at this reader's moment (or now).
    func knownStatements(party: String, issue: String, asOf date: CalendarDate?) throws -> [DatedStatement] {
        let filter = knownFilter("s")
        var statements = try db.fetchStatements(
            StatementQuery.all + """
                 WHERE s.party_pk = ? AND s.issue_pk = ? AND s.said_key <= ? AND s.retracted_at IS NULL
                   AND s.about_pk IS NULL\(filter.sql)
                """,
            arguments: [try db.pk(.party, party), try db.pk(.issue, issue), (date ?? .latest).endKey]
                + filter.arguments)
        let until = (date ?? .latest).endKey
        statements += (known?.restoredStanding(party: party, issue: issue) ?? []).filter {
            $0.effectiveDate.endKey <= until
        }
        return statements
    }
}
