public import Foundation
import Storage

/// A stored pixel event, as the Pixels service reads it.
public struct PixelEventRow: Sendable, Equatable {
    public var id: UUID
    public var platform: String
    public var eventType: String
    public var eventName: String
    public var eventID: String
    public var eventTime: Date
    public var receivedAt: Date
    public var orderID: String?
    public var sessionID: String?
    public var matchStatus: String
    public var deliveryStatus: String
    public var deliveryError: String?
    public var deliveryErrorType: String?
    public var deliveryAttempts: Int
    public var lastAttemptAt: Date?
    public var valueMinor: Int64?
    public var currency: String?
    /// The names of the match keys present (e.g. `em`, `fbp`), sorted; never their values.
    public var matchKeyNames: [String]

    /// The columns `init(row:)` reads, for a SELECT list (table alias `p`).
    static let columns = """
        p.id, p.platform, p.event_type, p.event_name, p.event_id, p.event_time, p.received_at, p.order_id,
        p.session_id, p.match_status, p.delivery_status, p.delivery_error, p.delivery_error_type,
        p.delivery_attempts, p.last_attempt_at, p.value_minor, p.currency,
        ARRAY(SELECT jsonb_object_keys(p.match_keys) ORDER BY 1) AS key_names
        """

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        platform = try row.decode("platform")
        eventType = try row.decode("event_type")
        eventName = try row.decode("event_name")
        eventID = try row.decode("event_id")
        eventTime = try row.decode("event_time")
        receivedAt = try row.decode("received_at")
        orderID = try row.decode("order_id")
        sessionID = try row.decode("session_id")
        matchStatus = try row.decode("match_status")
        deliveryStatus = try row.decode("delivery_status")
        deliveryError = try row.decode("delivery_error")
        deliveryErrorType = try row.decode("delivery_error_type")
        deliveryAttempts = try row.decode("delivery_attempts")
        lastAttemptAt = try row.decode("last_attempt_at")
        valueMinor = try row.decode("value_minor")
        currency = try row.decode("currency")
        matchKeyNames = try row.decode("key_names")
    }
}
