import Ingest
import LayeredConfig
import AttrdCore
import Foundation
import Protos
import RPCClient
import Storage
import TestSupport
import Testing
import Wire

@testable import AttrctlCore

/// --ingest-max-batch for every ingest method: a batch over the limit fails
/// as a whole with INVALID_ARGUMENT naming the limit, and nothing of it is
/// stored; a batch at the limit is stored.
@Suite("Ingest: batch limits", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestBatchLimitTests {
    static let orderedAt = AttributionIngestTests.orderedAt

    static func expectRefused(_ error: RPCError?, _ field: String) {
        #expect(error?.code == .invalidArgument)
        #expect(error?.message == "\(field): 4 records exceed the batch limit of 3; nothing was stored")
    }

    func count(_ tenant: TestTenant, _ table: String) async throws -> String? {
        try await TenantData.with { try await $0.rows(tenant, "SELECT count(*) AS n FROM \(table)") }.first("n")
    }

    @Test func recordOrders() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer(configure: { $0.modules[IngestSettings.maximumBatch] = 3 }) { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordOrdersRequest()
                request.orders = (1...4).map { Fixtures.order("L\($0)", at: Self.orderedAt, revenue: 100, customer: "c") }
                Self.expectRefused(await #expect(throws: RPCError.self) { try await ingest.recordOrders(request) }, "orders")
                let stored = try await count(tenant, "attribution_conversions")
                #expect(stored == "0")
                request.orders.removeLast()
                let atTheLimit = try await ingest.recordOrders(request)
                #expect(atTheLimit.accepted == 3)
            }
        }
    }

    /// attrctl cuts a file into requests under the server's MAX_MESSAGE_SIZE
    /// (learnt from its SETTINGS): 4.5 MB of records the server refuses one
    /// by one (referrers over 2000 characters) go in several requests rather
    /// than one refused whole, and a 5 MB record is refused alone by attrctl,
    /// by its position, while its valid neighbours are stored.
    @Test func attrctlBatchesByEncodedSizeAndRefusesAnOversizedRecordAlone() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var orders = (0..<8).map { Fixtures.order("S\($0)", at: Self.orderedAt, revenue: 100, customer: "c") }
                for index in [1, 2, 4, 5, 6] { orders[index].referrer = "https://r.example/" + String(repeating: "p", count: 900_000) }
                orders[3].customerID = String(repeating: "x", count: 5_000_000)
                let outcome = try await IngestRunner.run(
                    OrdersKind.self, DemoSeedCommand.indexed(orders), batchSize: 500, client: ingest)
                #expect(outcome.accepted == 2)
                #expect(outcome.rejected.map(\.index).sorted() == [1, 2, 3, 4, 5, 6])
                let oversized = outcome.rejected.first { $0.index == 3 }
                #expect(oversized?.reason.hasSuffix("attrd takes requests of at most 4194304 bytes, so it was not sent") == true)
                #expect(outcome.rejected.filter { $0.index != 3 }.allSatisfy { $0.field == "referrer" })
            }
        }
    }

    @Test func recordTouchpoints() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer(configure: { $0.modules[IngestSettings.maximumBatch] = 3 }) { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_RecordTouchpointsRequest()
                request.touchpoints = (1...4).map { Fixtures.touchpoint("L\($0)", "email", at: Self.orderedAt, customer: "c") }
                Self.expectRefused(await #expect(throws: RPCError.self) { try await ingest.recordTouchpoints(request) }, "touchpoints")
                let stored = try await count(tenant, "attribution_touchpoints")
                #expect(stored == "0")
                request.touchpoints.removeLast()
                let atTheLimit = try await ingest.recordTouchpoints(request)
                #expect(atTheLimit.accepted == 3)
            }
        }
    }

    /// The limit is per message of the stream: messages before the oversized
    /// one are committed as they arrive; the oversized one ends the call and
    /// nothing of it (or after it) is stored.
    @Test func oneMessageOfStreamPixelEvents() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer(configure: { $0.modules[IngestSettings.maximumBatch] = 3 }) { attrd in
            try await attrd.withIngest(tenant) { ingest in
                let error = await #expect(throws: RPCError.self) {
                    try await ingest.streamPixelEvents { sink in
                        for (batch, size) in [3, 4, 1].enumerated() {
                            var request = Attribution_V1_IngestPixelEventsRequest()
                            request.events = (0..<size).map { Fixtures.event("m\(batch)-\($0)") }
                            try await sink.send(request)
                        }
                    }
                }
                Self.expectRefused(error, "events")
            }
        }
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT event_id FROM pixel_events ORDER BY 1") }
        #expect(stored.map { $0["event_id"] } == ["m0-0", "m0-1", "m0-2"])
    }
}
