import GRDB
import ParleyModel

extension CaseChanges {
    /// Whether a change-log entry with `action` on a record of `kind` (nil where the stored value
    /// is not one this Parley knows) may have changed what a party, actor, issue or source is
    /// called, or which of them there are: the one rule by which every backend answers
    /// ``CaseReader/namesChanged(since:)``.
    public static func mayRename(_ action: LogAction?, _ kind: RecordKind?) -> Bool {
        switch (action, kind) {
        case (.add?, .statement?), (.amend?, .statement?), (.retract?, .statement?),
            (.relabel?, _), (.relate?, _), (.step?, _), (.token?, _),
            (.add?, .agreement?), (.add?, .dispute?), (.edit?, .agreement?), (.edit?, .dispute?),
            (.retract?, .agreement?), (.retract?, .dispute?):
            return false
        default:
            return true
        }
    }
}

extension StoreReader {
    /// Whether a write after change-log version `version` may have changed what the case's
    /// parties, actors, issues and sources are called (a name or a title) or which of them there
    /// are: what a server that keeps their names between pages needs to know before it reuses
    /// them.
    ///
    /// Statements added, amended or retracted, labels merged or related, steps, tokens, and
    /// agreements and disputes added, edited or retracted name no record of those kinds. Anything
    /// else may: a party, actor, issue or source added or edited, an issue renamed, an import,
    /// or an entry this reader does not know.
    public func namesChanged(since version: Int64) throws -> Bool {
        let current = try changeVersion()
        guard current >= version else { return true }
        let entries = try Row.fetchCursor(
            db, sql: "SELECT action, kind FROM change_log WHERE pk > ? ORDER BY pk", arguments: [version])
        while let row = try entries.next() {
            let action = LogAction(rawValue: row["action"])
            let kind = (row["kind"] as String?).flatMap(RecordKind.init(rawValue:))
            if CaseChanges.mayRename(action, kind) { return true }
        }
        return false
    }
}
