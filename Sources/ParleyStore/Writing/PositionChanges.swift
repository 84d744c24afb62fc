import GRDB
import ParleyModel

/// Which (party, issue) pairs each write changed, by change-log version (`position_change`): what
/// a kept board needs to be brought up to date by re-deriving those pairs alone.
///
/// A pair's row holds the change-log version of the latest write that marked it for
/// ``PositionSpans/refresh(_:)`` (the triggers on `statement`, or a bulk import's own marks): so
/// one row per pair at most, however many writes. ``StoreReader/positionChanges(since:)`` reads
/// the pairs changed after a version, with the pairs of the statements the change log names
/// (an amended summary or quote changes what a position shows without moving it).
enum PositionChanges {
    /// The table (migration `v12-position-changes`).
    static let schema = """
        CREATE TABLE position_change (
            party_pk INTEGER NOT NULL,
            issue_pk INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (party_pk, issue_pk)
        ) WITHOUT ROWID;
        CREATE INDEX position_change_version ON position_change(version);
        """

    /// Files the pairs marked in `position_stale` under this write's change-log version. It runs
    /// in ``PositionSpans/refresh(_:)``, after the write logged itself, before the commit.
    static func note(_ db: Database) throws {
        // The migration that made the spans refreshes them before this table exists.
        guard try db.tableExists("position_change") else { return }
        try db.cachedStatement(
            sql: """
                INSERT OR REPLACE INTO position_change (party_pk, issue_pk, version)
                SELECT party_pk, issue_pk, (SELECT coalesce(max(pk), 0) FROM change_log) FROM position_stale
                """
        ).execute()
    }
}

/// What the writes after a change-log version changed, as far as the positions as of now go.
public enum CaseChanges: Equatable, Sendable {
    /// Only these pairs' positions may differ; `claims`: whether claims about parties may too.
    case pairs(Set<PositionKey>, claims: Bool)
    /// A write that may change any position (a record's id or a source's date edited, an issue
    /// renamed, an entry this reader does not know): derive everything again.
    case everything
}

/// What one change-log entry says about the positions as of now: the one rule by which every
/// backend reads its change log for a kept board (``CaseReader/positionChanges(since:)``).
public enum LoggedPositionChange: Equatable, Sendable {
    /// Statement `number` was added, amended or retracted: its pair changed (for an amend, also
    /// the pairs of the party and issue it held before), and claims when it is or was a claim.
    case statement(Int64)
    /// Many statements were changed at once (a relabel, an import): the pairs are the store's to
    /// find (SQLite's triggers and imports file them in `position_change`; a relabel lists its
    /// statements in its `statements` change); claims may be among them.
    case bulk
    /// No position moved: a new record other than a statement has no statements yet; steps,
    /// label relations and tokens move no position; agreements and disputes are read whole.
    case nothing
    /// A write that may change any position (a record's id or a source's date edited, an issue
    /// renamed, a statement entry without a number, an entry this Parley does not know).
    case everything

    /// The change of an entry with `action` on a record of `kind` named `record` (nil where the
    /// stored value is not one this Parley knows).
    public init(_ action: LogAction?, _ kind: RecordKind?, record: String?) {
        switch (action, kind) {
        case (.add?, .statement?), (.amend?, .statement?), (.retract?, .statement?):
            guard let record, record.hasPrefix("#"), let number = Int64(record.dropFirst()) else {
                self = .everything
                return
            }
            self = .statement(number)
        case (.relabel?, _), (.import?, _):
            self = .bulk
        case (.add?, _), (.step?, _), (.relate?, _), (.token?, _), (.retract?, .agreement?),
            (.retract?, .dispute?), (.edit?, .agreement?), (.edit?, .dispute?):
            self = .nothing
        default:
            self = .everything
        }
    }
}

extension StoreReader {
    /// What changed in positions (as of now) since change-log version `version`: the pairs the
    /// writes after it changed, or ``CaseChanges/everything`` when a write may have changed any.
    /// Agreements, disputes, label relations, titles and the staleness reference are not covered:
    /// they are cheap to read whole.
    public func positionChanges(since version: Int64) throws -> CaseChanges {
        let current = try changeVersion()
        guard current >= version else { return .everything }
        guard current > version else { return .pairs([], claims: false) }
        var numbers: [Int64] = []
        var claims = false
        let entries = try Row.fetchCursor(
            db,
            sql: """
                SELECT action, kind, record, changes LIKE '%"field":"about"%' AS about
                FROM change_log WHERE pk > ? ORDER BY pk
                """, arguments: [version])
        while let row = try entries.next() {
            switch LoggedPositionChange(
                LogAction(rawValue: row["action"]), (row["kind"] as String?).flatMap(RecordKind.init(rawValue:)),
                record: row["record"])
            {
            case .statement(let number):
                numbers.append(number)
                if row["about"] as Bool { claims = true }
            case .bulk:
                // Their pairs were marked by the triggers or the import; claims may be among them.
                claims = true
            case .nothing:
                break
            case .everything:
                return .everything
            }
        }
        var pairs: Set<PositionKey> = []
        let changed = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.id AS party, i.id AS issue, 0 AS about FROM position_change c
                JOIN party p ON p.pk = c.party_pk JOIN issue i ON i.pk = c.issue_pk WHERE c.version > ?
                UNION ALL
                SELECT p.id, i.id, s.about_pk IS NOT NULL FROM statement s
                JOIN party p ON p.pk = s.party_pk JOIN issue i ON i.pk = s.issue_pk
                WHERE s.pk IN (SELECT value FROM json_each(?))
                """,
            arguments: [version, "[" + numbers.map(String.init).joined(separator: ",") + "]"])
        while let row = try changed.next() {
            pairs.insert(PositionKey(party: row["party"], issue: row["issue"]))
            if row["about"] as Bool { claims = true }
        }
        return .pairs(pairs, claims: claims)
    }
}
