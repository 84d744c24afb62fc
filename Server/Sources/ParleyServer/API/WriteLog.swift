import Foundation
import ParleyKit

/// Each API write's timeline, one JSON line per write, when the server is started with
/// `PARLEY_WRITE_TIMELINE=FILE` (for `Benchmarks/load.py --timeline`): where a write's time goes
/// under load. Times are `CLOCK_MONOTONIC` nanoseconds, the clock of a client's
/// `time.perf_counter()` on the same machine:
/// - `arrived`: the handler began; `authenticated`: the token was checked; `decoded`: the body
///   was read;
/// - `started`: a worker thread took the write (the wait for one is `started - decoded`);
/// - `began`, `body_done`, `committed`: the transaction's body began (after the writer's queue and
///   the write lock), ended, and the commit (with any checkpoint in it) returned;
/// - `performed`: the use case returned; `resumed`: the handler went on after it;
/// - `cpu` and `runnable`: nanoseconds the worker thread ran, and waited runnable for a CPU, from
///   `started` to `performed` (Linux); the rest of that span it was blocked (lock, disk).
struct WriteLog: Sendable {
    /// The log the server was asked for, if any.
    static let shared: WriteLog? = ProcessInfo.processInfo.environment["PARLEY_WRITE_TIMELINE"].flatMap {
        $0.isEmpty ? nil : WriteLog(path: $0)
    }

    private let file: Int32

    private init?(path: String) {
        let file = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard file >= 0 else { return nil }
        self.file = file
        WriteTimeline.isRecording = true
    }

    /// A write's steps, as the handler saw them.
    struct Steps: Sendable {
        var arrived: WriteTimeline.Stamp
        var authenticated: WriteTimeline.Stamp
        var decoded: WriteTimeline.Stamp
        var started: WriteTimeline.Stamp
        var store: WriteTimeline?
        var performed: WriteTimeline.Stamp
        var resumed: WriteTimeline.Stamp
    }

    /// Appends one write's line; `number` is the statement it recorded, if it recorded one.
    func log(_ steps: Steps, number: Int64?) {
        var fields: [(String, UInt64)] = [
            ("arrived", steps.arrived.clock), ("authenticated", steps.authenticated.clock),
            ("decoded", steps.decoded.clock), ("started", steps.started.clock),
        ]
        if let store = steps.store {
            fields += [
                ("began", store.began.clock), ("body_done", store.bodyDone.clock),
                ("committed", store.committed.clock),
            ]
        }
        fields += [
            ("performed", steps.performed.clock), ("resumed", steps.resumed.clock),
            ("cpu", steps.performed.running &- steps.started.running),
            ("runnable", steps.performed.waiting &- steps.started.waiting),
        ]
        let line =
            "{\"number\":\(number.map(String.init) ?? "null"),"
            + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
        _ = line.utf8.withContiguousStorageIfAvailable { bytes in write(file, bytes.baseAddress, bytes.count) }
    }
}
