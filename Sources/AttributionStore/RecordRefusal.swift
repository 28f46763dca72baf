/// A valid record the store did not take, by its index in the batch given
/// to the store, with the field at fault and why.
public struct RecordRefusal: Sendable, Equatable {
    public var index: Int
    public var field: String
    public var reason: String

    public init(index: Int, field: String, reason: String) {
        self.index = index
        self.field = field
        self.reason = reason
    }
}
