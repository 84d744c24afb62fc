import ParleyModel

/// The change log: every write, with when, who, what and why, and the values it changed.
public struct LogReport: Report, Hashable {
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
        value(change).map { "\(change.field): \($0)" } ?? change.field
    }

    /// What a change did to its field ("old → new", the new value when there was none), nil when
    /// it names the field only.
    static func value(_ change: FieldChange) -> String? {
        switch (change.old, change.new) {
        case (nil, let new?): return new
        case (let old?, nil): return "\(old) → (none)"
        case (let old?, let new?): return "\(old) → \(new)"
        case (nil, nil): return nil
        }
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}
