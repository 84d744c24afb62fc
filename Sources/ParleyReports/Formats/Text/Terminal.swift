/// Making stored text safe to print on a terminal.
public enum Terminal {
    /// `text` with every character that could act on a terminal, or reorder what follows it,
    /// shown as a visible escape: ESC as `\e`, carriage return as `\r`, tab as `\t`, other
    /// control characters, the bidirectional-override and -isolate characters and the zero-width
    /// ones as `\u{202E}`.
    /// Line feeds are kept. The stored text is never changed; only its display is.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\u{1B}": out += "\\e"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether a scalar is a control character (other than line feed), a bidirectional
    /// formatting character that could reorder the text around it, or an invisible one that could
    /// make two different names look the same (zero-width space, joiners, word joiner, BOM).
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        case 0x200B...0x200D, 0x2060, 0xFEFF: return true
        default: return false
        }
    }
}
