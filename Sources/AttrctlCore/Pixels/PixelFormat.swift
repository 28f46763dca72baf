import Foundation
import SwiftProtobuf

/// Cell formatting shared by the `attrctl pixels` tables.
enum PixelFormat {
    /// RFC 3339 in UTC, or "-" when the field is unset.
    static func time(_ timestamp: Google_Protobuf_Timestamp, set: Bool = true) -> String {
        set ? timestamp.date.formatted(.iso8601) : "-"
    }

    /// "97.5%".
    static func percent(_ value: Double) -> String {
        String(format: "%.1f%%", value)
    }

    /// A signed change in percentage points: "+2.0 pts", "-0.5 pts".
    static func points(_ value: Double) -> String {
        String(format: "%+.1f pts", value)
    }

    /// One line of at most `limit` characters ("-" when empty), for free-text cells such as errors.
    static func clip(_ text: String, _ limit: Int = 60) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        if line.isEmpty { return "-" }
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }

    /// An error cell: one line, clipped to 60 characters except with -o wide.
    static func error(_ text: String, format: OutputFormat) -> String {
        clip(text, format == .wide ? .max : 60)
    }

    /// "-" for an empty cell.
    static func orDash(_ text: String) -> String {
        text.isEmpty ? "-" : text
    }
}
