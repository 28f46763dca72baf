public import Foundation

/// What the database knows of one platform's pixel health over a 24-hour
/// window W and the 24 hours before it (P).
public struct PlatformActivity: Sendable, Equatable {
    public var platform: String
    /// Orders with ordered_at in W / in P (the same for every platform).
    public var orders: Int
    public var previousOrders: Int
    /// Of those, orders with a delivered, matched purchase event of this platform.
    public var matchedOrders: Int
    public var previousMatchedOrders: Int
    /// Distinct session ids on this platform's events in W / P, and how many are stitched.
    public var sessions: Int
    public var stitchedSessions: Int
    public var previousSessions: Int
    public var previousStitchedSessions: Int
    public var lastEventTime: Date?
    public var lastReceiveTime: Date?
    /// Events with event_time in W.
    public var eventCount: Int

    public init(platform: String) {
        self.platform = platform
        orders = 0
        previousOrders = 0
        matchedOrders = 0
        previousMatchedOrders = 0
        sessions = 0
        stitchedSessions = 0
        previousSessions = 0
        previousStitchedSessions = 0
        eventCount = 0
    }

    /// matched ÷ orders in percent; 0 without orders.
    public static func percent(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole) * 100
    }
}
