/// Progress of a bulk import, reported every few thousand records.
public struct BulkProgress: Sendable {
    public var bytesRead: Int
    public var totalBytes: Int
    public var records: Int

    public init(bytesRead: Int, totalBytes: Int, records: Int) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.records = records
    }
}
