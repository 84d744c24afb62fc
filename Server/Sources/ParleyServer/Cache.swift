import Foundation
import ParleyKit

/// Rendered answers, kept while the case stays the same.
///
/// A report depends only on the case and the question (reports without a date are dated by the
/// case's latest source, not by the clock), and every write through Parley, from the server or
/// any `parley` process, adds to the change log in its own transaction. So an answer made at
/// change-log version V is still right while the version is V. When many readers ask the same
/// question at once, one of them makes the answer and the others wait for it (single flight):
/// sixteen readers of the disputes board cost one report, not sixteen.
actor AnswerCache {
    private struct Entry {
        var version: Int64
        var text: String
        var used: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var inFlight: [String: (version: Int64, task: Task<String, Error>)] = [:]
    private var bytes = 0
    private var clock: UInt64 = 0
    /// At most this many bytes of answers are kept; the least recently used go first.
    let limit: Int

    init(limit: Int = 128 << 20) { self.limit = limit }

    /// The answer to `key` at `version`: kept, being made, or made now by `make`.
    func answer(_ key: String, version: Int64, make: @escaping @Sendable () async throws -> String) async throws
        -> String
    {
        clock += 1
        if var entry = entries[key], entry.version == version {
            entry.used = clock
            entries[key] = entry
            return entry.text
        }
        if let flight = inFlight[key], flight.version == version { return try await flight.task.value }
        let task = Task { try await make() }
        inFlight[key] = (version, task)
        defer { if inFlight[key]?.version == version { inFlight[key] = nil } }
        let text = try await task.value
        store(key, Entry(version: version, text: text, used: clock))
        return text
    }

    private func store(_ key: String, _ entry: Entry) {
        if let old = entries[key] {
            // An answer for a newer version may have landed meanwhile: keep the newer one.
            if old.version > entry.version { return }
            bytes -= old.text.utf8.count
        }
        let size = entry.text.utf8.count
        guard size <= limit / 4 else { return }
        entries[key] = entry
        bytes += size
        while bytes > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
            bytes -= oldest.value.text.utf8.count
            entries[oldest.key] = nil
        }
    }
}

extension AnswerCache {
    /// The answer to `key` for the case as it is now: the change-log version is read first, so an
    /// answer is never filed under a version newer than the data it was made from.
    func answer(_ parley: Parley, _ key: String, make: @escaping @Sendable () throws -> String) async throws
        -> String
    {
        let version = try await offload { try parley.changeVersion() }
        return try await answer(key, version: version) { try await offload(make) }
    }
}
