import Foundation
import Storage

/// Stores orders, idempotently on (tenant, order_id): the first one wins;
/// a later copy with other content is reported as a conflict.
enum OrderWriter {
    private static let staging = StagedInsert(
        table: "staged_orders",
        columns: """
            ord int, order_id text, ordered_at timestamptz, revenue_minor bigint, currency text, discount_codes text[],
            landing_page text, referrer text, utm_source text, utm_medium text, utm_campaign text, utm_content text,
            utm_term text, customer_id text, session_id text, is_new_customer boolean
            """)

    private static let conflicts = ConflictCheck(
        table: "attribution_conversions", key: ["order_id"],
        compared: [
            ("ordered_at", "ordered_at"), ("revenue_minor", "revenue.amount_minor"), ("currency", "revenue.currency_code"),
            ("discount_codes", "discount_codes"), ("landing_page", "landing_page_url"), ("referrer", "referrer"),
            ("utm_source", "utm.source"), ("utm_medium", "utm.medium"), ("utm_campaign", "utm.campaign"),
            ("utm_content", "utm.content"), ("utm_term", "utm.term"), ("customer_id", "customer_id"),
            ("session_id", "session_id"), ("is_new_customer", "customer_type"),
        ])

    /// The ids of the orders stored now (duplicates are left out), and the
    /// duplicates whose content differs from the stored order.
    static func insert(_ orders: [OrderRecord], in tx: TenantTransaction) async throws -> (ids: [String], conflicts: [RecordConflict]) {
        guard !orders.isEmpty else { return ([], []) }
        let rows: [[any PostgresEncodable]] = orders.enumerated().map { index, order in
            [
                index, order.orderID, order.orderedAt, Int64(order.revenueMinor), order.currency, order.discountCodes,
                order.landingPage, order.referrer, order.utm.source, order.utm.medium, order.utm.campaign,
                order.utm.content, order.utm.term, order.customerID, order.sessionID, order.isNewCustomer,
            ]
        }
        try await staging.stage(rows, in: tx)
        let inserted = try await tx.query(
            """
            INSERT INTO attribution_conversions (tenant_id, order_id, ordered_at, revenue_minor, currency, discount_codes,
                landing_page, referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term, customer_id,
                session_id, is_new_customer)
            SELECT app_current_tenant(), order_id, ordered_at, revenue_minor, currency, discount_codes, landing_page,
                referrer, utm_source, utm_medium, utm_campaign, utm_content, utm_term, customer_id, session_id,
                is_new_customer
            FROM staged_orders ORDER BY ord
            ON CONFLICT (tenant_id, order_id) DO NOTHING
            RETURNING id
            """)
        let ids = try inserted.map { try $0.decode("id", as: UUID.self).uuidString }
        guard ids.count < orders.count else { return (ids, []) }
        return (ids, try await conflicts.find(in: "staged_orders s", tx: tx))
    }
}
