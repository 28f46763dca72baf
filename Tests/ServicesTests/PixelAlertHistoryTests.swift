import AttributionStore
import AttrdCore
import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// ListAlertEvents: the tenant's fired alerts, newest first, with their
/// delivery outcome, paged; another tenant's alerts are never listed.
@Suite("Pixels: alert history", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertHistoryTests {
    @Test func newestFirstWithTheOutcomePagedAndFiltered() async throws {
        let (tenant, other) = (try TestTenant(), try TestTenant())
        let start = Date(timeIntervalSince1970: 1_764_000_000)
        let (sent, failed, pending) = try await TenantData.with { data in
            let fixture = AlertOutboxFixture(data: data, tenant: tenant)
            let sent = try await fixture.record(channel: "slack", targets: ["#pixels", "#ops"], at: start, platform: "meta")
            let failed = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: start + 3600, platform: "ga4")
            let pending = try await fixture.record(channel: "email", targets: ["ops@example.com"], at: start + 7200, platform: "meta")
            _ = try await AlertOutboxFixture(data: data, tenant: other).record(channel: "slack", targets: ["#x"], at: start)
            // The outcomes as the outbox records them; created_at spaced so the order is known.
            for (id, hours) in [(sent, 0), (failed, 1), (pending, 2)] {
                try await data.execute(
                    tenant, "UPDATE pixel_alert_events SET created_at = $2::timestamptz WHERE id = $1", [id, start + Double(hours) * 3600])
            }
            try await data.execute(
                tenant,
                """
                UPDATE pixel_alert_events SET delivery_status = 'sent', attempts = 2, delivered_targets = targets,
                    delivery_error = 'Slack answered 503', last_attempt_at = $2::timestamptz, sent_at = $2::timestamptz
                WHERE id = $1
                """, [sent, start + 600])
            try await data.execute(
                tenant,
                "UPDATE pixel_alert_events SET delivery_status = 'failed', attempts = 5, delivery_error = '550 no such user' WHERE id = $1",
                [failed])
            return (sent, failed, pending)
        }
        try await AttrdHarness.withServer { attrd in
            try await attrd.withPixels(tenant) { pixels in
                let all = try await pixels.listAlertEvents(.init())
                #expect(all.alertEvents.map(\.id) == [pending, failed, sent].map { $0.uuidString.lowercased() })
                #expect(all.nextPageToken.isEmpty)
                let (newest, gaveUp, delivered) = (all.alertEvents[0], all.alertEvents[1], all.alertEvents[2])
                #expect(newest.deliveryStatus == .pending && newest.attempts == 0 && newest.hasNextAttemptTime && !newest.hasSentTime)
                #expect(gaveUp.platform == .ga4 && gaveUp.channel == .email && gaveUp.targets == ["ops@example.com"])
                #expect(gaveUp.deliveryStatus == .failed && gaveUp.attempts == 5 && gaveUp.lastError == "550 no such user")
                #expect(!gaveUp.hasNextAttemptTime)
                #expect(delivered.deliveryStatus == .sent && delivered.attempts == 2)
                #expect(delivered.deliveredTargets == ["#pixels", "#ops"] && delivered.sentTime.date == start + 600)
                #expect(delivered.lastError == "Slack answered 503", "the error of an earlier attempt is kept")
                #expect(delivered.accuracyPercent == 42.5 && delivered.thresholdPercent == 80)
                #expect(delivered.createTime.date == start)

                var page = Attribution_V1_ListAlertEventsRequest()
                page.pageSize = 2
                let first = try await pixels.listAlertEvents(page)
                #expect(first.alertEvents.map(\.id) == Array(all.alertEvents.prefix(2).map(\.id)))
                page.pageToken = first.nextPageToken
                let second = try await pixels.listAlertEvents(page)
                #expect(second.alertEvents.map(\.id) == [all.alertEvents[2].id] && second.nextPageToken.isEmpty)

                var meta = Attribution_V1_ListAlertEventsRequest()
                meta.platform = .meta
                #expect(try await pixels.listAlertEvents(meta).alertEvents.map(\.id) == [newest.id, delivered.id])
                meta.pageToken = first.nextPageToken
                let mismatch = await #expect(throws: RPCError.self) { try await pixels.listAlertEvents(meta) }
                #expect(mismatch?.code == .invalidArgument && mismatch?.message.hasPrefix("page_token") == true)
                var negative = Attribution_V1_ListAlertEventsRequest()
                negative.pageSize = -1
                let invalid = await #expect(throws: RPCError.self) { try await pixels.listAlertEvents(negative) }
                #expect(invalid?.code == .invalidArgument && invalid?.message.hasPrefix("page_size") == true)
            }
            let others = try await attrd.withPixels(other) { try await $0.listAlertEvents(.init()) }
            #expect(others.alertEvents.count == 1 && others.alertEvents[0].targets == ["#x"], "each tenant sees its own alerts only")
            let fresh = try await attrd.withPixels(try TestTenant()) { try await $0.listAlertEvents(.init()) }
            #expect(fresh.alertEvents.isEmpty)
        }
    }
}
