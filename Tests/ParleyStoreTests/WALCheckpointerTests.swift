import Foundation
import GRDB
import ParleyCasefile
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Checkpoints of a served database")
struct WALCheckpointerTests {
    /// Whether the database file alone, without its write-ahead log, holds source `id`: only a
    /// checkpoint copies a commit from the log into the file.
    static func fileHolds(_ path: String, source id: String) throws -> Bool {
        let copy = path + ".file-alone-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        defer { ParleyDatabase.remove(at: copy) }
        let file = try DatabaseQueue(path: copy)
        defer { try? file.close() }
        return try file.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM source WHERE id = ?)", arguments: [id]) ?? false
        }
    }

    @Test("a served database's write does not wait for the checkpoint it makes due; the checkpoint runs beside it")
    func checkpointsBesideWrites() throws {
        let path = try temporaryDirectory().appendingPathComponent("case.sqlite").path
        try ParleyDatabase(path: path, for: .create).write {
            try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get())
        }
        let served = try ParleyDatabase(path: path, for: .serve)
        let checkpointer = try #require(served.checkpointer)
        // A source whose text takes the log well past the 1,000 pages at which a checkpoint is due.
        let text = String(repeating: "The river is shared by the two banks. ", count: 150_000)
        let source = Source(
            id: "long-report", title: "A long report", published: try CalendarDate(parsing: "2021-01-01"), text: text)
        let before = checkpointer.count.load(ordering: .relaxed)
        try checkpointer.gate.withLock { _ in
            // While checkpoints are held up, the write still returns, and its commit is in the
            // log only: the write did not checkpoint.
            try served.write { try $0.add(source) }
            #expect(try served.read { try $0.source("long-report").title } == "A long report")
            #expect(try Self.fileHolds(path, source: "long-report") == false)
        }
        // Let go, the checkpoint asked for runs (the file is looked at once it is done: a copy
        // taken while a checkpoint writes it would be torn).
        let deadline = Date().addingTimeInterval(20)
        while checkpointer.count.load(ordering: .relaxed) == before, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(checkpointer.count.load(ordering: .relaxed) > before)
        #expect(try Self.fileHolds(path, source: "long-report"))
    }

    @Test("a database opened to write, not to serve, checkpoints in its commits as SQLite does")
    func writesCheckpointWhenNotServed() throws {
        let path = try temporaryDirectory().appendingPathComponent("case.sqlite").path
        let database = try ParleyDatabase(path: path, for: .create)
        #expect(database.checkpointer == nil)
        try database.write { try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get()) }
        let text = String(repeating: "The river is shared by the two banks. ", count: 150_000)
        try database.write {
            try $0.add(
                Source(
                    id: "long-report", title: "A long report", published: try CalendarDate(parsing: "2021-01-01"),
                    text: text))
        }
        #expect(try Self.fileHolds(path, source: "long-report"))
    }
}
