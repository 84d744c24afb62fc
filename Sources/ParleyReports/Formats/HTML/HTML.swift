import ParleyModel

/// A piece of HTML that is safe to put in a page, escaped by construction: it is made only from
/// string literals in Parley's own code (a `StaticString`, so never from data), from text, which
/// is escaped on the way in, and from other pieces of HTML. No initializer takes a `String` as
/// markup, so a record's text cannot reach a page unescaped by mistake:
///
/// ```swift
/// let row: HTML = "<td>\(party.name)</td><td>\(links.partyLink(party.id))</td>"
/// ```
///
/// escapes `party.name` (a `String`) and inserts the link (already `HTML`) as it is.
public struct HTML: Hashable, Sendable, ExpressibleByStringInterpolation {
    public typealias StringLiteralType = StaticString
    public typealias ExtendedGraphemeClusterLiteralType = StaticString
    public typealias UnicodeScalarLiteralType = StaticString

    /// The markup, ready to write out.
    public private(set) var markup: String

    public init(stringLiteral literal: StaticString) { markup = literal.description }
    public init(extendedGraphemeClusterLiteral literal: StaticString) { markup = literal.description }
    public init(unicodeScalarLiteral literal: StaticString) { markup = literal.description }
    public init(stringInterpolation: Interpolation) { markup = stringInterpolation.markup }

    /// Text shown as it is: escaped.
    public init(text: String) { markup = Self.escape(text) }

    /// Parley's own words or markup, written in its code: as they are.
    public init(_ literal: StaticString) { markup = literal.description }

    /// Whether there is no markup at all.
    public var isEmpty: Bool { markup.isEmpty }

    /// Builds HTML from literals and values: a `String` (or a date) is escaped, a number written
    /// as digits, `HTML` inserted as it is.
    public struct Interpolation: StringInterpolationProtocol {
        var markup = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            markup.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) { markup += literal.description }
        /// Text: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        /// A number.
        public mutating func appendInterpolation(_ number: Int) { markup += String(number) }
        /// A number.
        public mutating func appendInterpolation(_ number: Int64) { markup += String(number) }
        /// A date: escaped like any text.
        public mutating func appendInterpolation(_ date: CalendarDate) { markup += HTML.escape(date.description) }
    }

    public static func + (first: HTML, second: HTML) -> HTML {
        var joined = first
        joined += second
        return joined
    }

    public static func += (html: inout HTML, more: HTML) { html.markup += more.markup }

    /// `text` safe inside an element or a quoted attribute: `& < > " '` become references, and
    /// control and bidirectional-override characters are shown escaped (``Terminal/visible(_:)``).
    /// The only way text becomes markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in Terminal.visible(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Sequence where Element == HTML {
    /// The pieces one after another, with `separator` between them.
    public func joined(separator: HTML = "") -> HTML {
        var out: HTML = ""
        for (index, piece) in enumerated() {
            if index > 0 { out += separator }
            out += piece
        }
        return out
    }
}
