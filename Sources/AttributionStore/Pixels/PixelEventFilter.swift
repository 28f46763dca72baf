public import Foundation
import Storage

/// Filters of the event log and the live stream; nil means any.
public struct PixelEventFilter: Sendable, Hashable {
    public var platform: String?
    public var eventType: String?
    public var matchStatus: String?
    public var deliveryStatus: String?
    /// event_time ≥ start.
    public var start: Date?
    /// event_time < end.
    public var end: Date?
    /// order_id starts with this (case-sensitive).
    public var orderIDPrefix: String?

    public init(
        platform: String? = nil, eventType: String? = nil, matchStatus: String? = nil, deliveryStatus: String? = nil,
        start: Date? = nil, end: Date? = nil, orderIDPrefix: String? = nil
    ) {
        self.platform = platform
        self.eventType = eventType
        self.matchStatus = matchStatus
        self.deliveryStatus = deliveryStatus
        self.start = start
        self.end = end
        self.orderIDPrefix = orderIDPrefix
    }

    /// Whether `event` passes (for the stream, which filters in memory).
    public func matches(_ event: PixelEventRow) -> Bool {
        if let platform, event.platform != platform { return false }
        if let eventType, event.eventType != eventType { return false }
        if let matchStatus, event.matchStatus != matchStatus { return false }
        if let deliveryStatus, event.deliveryStatus != deliveryStatus { return false }
        if let start, event.eventTime < start { return false }
        if let end, event.eventTime >= end { return false }
        if let orderIDPrefix, !(event.orderID ?? "").hasPrefix(orderIDPrefix) { return false }
        return true
    }

    /// The SQL condition over alias `p`, with parameters numbered from `first`.
    func condition(parameters first: Int) -> (sql: String, parameters: [any PostgresEncodable]) {
        var clauses: [String] = []
        var parameters: [any PostgresEncodable] = []
        func add(_ clause: (Int) -> String, _ value: any PostgresEncodable) {
            parameters.append(value)
            clauses.append(clause(first + parameters.count - 1))
        }
        if let platform { add({ "p.platform = $\($0)" }, platform) }
        if let eventType { add({ "p.event_type = $\($0)" }, eventType) }
        if let matchStatus { add({ "p.match_status = $\($0)" }, matchStatus) }
        if let deliveryStatus { add({ "p.delivery_status = $\($0)" }, deliveryStatus) }
        if let start { add({ "p.event_time >= $\($0)" }, start) }
        if let end { add({ "p.event_time < $\($0)" }, end) }
        if let orderIDPrefix {
            // starts_with, not LIKE: the prefix's % and _ are literal. In byte
            // order ("C"), it is a range of pixel_events_tenant_order_prefix.
            add({ "starts_with(p.order_id COLLATE \"C\", $\($0))" }, orderIDPrefix)
        }
        return (clauses.isEmpty ? "true" : clauses.joined(separator: " AND "), parameters)
    }
}
