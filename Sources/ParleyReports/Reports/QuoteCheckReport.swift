import ParleyModel

/// `parley check quotes`: every recorded quotation looked up in its source's stored text.
public struct QuoteCheckReport: Renderable, Hashable {
    /// A quotation that is not in its source's text.
    public struct Misquote: Hashable, Sendable {
        public var number: Int64
        public var party: String
        public var actor: String?
        public var source: String
        public var quote: String
        /// The longest beginning of the quotation that the text has.
        public var matches: String

        public init(number: Int64, party: String, actor: String?, source: String, quote: String, matches: String) {
            self.number = number
            self.party = party
            self.actor = actor
            self.source = source
            self.quote = quote
            self.matches = matches
        }
    }

    /// Statements with a quotation whose source has stored text.
    public var checked: Int
    public var misquotes: [Misquote]
    /// Quotations that could not be checked: their sources have no stored text (by source, with
    /// how many).
    public var unchecked: [(source: String, count: Int)]

    public init(checked: Int, misquotes: [Misquote], unchecked: [(source: String, count: Int)]) {
        self.checked = checked
        self.misquotes = misquotes
        self.unchecked = unchecked
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.checked == b.checked && a.misquotes == b.misquotes
            && a.unchecked.map(\.source) == b.unchecked.map(\.source)
            && a.unchecked.map(\.count) == b.unchecked.map(\.count)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(checked)
        hasher.combine(misquotes)
    }

    var summary: String {
        let found = checked - misquotes.count
        var text = "\(found) of \(checked) quotation\(checked == 1 ? "" : "s") found in their sources' text"
        if !misquotes.isEmpty { text += "; \(misquotes.count) not found" }
        let uncheckedCount = unchecked.reduce(0) { $0 + $1.count }
        if uncheckedCount > 0 {
            text +=
                "; \(uncheckedCount) not checked (no stored text: "
                + unchecked.map { "\($0.source) (\($0.count))" }.joined(separator: ", ") + ")"
        }
        return text + "."
    }

    static func who(_ m: Misquote) -> String { m.party + (m.actor.map { " (\($0))" } ?? "") }

    public func text(style: TextStyle) -> String {
        var out = [
            style.bold("Quotations checked against their sources"), "",
            TextLayout.hanging("", summary, width: style.width),
        ]
        for m in misquotes {
            out.append("")
            out.append(
                style.bold("#\(m.number) \(Terminal.visible(Self.who(m))), source \(Terminal.visible(m.source))"))
            out.append(TextLayout.hanging("  recorded: ", "“\(Terminal.visible(m.quote))”", width: style.width))
            out.append(
                TextLayout.hanging(
                    "  the text has: ",
                    m.matches.isEmpty ? "not even its first word" : "“\(Terminal.visible(m.matches))” and then differs",
                    width: style.width))
        }
        if !misquotes.isEmpty {
            out += ["", "Correct them with `parley amend N --quote \"...\" --reason \"...\"`."]
        } else if unchecked.isEmpty == false {
            out += [
                "", "Store a source's text with `parley source edit --id ID --text-file FILE` to check its quotations.",
            ]
        }
        return out.joined(separator: "\n")
    }

    public func markdown() -> String {
        var out = ["# Quotations checked against their sources", "", Markdown.escape(summary), ""]
        if !misquotes.isEmpty {
            out.append(
                Markdown.table(
                    ["no.", "who", "source", "recorded", "the text has"],
                    misquotes.map { m in
                        [
                            "#\(m.number)", Markdown.escape(Self.who(m)), Markdown.escape(m.source),
                            Markdown.escape(m.quote), Markdown.escape(m.matches),
                        ]
                    }))
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "checked": .int(checked),
            "found": .int(checked - misquotes.count),
            "misquotes": .array(
                misquotes.map { m in
                    [
                        "number": .int(Int(m.number)), "party": .string(m.party), "actor": .optional(m.actor),
                        "source": .string(m.source), "quote": .string(m.quote), "matches": .string(m.matches),
                    ]
                }),
            "unchecked": .array(unchecked.map { ["source": .string($0.source), "count": .int($0.count)] }),
        ]
    }
}
