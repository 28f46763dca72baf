import Foundation
import Protos
import SwiftProtobuf

/// A deterministic, realistic month of a demo shop: touchpoints over seven
/// channels, orders with discount codes and UTM parameters, and the pixel
/// events three platforms got for them, some failed and some only partly
/// matched. Each day's data comes from a generator seeded by the date, and
/// every id names its day, so seeding again (the same day or later) adds only
/// what is new: ingest is idempotent on the ids.
struct DemoDataset {
    var touchpoints: [Attribution_V1_Touchpoint] = []
    var orders: [Attribution_V1_Order] = []
    var events: [Attribution_V1_PixelEvent] = []

    static let discountCodes = ["WELCOME10", "SUMMER15", "ALEX20", "MAYA15", "FREESHIP"]

    /// The `days` days up to and including `now`'s UTC day; nothing later than `now`.
    init(days: Int, now: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let today = calendar.startOfDay(for: now)
        for offset in stride(from: days - 1, through: 0, by: -1) {
            let start = today.addingTimeInterval(-Double(offset) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: start)
            let label = String(format: "%04d%02d%02d", parts.year!, parts.month!, parts.day!)
            var day = DemoDay(label: label, start: start, now: now)
            day.generate()
            touchpoints += day.touchpoints
            orders += day.orders
            events += day.events
        }
    }
}
