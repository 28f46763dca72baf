public import AttributionCore
public import Foundation
public import Storage

/// Writes pixel events, orders and touchpoints for one tenant, each batch in
/// one transaction, and keeps attribution results and daily metrics up to
/// date in that same transaction: when a call returns, its batch is
/// committed and every order it affects is attributed.
public struct IngestStore: Sendable {
    public let database: Database
    public let attributor: Attributor
    private let provisioner: TenantProvisioner

    public init(database: Database, attributor: Attributor = Attributor(), provisioner: TenantProvisioner = TenantProvisioner()) {
        self.database = database
        self.attributor = attributor
        self.provisioner = provisioner
    }

    public func ingestPixelEvents(_ events: [PixelEventRecord], tenantID: UUID) async throws -> WriteSummary {
        try await database.withTenant(tenantID) { tx in
            try await provisioner.ensure(in: tx)
            return try await PixelEventWriter.insert(events, in: tx)
        }
    }

    /// Orders the store does not take are left out and returned in
    /// `refused` by their index in `orders`: those whose currency is not the
    /// tenant's reporting currency, and those that would bring their day's
    /// total over `MoneyBounds.maximumDailyRevenueMinor`. The summary's
    /// conflicts are indexes in `orders` too.
    public func recordOrders(
        _ orders: [OrderRecord], tenantID: UUID
    ) async throws -> (summary: WriteSummary, refused: [RecordRefusal]) {
        try await database.withTenant(tenantID) { tx in
            try await provisioner.ensure(in: tx)
            guard let first = orders.first else { return (WriteSummary(), []) }
            let currency = try await ReportingCurrency.resolve(proposed: first.currency, in: tx)
            var refused = orders.indices.filter { orders[$0].currency != currency }.map {
                RecordRefusal(
                    index: $0, field: "revenue.currency_code",
                    reason: "is \(orders[$0].currency), not the tenant's reporting currency \(currency)")
            }
            try await AttributionLock.acquire(in: tx)
            let sameCurrency = orders.indices.filter { orders[$0].currency == currency }
            refused += try await DailyRevenueLimit.refusals(sameCurrency.map { orders[$0] }, in: tx).map {
                RecordRefusal(index: sameCurrency[$0.index], field: $0.field, reason: $0.reason)
            }
            let refusedIndexes = Set(refused.map(\.index))
            let kept = orders.indices.filter { !refusedIndexes.contains($0) }
            let (ids, conflicts) = try await OrderWriter.insert(kept.map { orders[$0] }, in: tx)
            let stitched = try await IdentityStitcher.stitch(
                table: "attribution_conversions", timeColumn: "ordered_at", ids: ids, in: tx)
            let earlier = try await AffectedOrders.find(touchIDs: [], stitchedSessions: stitched, in: tx)
            try await Reattribution.run(Array(Set(ids + earlier)), attributor: attributor, in: tx)
            let summary = WriteSummary(
                accepted: ids.count, duplicates: kept.count - ids.count,
                conflicts: conflicts.map { RecordConflict(index: kept[$0.index], fields: $0.fields) })
            return (summary, refused.sorted { $0.index < $1.index })
        }
    }

    public func recordTouchpoints(_ touchpoints: [TouchpointRecord], tenantID: UUID) async throws -> WriteSummary {
        try await database.withTenant(tenantID) { tx in
            try await provisioner.ensure(in: tx)
            try await AttributionLock.acquire(in: tx)
            let (ids, conflicts) = try await TouchpointWriter.insert(touchpoints, in: tx)
            let stitched = try await IdentityStitcher.stitch(
                table: "attribution_touchpoints", timeColumn: "occurred_at", ids: ids, in: tx)
            let affected = try await AffectedOrders.find(touchIDs: ids, stitchedSessions: stitched, in: tx)
            try await Reattribution.run(affected, attributor: attributor, in: tx)
            return WriteSummary(
                accepted: ids.count, duplicates: touchpoints.count - ids.count, conflicts: conflicts,
                ordersReattributed: affected.count)
        }
    }
}
