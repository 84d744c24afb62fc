import Foundation
import ParleyKit

/// Rendered answers, kept while the case stays the same, and made once for many readers.
///
/// A report depends only on the case and the question (reports without a date are dated by the
/// case's latest source, not by the clock), and every write through Parley, from the server or
/// any `parley` process, adds to the change log in its own transaction. So an answer made at
/// change-log version V is still right while the version is V.
///
/// When the case has changed, an answer must come from a read that began after the request
/// arrived: a reader sees every write committed before it asked. Readers of one question share
/// the making of it: at most one is being made (running) and one waits to be made (queued) per
/// question. A request joins the running one when the case has not changed since that one was
/// asked for (its reads begin after the request that started it read the same version, so they
/// see every write this request could have seen); else it joins the queued one, which starts
/// when the running one ends. So sixteen readers of the disputes board cost at most two reports
/// at a time, not sixteen, even while writers change the case continuously, and a reader waits
/// for a second one only when a write came in while the first was being made.
actor AnswerCache {
    /// An answer and the change-log version read before it was made.
    typealias Made = (version: Int64, text: String)

    /// What is kept of an answer: its text, or a page cut at its per-reader places.
    enum Kept: Sendable {
        case text(String)
        case page(KeptPage)

        var size: Int {
            switch self {
            case .text(let text): text.utf8.count
            case .page(let page): page.size
            }
        }
    }

    private struct Entry {
        var version: Int64
        var kept: Kept
        var used: UInt64
    }

    private var entries: [String: Entry] = [:]
    /// An answer being made, and the newest version read by a request that asked for it before
    /// it started reading: it sees every write committed before any of them asked.
    private struct Making {
        var task: Task<(version: Int64, kept: Kept), Error>
        var asked: Int64
    }

    private var running: [String: Making] = [:]
    private var queued: [String: Making] = [:]
    private var bytes = 0
    private var tick: UInt64 = 0
    /// At most this many bytes of answers and their keys are kept; the least recently used go
    /// first. Keys count: a question can be long (search words), and a cache that counted only
    /// answers could be filled with long questions and short answers.
    let limit: Int
    /// At most this many answers are kept, so that finding the least recently used stays cheap.
    let maxEntries: Int

    init(limit: Int = 128 << 20, maxEntries: Int = 4096) {
        self.limit = limit
        self.maxEntries = maxEntries
    }

    /// The bytes kept, answers and keys (for tests).
    var size: Int { bytes }

    /// The answer to `key`: kept, if it was made at `version` (the case's version when the
    /// request arrived); else one made by `make` from a read that starts after now.
    func answer(_ key: String, version: Int64, make: @escaping @Sendable () async throws -> Made) async throws
        -> String
    {
        let kept = try await kept(key, version: version) {
            let made = try await make()
            return (made.version, .text(made.text))
        }
        guard case .text(let text) = kept else { throw APIProblem(.bug, detail: "a page kept as an answer's text") }
        return text
    }

    /// ``answer(_:version:make:)`` for any kept form of an answer.
    func kept(
        _ key: String, version: Int64, make: @escaping @Sendable () async throws -> (version: Int64, kept: Kept)
    ) async throws -> Kept {
        tick += 1
        // An answer made at a later version was made from reads that began later still.
        if var entry = entries[key], entry.version >= version {
            entry.used = tick
            entries[key] = entry
            return entry.kept
        }
        let task: Task<(version: Int64, kept: Kept), Error>
        if let current = running[key], current.asked >= version {
            // Nothing was written since the running one was asked for: its reads show this
            // request every write committed before it came.
            task = current.task
        } else if var next = queued[key] {
            next.asked = max(next.asked, version)
            queued[key] = next
            task = next.task
        } else if let current = running[key] {
            // The running one may have read the case before this request's version: wait for the
            // next one, which reads it after every request that joined it came.
            task = Task {
                _ = try? await current.task.value
                await self.promote(key)
                return try await make()
            }
            queued[key] = Making(task: task, asked: version)
        } else {
            task = Task { try await make() }
            running[key] = Making(task: task, asked: version)
        }
        let made = try await task.value
        if running[key]?.task == task { running[key] = nil }
        store(key, Entry(version: made.version, kept: made.kept, used: tick))
        return made.kept
    }

    /// Drops the answers made before `version`: another process's write made them old (announced
    /// on PostgreSQL, see ``ParleyServer/run(onRunning:)``), and none would be answered again.
    func drop(olderThan version: Int64) {
        for (key, entry) in entries where entry.version < version {
            bytes -= Self.size(key, entry)
            entries[key] = nil
        }
    }

    /// The answer kept for `key` if it was made at `version`: a making queued behind another
    /// finds the case unchanged since that one read it, and makes nothing.
    private func made(_ key: String, at version: Int64) -> Kept? {
        entries[key].flatMap { $0.version == version ? $0.kept : nil }
    }

    private func promote(_ key: String) {
        running[key] = queued[key]
        queued[key] = nil
    }

    private func store(_ key: String, _ entry: Entry) {
        if let old = entries[key] {
            // An answer for a newer version may have landed meanwhile: keep the newer one.
            if old.version >= entry.version { return }
            bytes -= Self.size(key, old)
            entries[key] = nil
        }
        let size = Self.size(key, entry)
        guard size <= limit / 4 else { return }
        entries[key] = entry
        bytes += size
        while bytes > limit || entries.count > maxEntries,
            let oldest = entries.min(by: { $0.value.used < $1.value.used })
        {
            bytes -= Self.size(oldest.key, oldest.value)
            entries[oldest.key] = nil
        }
    }

    /// What an entry costs: its answer and its key.
    private static func size(_ key: String, _ entry: Entry) -> Int { key.utf8.count + entry.kept.size }
}

extension AnswerCache {
    /// The answer to `key` for the case as it is now. The version is read before the answer is
    /// made, so an answer is never filed under a version newer than the data it was made from.
    func answer(_ parley: Parley, _ key: String, make: @escaping @Sendable () throws -> String) async throws
        -> String
    {
        let version = try await offload { try parley.changeVersion() }
        let kept = try await kept(key, version: version) {
            let now = try await offload { try parley.changeVersion() }
            if let same = await self.made(key, at: now) { return (now, same) }
            return try await offload { (now, .text(try make())) }
        }
        guard case .text(let text) = kept else { throw APIProblem(.bug, detail: "a page kept as an answer's text") }
        return text
    }

    /// A page for the case as it is now, kept cut at its per-reader places (``KeptPage``), so
    /// that answering a reader from it copies the page's bytes once and searches nothing.
    func page(_ parley: Parley, _ key: String, make: @escaping @Sendable () throws -> String) async throws
        -> KeptPage
    {
        let version = try await offload { try parley.changeVersion() }
        let kept = try await kept(key, version: version) {
            let now = try await offload { try parley.changeVersion() }
            if let same = await self.made(key, at: now) { return (now, same) }
            return try await offload { (now, .page(KeptPage(try make()))) }
        }
        guard case .page(let page) = kept else { throw APIProblem(.bug, detail: "an answer's text kept as a page") }
        return page
    }
}
