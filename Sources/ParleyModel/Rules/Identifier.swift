/// The rules for ids: lowercase slugs, and for issues, slash paths of slugs.
public enum Identifier {
    /// The rule for a plain id, as shown in error messages.
    public static let rule =
        "use lowercase letters a-z, digits and single hyphens, starting and ending with a letter or digit, "
        + "at most 200 characters (for example 'armenia' or 'brussels-readout-2021-12-16')"

    /// The rule for an issue id, as shown in error messages.
    public static let issueRule =
        "use one or more slugs (lowercase letters a-z, digits and single hyphens) separated by '/' "
        + "(for example 'zangezur-corridor/border-controls')"

    /// Whether `text` is a valid plain id (at most ``Limits/idLength`` characters).
    public static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= Limits.idLength, text.first != "-", text.last != "-",
            !text.contains("--")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Whether `text` is a valid issue id (one or more plain ids separated by `/`).
    public static func isValidIssue(_ text: String) -> Bool {
        guard text.utf8.count <= Limits.idLength else { return false }
        let segments = text.split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { isValid(String($0)) }
    }

    /// Throws unless `text` is a valid id for `kind`; issue ids may be slash paths.
    public static func validate(_ text: String, kind: RecordKind) throws(ModelError) {
        let valid = kind == .issue ? isValidIssue(text) : isValid(text)
        if !valid { throw .invalidIdentifier(text, kind: kind) }
    }

    /// The parent of an issue id (`a/b/c` → `a/b`), or nil for a top-level issue.
    public static func parentIssue(of id: String) -> String? {
        // Byte by byte: `/` is ASCII, so it cannot be part of a longer character.
        guard let slash = id.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
        return String(id[..<slash])
    }

    /// Whether issue `id` is `ancestor` itself or nested below it.
    public static func issue(_ id: String, isWithin ancestor: String) -> Bool {
        // Byte by byte (ids are ASCII), without making `ancestor + "/"` on every call: a report
        // asks it for every position against every recorded dispute of its party.
        let (inner, outer) = (id.utf8, ancestor.utf8)
        guard inner.count >= outer.count, inner.starts(with: outer) else { return false }
        return inner.count == outer.count
            || inner[inner.index(inner.startIndex, offsetBy: outer.count)] == UInt8(ascii: "/")
    }
}
