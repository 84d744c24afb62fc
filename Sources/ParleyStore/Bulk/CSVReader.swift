import Foundation
import ParleyModel

/// Reads RFC 4180 CSV from a file a chunk at a time, so memory stays flat whatever the file's
/// size: quoted fields, doubled quotes, commas and line breaks inside quotes, LF or CRLF endings,
/// and a UTF-8 byte-order mark are all handled. Text is taken exactly as written or refused: a NUL
/// byte or bytes that are not UTF-8 stop the read with their line and column (nothing is replaced
/// or cut), and so do records with more fields or bytes than ``Limits`` allows.
public final class CSVReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    /// The file offset of `buffer[0]`.
    private var bufferOffset = 0
    private var atEnd = false
    private let chunkSize: Int
    private let maxFields: Int
    private let maxRecordBytes: Int
    /// The file's name, for messages.
    private let name: String

    /// The size of the file in bytes.
    public let totalBytes: Int
    /// Bytes consumed so far (for progress).
    public private(set) var bytesConsumed = 0
    /// The line on which the last record returned started (1-based).
    public private(set) var recordLine = 0
    /// The file offset at which the last record returned starts: with ``recordLine``, where
    /// ``record(at:line:)`` finds it again.
    public private(set) var recordOffset = 0
    private var nextLine = 1

    public init(
        path: String, chunkSize: Int = 1 << 20, maxFields: Int = Limits.csvFields,
        maxRecordBytes: Int = Limits.csvRecordBytes
    ) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.invalid([Problem(file: path, .unreadableFile(nil))])
        }
        self.handle = handle
        self.chunkSize = chunkSize
        self.maxFields = maxFields
        self.maxRecordBytes = maxRecordBytes
        name = URL(fileURLWithPath: path).lastPathComponent
        var info = stat()
        totalBytes = stat(path, &info) == 0 ? Int(info.st_size) : 0
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    deinit { try? handle.close() }

    private func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            bufferOffset += position
            position = 0
        }
        guard !atEnd else { return }
        let data = try handle.read(upToCount: chunkSize) ?? Data()
        if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
    }

    private func failure(line: Int, column: Int? = nil, _ problem: ModelError.Malformed) -> StoreError {
        .invalid([Problem(file: name, line: line, column: column, .malformed(problem))])
    }

    /// The next record's fields, or nil at the end of the file. Blank lines are skipped.
    public func next() throws -> [String]? {
        while true {
            if position >= buffer.count {
                if atEnd { return nil }
                try fill()
                continue
            }
            switch parse(from: position) {
            case .record(let fields, let end, let lines):
                try checkText(from: position, to: end)
                bytesConsumed += end - position
                recordOffset = bufferOffset + position
                position = end
                recordLine = nextLine
                nextLine += lines
                if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
                return fields
            case .tooManyFields:
                throw failure(line: nextLine, .tooManyFields(limit: maxFields))
            case .needMore:
                if buffer.count - position > maxRecordBytes {
                    throw failure(line: nextLine, .recordTooLong(limit: maxRecordBytes))
                }
                if atEnd {
                    throw failure(line: nextLine, .unclosedQuote)
                }
                try fill()
            }
        }
    }

    /// The record that starts at file offset `offset` on line `line` (a ``recordOffset`` and
    /// ``recordLine`` this reader or another on the same file returned), read again; reading
    /// goes on from there.
    public func record(at offset: Int, line: Int) throws -> [String]? {
        try handle.seek(toOffset: UInt64(offset))
        buffer.removeAll(keepingCapacity: true)
        position = 0
        bufferOffset = offset
        atEnd = false
        nextLine = line
        try fill()
        return try next()
    }

    /// Refuses a record holding a NUL byte or bytes that are not UTF-8, naming the line and
    /// column (in characters) of the first one.
    private func checkText(from start: Int, to end: Int) throws {
        let offending: (offset: Int, fault: ModelError.Malformed.ByteFault)? = buffer.withUnsafeBufferPointer { bytes in
            var i = start
            while i < end {
                let byte = bytes[i]
                if byte == 0 { return (i, .nul) }
                if byte < 0x80 {
                    i += 1
                    continue
                }
                guard let length = UTF8Check.sequenceLength(bytes, at: i, end: end) else {
                    return (i, .notUTF8(byte))
                }
                i += length
            }
            return nil
        }
        guard let (offset, fault) = offending else { return }
        var line = nextLine
        var lineStart = start
        for i in start..<offset where buffer[i] == UInt8(ascii: "\n") {
            line += 1
            lineStart = i + 1
        }
        let column = String(decoding: buffer[lineStart..<offset], as: UTF8.self).count + 1
        throw failure(line: line, column: column, .notText(fault, format: .csv))
    }

    private enum Parsed {
        case record([String], end: Int, lines: Int)
        case needMore
        case tooManyFields
    }

    /// Parses one record starting at `start`.
    private func parse(from start: Int) -> Parsed {
        var fields: [String] = []
        var i = start
        var lines = 1
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> Parsed in
            while true {
                if fields.count >= maxFields { return .tooManyFields }
                if i < count && bytes[i] == UInt8(ascii: "\"") {
                    var value: [UInt8] = []
                    i += 1
                    while true {
                        guard i < count else { return .needMore }
                        let byte = bytes[i]
                        if byte == UInt8(ascii: "\"") {
                            guard i + 1 < count || atEnd else { return .needMore }
                            if i + 1 < count && bytes[i + 1] == UInt8(ascii: "\"") {
                                value.append(byte)
                                i += 2
                                continue
                            }
                            i += 1
                            break
                        }
                        if byte == UInt8(ascii: "\n") { lines += 1 }
                        value.append(byte)
                        i += 1
                    }
                    fields.append(String(decoding: value, as: UTF8.self))
                } else {
                    let fieldStart = i
                    while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                    if i >= count && !atEnd { return .needMore }
                    var fieldEnd = i
                    if fieldEnd > fieldStart && bytes[fieldEnd - 1] == UInt8(ascii: "\r")
                        && (i >= count || bytes[i] == UInt8(ascii: "\n"))
                    {
                        fieldEnd -= 1
                    }
                    fields.append(
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[fieldStart..<fieldEnd]), as: UTF8.self))
                }
                if i >= count {
                    return atEnd ? .record(fields, end: i, lines: lines) : .needMore
                }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "\r") { i += 1 }
                if i < count && bytes[i] == UInt8(ascii: "\n") {
                    return .record(fields, end: i + 1, lines: lines)
                }
                if i >= count { return atEnd ? .record(fields, end: i, lines: lines) : .needMore }
                // A quoted field followed by something other than a separator: keep the rest as text.
                let restStart = i
                while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                if i >= count && !atEnd { return .needMore }
                fields[fields.count - 1] += String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[restStart..<i]), as: UTF8.self)
                if i >= count { return .record(fields, end: i, lines: lines) }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                return .record(fields, end: i + 1, lines: lines)
            }
        }
    }
}
