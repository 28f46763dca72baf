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

    /// Orders whose currency is not the tenant's reporting currency are
    /// left out and returned in `refused` by their index in `orders`.
    public func recordOrders(
        _ orders: [OrderRecord], tenantID: UUID
    ) async throws -> (summary: WriteSummary, refused: [(index: Int, currency: String, expected: String)]) {
        try await database.withTenant(tenantID) { tx in
            try await provisioner.ensure(in: tx)
            guard let first = orders.first else { return (WriteSummary(), []) }
            let currency = try await ReportingCurrency.resolve(proposed: first.currency, in: tx)
            let refused = orders.indices.filter { orders[$0].currency != currency }
                .map { (index: $0, currency: orders[$0].currency, expected: currency) }
            let accepted = orders.filter { $0.currency == currency }
            try await AttributionLock.acquire(in: tx)
            let ids = try await OrderWriter.insert(accepted, in: tx)
            let stitched = try await IdentityStitcher.stitch(
                table: "attribution_conversions", timeColumn: "ordered_at", ids: ids, in: tx)
            let earlier = try await AffectedOrders.find(touchIDs: [], stitchedSessions: stitched, in: tx)
            try await Reattribution.run(Array(Set(ids + earlier)), attributor: attributor, in: tx)
            let summary = WriteSummary(accepted: ids.count, duplicates: accepted.count - ids.count)
            return (summary, refused)
        }
    }

    public func recordTouchpoints(_ touchpoints: [TouchpointRecord], tenantID: UUID) async throws -> WriteSummary {
        try await database.withTenant(tenantID) { tx in
            try await provisioner.ensure(in: tx)
            try await AttributionLock.acquire(in: tx)
            let ids = try await TouchpointWriter.insert(touchpoints, in: tx)
            let stitched = try await IdentityStitcher.stitch(
                table: "attribution_touchpoints", timeColumn: "occurred_at", ids: ids, in: tx)
            let affected = try await AffectedOrders.find(touchIDs: ids, stitchedSessions: stitched, in: tx)
            try await Reattribution.run(affected, attributor: attributor, in: tx)
            return WriteSummary(accepted: ids.count, duplicates: touchpoints.count - ids.count, ordersReattributed: affected.count)
        }
    }
}
