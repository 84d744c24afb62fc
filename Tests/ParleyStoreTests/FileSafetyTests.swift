import Foundation
import GRDB
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Database files")
struct FileSafetyTests {
    @Test("a file that is not SQLite is refused and left byte for byte as it was")
    func notSQLite() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("notes.db").path
        let bytes = Data("these are my notes, not a database\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try ParleyDatabase(path: path) }
        #expect(error?.localizedDescription.contains("is not a Parley database") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("another application's SQLite database is refused and left untouched")
    func otherSQLite() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
        try queue.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notParleyDatabase(path: path, reason: .otherApplication)) {
            try ParleyDatabase(path: path, for: .create)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a database from a newer Parley is refused and left untouched")
    func newerDatabase() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("future.sqlite").path
        do {
            let db = try ParleyDatabase(path: path, for: .create)
            try db.writer.write {
                try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            }
            try db.writer.writeWithoutTransaction { _ = try $0.checkpoint(.truncate) }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.newerDatabase(path: path, unknownMigrations: ["v99-future"])) {
            try ParleyDatabase(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a missing database is an error that says how to create one, unless creating")
    func missing() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("none.sqlite").path
        #expect(throws: StoreError.noDatabase(path: path)) { try ParleyDatabase(path: path) }
        #expect(!FileManager.default.fileExists(atPath: path))
        _ = try ParleyDatabase(path: path, for: .create)
        _ = try ParleyDatabase(path: path)
    }
}
