import Foundation
import Protos
import SwiftProtobuf

/// One streamed event as `attrctl pixels tail` prints it: a line of
/// fixed-width columns under `header` (the event time first, as in
/// `pixels events`; the event's name, ids, value and error last), or one
/// JSON object (the protobuf JSON mapping of PixelEventRecord) per line.
enum PixelEventLine {
    /// The fixed-width columns: each as wide as its longest value or its name.
    static let columns: [(name: String, width: Int)] = [
        ("time", 20), ("platform", 8), ("type", 11), ("match", 9), ("delivery", 9), ("event", 0),
    ]

    /// The column names, printed once before the first line (not with -o json).
    static var header: String {
        line(columns.map { $0.name.uppercased() })
    }

    static func render(_ event: Attribution_V1_PixelEventRecord, format: OutputFormat) throws -> String {
        if format == .json { return try event.jsonString() }
        var details = [event.eventName, "id=\(event.eventID)"]
        if !event.orderID.isEmpty { details.append("order=\(event.orderID)") }
        if event.hasValue { details.append("value=\(event.value.amountMinor) \(event.value.currencyCode)") }
        if !event.errorMessage.isEmpty { details.append("error=\(event.errorMessage)") }
        return line([
            PixelFormat.time(event.eventTime, set: event.hasEventTime),
            EnumNames.name(event.platform),
            EnumNames.name(event.eventType),
            EnumNames.name(event.matchStatus),
            EnumNames.name(event.deliveryStatus),
            details.joined(separator: "  "),
        ])
    }

    private static func line(_ cells: [String]) -> String {
        zip(cells, columns).map { cell, column in
            column.width == 0 ? cell : cell.padding(toLength: column.width + TableRenderer.gap)
        }.joined()
    }
}
