/// A field that failed validation: its path and what is wrong. The reason
/// never repeats the value (it may be personal data).
public struct FieldError: Error, Sendable, Equatable {
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
