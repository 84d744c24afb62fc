import ParleyModel

/// A record that can be listed: its cells in a table and its object in JSON.
public protocol Listable: Sendable {
    /// The list's heading, such as "Parties".
    static var listTitle: String { get }
    /// The table's columns.
    static var columns: [String] { get }
    /// This record's cells, one per column.
    var cells: [String] { get }
    /// This record as JSON, with the documented keys.
    var jsonValue: JSONValue { get }
}

/// A listing of records (parties, actors, issues, sources, agreements, disputes, stance labels):
/// a table in text and Markdown, an array in JSON.
public struct RecordList<Record: Listable>: Renderable {
    public var title: String
    public var records: [Record]
    /// What to say when there are no records.
    public var emptyMessage: String

    public init(_ records: [Record], title: String = Record.listTitle, emptyMessage: String? = nil) {
        self.title = title
        self.records = records
        self.emptyMessage = emptyMessage ?? "No \(title.lowercased()) recorded."
    }

    var table: TableReport {
        TableReport(
            title: title, columns: Record.columns, rows: records.map(\.cells), jsonRows: records.map(\.jsonValue),
            emptyMessage: emptyMessage)
    }

    public func text(style: TextStyle) -> String { table.text(style: style) }
    public func markdown() -> String { table.markdown() }
    public func json() -> JSONValue { table.json() }
}

extension Party: Listable {
    public static let listTitle = "Parties"
    public static let columns = ["id", "name", "kind", "aliases"]
    public var cells: [String] { [id, name, kind.rawValue, aliases.joined(separator: ", ")] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "name": .string(name), "kind": .string(kind.rawValue),
            "aliases": .array(aliases.map { .string($0) }),
        ]
    }
}

extension Actor: Listable {
    public static let listTitle = "Actors"
    public static let columns = ["id", "name", "party", "role", "aliases"]
    public var cells: [String] { [id, name, party, role ?? "", aliases.joined(separator: ", ")] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "name": .string(name), "party": .string(party), "role": .optional(role),
            "aliases": .array(aliases.map { .string($0) }),
        ]
    }
}

extension Issue: Listable {
    public static let listTitle = "Issues"
    public static let columns = ["id", "title", "description"]
    public var cells: [String] { [id, title, description ?? ""] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "description": .optional(description),
            "parent": .optional(parent),
        ]
    }
}

extension Source: Listable {
    public static let listTitle = "Sources"
    public static let columns = ["id", "published", "publisher", "title"]
    public var cells: [String] { [id, published.description, publisher ?? "", title] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "publisher": .optional(publisher), "url": .optional(url),
            "published": .date(published), "reliability": .optional(reliability?.rawValue),
        ]
    }
}

extension Tracked: Listable {
    public static var listTitle: String { Status.record.plural.capitalized }
    public static var columns: [String] { ["id", "status", "since", "parties", "title"] }
    public var cells: [String] {
        [
            id, history.last?.status.rawValue ?? "", history.last?.on.description ?? "",
            parties.joined(separator: ", "), title,
        ]
    }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "issue": .string(issue),
            "status": .optional(history.last?.status.rawValue),
            "since": .date(history.last?.on), "parties": .array(parties.map { .string($0) }),
            "mediators": .array(mediators.map { .string($0) }),
        ]
    }
}

/// A stance label used on an issue, as listed by the labels report.
public struct StanceLabel: Listable, Hashable {
    public var label: String

    public init(_ label: String) { self.label = label }

    public static let listTitle = "Stance labels"
    public static let columns = ["label"]
    public var cells: [String] { [label] }
    public var jsonValue: JSONValue { .string(label) }
}
