import AttributionCore
public import Foundation
public import SwiftProtobuf

/// Field checks shared by the services' request validation.
public enum Validate {
    /// A required string of 1 to `maximum` characters, trimmed of surrounding spaces.
    public static func required(_ value: String, _ field: String, maximum: Int) throws(FieldError) -> String {
        let trimmed = value.trimmingSpaces()
        guard !trimmed.isEmpty else { throw FieldError(field, "is required") }
        guard trimmed.count <= maximum else { throw FieldError(field, "is longer than \(maximum) characters") }
        return trimmed
    }

    /// An optional string of at most `maximum` characters; nil when empty.
    public static func optional(_ value: String, _ field: String, maximum: Int) throws(FieldError) -> String? {
        let trimmed = value.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count <= maximum else { throw FieldError(field, "is longer than \(maximum) characters") }
        return trimmed
    }

    /// An optional http(s) URL of at most 2000 characters (``absoluteURL(_:_:allowHTTP:)`` when given).
    public static func url(_ value: String, _ field: String) throws(FieldError) -> String? {
        guard let text = try optional(value, field, maximum: 2000) else { return nil }
        _ = try absoluteURL(text, field, allowHTTP: true)
        return text
    }

    /// A required time, no later than `future` after now and no earlier than `past` before now.
    public static func time(
        _ value: Google_Protobuf_Timestamp?, _ field: String, now: Date,
        future: TimeInterval = 3600, past: TimeInterval = 400 * 86_400
    ) throws(FieldError) -> Date {
        guard let value else { throw FieldError(field, "is required") }
        guard value.nanos >= 0, value.nanos < 1_000_000_000 else { throw FieldError(field, "has nanos out of range") }
        let date = value.date
        guard date <= now.addingTimeInterval(future) else { throw FieldError(field, "is more than \(Int(future / 60)) minutes in the future") }
        guard date >= now.addingTimeInterval(-past) else { throw FieldError(field, "is more than \(Int(past / 86_400)) days in the past") }
        return date
    }

    /// An ISO 4217 code: three upper-case ASCII letters.
    public static func currency(_ value: String, _ field: String) throws(FieldError) -> String {
        guard value.count == 3, value.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw FieldError(field, "is not an ISO 4217 currency code (three upper-case letters)")
        }
        return value
    }
}
