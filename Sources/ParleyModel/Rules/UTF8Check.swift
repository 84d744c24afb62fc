/// UTF-8 well-formedness, byte by byte, so that the first bad byte can be named.
public enum UTF8Check {
    /// The length of the well-formed UTF-8 sequence that starts at `i` with a byte of 0x80 or
    /// more (overlong forms, surrogates and code points past U+10FFFF are not well formed), or
    /// nil when it is not one.
    public static func sequenceLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int? {
        let lead = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard i + length <= end else { return nil }
        guard (low...high).contains(bytes[i + 1]) else { return nil }
        for k in 2..<max(2, length) where !(0x80...0xBF).contains(bytes[i + k]) { return nil }
        return length
    }

    /// The offset of the first byte in `bytes` that is not part of well-formed UTF-8, or nil.
    public static func firstInvalid(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        while i < bytes.count {
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: i, end: bytes.count) else { return i }
            i += length
        }
        return nil
    }

    /// Where the first NUL byte or ill-formed UTF-8 in `bytes` is: its 1-based line and column
    /// (in characters) and what it is; nil when the text is clean.
    public static func firstProblem(_ bytes: UnsafeBufferPointer<UInt8>)
        -> (line: Int, column: Int, fault: ModelError.Malformed.ByteFault)?
    {
        var i = 0
        var line = 1
        var lineStart = 0
        while i < bytes.count {
            let byte = bytes[i]
            var fault: ModelError.Malformed.ByteFault?
            if byte == 0 {
                fault = .nul
            } else if byte >= 0x80 {
                if let length = sequenceLength(bytes, at: i, end: bytes.count) {
                    i += length
                    continue
                }
                fault = .notUTF8(byte)
            } else if byte == 0x0A {
                line += 1
                lineStart = i + 1
            }
            if let fault {
                let column =
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<i]), as: UTF8.self).count + 1
                return (line, column, fault)
            }
            i += 1
        }
        return nil
    }
}
