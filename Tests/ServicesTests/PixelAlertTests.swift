import AttributionStore
import Integrations
import Authorization
import Ingest
import Pixels
import ServiceKit
import Foundation
import Protos
import RPCClient
import Storage
import SwiftProtobuf
import TestSupport
import Testing
import Wire

@Suite("Pixels: alerts", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelAlertTests {
    static func update(_ paths: [String], _ configure: (inout Attribution_V1_AlertConfig) -> Void) -> Attribution_V1_UpdateAlertConfigRequest {
        var request = Attribution_V1_UpdateAlertConfigRequest()
        configure(&request.alertConfig)
        request.updateMask.paths = paths
        return request
    }

    static func platform(_ platform: Attribution_V1_PixelPlatform, enabled: Bool, threshold: Int32) -> Attribution_V1_PlatformAlertConfig {
        var entry = Attribution_V1_PlatformAlertConfig()
        entry.platform = platform
        entry.enabled = enabled
        entry.accuracyThresholdPercent = threshold
        return entry
    }

    /// The handler alone, called directly against the test database.
    @Test func configIsValidatedFieldByFieldAndChangesOnlyTheFieldsOfTheMask() async throws {
        let tenant = try TestTenant()
        let executor = CurlExecutor(threads: 1)
        do {
            try await Self.validateDirectly(tenant, executor: executor)
        } catch {
            try? await executor.shutdown()
            throw error
        }
        try await executor.shutdown()
    }

    private static func validateDirectly(_ tenant: TestTenant, executor: CurlExecutor) async throws {
        try await TenantData.with { data in
            try await data.database.withTenant(tenant.id) { tx in
                try await tx.query("INSERT INTO tenants (id, name) VALUES ($1, 'direct')", [tenant.id])
            }
            let pixels = PixelsService(
                database: data.database, secrets: nil,
                broadcaster: PixelEventBroadcaster(
                    connectionString: try ConnectionString(try #require(TestEnvironment.databaseURL)), database: data.database,
                    logger: AttrdHarness.quiet),
                redelivery: PixelRedelivery(executor: executor, configuration: .init(transport: .init())),
                logger: AttrdHarness.quiet)
            let context = try DirectCall.context(tenant, method: Attribution_V1_Pixels.Method.updateAlertConfig)
            let defaults = try await pixels.getAlertConfig(.init(), context: context).alertConfig
            #expect(defaults.platforms.map(\.accuracyThresholdPercent) == [90, 90, 90])
            #expect(!defaults.hasUpdateTime && defaults.channel == .unspecified)

            let cases: [(Attribution_V1_UpdateAlertConfigRequest, String)] = [
                (Self.update([]) { _ in }, "update_mask"),
                (Self.update(["update_time"]) { _ in }, "update_mask"),
                (Self.update(["platforms"]) { $0.platforms = [Self.platform(.meta, enabled: false, threshold: 101)] },
                 "alert_config.platforms[0].accuracy_threshold_percent"),
                (Self.update(["platforms"]) { $0.platforms = [Self.platform(.meta, enabled: false, threshold: 5), Self.platform(.meta, enabled: false, threshold: 5)] },
                 "alert_config.platforms[1].platform"),
                (Self.update(["platforms"]) { $0.platforms = [Self.platform(.meta, enabled: true, threshold: 80)] },
                 "alert_config.channel"),
                (Self.update(["channel", "email_recipients"]) { $0.channel = .email; $0.emailRecipients = ["ops@example.com", "not an address"] },
                 "alert_config.email_recipients[1]"),
                (Self.update(["slack_channels"]) { $0.slackChannels = ["general"] }, "alert_config.slack_channels[0]"),
            ]
            for (request, field) in cases {
                let error = await DirectCall.status { _ = try await pixels.updateAlertConfig(request, context: context) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.hasPrefix(field) == true, "\(error?.message ?? "")")
            }
            let saved = try await pixels.updateAlertConfig(Self.update(["platforms", "channel", "slack_channels"]) {
                $0.platforms = [Self.platform(.tiktok, enabled: true, threshold: 75)]
                $0.channel = .slack
                $0.slackChannels = ["#pixel-alerts"]
            }, context: context).alertConfig
            #expect(saved.platforms.map(\.accuracyThresholdPercent) == [90, 90, 75])
            #expect(saved.platforms.map(\.enabled) == [false, false, true])
            #expect(saved.channel == .slack && saved.slackChannels == ["#pixel-alerts"] && saved.hasUpdateTime)
            // A later change of one field keeps the others.
            let again = try await pixels.updateAlertConfig(
                Self.update(["email_recipients"]) { $0.emailRecipients = ["ops@example.com"] }, context: context
            ).alertConfig
            #expect(again.channel == .slack && again.platforms[2].enabled && again.emailRecipients == ["ops@example.com"])
            try await data.database.withTenant(tenant.id) { tx in
                try await tx.query("DELETE FROM tenants WHERE id = $1", [tenant.id])
            }
        }
    }

    /// Through a real attrd: roles and tenants come from the certificates.
    @Test func onlyAdminsChangeTheConfigAndEachTenantHasItsOwn() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await AttrdHarness.withServer { attrd in
            try await attrd.withPixels(tenant, as: "admin") { pixels in
                _ = try await pixels.updateAlertConfig(Self.update(["channel", "slack_channels"]) {
                    $0.channel = .slack
                    $0.slackChannels = ["#pixel-alerts"]
                })
            }
            let denied = try await attrd.withPixels(tenant) { pixels in
                await #expect(throws: RPCError.self) { try await pixels.updateAlertConfig(Self.update(["channel"]) { _ in }) }
            }
            #expect(denied?.code == .permissionDenied)
            let other = try await attrd.withPixels(try TestTenant()) { try await $0.getAlertConfig(.init()) }.alertConfig
            #expect(other.channel == .unspecified, "another tenant sees its own defaults")
        }
    }

    @Test func evaluationRecordsAnAlertOncePerHour() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await AttrdHarness.withServer { attrd in
            try await attrd.record(tenant, orders: [
                Fixtures.order("a1", at: Fixtures.hoursAgo(1), revenue: 100),
                Fixtures.order("a2", at: Fixtures.hoursAgo(2), revenue: 100),
            ])
            _ = try await attrd.ingest(tenant, events: [Fixtures.purchase("m", .meta, order: "a1", hoursAgo: 1)])
            _ = try await attrd.withPixels(tenant, as: "admin") { pixels in
                try await pixels.updateAlertConfig(Self.update(["platforms", "channel", "email_recipients"]) {
                    // Meta at 50% is below 80; GA4 at 0% never alerts with threshold 0.
                    $0.platforms = [Self.platform(.meta, enabled: true, threshold: 80), Self.platform(.ga4, enabled: true, threshold: 0)]
                    $0.channel = .email
                    $0.emailRecipients = ["ops@example.com"]
                })
            }
        }
        try await TenantData.with { data in
            // A minute into the current hour, so that five minutes later is the same hour.
            let hour = (Date().timeIntervalSince1970 / 3600).rounded(.down) * 3600
            let now = Date(timeIntervalSince1970: hour + 60)
            let evaluator = PixelAlertEvaluator(database: data.database)
            #expect(try await evaluator.evaluate(tenantID: tenant.id, now: now) == ["meta"])
            // Evaluated again in the same hour: the hour's alert exists already.
            #expect(try await evaluator.evaluate(tenantID: tenant.id, now: now.addingTimeInterval(301)) == [])
            let rows = try await data.rows(
                tenant, "SELECT platform, accuracy_percent::text AS a, threshold_percent::int AS t, channel, targets, delivery_status FROM pixel_alert_events")
            #expect(rows.count == 1)
            #expect(rows.first("platform") == "meta" && rows.first("a") == "50.00" && rows.first("t") == "80")
            #expect(rows.first("channel") == "email" && rows.first("delivery_status") == "pending")

            // Without a mail server configured the alert stays pending. (Sent at
            // the evaluation's time: the alert is not due before it.)
            let outbox = AlertDeliveryReplica(database: data.database, clock: { now.addingTimeInterval(301) })
            let unconfigured = PixelAlertSender(email: nil, slack: nil, logger: AttrdHarness.quiet)
            let none = try await outbox.deliver(tenantID: tenant.id, sender: unconfigured)
            #expect(none.isEmpty)
            // With one, it is sent once and marked sent.
            let executor = CurlExecutor(threads: 1)
            try await AlertMailServer.with { mail in
                let sender = PixelAlertSender(
                    email: .init(client: mail.client(executor: executor), from: EmailAddress("attrd@example.com")),
                    slack: nil, logger: AttrdHarness.quiet)
                let delivered = try await outbox.deliver(tenantID: tenant.id, sender: sender)
                #expect(delivered == .init(sent: 1))
                let again = try await outbox.deliver(tenantID: tenant.id, sender: sender)
                #expect(again.isEmpty)
                let messages = try mail.messages()
                #expect(messages.count == 1)
                #expect(messages.first?["rcpt_tos"] as? [String] == ["ops@example.com"])
                #expect((messages.first?["subject"] as? String)?.contains("Meta at 50.0%") == true)
            }
            try await executor.shutdown()
            let status = try await data.rows(tenant, "SELECT delivery_status FROM pixel_alert_events")
            #expect(status.first("delivery_status") == "sent")
        }
    }
}
