import Storage

/// A tenant reports in one currency: the one set on its row, or else the
/// first order's, which this sets. There are no exchange rates here, so
/// orders in another currency are refused rather than summed wrongly.
enum ReportingCurrency {
    static func resolve(proposed: String, in tx: TenantTransaction) async throws -> String {
        let set = try await tx.query(
            """
            UPDATE tenants SET currency = $1 WHERE id = app_current_tenant() AND currency IS NULL RETURNING currency
            """, [proposed])
        if let currency = set.first("currency") { return currency }
        let current = try await tx.query("SELECT currency FROM tenants WHERE id = app_current_tenant()")
        return current.first("currency") ?? proposed
    }
}
