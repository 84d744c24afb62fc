import ParleyModel

/// A record that can be listed: its cells in a table and its object in JSON.
public protocol Listable: Sendable {
    /// The list's heading, such as "Parties".
    static var listTitle: String { get }
    /// The table's columns, and how each may be broken to fit the width.
    static var columns: [TableColumn] { get }
    /// This record's cells, one per column.
    var cells: [String] { get }
    /// This record as JSON, with the documented keys.
    var jsonValue: JSONValue { get }
    /// The columns of a CSV listing: every field, lists in one cell (``CSVText/list(_:)``).
    static var csvColumns: [String] { get }
    /// This record's CSV cells.
    var csvCells: [String] { get }
}

/// A listing of records (parties, actors, issues, sources, agreements, disputes, stance labels):
/// a table in text and Markdown, an array in JSON, every field in CSV.
public struct RecordList<Record: Listable>: Report {
    public var title: String
    public var records: [Record]
    /// What to say when there are no records.
    public var emptyMessage: String

    public init(_ records: [Record], title: String = Record.listTitle, emptyMessage: String? = nil) {
        self.title = title
        self.records = records
        self.emptyMessage = emptyMessage ?? "No \(title.lowercased()) recorded."
    }

    public func render<Format: ReportFormat>(in format: Format) -> Format.Output { format.render(self) }
}

extension Party: Listable {
    public static let csvColumns = ["id", "name", "kind", "aliases"]
    public var csvCells: [String] { [id, name, kind.rawValue, CSVText.list(aliases)] }
    public static let listTitle = "Parties"
    public static let columns: [TableColumn] = [.whole("id"), .prose("name"), .whole("kind"), .list("aliases")]
    public var cells: [String] { [id, name, kind.rawValue, aliases.joined(separator: ", ")] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "name": .string(name), "kind": .string(kind.rawValue),
            "aliases": .array(aliases.map { .string($0) }),
        ]
    }
}

extension Actor: Listable {
    public static let csvColumns = ["id", "name", "party", "role", "aliases"]
    public var csvCells: [String] { [id, name, party, role ?? "", CSVText.list(aliases)] }
    public static let listTitle = "Actors"
    public static let columns: [TableColumn] = [
        .whole("id"), .prose("name"), .whole("party"), .prose("role"), .list("aliases"),
    ]
    public var cells: [String] { [id, name, party, role ?? "", aliases.joined(separator: ", ")] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "name": .string(name), "party": .string(party), "role": .optional(role),
            "aliases": .array(aliases.map { .string($0) }),
        ]
    }
}

extension Issue: Listable {
    public static let csvColumns = ["id", "title", "description", "aliases", "stale_after"]
    public var csvCells: [String] {
        [id, title, description ?? "", CSVText.list(aliases), staleAfter?.description ?? ""]
    }
    public static let listTitle = "Issues"
    public static let columns: [TableColumn] = [.whole("id"), .prose("title"), .prose("description")]
    public var cells: [String] { [id, title, description ?? ""] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "description": .optional(description),
            "parent": .optional(parent),
        ]
    }
}

extension Source: Listable {
    public static let csvColumns = ["id", "title", "publisher", "url", "published", "reliability"]
    public var csvCells: [String] {
        [id, title, publisher ?? "", url ?? "", published.description, reliability?.rawValue ?? ""]
    }
    public static let listTitle = "Sources"
    public static let columns: [TableColumn] = [
        .whole("id"), .whole("published"), .prose("publisher"), .prose("title"),
    ]
    public var cells: [String] { [id, published.description, publisher ?? "", title] }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "publisher": .optional(publisher), "url": .optional(url),
            "published": .date(published), "reliability": .optional(reliability?.rawValue),
        ]
    }
}

extension Tracked: Listable {
    public static var csvColumns: [String] {
        ["id", "title", "issues", "status", "according_to", "since", "parties", "mediators", "contested", "accounts"]
    }
    public var csvCells: [String] {
        let members = members(asOf: nil)
        return [
            id, title, CSVText.list(issues), current?.status.rawValue ?? "", current?.accordingTo ?? "",
            statusSince(asOf: nil)?.description ?? "", CSVText.list(members.parties), CSVText.list(members.mediators),
            isContested ? "true" : "false", CSVText.list(accountsNow.map { "\($0.party): \($0.step.status.rawValue)" }),
        ]
    }
    public static var listTitle: String { Status.record.plural.capitalized }
    public static var columns: [TableColumn] {
        [.whole("id"), .whole("status"), .whole("since"), .list("parties"), .prose("title")]
    }
    /// The step whose status is the record's now: the last one all sides stand by (one side's
    /// later account is shown apart), or the latest account when there is none.
    var current: Step<Status>? { commonStep(asOf: nil) }
    /// The parties' accounts since the last step all sides stand by.
    var accountsNow: [(party: String, step: Step<Status>)] { accounts(asOf: nil) }
    /// Whether the sides' accounts differ, or its status says they contradict each other.
    var isContested: Bool { Self.isContested(status: current?.status, accounts: accountsNow.map(\.step.status)) }
    /// Since when the current status has held, marked when that date is its source's.
    var since: String {
        guard let step = statusSinceStep(asOf: nil) else { return "" }
        return step.on.description + (step.onIsSourceDate ? ReportNote.sourceDateMark : "")
    }
    /// `pledged`, `disputed (north)`, `proposed; contested: north claimed, south disputed`,
    /// `pledged; account of armenia: suspended`.
    var statusCell: String {
        let status = (current?.status.rawValue ?? "") + (current?.accordingTo.map { " (\($0))" } ?? "")
        let accounts = accountsNow.map { "\($0.party) \($0.step.status.rawValue)" }.joined(separator: ", ")
        if isContested { return status + "; contested" + (accounts.isEmpty ? "" : ": " + accounts) }
        if let account = accountsNow.first {
            return status + "; account of \(account.party): \(account.step.status.rawValue)"
        }
        return status
    }
    public var cells: [String] {
        [id, statusCell, since, members(asOf: nil).parties.joined(separator: ", "), title]
    }
    public var jsonValue: JSONValue {
        [
            "id": .string(id), "title": .string(title), "issue": .string(issue),
            "issues": .array(issues.map { .string($0) }), "status": .optional(current?.status.rawValue),
            "according_to": .optional(current?.accordingTo), "since": .date(statusSince(asOf: nil)),
            "since_is_source_date": .bool(statusSinceStep(asOf: nil)?.onIsSourceDate ?? false),
            "parties": .array(members(asOf: nil).parties.map { .string($0) }),
            "mediators": .array(members(asOf: nil).mediators.map { .string($0) }),
            "contested": .bool(isContested),
            "accounts": .array(
                accountsNow.map { ["party": .string($0.party), "status": .string($0.step.status.rawValue)] }),
            "package": .optional(package),
        ]
    }
}

