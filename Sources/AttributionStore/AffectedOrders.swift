import Storage

/// The orders that new touchpoints (or sessions stitched for the first time)
/// may change: those of the same customer, or of the same session when the
/// order has no customer, placed no earlier than the touchpoint and no later
/// than the widest window after it.
enum AffectedOrders {
    /// - Parameters:
    ///   - touchIDs: touchpoints stored now.
    ///   - stitchedSessions: sessions tied to a customer for the first time;
    ///     all their touchpoints count as new.
    static func find(touchIDs: [String], stitchedSessions: [String], in tx: TenantTransaction) async throws -> [String] {
        guard !touchIDs.isEmpty || !stitchedSessions.isEmpty else { return [] }
        let rows = try await tx.query(
            """
            WITH touch AS (
                SELECT t.occurred_at, COALESCE(t.customer_id, ci.customer_id) AS customer_id, t.session_id
                FROM attribution_touchpoints t
                LEFT JOIN customer_identities ci ON ci.tenant_id = t.tenant_id AND ci.session_id = t.session_id
                WHERE t.tenant_id = $3 AND (t.id = ANY($1::text[]::uuid[]) OR t.session_id = ANY($2::text[]))
            )
            SELECT o.id FROM touch JOIN attribution_conversions o
                ON o.tenant_id = $3 AND o.customer_id = touch.customer_id
                AND o.ordered_at BETWEEN touch.occurred_at AND touch.occurred_at + interval '90 days'
            UNION
            SELECT o.id FROM touch
                JOIN customer_identities ci ON ci.tenant_id = $3 AND ci.customer_id = touch.customer_id
                JOIN attribution_conversions o ON o.tenant_id = ci.tenant_id AND o.session_id = ci.session_id
                    AND o.customer_id IS NULL
                AND o.ordered_at BETWEEN touch.occurred_at AND touch.occurred_at + interval '90 days'
            UNION
            SELECT o.id FROM touch JOIN attribution_conversions o
                ON o.tenant_id = $3 AND touch.session_id IS NOT NULL AND o.session_id = touch.session_id
                AND o.customer_id IS NULL
                AND o.ordered_at BETWEEN touch.occurred_at AND touch.occurred_at + interval '90 days'
            """, [touchIDs, stitchedSessions, tx.tenantID])
        return try rows.map { try $0.decode("id", as: String.self) }
    }
}
