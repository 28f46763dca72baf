/// A field that failed validation: its path and what is wrong. The reason
/// never repeats the value (it may be personal data).
struct FieldError: Error, Sendable, Equatable {
    var field: String
    var reason: String

    init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }
}
