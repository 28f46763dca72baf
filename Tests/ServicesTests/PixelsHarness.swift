import Foundation
import Identity
import Protos
import RPCClient
import Authorization
import Pixels
import ServiceKit
import TestSupport

/// Principals of a test tenant for the Pixels tests: its ingest service,
/// an analyst user (the default role) and an admin user (granted here).
extension AttrdHarness {
    func ingest(_ tenant: TestTenant, events: [Attribution_V1_PixelEvent]) async throws -> Attribution_V1_IngestPixelEventsResponse {
        try await withIngest(tenant) { ingest in
            var request = Attribution_V1_IngestPixelEventsRequest()
            request.events = events
            return try await ingest.ingestPixelEvents(request)
        }
    }

    func record(_ tenant: TestTenant, orders: [Attribution_V1_Order]) async throws {
        try await withIngest(tenant) { ingest in
            var request = Attribution_V1_RecordOrdersRequest()
            request.orders = orders
            _ = try await ingest.recordOrders(request)
        }
    }

    func withPixels<Result: Sendable>(
        _ tenant: TestTenant, as user: String = "analyst", _ body: (Attribution_V1_PixelsClient) async throws -> Result
    ) async throws -> Result {
        try await withClient(tenant, kind: "user", name: user) { try await body(Attribution_V1_PixelsClient($0)) }
    }

    /// `user/admin` of `tenant` made an admin.
    static func grantAdmin(_ tenant: TestTenant) async throws {
        try await TenantData.with { data in
            try await RoleDirectory(database: data.database).set(.admin, kind: .user, id: "admin", tenantID: tenant.id)
        }
    }
}

extension Fixtures {
    static func hoursAgo(_ hours: Double) -> Date { Date().addingTimeInterval(-hours * 3600) }

    static func purchase(
        _ id: String, _ platform: Attribution_V1_PixelPlatform, order: String, hoursAgo: Double, session: String = "",
        email: Bool = true, delivery: Attribution_V1_DeliveryStatus = .delivered
    ) -> Attribution_V1_PixelEvent {
        var event = Fixtures.event(
            id, platform: platform, type: .purchase, at: Fixtures.hoursAgo(hoursAgo), orderID: order,
            email: email ? "buyer@example.com" : nil, delivery: delivery, error: delivery == .failed ? "HTTP 500" : "")
        event.sessionID = session
        if !email { event.userData.fbp = "fb.1.1700000000000.123456789" }
        return event
    }
}
