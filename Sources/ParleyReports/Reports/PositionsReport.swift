import Foundation
import ParleyModel

/// The state of play as of a date: for each issue, each party's current stance, when it was
/// adopted and how old its evidence is, with the issues where parties diverge marked.
public struct PositionsReport: Report, Hashable, KnowingReport, TextStreaming {
    /// One issue's row: the positions held on it, by party.
    public struct Row: Hashable, Sendable {
        public var issue: String
        public var title: String
        public var held: [HeldPosition]
        /// Whether parties are on different sides: different labels, not recorded as compatible,
        /// counting only positions that are not stale.
        public var diverges: Bool

        public var positions: [Position] { held.map(\.position) }
    }

    /// The rows, packed (see `Packed` in ParleyModel): each is made again, equal, when read. At
    /// 100,000 positions the rows as values were 80 MB.
    public struct Rows: RandomAccessCollection, Hashable, Sendable {
        private var packed = Packed()
        private var starts: [Int] = []

        /// No rows.
        public init() {}

        mutating func append(_ row: Row) {
            packed.write(row.issue)
            packed.write(row.title)
            packed.write(row.diverges)
            packed.write(row.held.count)
            for held in row.held { packed.write(held) }
            starts.append(packed.close())
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { starts.count }

        public subscript(index: Int) -> Row {
            var reader = packed.reader(at: starts[index])
            let issue = reader.string()
            let title = reader.string()
            let diverges = reader.bool()
            let held = (0..<reader.int()).map { _ in reader.held() }
            return Row(issue: issue, title: title, held: held, diverges: diverges)
        }
    }

    public var asOf: CalendarDate?
    /// Every party holding a position in the report, in id order: the columns.
    public var parties: [String]
    public var rows: Rows
    public var notes: [ReportNote]
    public var knownAsOf: KnownAsOf?
    /// How many rows diverge.
    var divergent: Int
    /// The widest labels (``Describe/labels(_:)``) and adoption date (``adoptedOn(_:)``) in
    /// the rows, in characters: the text's columns, known before its first row is written.
    var labelsWidth: Int
    var adoptedOnWidth: Int

    /// Builds the report from a snapshot; `adoptions` is asked for the statement at which each
    /// position was adopted (the store's ``adoptions(of:asOf:)``), a few thousand positions (whole
    /// issues) at a time, so that the moves of every position are never held at once (at 100,000
    /// positions they were 100 MB). Conditions are judged against `conditionsAgainst` (a snapshot
    /// holding the positions they name), or the snapshot.
    public init(
        snapshot: Snapshot, issueTitles: [String: String],
        adoptions: ([Position]) throws -> [PositionKey: Adoption] = { _ in [:] },
        conditionsAgainst: Snapshot? = nil
    ) throws {
        let judge = conditionsAgainst ?? snapshot
        self = try withoutActuallyEscaping(adoptions) { adoptions in
            var builder = Builder(
                state: snapshot, issueTitles: issueTitles, adoptions: adoptions,
                positionsNamed: { keys in
                    let wanted = Set(keys)
                    return judge.positions.filter { wanted.contains($0.key) }
                })
            for position in snapshot.positions { try builder.add(position) }
            return try builder.finish()
        }
    }

    private init(
        asOf: CalendarDate?, parties: [String], rows: Rows, notes: [ReportNote], divergent: Int, labelsWidth: Int,
        adoptedOnWidth: Int
    ) {
        self.asOf = asOf
        self.parties = parties
        self.rows = rows
        self.notes = notes
        self.divergent = divergent
        self.labelsWidth = labelsWidth
        self.adoptedOnWidth = adoptedOnWidth
    }

    /// A positions report made from positions that arrive one at a time, in issue, then party
    /// order (as a store reads them): a few thousand (whole issues) at a time, `adoptions` is
    /// asked for their moves and their rows are made and packed, so that neither every position
    /// nor every row as values is ever held.
    public struct Builder {
        private let state: Snapshot
        private let issueTitles: [String: String]
        private let adoptions: ([Position]) throws -> [PositionKey: Adoption]
        private let positionsNamed: ([PositionKey]) throws -> [Position]
        private var chunk: [Position] = []
        private var rows = Rows()
        private var parties: Set<String> = []
        private var divergent = 0
        private var labelsWidth = 0
        private var adoptedOnWidth = 0
        private var imprecise = 0
        private var sourceDatedMove = false
        private var anyStale = false
        private var anyConditions = false

