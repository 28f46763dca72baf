/// What a batch write did.
public struct WriteSummary: Sendable, Equatable {
    /// Records stored now.
    public var accepted: Int
    /// Records whose id was already stored (or came earlier in the batch).
    public var duplicates: Int
    /// The duplicates whose content differs from the stored record.
    public var conflicts: [RecordConflict]
    /// Orders attributed again (touchpoint batches only).
    public var ordersReattributed: Int

    public init(accepted: Int = 0, duplicates: Int = 0, conflicts: [RecordConflict] = [], ordersReattributed: Int = 0) {
        self.accepted = accepted
        self.duplicates = duplicates
        self.conflicts = conflicts
        self.ordersReattributed = ordersReattributed
    }
}
