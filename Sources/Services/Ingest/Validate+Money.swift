import AttributionStore
import ServiceKit

extension Validate {
    /// A money amount in minor units: 0 to `MoneyBounds.maximumAmountMinor`.
    static func amount(_ value: Int64, _ field: String) throws(FieldError) -> Int64 {
        guard value >= 0 else { throw FieldError(field, "must not be negative") }
        guard value <= MoneyBounds.maximumAmountMinor else {
            throw FieldError(field, "is more than \(MoneyBounds.maximumAmountMinor), the most one amount may be")
        }
        return value
    }
}
