/// One value of a stored row, as any backend holds it: what a whole-database copy moves from one
/// backend to another without knowing the tables' meaning.
public enum StoredValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A batch of one table's rows, with the names of their columns.
public struct StoredRows: Sendable, Equatable {
    /// The table the rows are from.
    public var table: String
    /// The columns' names, in the order of each row's values.
    public var columns: [String]
    /// The rows.
    public var rows: [[StoredValue]]

    public init(table: String, columns: [String], rows: [[StoredValue]]) {
        self.table = table
        self.columns = columns
        self.rows = rows
    }
}
