import Foundation
import ParleyModel
import Testing

@testable import ParleyStore

@Suite("Bulk import from CSV")
struct BulkImportTests {
    static func file(_ text: String) throws -> String {
        let url = try temporaryDirectory().appendingPathComponent("statements.csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test(
        "quoted fields, doubled quotes, commas and line breaks in quotes, CRLF, a BOM and blank lines all read"
    )
    func csvDialect() throws {
        let db = try smallDatabase()
        let path = try Self.file(
            "\u{FEFF}party,actor,issue,kind,stance,summary,quote,said,source\r\n"
                + "north,nadia,water,proposal,share,\"Share it, fairly.\","
                + "\"She said \"\"half\"\".\",2021-03,bulletin-2023-12-31\r\n"
                + "\n"
                + ",nadia,water,proposal,share-more,\"Two\nlines\",,,gazette-2020-05-01\n")
        let count = try db.importStatements(csvPath: path, recordedAt: testTime).added
        #expect(count == 2)
        let rows = try db.read { try $0.statements(StatementFilter(issue: "water")) }.filter {
            $0.statement.issue == "water"
        }
        #expect(rows.map(\.statement.summary) == ["Two\nlines", "Share it, fairly."])
        #expect(rows[1].statement.quote == "She said \"half\".")
        #expect(rows[1].statement.said?.description == "2021-03")
        #expect(rows[0].statement.party == "north")
        #expect(rows[0].statement.said == nil)
    }

    @Test("a bad record late in the file names its line, suggests the id, and leaves the database as it was")
    func badRecordRollsBack() throws {
        let db = try smallDatabase()
        let before = try db.export()
        var text = "party,issue,kind,stance,summary,said,source\n"
        for i in 1...2_000 { text += "north,water,assertion,label-\(i),Row \(i).,2021-01-01,bulletin-2023-12-31\n" }
        text += "north,watr,assertion,share,Bad row.,2021-01-01,bulletin-2023-12-31\n"
        let error = #expect(throws: StoreError.self) {
            try db.importStatements(csvPath: try Self.file(text), recordedAt: testTime)
        }
        #expect(
            error?.localizedDescription.hasPrefix(
                "statements.csv line 2002: no issue with id 'watr'; did you mean 'water'") == true)
        #expect(try db.export() == before)
    }

    @Test("a duplicate of a recorded statement, in the file or the database, is refused")
    func duplicates() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let path = try Self.file(
            "party,actor,issue,kind,stance,summary,quote,said,source\n"
                + "north,nadia,water/dam,demand,stop-dam,Again.,Stop the dam.,2020-04-30,gazette-2020-05-01\n"
        )
        let error = #expect(throws: StoreError.self) { try db.importStatements(csvPath: path, recordedAt: testTime) }
        #expect(error?.localizedDescription.contains("statements.csv line 2: the same statement") == true)
        #expect(try db.statementCount() == count)
    }

    @Test("the same words through another relay, or other words, are another statement (issue 22, item 7)")
    func identityTakesQuoteAndRelay() throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let path = try Self.file(
            "party,actor,issue,kind,stance,summary,quote,said,source,via\n"
                + "north,nadia,water/dam,demand,stop-dam,Through her office.,Stop the dam.,2020-04-30,"
                + "gazette-2020-05-01,her press office\n"
                + "north,nadia,water/dam,demand,stop-dam,A second remark.,No dam.,2020-04-30,gazette-2020-05-01,\n"
                + "north,nadia,water/dam,demand,stop-dam,A third remark.,,2020-04-30,gazette-2020-05-01,\n")
        #expect(try db.importStatements(csvPath: path, recordedAt: testTime).added == 3)
        #expect(try db.statementCount() == count + 3)
        let again = try Self.file(
            "party,actor,issue,kind,stance,summary,quote,said,source,via\n"
                + "north,nadia,water/dam,demand,stop-dam,Same again.,No dam.,2020-04-30,gazette-2020-05-01,\n")
        #expect(throws: StoreError.self) { try db.importStatements(csvPath: again, recordedAt: testTime) }
    }

    @Test(
        "bad headers and bad values are reported with what to do",
        arguments: [
            ("party,issue,kind,stance,summary\nnorth,water,demand,x,s\n", "line 1: missing column source"),
            ("party,issue,kind,stance,summary,source,mood\n", "line 1: unknown column 'mood'"),
            (
                "party,issue,kind,stance,summary,source\nnorth,water,threat,x,s,gazette-2020-05-01\n",
                "line 2: 'threat' is not a valid statement kind"
            ),
            (
                "party,issue,kind,stance,summary,source,said\nnorth,water,demand,x,s,gazette-2020-05-01,2021-02-30\n",
                "line 2: '2021-02-30' is not a valid date"
            ),
            (
                "party,issue,kind,stance,summary,source\nnorth,water,demand,Bad Label,s,gazette-2020-05-01\n",
                "line 2: 'Bad Label' is not a valid stance label"
            ),
            ("party,issue,kind,stance,summary,source\nnorth,water,demand,x,s\n", "line 2: expected 6 fields, found 5"),
            (
                "party,actor,issue,kind,stance,summary,source\nsouth,nadia,water,demand,x,s,gazette-2020-05-01\n",
                "line 2: actor 'nadia' speaks for 'north', not 'south'"
            ),
            (
                "party,issue,kind,stance,summary,source\nnorth,water,demand,x,\"unclosed,gazette-2020-05-01\n",
                "line 2: a quoted field is not closed"
            ),
            ("", "line 1: the file is empty"),
        ])
    func badInput(_ text: String, _ expected: String) throws {
        let db = try smallDatabase()
        let count = try db.statementCount()
        let error = #expect(throws: StoreError.self) {
            try db.importStatements(csvPath: try Self.file(text), recordedAt: testTime)
        }
        #expect(error?.localizedDescription.contains(expected) == true, "\(error?.localizedDescription ?? "no error")")
        #expect(try db.statementCount() == count)
    }

    @Test("records split across read chunks come out the same as when read whole")
    func chunkBoundaries() throws {
        var text = "a,b,c\n"
        for i in 0..<300 { text += "\(i),\"quoted, \"\"\(i)\"\"\nline\",end\r\n" }
        let path = try Self.file(text)
        func all(_ chunk: Int) throws -> [[String]] {
            let reader = try CSVReader(path: path, chunkSize: chunk)
            var records: [[String]] = []
            while let record = try reader.next() { records.append(record) }
            return records
        }
        let whole = try all(1 << 20)
        #expect(whole.count == 301)
        #expect(whole[1] == ["0", "quoted, \"0\"\nline", "end"])
        for chunk in [1, 2, 3, 7, 64] { #expect(try all(chunk) == whole, "chunk size \(chunk)") }
    }

    @Test("progress is reported with the bytes read and the records imported")
    func progress() throws {
        let db = try smallDatabase()
        var text = "party,issue,kind,stance,summary,said,source\n"
        for i in 1...5_000 { text += "south,water,assertion,label-\(i),Row.,2021,bulletin-2023-12-31\n" }
        let path = try Self.file(text)
        var reports: [BulkProgress] = []
        try db.importStatements(csvPath: path, recordedAt: testTime) { reports.append($0) }
        #expect(reports.count >= 2)
        #expect(reports.last?.records == 5_000)
        #expect(reports.last?.bytesRead == reports.last?.totalBytes)
        #expect(
            try db.read { try $0.snapshot(asOf: nil) }.position(party: "south", issue: "water")?.stance == "label-5000")
    }
}

@Suite("Bulk import keeps the schema whole")
struct BulkImportSchemaTests {
    @Test("after an import, successful or not, statements added one by one still reach the snapshot")
    func triggerRestored() throws {
        let db = try smallDatabase()
        try db.write { try $0.add(Party(id: "east", name: "East", kind: .state)) }
        let good = try BulkImportTests.file(
            "party,issue,kind,stance,summary,source\neast,water,demand,share,s,gazette-2020-05-01\n")
        try db.importStatements(csvPath: good, recordedAt: testTime)
        #expect(try db.read { try $0.snapshot(asOf: nil) }.position(party: "east", issue: "water")?.stance == "share")
        let bad = try BulkImportTests.file("party,issue,kind,stance,summary,source\neast,water/dam,demand,x,s,nope\n")
        #expect(throws: StoreError.self) { try db.importStatements(csvPath: bad, recordedAt: testTime) }
        try db.record(
            Statement(
                party: "east", issue: "water/dam", kind: .demand, stance: "late", summary: "s",
                source: "gazette-2020-05-01"))
        #expect(
            try db.read { try $0.snapshot(asOf: nil) }.position(party: "east", issue: "water/dam")?.stance == "late")
    }
}
