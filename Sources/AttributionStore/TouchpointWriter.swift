import Foundation
import Storage

/// Stores touchpoints, idempotently on (tenant, touchpoint_id): the first one
/// wins; a later copy with other content is reported as a conflict.
enum TouchpointWriter {
    private static let staging = StagedInsert(
        table: "staged_touchpoints",
        columns: """
            ord int, touchpoint_id text, channel text, campaign text, occurred_at timestamptz, session_id text,
            customer_id text, landing_page text, referrer text, utm_source text, utm_medium text, utm_campaign text,
            utm_content text, utm_term text
            """)

    private static let conflicts = ConflictCheck(
        table: "attribution_touchpoints", key: ["touchpoint_id"],
        compared: [
            ("channel", "channel"), ("campaign", "campaign"), ("occurred_at", "occurred_at"), ("session_id", "session_id"),
            ("customer_id", "customer_id"), ("landing_page", "landing_page_url"), ("referrer", "referrer"),
            ("utm_source", "utm.source"), ("utm_medium", "utm.medium"), ("utm_campaign", "utm.campaign"),
            ("utm_content", "utm.content"), ("utm_term", "utm.term"),
        ])

    /// The ids of the touchpoints stored now (duplicates are left out), and
    /// the duplicates whose content differs from the stored touchpoint.
    static func insert(_ touchpoints: [TouchpointRecord], in tx: TenantTransaction) async throws -> (ids: [String], conflicts: [RecordConflict]) {
        guard !touchpoints.isEmpty else { return ([], []) }
        let rows: [[any PostgresEncodable]] = touchpoints.enumerated().map { index, touch in
            [
                index, touch.touchpointID, touch.channel, touch.campaign, touch.occurredAt, touch.sessionID,
                touch.customerID, touch.landingPage, touch.referrer, touch.utm.source, touch.utm.medium,
                touch.utm.campaign, touch.utm.content, touch.utm.term,
            ]
        }
        try await staging.stage(rows, in: tx)
        let inserted = try await tx.query(
            """
            INSERT INTO attribution_touchpoints (tenant_id, touchpoint_id, channel, campaign, occurred_at, session_id,
                customer_id, landing_page, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term)
            SELECT app_current_tenant(), touchpoint_id, channel, campaign, occurred_at, session_id, customer_id,
                landing_page, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term
            FROM staged_touchpoints ORDER BY ord
            ON CONFLICT (tenant_id, touchpoint_id) DO NOTHING
            RETURNING id
            """)
        let ids = try inserted.map { try $0.decode("id", as: UUID.self).uuidString }
        guard ids.count < touchpoints.count else { return (ids, []) }
        return (ids, try await conflicts.find(in: "staged_touchpoints s", tx: tx))
    }
}
