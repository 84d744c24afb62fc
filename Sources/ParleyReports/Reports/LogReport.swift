import ParleyModel

/// The change log: every write, with when, who, what and why, and the values it changed.
public struct LogReport: Renderable, Hashable {
    public var entries: [LogEntry]
    /// The date the log starts from, when it was narrowed.
    public var since: CalendarDate?

    public init(entries: [LogEntry], since: CalendarDate? = nil) {
        self.entries = entries
        self.since = since
    }

    var heading: String { "Change log" + (since.map { " since \($0)" } ?? "") }

    static func what(_ entry: LogEntry) -> String {
        [entry.action.rawValue, entry.kind?.singular, entry.record].compactMap { $0 }.joined(separator: " ")
    }

    static func change(_ change: FieldChange) -> String {
        switch (change.old, change.new) {
        case (nil, let new?): return "\(change.field): \(new)"
        case (let old?, nil): return "\(change.field): \(old) → (none)"
        case (let old?, let new?): return "\(change.field): \(old) → \(new)"
        case (nil, nil): return change.field
        }
    }

    public func text(style: TextStyle) -> String {
        var out = [style.bold(heading), ""]
        if entries.isEmpty { out.append("No changes recorded" + (since.map { " since \($0)" } ?? "") + ".") }
        for entry in entries {
            out.append(
                style.bold(TextLayout.hanging("", "\(entry.at)  \(entry.by)  \(Self.what(entry))", width: style.width)))
            if let reason = entry.reason { out.append(TextLayout.hanging("  reason: ", reason, width: style.width)) }
            for change in entry.changes {
                out.append(TextLayout.hanging("    ", Self.change(change), width: style.width))
            }
        }
        return out.joined(separator: "\n").trimmingTrailingNewlines()
    }

    public func markdown() -> String {
        var out = ["# \(heading)", ""]
        if entries.isEmpty { return (out + ["No changes recorded.", ""]).joined(separator: "\n") }
        out.append(
            Markdown.table(
                ["when", "who", "what", "reason", "changes"],
                entries.map { entry in
                    [
                        entry.at, Markdown.escape(entry.by), Self.what(entry), Markdown.escape(entry.reason ?? ""),
                        entry.changes.map { Markdown.escape(Self.change($0)) }.joined(separator: "<br>"),
                    ]
                }))
        out.append("")
        return out.joined(separator: "\n")
    }

    public func json() -> JSONValue {
        [
            "since": .date(since),
            "entries": .array(
                entries.map { entry in
                    [
                        "number": .int(Int(entry.number)), "at": .string(entry.at), "by": .string(entry.by),
                        "action": .string(entry.action.rawValue), "kind": .optional(entry.kind?.rawValue),
                        "record": .optional(entry.record), "reason": .optional(entry.reason),
                        "changes": .array(
                            entry.changes.map {
                                ["field": .string($0.field), "old": .optional($0.old), "new": .optional($0.new)]
                            }),
                    ]
                }),
        ]
    }
}
