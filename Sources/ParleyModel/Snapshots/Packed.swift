/// Statements and positions written into bytes, and read back equal: how a report over every
/// position of a large case keeps its rows. As values, a statement's fields take about 330 bytes
/// before its text (each string, date and optional has its own slot); packed, a statement is its
/// text and a few bytes more, so 100,000 changed positions fit in tens of megabytes.
struct Packed: Hashable, Sendable {
    private(set) var bytes: [UInt8] = []

    /// How many bytes are written.
    var count: Int { bytes.count }

    mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

    // MARK: - Writing

    mutating func write(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }
    mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }

    mutating func write(_ date: CalendarDate) {
        write(date.year)
        bytes.append(UInt8(date.month ?? 0))
        bytes.append(UInt8(date.day ?? 0))
    }

    mutating func write(_ date: CalendarDate?) {
        write(date != nil)
        if let date { write(date) }
    }

    mutating func write(_ dated: DatedStatement) {
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

    mutating func write(_ position: Position) {
        write(position.alongside.count)
        for statement in position.alongside { write(statement) }
        write(position.backing)
    }

    // MARK: - Reading

    /// Reads values back in the order they were written, from `offset`.
    struct Reader {
        let bytes: [UInt8]
        var offset: Int

        mutating func unsigned() -> UInt64 {
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

        mutating func int() -> Int { Int(Int64(bitPattern: unsigned())) }
        mutating func int64() -> Int64 { Int64(bitPattern: unsigned()) }

        mutating func bool() -> Bool {
            offset += 1
            return bytes[offset - 1] != 0
        }

        mutating func byte() -> UInt8 {
            offset += 1
            return bytes[offset - 1]
        }

        mutating func string() -> String {
            let count = int()
            offset += count
            return String(decoding: bytes[(offset - count)..<offset], as: UTF8.self)
        }

        mutating func optionalString() -> String? { bool() ? string() : nil }

        mutating func date() -> CalendarDate {
            let year = int()
            let month = byte()
            let day = byte()
            return CalendarDate(checkedYear: year, month: month == 0 ? nil : Int(month), day: day == 0 ? nil : Int(day))
        }

        mutating func optionalDate() -> CalendarDate? { bool() ? date() : nil }

        mutating func statement() -> DatedStatement {
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

        mutating func position() -> Position {
            let alongside = (0..<int()).map { _ in statement() }
            return Position(backing: statement(), alongside: alongside)
        }
    }

    /// A reader of what was written from `offset` on.
    func reader(at offset: Int) -> Reader { Reader(bytes: bytes, offset: offset) }

    /// The position written at `offset`.
    func position(at offset: Int) -> Position {
        var reader = reader(at: offset)
        return reader.position()
    }
}
