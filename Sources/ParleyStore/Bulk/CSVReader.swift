import Foundation
import ParleyModel

/// Reads RFC 4180 CSV from a file a chunk at a time, so memory stays flat whatever the file's
/// size: quoted fields, doubled quotes, commas and line breaks inside quotes, LF or CRLF endings,
/// and a UTF-8 byte-order mark are all handled.
final class CSVReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private let chunkSize: Int
    /// The file's name, for messages.
    private let name: String

    /// The size of the file in bytes.
    let totalBytes: Int
    /// Bytes consumed so far (for progress).
    private(set) var bytesConsumed = 0
    /// The line on which the last record returned started (1-based).
    private(set) var recordLine = 0
    private var nextLine = 1

    init(path: String, chunkSize: Int = 1 << 20) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError.invalid([
                Problem(file: path, .malformed("cannot open the file; check the path and its permissions"))
            ])
        }
        self.handle = handle
        name = URL(fileURLWithPath: path).lastPathComponent
        self.chunkSize = chunkSize
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        totalBytes = (attributes?[.size] as? NSNumber)?.intValue ?? 0
        try fill()
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    deinit { try? handle.close() }

    private func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        guard !atEnd else { return }
        let data = try handle.read(upToCount: chunkSize) ?? Data()
        if data.isEmpty { atEnd = true } else { buffer.append(contentsOf: data) }
    }

    /// The next record's fields, or nil at the end of the file. Blank lines are skipped.
    func next() throws -> [String]? {
        while true {
            if position >= buffer.count {
                if atEnd { return nil }
                try fill()
                continue
            }
            if let (fields, end, lines) = parse(from: position) {
                bytesConsumed += end - position
                position = end
                recordLine = nextLine
                nextLine += lines
                if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
                return fields
            }
            if atEnd {
                throw StoreError.invalid([
                    Problem(
                        file: name, line: nextLine,
                        .malformed("a quoted field is not closed before the end of the file; check the quotes"))
                ])
            }
            try fill()
        }
    }

    /// Parses one record starting at `start`; nil if the buffer ends before the record does
    /// (and more of the file remains).
    private func parse(from start: Int) -> ([String], Int, Int)? {
        var fields: [String] = []
        var i = start
        var lines = 1
        let count = buffer.count
        return buffer.withUnsafeBufferPointer { bytes -> ([String], Int, Int)? in
            while true {
                if i < count && bytes[i] == UInt8(ascii: "\"") {
                    var value: [UInt8] = []
                    i += 1
                    while true {
                        guard i < count else { return nil }
                        let byte = bytes[i]
                        if byte == UInt8(ascii: "\"") {
                            guard i + 1 < count || atEnd else { return nil }
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
                    if i >= count && !atEnd { return nil }
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
                    return atEnd ? (fields, i, lines) : nil
                }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                if bytes[i] == UInt8(ascii: "\r") { i += 1 }
                if i < count && bytes[i] == UInt8(ascii: "\n") {
                    return (fields, i + 1, lines)
                }
                if i >= count { return atEnd ? (fields, i, lines) : nil }
                // A quoted field followed by something other than a separator: keep the rest as text.
                let restStart = i
                while i < count && bytes[i] != UInt8(ascii: ",") && bytes[i] != UInt8(ascii: "\n") { i += 1 }
                if i >= count && !atEnd { return nil }
                fields[fields.count - 1] += String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[restStart..<i]), as: UTF8.self)
                if i >= count { return (fields, i, lines) }
                if bytes[i] == UInt8(ascii: ",") {
                    i += 1
                    continue
                }
                return (fields, i + 1, lines)
            }
        }
    }
}
