/// Statements and positions written into bytes, and read back equal: how a report over every
/// position of a large case keeps its rows. As values, a statement's fields take about 330 bytes
/// before its text (each string, date and optional has its own slot); packed, a statement is its
/// text and a few bytes more, so 100,000 changed positions fit in tens of megabytes.
package struct Packed: Hashable, Sendable {
    /// The records closed so far, in blocks of about a megabyte: a block that is full is never
    /// copied again, so the bytes are not held twice over while they grow.
    private var blocks: [[UInt8]] = []
    /// The record being written.
    private var bytes: [UInt8] = []
    private static let blockSize = 1 << 20

    package init() {}

    /// Ends the record written since the last one ended, and says where it is.
    package mutating func close() -> Int {
        if blocks.isEmpty
            || (blocks[blocks.count - 1].count + bytes.count > Self.blockSize && !blocks[blocks.count - 1].isEmpty)
        {
            blocks.append([])
        }
        let block = blocks.count - 1
        let offset = blocks[block].count
        blocks[block].append(contentsOf: bytes)
        bytes.removeAll(keepingCapacity: true)
        return block << 32 | offset
    }

    // MARK: - Writing

    package mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    package mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    package mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
    package mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    package mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    package mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    package mutating func write(_ date: CalendarDate) {
        write(date.year)
        bytes.append(UInt8(date.month ?? 0))
        bytes.append(UInt8(date.day ?? 0))
    }

    package mutating func write(_ date: CalendarDate?) {
        write(date != nil)
        if let date { write(date) }
    }

    package mutating func write(_ dated: DatedStatement) {
        let s = dated.statement
        write(dated.sequence)
        write(dated.effectiveDate)
        write(dated.sourceDate)
        write(s.number.map { $0 + 1 } ?? 0)
        write(s.party)
        write(s.actor)
        write(s.issue)
        bytes.append(UInt8(StatementKind.allCases.firstIndex(of: s.kind) ?? 0))
        write(s.stance)
        write(s.summary)
        write(s.quote)
        write(s.said)
        write(s.source)
        write(s.recordedAt)
        write(s.retraction != nil)
        if let retraction = s.retraction {
            write(retraction.at)
            write(retraction.by)
            write(retraction.reason)
        }
        write(s.via)
        write(s.about)
        write(s.conditions.count)
        for condition in s.conditions {
            write(condition.party)
            write(condition.issue)
            write(condition.label)
        }
    }

    package mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    package mutating func write(_ move: Move?) {
        bytes.append(UInt8(move.flatMap { Move.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0))
    }

    package mutating func write(_ conditions: [ConditionState]) {
        write(conditions.count)
        for state in conditions {
            write(state.statement)
            write(state.condition.party)
            write(state.condition.issue)
            write(state.condition.label)
            bytes.append(state.holds.map { $0 ? 2 : 1 } ?? 0)
        }
    }

    package mutating func write(_ position: Position) {
        write(position.alongside.count)
        for statement in position.alongside { write(statement) }
        write(position.backing)
    }

    // MARK: - Reading

    /// Reads values back in the order they were written, from `offset`.
    package struct Reader {
        let bytes: [UInt8]
        var offset: Int

        package mutating func unsigned() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }

        package mutating func int() -> Int { Int(Int64(bitPattern: unsigned())) }
        package mutating func int64() -> Int64 { Int64(bitPattern: unsigned()) }

        package mutating func bool() -> Bool {
            offset += 1
            return bytes[offset - 1] != 0
        }

        package mutating func byte() -> UInt8 {
            offset += 1
            return bytes[offset - 1]
        }

        package mutating func string() -> String {
            let count = int()
            offset += count
            return String(decoding: bytes[(offset - count)..<offset], as: UTF8.self)
        }

        package mutating func optionalString() -> String? { bool() ? string() : nil }

        package mutating func date() -> CalendarDate {
            let year = int()
            let month = byte()
            let day = byte()
            return CalendarDate(checkedYear: year, month: month == 0 ? nil : Int(month), day: day == 0 ? nil : Int(day))
        }

        package mutating func optionalDate() -> CalendarDate? { bool() ? date() : nil }

        package mutating func statement() -> DatedStatement {
            let sequence = int64()
            let effectiveDate = date()
            let sourceDate = date()
            let number = int64()
            let party = string()
            let actor = optionalString()
            let issue = string()
            let kind = StatementKind.allCases[Int(byte())]
            let stance = string()
            let summary = string()
            let quote = optionalString()
            let said = optionalDate()
            let source = string()
            let recordedAt = optionalString()
            let retraction = bool() ? Retraction(at: string(), by: string(), reason: string()) : nil
            let via = optionalString()
            let about = optionalString()
            let conditions = (0..<int()).map { _ in
                Condition(party: optionalString(), issue: string(), label: string())
            }
            return DatedStatement(
                statement: Statement(
                    number: number == 0 ? nil : number - 1, party: party, actor: actor, issue: issue, kind: kind,
                    stance: stance, summary: summary, quote: quote, said: said, source: source,
                    recordedAt: recordedAt, retraction: retraction, via: via, about: about, conditions: conditions),
                effectiveDate: effectiveDate, sourceDate: sourceDate, sequence: sequence)
        }

        package mutating func optionalInt() -> Int? { bool() ? int() : nil }

        package mutating func move() -> Move? {
            let code = Int(byte())
            return code == 0 ? nil : Move.allCases[code - 1]
        }

        package mutating func conditions() -> [ConditionState] {
            (0..<int()).map { _ in
                let statement = int64()
                let condition = Condition(party: optionalString(), issue: string(), label: string())
                let holds = byte()
                return ConditionState(statement: statement, condition: condition, holds: holds == 0 ? nil : holds == 2)
            }
        }

        package mutating func position() -> Position {
            let alongside = (0..<int()).map { _ in statement() }
            return Position(backing: statement(), alongside: alongside)
        }
    }

    /// A reader of the record at `location` (as ``close()`` gave it).
    package func reader(at location: Int) -> Reader {
        Reader(bytes: blocks[location >> 32], offset: location & 0xffff_ffff)
    }

    /// The position that begins the record at `location`.
    package func position(at location: Int) -> Position {
        var reader = reader(at: location)
        return reader.position()
    }
}