extension APIToken: Listable {
    public static let listTitle = "Tokens"
    public static let columns: [TableColumn] = [.whole("name"), .whole("role"), .whole("created"), .whole("revoked")]
    public var cells: [String] { [name, role.rawValue, createdAt, revokedAt ?? ""] }
    public static let csvColumns = columns.map(\.heading)
    public var csvCells: [String] { cells }
    public var jsonValue: JSONValue {
        [
            "name": .string(name), "role": .string(role.rawValue), "created": .string(createdAt),
            "revoked": .optional(revokedAt),
        ]
    }
}

/// A stance label used on an issue, as listed by the labels report: how many statements use it,
/// which labels are recorded as the same side, the opposite side or another aspect, and which it
/// is recorded harder or softer than on the issue's scale.
public struct StanceLabel: Listable, Hashable {
    public var issue: String
    public var label: String
    /// Statements that stand and use it.
    public var statements: Int
    /// Labels recorded as the same side on the issue.
    public var compatible: [String]
    /// Labels recorded as the opposite side on the issue.
    public var opposed: [String]
    /// Labels recorded as other aspects of the issue.
    public var independent: [String]
    /// Labels it is recorded as harder than, and softer than (directly).
    public var harderThan: [String]
    public var softerThan: [String]

    public init(
        issue: String, label: String, statements: Int, compatible: [String] = [], opposed: [String] = [],
        independent: [String] = [], harderThan: [String] = [], softerThan: [String] = []
    ) {
        self.issue = issue
        self.label = label
        self.statements = statements
        self.compatible = compatible
        self.opposed = opposed
        self.independent = independent
        self.harderThan = harderThan
        self.softerThan = softerThan
    }

    /// The labels used on each issue with their relations and orders, most used first per issue.
    public static func list(
        _ use: [(issue: String, label: String, count: Int)], relations: [LabelRelation], orders: [LabelOrder] = []
    ) -> [StanceLabel] {
        use.map { row in
            func related(_ kind: LabelRelation.Kind) -> [String] {
                relations.filter { $0.issue == row.issue && $0.kind == kind }.compactMap { r in
                    r.labels.0 == row.label ? r.labels.1 : r.labels.1 == row.label ? r.labels.0 : nil
                }.sorted()
            }
            let scale = orders.filter { $0.issue == row.issue }
            return StanceLabel(
                issue: row.issue, label: row.label, statements: row.count, compatible: related(.compatible),
                opposed: related(.opposed), independent: related(.independent),
                harderThan: scale.filter { $0.harder == row.label }.map(\.softer).sorted(),
                softerThan: scale.filter { $0.softer == row.label }.map(\.harder).sorted())
        }
    }

    public static let csvColumns = [
        "issue", "label", "statements", "compatible", "opposed", "independent", "harder_than", "softer_than",
    ]
    public var csvCells: [String] {
        [
            issue, label, String(statements), CSVText.list(compatible), CSVText.list(opposed),
            CSVText.list(independent), CSVText.list(harderThan), CSVText.list(softerThan),
        ]
    }
    public static let listTitle = "Stance labels"
    public static let columns: [TableColumn] = [
        .whole("issue"), .whole("label"), .whole("statements"), .list("same side as"), .list("opposed to"),
        .list("other aspect than"), .list("harder than"), .list("softer than"),
    ]
    public var cells: [String] {
        [
            issue, label, String(statements), compatible.joined(separator: ", "), opposed.joined(separator: ", "),
            independent.joined(separator: ", "), harderThan.joined(separator: ", "), softerThan.joined(separator: ", "),
        ]
    }
    public var jsonValue: JSONValue {
        [
            "issue": .string(issue), "label": .string(label), "statements": .int(statements),
            "compatible": .array(compatible.map { .string($0) }), "opposed": .array(opposed.map { .string($0) }),
            "independent": .array(independent.map { .string($0) }),
            "harder_than": .array(harderThan.map { .string($0) }),
            "softer_than": .array(softerThan.map { .string($0) }),
        ]
    }
}
