@testable import AttrctlCore
import Foundation
import Protos
import SwiftProtobuf
import Testing

@Suite("attrctl pixels: tables and protobuf JSON")
struct PixelsRenderTests {
    static let time = Google_Protobuf_Timestamp(seconds: 1_764_000_000)  // 2025-11-24T16:00:00Z

    static func stats() -> Attribution_V1_GetStatsResponse {
        var meta = Attribution_V1_PlatformPixelStats()
        meta.platform = .meta
        meta.accuracyPercent = 87.5
        meta.accuracyTrendPoints = -2.5
        meta.orders24H = 8
        meta.previousOrders24H = 5
        meta.matchedOrders24H = 7
        meta.sessionStitchingRatePercent = 50
        meta.eventCount24H = 42
        meta.lastEventTime = time
        meta.issues = [.accuracyBelowThreshold, .stitchingRateDropped]
        var ga4 = Attribution_V1_PlatformPixelStats()
        ga4.platform = .ga4
        ga4.issues = [.noRecentEvents, .noOrders]
        var response = Attribution_V1_GetStatsResponse()
        response.stats = [ga4, meta]
        response.computeTime = time
        response.noEventsHours = 6
        response.stitchingDropPoints = 10
        return response
    }

    @Test func statsTable() throws {
        let text = try PixelsStatsCommand.render(Self.stats(), format: .table)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("PLATFORM   ACCURACY   TREND      MATCHED/ORDERS   STITCHING   EVENTS 24H   LAST EVENT"))
        // No orders: accuracy and trend are not available rather than 0%, and the footer says why.
        #expect(lines[1].hasPrefix("ga4        n/a        n/a        n/a (0 orders)   0.0%        0            -"))
        #expect(lines[1].hasSuffix("no_recent_events,no_orders"))
        #expect(lines[2].hasPrefix("meta       87.5%      -2.5 pts   7/8              50.0%       42           2025-11-24T16:00:00Z"))
        #expect(lines[2].hasSuffix("accuracy_below_threshold,stitching_rate_dropped"))
        #expect(text.contains("Computed at 2025-11-24T16:00:00Z"))
        #expect(text.hasSuffix("n/a: no_orders: no orders in the window, so there is no accuracy to measure "
            + "(record orders with `attrctl ingest orders`); the trend is n/a when either window had none."))
    }

    @Test func statsTrendIsNotAvailableWithoutOrdersInThePreviousWindow() throws {
        var response = Self.stats()
        response.stats[1].previousOrders24H = 0
        response.stats.removeFirst()
        let text = try PixelsStatsCommand.render(response, format: .table)
        let row = text.split(separator: "\n")[1].split(separator: " ", omittingEmptySubsequences: true)
        #expect(row.prefix(4) == ["meta", "87.5%", "n/a", "7/8"])
        #expect(!text.contains("no_orders:"), "nothing to explain when the window had orders")
    }

    @Test func jsonIsTheProtobufMapping() throws {
        let json = try PixelsStatsCommand.render(Self.stats(), format: .json)
        #expect(try Attribution_V1_GetStatsResponse(jsonString: json) == Self.stats())
        #expect(json.contains(#""issues":["PIXEL_ISSUE_ACCURACY_BELOW_THRESHOLD","PIXEL_ISSUE_STITCHING_RATE_DROPPED"]"#))
        #expect(json.contains(#""orders24h":"8""#))
    }

    @Test func eventsTableWithNextPageHint() throws {
        var response = Attribution_V1_ListEventsResponse()
        response.events = [PixelsTailTests.event()]
        response.events[0].eventTime = Self.time
        response.nextPageToken = "tok"
        response.totalSize = 7
        let text = try PixelsEventsCommand.render(response, format: .table)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true)
            == ["TIME", "PLATFORM", "TYPE", "ID", "EVENT", "ID", "ORDER", "ID", "MATCH", "DELIVERY", "ERROR"])
        #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true).prefix(8) == [
            "2025-11-24T16:00:00Z", "meta", "purchase", "0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e", "e1", "O-1", "matched", "failed",
        ])
        #expect(lines[1].hasSuffix("bad token"))
        #expect(lines[2] == "1 shown of 7 matching. Next page: --page-token tok (or --all).")
        #expect(try Attribution_V1_ListEventsResponse(jsonString: PixelsEventsCommand.render(response, format: .json)) == response)
        #expect(try PixelsEventsCommand.render(Attribution_V1_ListEventsResponse(), format: .table) == "No events.\n\n0 shown of 0 matching.")
    }

    /// Past the server's count limit, total_size is a lower bound: the footer says "more than".
    @Test func eventsFooterSaysWhenTheCountIsALowerBound() throws {
        var response = Attribution_V1_ListEventsResponse()
        response.totalSize = 10_000
        response.totalSizeIsLowerBound = true
        #expect(try PixelsEventsCommand.render(response, format: .table) == "No events.\n\n0 shown of more than 10000 matching.")
    }

    /// Events whose every column is long: 100 columns fit by shortening the id, leaving out the
    /// event id and clipping the order id and the error; -o wide shows them whole.
    static func longEvents() -> Attribution_V1_ListEventsResponse {
        var response = Attribution_V1_ListEventsResponse()
        var event = PixelsTailTests.event()
        event.eventTime = Self.time
        event.eventType = .addToCart
        event.eventID = "evt-" + String(repeating: "9", count: 40)
        event.orderID = "demo-o-20261115-3-with-a-long-suffix"
        event.matchStatus = .unmatched
        event.deliveryStatus = .delivered
        event.errorMessage = String(repeating: "platform said no ", count: 10)
        response.events = [event, PixelsTailTests.event()]
        response.events[1].eventTime = Self.time
        response.totalSize = 2
        return response
    }

    @Test func eventsTableFitsTheWidth() throws {
        let response = Self.longEvents()
        let text = try PixelsEventsCommand.render(response, format: .table, width: 100)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true)
            == ["TIME", "PLATFORM", "TYPE", "ID", "ORDER", "ID", "MATCH", "DELIVERY", "ERROR"])
        let row = lines[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(row.prefix(4) == ["2025-11-24T16:00:00Z", "meta", "add_to_cart", "0b7c8a43"])
        #expect(row[4].hasPrefix("demo-o") && row[4].hasSuffix("…"))
        #expect(!text.contains("evt-9"))
        // Wide enough: nothing is cut.
        let roomy = try PixelsEventsCommand.render(response, format: .table, width: 400)
        #expect(roomy == (try PixelsEventsCommand.render(response, format: .table)))
        #expect(roomy.contains("0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e") && roomy.contains(response.events[0].eventID))
        // -o wide: every column, whole ids and the whole error.
        let wide = try PixelsEventsCommand.render(response, format: .wide, width: nil)
        #expect(wide.contains("0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e") && wide.contains(response.events[0].eventID))
        #expect(wide.contains(response.events[0].errorMessage.trimmingCharacters(in: .whitespaces)))
    }

    @Test func failuresTableFitsTheWidth() throws {
        var failure = Attribution_V1_PixelFailure()
        failure.event = Self.longEvents().events[0]
        failure.errorType = .authentication
        failure.errorMessage = failure.event.errorMessage
        failure.attempts = 12
        failure.lastAttemptTime = Self.time
        var response = Attribution_V1_ListFailuresResponse()
        response.failures = [failure]
        let text = try PixelsFailuresCommand.render(response, format: .table, width: 100)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count))")
        #expect(lines[0].split(separator: " ", omittingEmptySubsequences: true)
            == ["LAST", "ATTEMPT", "PLATFORM", "ID", "ORDER", "ID", "ERROR", "TYPE", "ATTEMPTS", "ERROR"])
        #expect(lines[1].split(separator: " ", omittingEmptySubsequences: true).prefix(3) == ["2025-11-24T16:00:00Z", "meta", "0b7c8a43"])
        let wide = try PixelsFailuresCommand.render(response, format: .wide)
        #expect(wide.contains("0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e") && wide.contains("add_to_cart"))
    }

    @Test func destinationDeletedSaysWhat() throws {
        var response = Attribution_V1_DeleteDestinationResponse()
        response.destination.platform = .meta
        response.destination.destinationID = "1234567890"
        response.destination.secretSet = true
        response.destination.updateTime = Self.time
        #expect(try PixelsDestinationsDeleteCommand.render(response, format: .table)
            == "Deleted the meta destination 1234567890 (set 2025-11-24T16:00:00Z) and its secret.")
        let json = try PixelsDestinationsDeleteCommand.render(response, format: .json)
        #expect(try Attribution_V1_DeleteDestinationResponse(jsonString: json) == response)
    }

    static func alertHistory() -> Attribution_V1_ListAlertEventsResponse {
        var sent = Attribution_V1_AlertEvent()
        sent.id = "a1"
        sent.platform = .meta
        sent.accuracyPercent = 42.5
        sent.thresholdPercent = 80
        sent.channel = .slack
        sent.targets = ["#pixels", "#ops"]
        sent.deliveredTargets = ["#pixels", "#ops"]
        sent.deliveryStatus = .sent
        sent.attempts = 2
        sent.lastError = "Slack answered 503"
        sent.createTime = Self.time
        sent.sentTime = Self.time
        var failed = Attribution_V1_AlertEvent()
        failed.id = "a0"
        failed.platform = .ga4
        failed.accuracyPercent = 10
        failed.thresholdPercent = 90
        failed.channel = .email
        failed.targets = ["ops@example.com"]
        failed.deliveryStatus = .failed
        failed.attempts = 5
        failed.lastError = "550 no such user"
        failed.createTime = Self.time
        var response = Attribution_V1_ListAlertEventsResponse()
        response.alertEvents = [sent, failed]
        response.nextPageToken = "tok"
        return response
    }

    @Test func alertHistoryTable() throws {
        let text = try PixelsAlertsHistoryCommand.render(Self.alertHistory(), format: .table)
        #expect(text == """
            FIRED                  PLATFORM   ACCURACY      CHANNEL   TARGETS           DELIVERED   STATUS   ATTEMPTS   SENT                   ERROR
            2025-11-24T16:00:00Z   meta       42.5% < 80%   slack     #pixels,#ops      2/2         sent     2          2025-11-24T16:00:00Z   Slack answered 503
            2025-11-24T16:00:00Z   ga4        10.0% < 90%   email     ops@example.com   0/1         failed   5          -                      550 no such user

            Next page: --page-token tok (or --all).
            """)
        let narrow = try PixelsAlertsHistoryCommand.render(Self.alertHistory(), format: .table, width: 100)
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 100 })
        #expect(!narrow.contains("SENT"), "the sent time is left out first")
        let json = try PixelsAlertsHistoryCommand.render(Self.alertHistory(), format: .json)
        #expect(try Attribution_V1_ListAlertEventsResponse(jsonString: json) == Self.alertHistory())
        #expect(json.contains(#""deliveryStatus":"ALERT_DELIVERY_STATUS_FAILED""#))
        #expect(try PixelsAlertsHistoryCommand.render(.init(), format: .table) == "No alerts fired.")
    }

    @Test func alertConfigTable() {
        var config = Attribution_V1_AlertConfig()
        for (platform, enabled) in [(Attribution_V1_PixelPlatform.ga4, false), (.meta, true)] {
            var entry = Attribution_V1_PlatformAlertConfig()
            entry.platform = platform
            entry.enabled = enabled
            entry.accuracyThresholdPercent = 90
            config.platforms.append(entry)
        }
        config.channel = .slack
        config.slackChannels = ["#pixels", "#ops"]
        #expect(AlertConfigTable.render(config) == """
            PLATFORM   ENABLED   THRESHOLD
            ga4        off       90%
            meta       on        90%

            channel:  slack
            email:    -
            slack:    #pixels, #ops
            updated:  never (defaults)
            """)
    }

    @Test func emqReport() throws {
        var response = Attribution_V1_GetEmqResponse()
        response.overallScore = 6.4
        response.eventCount = 120
        var em = Attribution_V1_EmqParameterScore()
        em.parameter = "em"
        em.weight = 30
        em.coveragePercent = 80
        em.score = 8
        response.parameterScores = [em]
        var day = Attribution_V1_EmqDailyScore()
        day.date.year = 2026
        day.date.month = 3
        day.date.day = 9
        day.score = 5.5
        day.eventCount = 17
        response.trend = [day]
        let text = try PixelsEmqCommand.render(response, format: .table)
        #expect(text.hasPrefix("Estimated EMQ: 6.4/10 over 120 Meta events of today and the 6 days before (UTC)"))
        #expect(text.contains("PARAMETER   WEIGHT   COVERAGE   SCORE\nem          30       80.0%      8.0"))
        #expect(text.hasSuffix("DATE         SCORE   EVENTS\n2026-03-09   5.5     17"))
        #expect(try Attribution_V1_GetEmqResponse(jsonString: PixelsEmqCommand.render(response, format: .json)) == response)
    }

    @Test func failuresTable() throws {
        var failure = Attribution_V1_PixelFailure()
        failure.event = PixelsTailTests.event()
        failure.errorType = .rateLimited
        failure.errorMessage = "HTTP 429:\nslow down"
        failure.attempts = 3
        failure.lastAttemptTime = Self.time
        var response = Attribution_V1_ListFailuresResponse()
        response.failures = [failure]
        let text = try PixelsFailuresCommand.render(response, format: .table)
        let row = text.split(separator: "\n")[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(row == [
            "2025-11-24T16:00:00Z", "meta", "purchase", "0b7c8a43-51ab-4f0e-9d67-1f1a2b3c4d5e", "O-1", "rate_limited", "3", "HTTP", "429:",
            "slow", "down",
        ])
        #expect(try PixelsFailuresCommand.render(Attribution_V1_ListFailuresResponse(), format: .table) == "No failed events.")
    }

    @Test func retryOutcomesAndExitStatus() throws {
        func result(_ id: String, _ outcome: Attribution_V1_RetryOutcome) -> Attribution_V1_RetryResult {
            var result = Attribution_V1_RetryResult()
            result.id = id
            result.outcome = outcome
            result.attempts = outcome == .notFound ? 0 : 2
            if outcome == .failed {
                result.errorType = .authentication
                result.errorMessage = "HTTP 401"
            }
            return result
        }
        var response = Attribution_V1_RetryEventsResponse()
        response.results = [result("a", .delivered), result("b", .alreadyDelivered)]
        #expect(!PixelsRetryCommand.anyNotDelivered(response))
        response.results += [result("c", .failed), result("d", .notFound)]
        #expect(PixelsRetryCommand.anyNotDelivered(response))
        #expect(try PixelsRetryCommand.render(response, format: .table) == """
            ID   OUTCOME             ATTEMPTS   ERROR TYPE       ERROR
            a    delivered           2          -                -
            b    already_delivered   2          -                -
            c    failed              2          authentication   HTTP 401
            d    not_found           0          -                -
            """)
        let json = try PixelsRetryCommand.render(response, format: .json)
        #expect(json.contains(#""outcome":"RETRY_OUTCOME_NOT_FOUND""#))
        #expect(try Attribution_V1_RetryEventsResponse(jsonString: json) == response)
    }

    @Test func retryOutcomesOfConcurrencyDeadlinesAndStorageAreNotDeliveries() throws {
        func result(_ id: String, _ outcome: Attribution_V1_RetryOutcome, _ message: String) -> Attribution_V1_RetryResult {
            var result = Attribution_V1_RetryResult()
            result.id = id
            result.outcome = outcome
            result.attempts = 1
            result.errorMessage = message
            return result
        }
        for outcome in [Attribution_V1_RetryOutcome.inProgress, .notAttempted, .notRecorded] {
            var response = Attribution_V1_RetryEventsResponse()
            response.results = [result("a", .delivered, ""), result("b", outcome, "why")]
            #expect(PixelsRetryCommand.anyNotDelivered(response), "\(outcome)")
        }
        var response = Attribution_V1_RetryEventsResponse()
        response.results = [
            result("a", .inProgress, "not sent: another RetryEvents call is sending this event now"),
            result("b", .notAttempted, "not sent: less than 1 s was left"),
            result("c", .notRecorded, "the platform accepted the event, but its outcome could not be stored"),
        ]
        #expect(try PixelsRetryCommand.render(response, format: .table) == """
            ID   OUTCOME         ATTEMPTS   ERROR TYPE   ERROR
            a    in_progress     1          -            not sent: another RetryEvents call is sending this event now
            b    not_attempted   1          -            not sent: less than 1 s was left
            c    not_recorded    1          -            the platform accepted the event, but its outcome could not …
            """)
    }

    @Test func destinationsNeverShowSecrets() {
        var destination = Attribution_V1_PixelDestination()
        destination.platform = .ga4
        destination.destinationID = "G-ABC123"
        destination.secretSet = true
        destination.updateTime = Self.time
        #expect(PixelsDestinationsListCommand.render([destination]) == """
            PLATFORM   DESTINATION ID   SECRET   UPDATED
            ga4        G-ABC123         set      2025-11-24T16:00:00Z
            """)
        #expect(PixelsDestinationsListCommand.render([]).hasPrefix("No destinations"))
    }
}
