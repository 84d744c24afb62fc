import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints of a served database, run beside its writes instead of inside them.
///
/// SQLite checkpoints a WAL database in the commit that takes the log past 1,000 pages: that write
/// copies the log's pages into the database file and waits for the disk twice (the log, then the
/// file). A statement writes 16 to 50 pages, so every 20 to 60 writes one waited 50 to 100 ms for
/// it, and the writes queued behind it waited too (BENCHMARKS.md, issue 23, "Where a write's time
/// went"). A served database's writer instead hands the checkpoint to this object, which runs it on
/// a connection and a thread of its own. A passive checkpoint needs no write lock: writes go on
/// while it runs, and readers are never waited for (what they still read stays in the log, for the
/// next checkpoint). The log may then pass 1,000 pages for as long as a checkpoint takes.
final class WALCheckpointer: Sendable {
    /// The log's length, in pages, past which a commit asks for a checkpoint (SQLite's own default).
    static let pages: Int32 = 1_000

    private let path: String
    private let configuration: Configuration
    private let queue = DispatchQueue(label: "parley.checkpoint")
    /// Whether a checkpoint is asked for and not yet begun: commits meanwhile ask for no other.
    private let asked = Atomic<Bool>(false)
    /// The checkpoints' own connection, opened at the first.
    private let connection = Mutex<DatabaseQueue?>(nil)
    /// Checkpoints run so far (for the tests).
    let count = Atomic<Int>(0)
    /// Held by a test to keep checkpoints from running.
    let gate = Mutex<Void>(())

    init(path: String, configuration: Configuration) {
        self.path = path
        self.configuration = configuration
    }

    /// Takes over the checkpoints of `writer`'s connection (a served database's one writer).
    func install(on writer: some DatabaseWriter) {
        writer.writeWithoutTransaction { db -> Void in
            // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
            _ = sqlite3_wal_hook(
                db.sqliteConnection,
                { context, _, _, pages in
                    if let context, pages >= WALCheckpointer.pages {
                        Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().ask()
                    }
                    return SQLITE_OK
                }, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    /// Asks for a checkpoint, unless one is asked for already; returns at once.
    private func ask() {
        guard !asked.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async { self.run() }
    }

    /// One passive checkpoint. A failure (the disk) is left for the next: the log keeps what was
    /// not copied, and a reader or writer finds nothing wrong.
    private func run() {
        asked.store(false, ordering: .releasing)
        gate.withLock { _ in
            _ = try? connection.withLock { connection in
                if connection == nil { connection = try DatabaseQueue(path: path, configuration: configuration) }
                try connection?.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
            }
        }
        count.add(1, ordering: .relaxed)
    }
}
