import ArgumentParser
@testable import AttrctlCore
import Foundation
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl pixels: flags become requests")
struct PixelsRequestTests {
    /// Whether `body` fails with a usage error (a ValidationError, at parse time from `validate()` or later from
    /// `request()`) whose message contains `text`.
    static func rejects(_ text: String, _ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch {
            return AttrctlCommand.exitCode(for: error) == .validationFailure && AttrctlCommand.message(for: error).contains(text)
        }
    }

    @Test func statsPlatforms() throws {
        #expect(try PixelsStatsCommand.parse([]).request() == Attribution_V1_GetStatsRequest())
        #expect(try PixelsStatsCommand.parse(["--platform", "tiktok", "--platform", "GA4"]).request().platforms == [.tiktok, .ga4])
        #expect(Self.rejects("--platform must be one of ga4, meta, tiktok") {
            _ = try PixelsStatsCommand.parse(["--platform", "myspace"]).request()
        })
        #expect(Self.rejects("given twice") { _ = try PixelsStatsCommand.parse(["--platform", "meta", "--platform", "meta"]).request() })
    }

    @Test func eventFiltersBecomeListEventsRequest() throws {
        let request = try PixelsEventsCommand.parse([
            "--platform", "meta", "--type", "purchase", "--match", "partial", "--delivery", "failed",
            "--since", "2026-03-10T00:00:00Z", "--until", "2026-03-11T12:30:00.5+01:00", "--order", "ORD-",
            "--page-size", "20", "--page-token", "abc",
        ]).request()
        var expected = Attribution_V1_ListEventsRequest()
        expected.platform = .meta
        expected.eventType = .purchase
        expected.matchStatus = .partial
        expected.deliveryStatus = .failed
        expected.startTime = Google_Protobuf_Timestamp(seconds: 1_773_100_800)
        expected.endTime = Google_Protobuf_Timestamp(seconds: 1_773_100_800 + 86_400 + 41_400, nanos: 500_000_000)
        expected.orderIDPrefix = "ORD-"
        expected.pageSize = 20
        expected.pageToken = "abc"
        #expect(request == expected)
        #expect(try PixelsEventsCommand.parse([]).request() == Attribution_V1_ListEventsRequest())
        // The tail command's flag names work too; --all asks for the largest pages.
        let aliases = try PixelsEventsCommand.parse(["--event-type", "page_view", "--match-status", "matched", "--all"]).request()
        #expect(aliases.eventType == .pageView && aliases.matchStatus == .matched && aliases.pageSize == 200)
    }

    @Test func badEventFiltersNameTheFlag() {
        #expect(Self.rejects("--type must be one of") { _ = try PixelsEventsCommand.parse(["--type", "click"]).request() })
        #expect(Self.rejects("--since must be an RFC 3339") { _ = try PixelsEventsCommand.parse(["--since", "yesterday"]).request() })
        #expect(Self.rejects("--until must be after --since") {
            _ = try PixelsEventsCommand.parse(["--since", "2026-03-10T00:00:00Z", "--until", "2026-03-09T00:00:00Z"]).request()
        })
        #expect(Self.rejects("--page-size must be 1 to 200") { _ = try PixelsEventsCommand.parse(["--page-size", "0"]).request() })
        #expect(Self.rejects("--page-size must be 1 to 200") { _ = try PixelsEventsCommand.parse(["--page-size", "201"]).request() })
    }

    @Test func allFollowsThePages() async throws {
        var asked: [String] = []
        let response = try await PixelsEventsCommand.list(Attribution_V1_ListEventsRequest(), all: true) { request in
            asked.append(request.pageToken)
            var page = Attribution_V1_ListEventsResponse()
            var event = Attribution_V1_PixelEventRecord()
            event.id = "e\(asked.count)"
            page.events = [event]
            page.nextPageToken = asked.count < 3 ? "t\(asked.count)" : ""
            page.totalSize = 3
            return page
        }
        #expect(asked == ["", "t1", "t2"])
        #expect(response.events.map(\.id) == ["e1", "e2", "e3"])
        #expect(response.nextPageToken.isEmpty && response.totalSize == 3)
    }

    @Test func alertsSetMasksOnlyTheFlagsGiven() throws {
        let request = try PixelsAlertsSetCommand.parse([
            "--alert", "meta:on:90", "--alert", "GA4:off:85", "--channel", "email", "--email", "ops@example.com",
            "--email", "cto@example.com",
        ]).request()
        #expect(request.updateMask.paths == ["platforms", "channel", "email_recipients"])
        #expect(request.alertConfig.platforms.map(\.platform) == [.meta, .ga4])
        #expect(request.alertConfig.platforms.map(\.enabled) == [true, false])
        #expect(request.alertConfig.platforms.map(\.accuracyThresholdPercent) == [90, 85])
        #expect(request.alertConfig.channel == .email)
        #expect(request.alertConfig.emailRecipients == ["ops@example.com", "cto@example.com"])
        #expect(request.alertConfig.slackChannels.isEmpty)

        let slack = try PixelsAlertsSetCommand.parse(["--slack", "#pixel-alerts", "--clear-email"]).request()
        #expect(slack.updateMask.paths == ["email_recipients", "slack_channels"])
        #expect(slack.alertConfig.slackChannels == ["#pixel-alerts"] && slack.alertConfig.emailRecipients.isEmpty)

        let none = try PixelsAlertsSetCommand.parse(["--channel", "none"]).request()
        #expect(none.updateMask.paths == ["channel"] && none.alertConfig.channel == .unspecified)
    }

    @Test func badAlertFlags() {
        #expect(Self.rejects("nothing to change") { _ = try PixelsAlertsSetCommand.parse([]).request() })
        #expect(Self.rejects("--alert must be PLATFORM:on|off:THRESHOLD") { _ = try PixelsAlertsSetCommand.parse(["--alert", "meta:on"]).request() })
        #expect(Self.rejects("--alert must be PLATFORM:on|off:THRESHOLD") { _ = try PixelsAlertsSetCommand.parse(["--alert", "meta:yes:90"]).request() })
        #expect(Self.rejects("threshold must be 0 to 100") { _ = try PixelsAlertsSetCommand.parse(["--alert", "meta:on:101"]).request() })
        #expect(Self.rejects("--alert platform must be one of") { _ = try PixelsAlertsSetCommand.parse(["--alert", "bing:on:90"]).request() })
        #expect(Self.rejects("given twice") { _ = try PixelsAlertsSetCommand.parse(["--alert", "meta:on:90", "--alert", "meta:off:90"]).request() })
        #expect(Self.rejects("--channel must be one of email, slack, none") { _ = try PixelsAlertsSetCommand.parse(["--channel", "sms"]).request() })
        #expect(Self.rejects("exclude each other") { _ = try PixelsAlertsSetCommand.parse(["--email", "a@b.c", "--clear-email"]).request() })
    }

    @Test func emqFailuresAndRetryRequests() throws {
        let emq = try PixelsEmqCommand.parse(["--days", "30", "--type", "purchase"]).request()
        #expect(emq.days == 30 && emq.eventType == .purchase)
        #expect(try PixelsEmqCommand.parse([]).request() == Attribution_V1_GetEmqRequest())
        #expect(Self.rejects("--days must be 1 to 90") { _ = try PixelsEmqCommand.parse(["--days", "91"]).request() })

        let failures = try PixelsFailuresCommand.parse(["--platform", "tiktok", "--error-type", "rate_limited", "--page-size", "10"]).request()
        #expect(failures.platform == .tiktok && failures.errorType == .rateLimited && failures.pageSize == 10)
        #expect(Self.rejects("--error-type must be one of") { _ = try PixelsFailuresCommand.parse(["--error-type", "dns"]).request() })

        let id1 = "0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e", id2 = "1b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e"
        #expect(try PixelsRetryCommand.parse([id1, id2]).request().ids == [id1, id2])
        #expect(Self.rejects("give 1 to 100 event ids") { _ = try PixelsRetryCommand.parse([]).request() })
        #expect(Self.rejects("is not an event id") { _ = try PixelsRetryCommand.parse(["e1"]).request() })
        #expect(Self.rejects("given twice") { _ = try PixelsRetryCommand.parse([id1, id1.uppercased()]).request() })
        #expect(try PixelsRetryCommand.parse([id1]).timeout == 120)
        #expect(try PixelsRetryCommand.parse(["--timeout", "30", id1]).timeout == 30)
        #expect(Self.rejects("--timeout must be 5 to 600 seconds") { _ = try PixelsRetryCommand.parse(["--timeout", "4", id1]).request() })
    }

    @Test func destinationSecretComesFromTheFile() throws {
        let command = try PixelsDestinationsSetCommand.parse(["--platform", "meta", "--id", "123456", "--secret-file", "s.txt"])
        let request = try command.request { path in
            #expect(path == "s.txt")
            return Data("  EAAB-token\n".utf8)
        }
        #expect(request.destination.platform == .meta)
        #expect(request.destination.destinationID == "123456")
        #expect(request.destination.secret == "EAAB-token")
        #expect(Self.rejects("the secret must be 1 to 1000 characters") { _ = try command.request { _ in Data("\n".utf8) } })
        #expect(Self.rejects("cannot read s.txt") { _ = try command.request { _ in throw CocoaError(.fileNoSuchFile) } })
        #expect(Self.rejects("--platform must be one of") {
            _ = try PixelsDestinationsSetCommand.parse(["--platform", "x", "--id", "1", "--secret-file", "-"]).request { _ in Data("s".utf8) }
        })
        // A real file, as the command reads it.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("attrctl-secret-\(UUID().uuidString)")
        try Data("file-secret\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let fromFile = try PixelsDestinationsSetCommand.parse(["--platform", "ga4", "--id", "G-ABC", "--secret-file", url.path]).request()
        #expect(fromFile.destination.secret == "file-secret")
    }

    @Test func destinationsDeleteNamesOnePlatform() throws {
        #expect(try PixelsDestinationsDeleteCommand.parse(["--platform", "TikTok"]).request().platform == .tiktok)
        #expect(Self.rejects("--platform must be one of ga4, meta, tiktok") {
            _ = try PixelsDestinationsDeleteCommand.parse(["--platform", "bing"]).request()
        })
        #expect(Self.rejects("--platform") { _ = try PixelsDestinationsDeleteCommand.parse([]) })
    }

    @Test func alertsHistoryRequest() throws {
        let request = try PixelsAlertsHistoryCommand.parse(["--platform", "meta", "--page-size", "20", "--page-token", "t"]).request()
        var expected = Attribution_V1_ListAlertEventsRequest()
        expected.platform = .meta
        expected.pageSize = 20
        expected.pageToken = "t"
        #expect(request == expected)
        #expect(try PixelsAlertsHistoryCommand.parse([]).request() == Attribution_V1_ListAlertEventsRequest())
        #expect(try PixelsAlertsHistoryCommand.parse(["--all"]).request().pageSize == 200)
        #expect(Self.rejects("--page-size must be 1 to 200") { _ = try PixelsAlertsHistoryCommand.parse(["--page-size", "0"]).request() })
        #expect(Self.rejects("--platform must be one of") { _ = try PixelsAlertsHistoryCommand.parse(["--platform", "x"]).request() })
        #expect(Self.rejects("leave out --page-token") {
            _ = try PixelsAlertsHistoryCommand.parse(["--all", "--page-token", "t"]).request()
        })
    }

    @Test func alertsHistoryAllFollowsThePages() async throws {
        var asked: [String] = []
        let response = try await PixelsAlertsHistoryCommand.list(Attribution_V1_ListAlertEventsRequest(), all: true) { request in
            asked.append(request.pageToken)
            var page = Attribution_V1_ListAlertEventsResponse()
            var alert = Attribution_V1_AlertEvent()
            alert.id = "a\(asked.count)"
            page.alertEvents = [alert]
            // The third page repeats the second token: the loop ends instead of going round.
            page.nextPageToken = asked.count < 3 ? "t\(asked.count)" : "t2"
            return page
        }
        #expect(asked == ["", "t1", "t2"])
        #expect(response.alertEvents.map(\.id) == ["a1", "a2", "a3"])
        let one = try await PixelsAlertsHistoryCommand.list(Attribution_V1_ListAlertEventsRequest(), all: false) { _ in
            var page = Attribution_V1_ListAlertEventsResponse()
            page.nextPageToken = "more"
            return page
        }
        #expect(one.nextPageToken == "more")
    }
}
