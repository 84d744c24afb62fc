import Foundation
import ParleyKit
import ParleyModel
import ParleyReports
import Testing

/// Reports read in one transaction: taken while another connection imports, each report is the
/// state before or after an import, never a mix of the two.
@Suite("Reports while another process writes")
struct ConcurrencyTests {
    static let parties = (1...8).map { "party-\($0)" }
    static let issues = (1...15).map { "issue-\($0)" }

    /// A CSV of `count` statements whose stances move: deterministic for a seed.
    static func csv(seed: UInt64, count: Int, day: Int) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var text = "party,issue,kind,stance,summary,said,source\n"
        for i in 0..<count {
            // A date of its own for every statement, later with every batch, so no two repeat.
            let counter = day * 10_000 + i
            let said = String(format: "%04d-%02d-%02d", 1000 + counter / 336, 1 + (counter / 28) % 12, 1 + counter % 28)
            text += "\(parties[next(parties.count)]),\(issues[next(issues.count)]),assertion,stance-\(next(4)),"
            text += "Statement \(seed)-\(i).,\(said),paper\n"
        }
        return text
    }

    @Test("30 imports, reports taken all the while: every report equals the state before or after an import")
    func noTornReports() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("case.sqlite").path
        let writer = try Parley.open(database: path, for: .create, clock: testClock)
        for party in Self.parties { try writer.add(Party(id: party, name: party, kind: .state)) }
        for issue in Self.issues { try writer.add(Issue(id: issue, title: issue)) }
        try writer.add(Source(id: "paper", title: "Paper", published: try date("2021")))
        try writer.add(
            Dispute(
                id: "standing", title: "A standing dispute", issue: "issue-1", parties: ["party-1", "party-2"],
                history: [DisputeStep(status: .open, on: try date("2019"), source: "paper")]))
        let base = dir.appendingPathComponent("base.csv")
        try Data(Self.csv(seed: 1, count: 2_000, day: 0).utf8).write(to: base)
        try writer.importStatements(csvPath: base.path)
        let files = try (1...30).map { k -> String in
            let url = dir.appendingPathComponent("batch-\(k).csv")
            try Data(Self.csv(seed: UInt64(100 + k), count: 200, day: k).utf8).write(to: url)
            return url.path
        }
        @Sendable func report(_ parley: Parley) throws -> String {
            try parley.disputesReport(asOf: nil).rendered(as: .json)
        }

        // The reader runs on a thread of its own, so it really runs while the imports do.
        let reader = try Parley.open(database: path, for: .read)
        let taken = Reports()
        let thread = Thread {
            repeat { taken.append(Result { try report(reader) }) } while !taken.isDone || taken.count == 0
            taken.finish()
        }
        thread.start()
        var states = [try report(writer)]
        for file in files {
            try writer.importStatements(csvPath: file)
            states.append(try report(writer))
        }
        let reports = try taken.wait().map { try $0.get() }
        let known = Set(states)
        #expect(known.count > 20, "the imports should move the report")
        #expect(reports.count > 30)
        for (index, report) in reports.enumerated() {
            #expect(
                known.contains(report), "report \(index) of \(reports.count) matches no state before or after an import"
            )
        }
    }
}

/// The reports a reader thread takes, and the signal that it may stop.
final class Reports: @unchecked Sendable {
    private let condition = NSCondition()
    private var reports: [Result<String, Error>] = []
    private var done = false
    private var finished = false

    var count: Int { condition.withLock { reports.count } }
    var isDone: Bool { condition.withLock { done } }

    func append(_ report: Result<String, Error>) { condition.withLock { reports.append(report) } }

    func finish() {
        condition.withLock {
            finished = true
            condition.broadcast()
        }
    }

    /// Tells the reader to stop, and waits for it.
    func wait() -> [Result<String, Error>] {
        condition.withLock {
            done = true
            while !finished { condition.wait() }
            return reports
        }
    }
}
