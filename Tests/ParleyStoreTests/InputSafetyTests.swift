import Foundation
import GRDB
import ParleyCasefile
import ParleyModel
import Testing

@testable import ParleyStore

/// Input that would be altered, or that is too large to be real, is refused with its location;
/// nothing is stored.
@Suite("Input that is refused, not altered")
struct InputSafetyTests {
    static func csv(_ bytes: [UInt8]) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("statements.csv")
        try Data(bytes).write(to: url)
        return url.path
    }

    static let header = Array("party,issue,kind,stance,summary,source\n".utf8)

    static func message(_ body: () throws -> Void) -> String {
        do {
            try body()
        } catch {
            return error.localizedDescription
        }
        return "no error"
    }

    @Test("a NUL byte in a CSV field is refused with its line and column, not cut there")
    func csvNUL() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let path = try Self.csv(
            Self.header + Array("north,water,demand,x,before".utf8) + [0] + Array("after,gazette-2020-05-01\n".utf8))
        let text = Self.message { try db.importStatements(csvPath: path, recordedAt: testTime) }
        #expect(text.hasPrefix("statements.csv line 2, column 28: a NUL byte"), "\(text)")
        #expect(try db.statementCount() == count)
    }

    @Test("bytes that are not UTF-8 are refused with their line and column, never replaced")
    func csvInvalidUTF8() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let bad: [UInt8] =
            Array("north,water,demand,x,\"Grüße\nca".utf8) + [0xC3, 0x28] + Array("fé\",gazette-2020-05-01\n".utf8)
        let text = Self.message {
            try db.importStatements(csvPath: try Self.csv(Self.header + bad), recordedAt: testTime)
        }
        #expect(text.hasPrefix("statements.csv line 3, column 3: bytes that are not UTF-8 (0xC3)"), "\(text)")
        #expect(try db.statementCount() == count)
    }

    @Test("a CSV line with too many fields is refused at once, before it is read whole")
    func csvTooManyFields() throws {
        let db = try smallDatabase()
        let commas = [UInt8](repeating: UInt8(ascii: ","), count: 5_000_000)
        let text = Self.message {
            try db.importStatements(csvPath: try Self.csv(Self.header + commas), recordedAt: testTime)
        }
        #expect(text.contains("line 2: more than 64 fields on one line"), "\(text)")
    }

    @Test("a CSV record over the size limit is refused with its line")
    func csvTooLong() throws {
        let db = try smallDatabase()
        let quoted = Array("north,water,demand,x,\"".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20)
        let text = Self.message {
            try db.importStatements(csvPath: try Self.csv(Self.header + quoted), recordedAt: testTime)
        }
        #expect(text.contains("line 2: a record longer than 1,048,576 bytes"), "\(text)")
    }

    @Test("a summary over the text limit is refused, and the message repeats only the start of a value")
    func textLimit() throws {
        let db = try smallDatabase()
        let long = String(repeating: "word ", count: 30_000)
        let text = Self.message {
            try db.record(
                Statement(
                    party: "north", issue: "water", kind: .demand, stance: "x", summary: long,
                    source: "gazette-2020-05-01"))
        }
        #expect(text == "summary is 150,000 bytes long; the limit is 100,000 bytes: shorten it")
        let hugeID = String(repeating: "x", count: 300_000)
        let echoed = Self.message { try db.write { try $0.add(Party(id: hugeID, name: "X", kind: .state)) } }
        #expect(echoed.count < 400)
        #expect(echoed.contains("(300,000 characters)"))
    }

}

@Suite("Opening files for reading and writing")
struct OpenModeTests {
    @Test("reading never sets up an empty file as a database")
    func emptyFileRead() throws {
        let path = try temporaryDirectory().appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: path, contents: Data())
        #expect(throws: StoreError.notParleyDatabase(path: path, reason: .empty)) {
            try ParleyDatabase(path: path, for: .read)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        _ = try ParleyDatabase(path: path, for: .write)
        #expect(try ParleyDatabase(path: path, for: .read).read { try $0.parties() }.isEmpty)
    }

    @Test("a read-only connection cannot write, and reading leaves the file as it was")
    func readOnly() throws {
        let path = try temporaryDirectory().appendingPathComponent("case.sqlite").path
        try ParleyDatabase(path: path, for: .create).write {
            try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get())
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let reader = try ParleyDatabase(path: path, for: .read)
        #expect(try reader.read { try $0.statementCount() } == 2)
        #expect(throws: StoreError.self) {
            try reader.write { try $0.add(Party(id: "east", name: "East", kind: .state)) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a schema version higher than this build knows is refused, untouched")
    func higherUserVersion() throws {
        let path = try temporaryDirectory().appendingPathComponent("future.sqlite").path
        do {
            let db = try ParleyDatabase(path: path, for: .create)
            try db.writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = 99")
                _ = try db.checkpoint(.truncate)
            }
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.newerDatabase(path: path, unknownMigrations: ["schema version 99"])) {
            try ParleyDatabase(path: path, for: .read)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test("a database in a folder that does not exist says that the folder is missing")
    func missingFolder() throws {
        let path = try temporaryDirectory().appendingPathComponent("no/such/folder/case.sqlite").path
        #expect(throws: StoreError.self) { try ParleyDatabase(path: path, for: .write) }
        let error = #expect(throws: StoreError.self) { try ParleyDatabase(path: path, for: .read) }
        #expect(error?.localizedDescription.contains("folder") == true)
    }

    @Test("a backup is a complete copy, even of writes still in the WAL file")
    func backup() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("case.sqlite").path
        let db = try ParleyDatabase(path: path, for: .create)
        try db.write { try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get()) }
        let copy = dir.appendingPathComponent("copy.sqlite").path
        try db.backup(to: copy)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))
        #expect(try ParleyDatabase(path: copy, for: .read).export() == (try db.export()))
    }
}
