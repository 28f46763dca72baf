public import Foundation
public import Storage

/// Reads `PlatformActivity` for the 24 hours before `end` and the 24 before those.
public struct PixelStatsReader: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func activity(platforms: [String], end: Date, tenantID: UUID) async throws -> [PlatformActivity] {
        try await database.withTenant(tenantID, readOnly: true) { tx in
            try await Self.activity(platforms: platforms, end: end, in: tx)
        }
    }

    static func activity(platforms: [String], end: Date, in tx: TenantTransaction) async throws -> [PlatformActivity] {
        let middle = end.addingTimeInterval(-86_400)
        let start = end.addingTimeInterval(-2 * 86_400)
        do {
            var byPlatform = Dictionary(uniqueKeysWithValues: platforms.map { ($0, PlatformActivity(platform: $0)) })
            let window: [any PostgresEncodable] = [start, middle, end, tx.tenantID]
            let orders = try await tx.query(
                """
                SELECT count(*) FILTER (WHERE ordered_at >= $2) AS now, count(*) FILTER (WHERE ordered_at < $2) AS before
                FROM attribution_conversions WHERE tenant_id = $4 AND ordered_at >= $1 AND ordered_at < $3
                """, window)
            let (current, previous): (Int, Int) = (try orders[0].decode("now"), try orders[0].decode("before"))
            for name in platforms {
                byPlatform[name]?.orders = current
                byPlatform[name]?.previousOrders = previous
            }
            for row in try await tx.query(
                """
                SELECT e.platform, count(DISTINCT o.id) FILTER (WHERE o.ordered_at >= $2) AS now,
                    count(DISTINCT o.id) FILTER (WHERE o.ordered_at < $2) AS before
                FROM attribution_conversions o
                JOIN pixel_events e ON e.tenant_id = o.tenant_id AND e.order_id = o.order_id AND e.event_type = 'purchase'
                    AND e.delivery_status = 'delivered' AND e.match_status = 'matched'
                WHERE o.tenant_id = $4 AND o.ordered_at >= $1 AND o.ordered_at < $3
                GROUP BY e.platform
                """, window)
            {
                let name: String = try row.decode("platform")
                byPlatform[name]?.matchedOrders = try row.decode("now")
                byPlatform[name]?.previousMatchedOrders = try row.decode("before")
            }
            for row in try await tx.query(
                """
                SELECT e.platform, e.event_time >= $2 AS current, count(DISTINCT e.session_id) AS sessions,
                    count(DISTINCT e.session_id) FILTER (WHERE ci.session_id IS NOT NULL) AS stitched
                FROM pixel_events e LEFT JOIN customer_identities ci ON ci.tenant_id = e.tenant_id AND ci.session_id = e.session_id
                WHERE e.tenant_id = $4 AND e.event_time >= $1 AND e.event_time < $3 AND e.session_id IS NOT NULL
                GROUP BY 1, 2
                """, window)
            {
                let name: String = try row.decode("platform")
                let sessions: Int = try row.decode("sessions")
                let stitched: Int = try row.decode("stitched")
                if try row.decode("current", as: Bool.self) {
                    byPlatform[name]?.sessions = sessions
                    byPlatform[name]?.stitchedSessions = stitched
                } else {
                    byPlatform[name]?.previousSessions = sessions
                    byPlatform[name]?.previousStitchedSessions = stitched
                }
            }
            for name in platforms {
                let row = try await tx.query(
                    """
                    SELECT (SELECT max(event_time) FROM pixel_events WHERE tenant_id = $4 AND platform = $1) AS last_event,
                        (SELECT received_at FROM pixel_events WHERE tenant_id = $4 AND platform = $1
                            ORDER BY received_at DESC LIMIT 1) AS last_receive,
                        (SELECT count(*) FROM pixel_events
                            WHERE tenant_id = $4 AND platform = $1 AND event_time >= $2 AND event_time < $3) AS events
                    """, [name, middle, end, tx.tenantID])[0]
                byPlatform[name]?.lastEventTime = try row.decode("last_event")
                byPlatform[name]?.lastReceiveTime = try row.decode("last_receive")
                byPlatform[name]?.eventCount = try row.decode("events")
            }
            return platforms.compactMap { byPlatform[$0] }
        }
    }
}
