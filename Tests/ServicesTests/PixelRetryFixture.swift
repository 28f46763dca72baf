import Pixels
import LayeredConfig
import AttrdCore
import Foundation
import Protos
import TestSupport
import Testing

/// attrd with the platforms' base URLs on a `FakePlatform`, and failed
/// events to retry, for the RetryEvents tests.
extension PixelRetryTests {
    static func withFake<Result: Sendable>(
        configure: (inout AttrdConfiguration) -> Void = { _ in }, _ body: (AttrdHarness, FakePlatform) async throws -> Result
    ) async throws -> Result {
        try await FakePlatform.with { fake in
            try await AttrdHarness.withServer(configure: {
                $0.modules[PixelsSettings.metaURL] = fake.base + "/meta"
                $0.modules[PixelsSettings.tiktokURL] = fake.base + "/tiktok"
                $0.modules[PixelsSettings.ga4URL] = fake.base + "/ga4"
                configure(&$0)
            }) { attrd in
                do {
                    return try await body(attrd, fake)
                } catch {
                    // Held requests are answered before attrd shuts down, so that it need not wait for them.
                    try? fake.release()
                    throw error
                }
            }
        }
    }

    /// Ingests a failed purchase per (sender's event id, platform) and returns their server ids by sender's id.
    static func failed(
        _ attrd: AttrdHarness, _ tenant: TestTenant, _ events: [(String, Attribution_V1_PixelPlatform)]
    ) async throws -> [String: String] {
        _ = try await attrd.ingest(tenant, events: events.map { id, platform in
            Fixtures.purchase(id, platform, order: "order-\(id)", hoursAgo: 1, delivery: .failed)
        })
        let listed = try await attrd.withPixels(tenant) { try await $0.listEvents(.init()) }.events
        return Dictionary(uniqueKeysWithValues: listed.map { ($0.eventID, $0.id) })
    }

    static func retry(_ ids: [String]) -> Attribution_V1_RetryEventsRequest {
        var request = Attribution_V1_RetryEventsRequest()
        request.ids = ids
        return request
    }

    /// Requests the fake has received so far.
    static func requestCount(_ fake: FakePlatform) -> Int {
        fake.process.output.filter { $0.hasPrefix("REQUEST ") }.count
    }
}
