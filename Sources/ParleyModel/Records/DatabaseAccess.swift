/// What a database is opened for.
public enum DatabaseAccess: Sendable {
    /// To read: the file must exist and be a Parley database. It is opened read-only, so a
    /// read works in a folder the user cannot write to and never changes the file; an empty
    /// file is refused rather than set up.
    case read
    /// To write: the file must exist (an empty file is set up as a new database).
    case write
    /// To write, creating the file when it is missing.
    case create
    /// To serve many requests at once (a server): the file must exist; reads run side by side
    /// on several connections, writes one at a time (SQLite's WAL).
    case serve
}
