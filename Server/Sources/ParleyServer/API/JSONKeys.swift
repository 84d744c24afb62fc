import Foundation
import ParleyModel

/// The keys of a JSON text's objects, read before the text is decoded: a decoder keeps one of
/// two equal keys silently (the last), so that `{"reason":"a","reason":"b"}` would pass for a
/// single reason, and a field the decoder does not know would be dropped without a word.
enum JSONKeys {
    /// A body's objects may nest this deep at most (the API's bodies are flat).
    static let maxDepth = 32

    /// The keys of the top-level object of `bytes` (none when it is not an object). Throws a 400
    /// when an object holds a key twice or the text nests deeper than ``maxDepth``. A text that is
    /// not JSON passes; the decoder refuses it.
    static func topLevel(of bytes: [UInt8]) throws -> [String] {
        /// An object or an array being read; an object knows its keys and whether a key is next.
        struct Level {
            var isObject: Bool
            var keys: Set<String> = []
            var expectingKey = true
        }
        var stack: [Level] = []
        var topKeys: [String] = []
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                let start = index
                var escaped = false
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\\") {
                        escaped = true
                        index += 1
                    } else if bytes[index] == UInt8(ascii: "\"") {
                        break
                    }
                    index += 1
                }
                guard index < bytes.count else { return topKeys }
                if let last = stack.indices.last, stack[last].isObject, stack[last].expectingKey {
                    let raw = bytes[start...index]
                    let key =
                        escaped
                        ? (try? JSONDecoder().decode(String.self, from: Data(raw)))
                        : String(decoding: raw.dropFirst().dropLast(), as: UTF8.self)
                    guard let key else { return topKeys }
                    guard stack[last].keys.insert(key).inserted else {
                        throw APIProblem.badRequest("\(Echo.quoted(key)) is given twice; give each field once")
                    }
                    stack[last].expectingKey = false
                    if stack.count == 1 { topKeys.append(key) }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                stack.append(Level(isObject: bytes[index] == UInt8(ascii: "{")))
                if stack.count > maxDepth {
                    throw APIProblem.badRequest(
                        "the body nests deeper than \(maxDepth) levels; send a flat JSON object")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if stack.popLast() == nil { return topKeys }
            case UInt8(ascii: ","):
                if let last = stack.indices.last, stack[last].isObject { stack[last].expectingKey = true }
            default:
                break
            }
            index += 1
        }
        return topKeys
    }
}
