import Storage

/// Serialises a tenant's order and touchpoint writes.
///
/// An order is attributed from the touchpoints committed when it is stored,
/// and new touchpoints re-attribute the orders committed when they are
/// stored. Two concurrent transactions, one storing a touchpoint and one an
/// order of the same customer, would each miss the other's row under READ
/// COMMITTED; and which customer a touchpoint belongs to can change under
/// them through session stitching. So each such transaction first takes one
/// transaction-scoped advisory lock per tenant and reads only after holding
/// it. Tenants proceed in parallel, and pixel events never take it.
enum AttributionLock {
    static func acquire(in tx: TenantTransaction) async throws {
        try await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('attribution/' || app_current_tenant()::text, 0))")
    }
}
