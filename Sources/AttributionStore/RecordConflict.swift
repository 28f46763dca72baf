/// A duplicate whose content differs from the record already stored under
/// its key: not stored (the first version stays). `index` is its position
/// in the batch given to the store; `fields` are the request's field paths
/// that differ, e.g. `revenue.amount_minor`.
public struct RecordConflict: Sendable, Equatable {
    public var index: Int
    public var fields: [String]

    public init(index: Int, fields: [String]) {
        self.index = index
        self.fields = fields
    }
}
