import ArgumentParser
import Foundation
import SwiftProtobuf

/// Parses RFC 3339 date-times given on the command line ("2026-03-10T12:00:00Z", "…T12:00:00.5+01:00").
enum RFC3339 {
    static func timestamp(_ text: String, _ flag: String) throws(ValidationError) -> Google_Protobuf_Timestamp {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return Google_Protobuf_Timestamp(date: date) }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return Google_Protobuf_Timestamp(date: date) }
        throw ValidationError("\(flag) must be an RFC 3339 date-time such as 2026-03-10T12:00:00Z")
    }
}
