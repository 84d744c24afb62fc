import ArgumentParser
import Foundation
import ParleyCasefile
import ParleyModel

/// Writes a synthetic case, the same bytes for the same seed and sizes: `reference.yaml` (parties,
/// actors, nested issues, sources, agreements, disputes), `statements.csv` (the bulk statements),
/// and `queries.json` (the dates, issue and party the benchmark asks about).
@main
struct ParleyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley-bench",
        abstract: "Generate deterministic synthetic Parley data for benchmarks.",
        discussion: """
            Most statements restate their party's last stance on the issue; about one in ten moves to
            another label. Dates run from 1990 over about 35 years; some are month- or year-precise and
            a few are left to the source's date.

            Example:
              parley-bench --statements 1000000 --seed 42 --output bench-data/1000000
            """)

    @Option(help: "Number of statements.") var statements = 1_000_000
    @Option(help: "Number of parties.") var parties = 50
    @Option(help: "Number of issues (10 per top-level issue: the topic and 9 sub-issues).") var issues = 500
    @Option(help: "Number of sources (default: 20000, or statements / 50 if smaller, at least 200).") var sources: Int?
    @Option(help: "How many issues each party speaks on.") var issuesPerParty = 200
    @Option(help: "Random seed.") var seed: UInt64 = 42
    @Option(help: "Output folder.") var output: String

    func validate() throws {
        if statements < 1 || parties < 2 || issues < 10 || issuesPerParty < 1 || issuesPerParty > issues {
            throw ValidationError(
                "Use at least 1 statement, 2 parties, 10 issues, "
                    + "and issues-per-party between 1 and the number of issues."
            )
        }
    }

    func run() throws {
        let sourceCount = sources ?? max(200, min(20_000, statements / 50))
        var rng = SplitMix64(seed: seed)
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let firstDay = Day(year: 1990, month: 1, day: 1).ordinal
        let lastDay = Day(year: 2024, month: 12, day: 31).ordinal

        // Reference records.
        let partyIDs = (1...parties).map { String(format: "party-%02d", $0) }
        var casefile = Casefile()
        casefile.parties = partyIDs.enumerated().map { i, id in
            Party(id: id, name: "Party \(i + 1)", kind: i % 10 == 9 ? .mediator : .state)
        }
        casefile.actors = partyIDs.flatMap { party in
            (1...3).map {
                Actor(
                    id: "\(party)-actor-\($0)", name: "Speaker \($0) of \(party)", party: party,
                    role: $0 == 1 ? "Head of state" : "Minister")
            }
        }
        var issueIDs: [String] = []
        for topic in 1...(issues / 10) {
            let top = String(format: "topic-%03d", topic)
            issueIDs.append(top)
            for sub in 1...9 { issueIDs.append("\(top)/sub-\(sub)") }
        }
        casefile.issues = issueIDs.map { Issue(id: $0, title: "Question \($0)") }
        var sourceDays: [Int] = []
        for i in 0..<sourceCount {
            sourceDays.append(firstDay + Int((Double(i) + 0.5) * Double(lastDay - firstDay) / Double(sourceCount)))
        }
        casefile.sources = sourceDays.enumerated().map { i, day in
            let date = Day(ordinal: day)
            let published = i % 50 == 49 ? date.monthDate : date.date
            return Source(
                id: String(format: "src-%05d", i + 1), title: "Report \(i + 1)", publisher: "Wire \(i % 7 + 1)",
                published: published, reliability: .high)
        }
        let sourceKeys = casefile.sources.map(\.published.endKey)

        // Agreements and disputes on random issues between random pairs of parties.
        func twoParties() -> [String] {
            let a = rng.below(parties)
            var b = rng.below(parties - 1)
            if b >= a { b += 1 }
            return [partyIDs[a], partyIDs[b]]
        }
        /// A source published on or soon after `day` (a source cannot report what had not yet
        /// happened); past the last source, the last one, and the caller moves the day back to it.
        func source(onOrAfter day: Int) -> Int {
            var low = 0
            var high = sourceDays.count
            while low < high {
                let mid = (low + high) / 2
                if sourceDays[mid] < day { low = mid + 1 } else { high = mid }
            }
            return min(sourceDays.count - 1, low + rng.below(3))
        }
        let agreementCount = max(10, min(200, statements / 5000))
        casefile.agreements = (1...agreementCount).map { n in
            var day = firstDay + rng.below(lastDay - firstDay - 2000)
            let paths: [[AgreementStatus]] = [
                [.proposed, .signed, .implemented], [.pledged, .signed, .broken], [.proposed, .stalled],
                [.signed, .reaffirmed],
            ]
            let path = paths[rng.below(paths.count)]
            let steps = path.prefix(1 + rng.below(path.count)).map { status -> AgreementStep in
                day += 30 + rng.below(600)
                let src = source(onOrAfter: day)
                day = min(day, sourceDays[src])
                return AgreementStep(status: status, on: Day(ordinal: day).date, source: casefile.sources[src].id)
            }
            return Agreement(
                id: String(format: "agreement-%03d", n), title: "Agreement \(n)",
                issue: issueIDs[rng.below(issueIDs.count)],
                parties: twoParties(), mediators: rng.below(2) == 0 ? [partyIDs[parties - 1]] : [], history: steps)
        }
        let disputeCount = max(10, min(300, statements / 3000))
        casefile.disputes = (1...disputeCount).map { n in
            var day = firstDay + rng.below(lastDay - firstDay - 2000)
            let statuses: [DisputeStatus] = [
                [.open], [.open, .narrowed], [.open, .resolved], [.open, .dormant, .open],
            ][rng.below(4)]
            let steps = statuses.map { status -> DisputeStep in
                day += 30 + rng.below(900)
                let src = source(onOrAfter: day)
                day = min(day, sourceDays[src])
                return DisputeStep(status: status, on: Day(ordinal: day).date, source: casefile.sources[src].id)
            }
            return Dispute(
                id: String(format: "dispute-%03d", n), title: "Dispute \(n)",
                issue: issueIDs[rng.below(issueIDs.count)], parties: twoParties(), history: steps)
        }
        try CasefileWriter.yaml(casefile).write(toFile: output + "/reference.yaml", atomically: true, encoding: .utf8)

        // The (party, issue) pairs that carry statements, each with its own clock and stance.
        struct Pair {
            var party: Int
            var issue: Int
            var day: Int
            var stance: Int
        }
        var pairs: [Pair] = []
        let stride = max(1, issues / issuesPerParty)
        for p in 0..<parties {
            for k in 0..<issuesPerParty {
                let issue = (p * 37 + k * stride + (k * stride) / issues) % issues
                pairs.append(Pair(party: p, issue: issue, day: firstDay + rng.below(700), stance: rng.below(5)))
            }
        }
        let perPair = max(1.0, Double(statements) / Double(pairs.count))
        let meanGap = max(1, Int(Double(lastDay - firstDay - 700) / perPair))
        let kinds = StatementKind.allCases.map(\.rawValue)

        _ = FileManager.default.createFile(atPath: output + "/statements.csv", contents: nil)
        guard let out = FileHandle(forWritingAtPath: output + "/statements.csv") else {
            throw ValidationError("Cannot write \(output)/statements.csv.")
        }
        defer { try? out.close() }
        var text = "party,actor,issue,kind,stance,summary,quote,said,source,recorded\n"
        var seen = Set<String>()
        for i in 0..<statements {
            let index = rng.below(pairs.count)
            var pair = pairs[index]
            pair.day += 1 + rng.below(2 * meanGap)
            // Past the last source, a pair's clock wraps round: nothing is said after the source
            // that reports it.
            if let last = sourceDays.last, pair.day > last {
                pair.day = firstDay + (pair.day - firstDay) % (last - firstDay + 1)
            }
            if rng.below(10) == 0 { pair.stance = (pair.stance + 1 + rng.below(4)) % 5 }
            pairs[index] = pair
            let src = source(onOrAfter: pair.day)
            var dayNumber = min(pair.day, sourceDays[src])
            let day = Day(ordinal: dayNumber)
            let precision = rng.below(100)
            var said: String = day.date.description
            if precision < 10 {
                said = precision < 5 ? day.monthDate.description : precision < 7 ? day.yearDate.description : ""
            }
            if said.isEmpty && sourceKeys[src] < day.date.endKey { said = day.date.description }
            // The same party, issue, stance, said date and source once only (a wrapped clock can
            // land where the pair already spoke): else the exact day, else a day earlier.
            while !seen.insert("\(index)|\(pair.stance)|\(said)|\(src)").inserted {
                let exact = Day(ordinal: dayNumber).date.description
                if said == exact { dayNumber -= 1 }
                said = Day(ordinal: dayNumber).date.description
            }
            let party = partyIDs[pair.party]
            let actor = rng.below(10) < 7 ? "\(party)-actor-\(1 + rng.below(3))" : ""
            let quote = rng.below(10) == 0 ? "\"He said \"\"not now, perhaps later\"\".\"" : ""
            let kind = kinds[rng.below(kinds.count)]
            let issue = issueIDs[pair.issue]
            text += "\(party),\(actor),\(issue),\(kind),position-\(pair.stance + 1),"
            text += "Statement \(i + 1) by \(party) on \(issue).,\(quote),\(said),\(casefile.sources[src].id),"
            text += "2026-01-01T00:00:00Z\n"
            if text.utf8.count > 1 << 20 {
                out.write(Data(text.utf8))
                text = ""
            }
        }
        out.write(Data(text.utf8))

        // What the benchmark asks about: dates in the middle of the span, a busy issue and party.
        let queries: [String: String] = [
            "as_of": Day(year: 2008, month: 6, day: 30).date.description,
            "diff_from": Day(year: 2005, month: 1, day: 1).date.description,
            "diff_to": Day(year: 2015, month: 12, day: 31).date.description,
            "history_issue": issueIDs[(0 * 37) % issues].split(separator: "/").first.map(String.init) ?? issueIDs[0],
            "history_party": partyIDs[0],
            "add_party": partyIDs[1],
            "add_issue": issueIDs[37 % issues],
            "add_source": casefile.sources[sourceCount / 2].id,
        ]
        let data = try JSONSerialization.data(withJSONObject: queries, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: URL(fileURLWithPath: output + "/queries.json"))
        print(
            "Wrote \(output): \(statements) statements, \(parties) parties, \(issues) issues, \(sourceCount) sources, "
                + "\(pairs.count) party-issue pairs."
        )
    }
}

/// A small, fast, deterministic random number generator (SplitMix64).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

/// A civil date as a day count, for stepping through time.
struct Day {
    let ordinal: Int

    init(ordinal: Int) { self.ordinal = ordinal }

    init(year: Int, month: Int, day: Int) {
        // Days from civil (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    var parts: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    var date: CalendarDate {
        let p = parts
        return (try? CalendarDate(year: p.year, month: p.month, day: p.day)) ?? .earliest
    }
    var monthDate: CalendarDate {
        let p = parts
        return (try? CalendarDate(year: p.year, month: p.month)) ?? date
    }
    var yearDate: CalendarDate { (try? CalendarDate(year: parts.year)) ?? date }
}
