import Foundation

@testable import AttributionCore

/// The worked example of docs/ATTRIBUTION.md: one order of 120.00 USD on
/// 2026-03-10 12:00 UTC and four touchpoints of its customer.
enum WorkedExample {
    static let orderedAt = Date(timeIntervalSince1970: 1_773_144_000)  // 2026-03-10T12:00:00Z
    static let day: TimeInterval = 86_400

    static let conversion = Conversion(
        id: UUID(uuidString: "00000000-0000-0000-0000-0000000000c1")!, orderedAt: orderedAt,
        revenueMinor: 12_000, currency: "USD")

    /// T0 is 120 days before the order: outside every window.
    static let touches = [
        touch(3, "paid_search", "brand", daysBefore: 1),
        touch(0, "organic_search", nil, daysBefore: 120),
        touch(1, "paid_social", "spring_launch", daysBefore: 18),
        touch(2, "email", "newsletter_w10", daysBefore: 7),
    ]

    static func touch(_ number: Int, _ channel: String, _ campaign: String?, daysBefore: Double) -> Touch {
        Touch(
            id: UUID(uuidString: "00000000-0000-0000-0000-00000000000\(number)")!, channel: channel, campaign: campaign,
            occurredAt: orderedAt.addingTimeInterval(-daysBefore * day), touchpointID: "T\(number)")
    }
}
