import Pixels
import LayeredConfig
import AttrdCore
import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// GetStats on a small fixture against hand-computed numbers.
@Suite("Pixels: stats", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelStatsTests {
    @Test func accuracyStitchingActivityAndIssues() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await AttrdHarness.withServer { attrd in
            // Window W (last 24 h): o1–o4; the 24 h before: p1, p2.
            try await attrd.record(tenant, orders: [
                Fixtures.order("o1", at: Fixtures.hoursAgo(2), revenue: 100, customer: "c1", session: "s1"),
                Fixtures.order("o2", at: Fixtures.hoursAgo(3), revenue: 100, customer: "c2", session: "s2"),
                Fixtures.order("o3", at: Fixtures.hoursAgo(4), revenue: 100, customer: "c3"),
                Fixtures.order("o4", at: Fixtures.hoursAgo(5), revenue: 100),
                Fixtures.order("p1", at: Fixtures.hoursAgo(30), revenue: 100, customer: "c5", session: "sp1"),
                Fixtures.order("p2", at: Fixtures.hoursAgo(31), revenue: 100),
            ])
            _ = try await attrd.ingest(tenant, events: [
                // Meta: o1 counts; o2 only partly matched; o3 failed; p1 counts for the previous window.
                Fixtures.purchase("m1", .meta, order: "o1", hoursAgo: 2, session: "s1"),
                Fixtures.purchase("m2", .meta, order: "o2", hoursAgo: 3, session: "s2", email: false),
                Fixtures.purchase("m3", .meta, order: "o3", hoursAgo: 4, session: "s3", delivery: .failed),
                Fixtures.purchase("m4", .meta, order: "p1", hoursAgo: 30, session: "sp1"),
                // GA4: three of four.
                Fixtures.purchase("g1", .ga4, order: "o1", hoursAgo: 2),
                Fixtures.purchase("g2", .ga4, order: "o2", hoursAgo: 3),
                Fixtures.purchase("g3", .ga4, order: "o3", hoursAgo: 4),
            ])
            try await attrd.withPixels(tenant, as: "admin") { pixels in
                var update = Attribution_V1_UpdateAlertConfigRequest()
                var ga4 = Attribution_V1_PlatformAlertConfig()
                ga4.platform = .ga4
                ga4.accuracyThresholdPercent = 70
                update.alertConfig.platforms = [ga4]
                update.updateMask.paths = ["platforms"]
                _ = try await pixels.updateAlertConfig(update)
            }
            let response = try await attrd.withPixels(tenant) { try await $0.getStats(Attribution_V1_GetStatsRequest()) }
            #expect(response.stats.map(\.platform) == [.ga4, .meta, .tiktok])
            #expect(response.noEventsHours == 6)
            let (ga4, meta, tiktok) = (response.stats[0], response.stats[1], response.stats[2])

            #expect(meta.orders24H == 4)
            #expect(meta.previousOrders24H == 2)
            #expect(meta.matchedOrders24H == 1)
            #expect(meta.accuracyPercent == 25)
            #expect(meta.previousAccuracyPercent == 50)
            #expect(meta.accuracyTrendPoints == -25)
            #expect(meta.eventCount24H == 3)
            // Sessions s1, s2 (stitched by their orders) and s3 (not): 2 of 3; before: sp1 of sp1.
            #expect(abs(meta.sessionStitchingRatePercent - 200.0 / 3) < 1e-9)
            #expect(meta.previousSessionStitchingRatePercent == 100)
            #expect(meta.issues == [.accuracyBelowThreshold, .stitchingRateDropped])

            #expect(ga4.accuracyPercent == 75)
            #expect(ga4.accuracyTrendPoints == 75)
            #expect(ga4.issues.isEmpty, "75% is above GA4's threshold of 70")

            #expect(tiktok.orders24H == 4)
            #expect(tiktok.accuracyPercent == 0)
            #expect(!tiktok.hasLastEventTime)
            #expect(tiktok.issues == [.accuracyBelowThreshold, .noRecentEvents])

            let one = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetStatsRequest()
                request.platforms = [.tiktok]
                return try await pixels.getStats(request)
            }
            #expect(one.stats.map(\.platform) == [.tiktok])
        }
    }

    /// --pixel-no-events-hours and --pixel-stitching-drop-points reach
    /// GetStats: the response states them and the flags follow them.
    @Test func issueThresholdsAreServerSettings() async throws {
        let tenant = try TestTenant()
        _ = try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [Fixtures.purchase("m1", .meta, order: "t1", hoursAgo: 3)])
        }
        // Received 3 hours ago.
        try await TenantData.with { try await $0.execute(tenant, "UPDATE pixel_events SET received_at = now() - interval '3 hours'") }
        let (defaults, configured) = try await (
            AttrdHarness.withServer { attrd in try await attrd.withPixels(tenant) { try await $0.getStats(.init()) } },
            AttrdHarness.withServer(configure: {
                $0.modules[PixelsSettings.noEventsHours] = 2
                $0.modules[PixelsSettings.stitchingDropPoints] = 2.5
            }) { attrd in try await attrd.withPixels(tenant) { try await $0.getStats(.init()) } }
        )
        #expect(defaults.noEventsHours == 6 && defaults.stitchingDropPoints == 10)
        #expect(configured.noEventsHours == 2 && configured.stitchingDropPoints == 2.5)
        // Meta's last event arrived 3 hours ago: quiet for 2 hours, not for 6.
        #expect(!defaults.stats[1].issues.contains(.noRecentEvents))
        #expect(configured.stats[1].issues.contains(.noRecentEvents))
    }

    /// A tenant with events but no orders: accuracy is not available (NO_ORDERS), not a healthy 0%.
    @Test func withoutOrdersAccuracyIsFlaggedNotAvailable() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [Fixtures.purchase("m1", .meta, order: "none", hoursAgo: 1)])
            let meta = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetStatsRequest()
                request.platforms = [.meta]
                return try await pixels.getStats(request)
            }.stats[0]
            #expect(meta.orders24H == 0 && meta.eventCount24H == 1)
            #expect(meta.issues == [.noOrders])
        }
    }

    @Test func aDuplicatePlatformIsInvalid() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            let error = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetStatsRequest()
                request.platforms = [.meta, .meta]
                return await #expect(throws: RPCError.self) { try await pixels.getStats(request) }
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.hasPrefix("platforms[1]") == true)
        }
    }
}
