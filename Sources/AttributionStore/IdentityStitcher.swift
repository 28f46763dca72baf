import Storage

/// Session stitching: a record that names both a session and a customer
/// ties the session to the customer in `customer_identities`. The first
/// customer a session is tied to keeps it; later records only move
/// `last_seen_at`.
enum IdentityStitcher {
    /// Stitches from the rows of `table` with the given ids, and returns the
    /// sessions stitched for the first time (their earlier touchpoints now
    /// belong to a customer, so that customer's orders are attributed again).
    static func stitch(table: String, timeColumn: String, ids: [String], in tx: TenantTransaction) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let rows = try await tx.query(
            """
            INSERT INTO customer_identities AS ci (tenant_id, session_id, customer_id, first_seen_at, last_seen_at)
            SELECT DISTINCT ON (session_id) app_current_tenant(), session_id, customer_id, \(timeColumn), \(timeColumn)
            FROM \(table)
            WHERE id = ANY($1::text[]::uuid[]) AND session_id IS NOT NULL AND customer_id IS NOT NULL
            ORDER BY session_id, \(timeColumn)
            ON CONFLICT (tenant_id, session_id) DO UPDATE
                SET last_seen_at = greatest(ci.last_seen_at, EXCLUDED.last_seen_at),
                    first_seen_at = least(ci.first_seen_at, EXCLUDED.first_seen_at)
            RETURNING session_id, (xmax = 0) AS created
            """, [ids])
        return try rows.filter { try $0.decode("created", as: Bool.self) }.map { try $0.decode("session_id") }
    }
}
