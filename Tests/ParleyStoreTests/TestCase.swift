import Foundation
import ParleyCasefile
import ParleyModel

@testable import ParleyStore

/// A small casefile that every store test starts from.
let smallCasefileYAML = """
    parties:
    - id: north
      name: Northland
      kind: state
      aliases: [Northern]
    - id: south
      name: Southland
      kind: state
    actors:
    - id: nadia
      name: Nadia Nord
      party: north
      role: President
    issues:
    - id: water
      title: Sharing the river
    - id: water/dam
      title: The upstream dam
    sources:
    - id: gazette-2020-05-01
      title: Gazette
      published: 2020-05-01
    - id: bulletin-2023-12-31
      title: Bulletin
      published: 2023-12-31
    statements:
    - party: north
      actor: nadia
      issue: water/dam
      kind: demand
      stance: stop-dam
      summary: Work on the dam must stop.
      quote: Stop the dam.
      said: 2020-04-30
      source: gazette-2020-05-01
      recorded: 2026-01-01T00:00:00Z
    - party: south
      issue: water/dam
      kind: rejection
      stance: build-dam
      summary: The dam will be finished.
      source: gazette-2020-05-01
      recorded: 2026-01-01T00:00:00Z
    agreements:
    - id: river-commission
      title: A joint river commission
      issue: water
      parties: [north, south]
      mediators: []
      history:
      - {status: proposed, on: 2020-05, source: gazette-2020-05-01}
    disputes:
    - id: dam-dispute
      title: The dam
      issue: water/dam
      parties: [north, south]
      history:
      - {status: open, on: 2020-04-30, source: gazette-2020-05-01}

    """

func smallDatabase() throws -> ParleyDatabase {
    let database = try ParleyDatabase()
    try database.write { try $0.importCasefile(try CasefileReader.read(yaml: smallCasefileYAML).get()) }
    return database
}

let testTime = "2026-01-01T00:00:00Z"

extension ParleyDatabase {
    /// Records a statement at the test time, in a transaction of its own.
    @discardableResult
    func record(_ statement: Statement) throws -> StatementReceipt {
        var statement = statement
        statement.recordedAt = statement.recordedAt ?? testTime
        return try write { try $0.record(statement) }
    }

    /// The whole database as a casefile.
    func export() throws -> Casefile { try read { try $0.exportCasefile() } }

    /// The number of statements.
    func statementCount() throws -> Int { try read { try $0.statementCount() } }
}

/// A fresh temporary directory for tests that need files.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("parley-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