        /// A report as of `state`'s date, its positions aged and compared by `state`'s ages and
        /// label relations (its positions are ignored). `adoptions` as for
        /// ``PositionsReport/init(snapshot:issueTitles:adoptions:conditionsAgainst:)``;
        /// `positionsNamed` gives the positions of the pairs the conditions of a few thousand
        /// positions name outside them (the store's ``positions(asOf:of:)``).
        public init(
            state: Snapshot, issueTitles: [String: String],
            adoptions: @escaping ([Position]) throws -> [PositionKey: Adoption],
            positionsNamed: @escaping ([PositionKey]) throws -> [Position]
        ) {
            self.state = state
            self.issueTitles = issueTitles
            self.adoptions = adoptions
            self.positionsNamed = positionsNamed
        }

        /// The next position.
        public mutating func add(_ position: Position) throws {
            // About ``adoptionsAsked`` positions at a time, then the rest of the last issue's.
            if chunk.count >= PositionsReport.adoptionsAsked, chunk.last?.issue != position.issue { try flush() }
            chunk.append(position)
        }

        private mutating func flush() throws {
            guard !chunk.isEmpty else { return }
            let moved = try adoptions(chunk)
            sourceDatedMove = sourceDatedMove || moved.values.contains { $0.statement.statement.said == nil }
            let judge = try state.judging(chunk, positionsNamed: positionsNamed)
            var first = chunk.startIndex
            while first < chunk.endIndex {
                var last = first + 1
                while last < chunk.endIndex, chunk[last].issue == chunk[first].issue { last += 1 }
                let group = Array(chunk[first..<last])
                let issue = chunk[first].issue
                let row = Row(
                    issue: issue, title: issueTitles[issue] ?? issue,
                    held: group.map { HeldPosition($0, adoption: moved[$0.key], state: state, judge: judge) },
                    diverges: state.diverges(group, on: issue))
                if row.diverges { divergent += 1 }
                for held in row.held {
                    parties.insert(held.position.party)
                    labelsWidth = max(labelsWidth, Describe.labels(held.position).count)
                    adoptedOnWidth = max(adoptedOnWidth, PositionsReport.adoptedOn(held).count)
                    anyStale = anyStale || held.stale
                    anyConditions = anyConditions || !held.conditions.isEmpty
                    for statement in held.position.statements where ReportNote.isImprecise(statement) { imprecise += 1 }
                }
                rows.append(row)
                first = last
            }
            chunk.removeAll(keepingCapacity: true)
        }

        /// The report, once every position was given.
        public mutating func finish() throws -> PositionsReport {
            try flush()
            return PositionsReport(
                asOf: state.asOf, parties: parties.sorted(), rows: rows,
                notes: [
                    ReportNote.date(state.asOf, .asOf), ReportNote.statements(imprecise: imprecise),
                    sourceDatedMove ? .sourceDated : nil,
                    ReportNote.stale(state, anyShown: anyStale),
                    anyConditions ? .conditions : nil,
                ].compactMap { $0 },
                divergent: divergent, labelsWidth: labelsWidth, adoptedOnWidth: adoptedOnWidth)
        }
    }

    /// How many positions, at least, ``init(snapshot:issueTitles:adoptions:conditionsAgainst:)``
    /// asks `adoptions` about at a time.
    static let adoptionsAsked = 2_000

    var heading: String { "Positions" + (asOf.map { " as of \($0)" } ?? "") + knownSuffix }
    var summary: String {
        let issues = "\(rows.count) issue\(rows.count == 1 ? "" : "s")"
        let parties = "\(parties.count) part\(parties.count == 1 ? "y" : "ies")"
        return "\(issues), \(parties); parties diverge on \(divergent)."
    }

    /// What the dates in the text and Markdown tables are.
    static let datesAre = "Dates are when each party adopted the stance it holds."

    /// When the position was adopted (the backing statement's date when that is not known), and
    /// how: `2021-02-08, softened from joint-customs`.
    static func adopted(_ held: HeldPosition) -> String {
        adoptedOn(held) + (Describe.move(held.move, from: held.movedFrom) ?? "")
    }

    /// When the position was adopted: `2021-02-08`.
    static func adoptedOn(_ held: HeldPosition) -> String { Describe.said(held.movedOn ?? held.position.backing) }

    /// How it was adopted: `softened from joint-customs`; nil for a first position.
    static func how(_ held: HeldPosition) -> String? {
        Describe.move(held.move, from: held.movedFrom).map { String($0.dropFirst(2)) }
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }

    public func write(in format: TextFormat, to lines: inout TextLines) { format.write(self, to: &lines) }
}
