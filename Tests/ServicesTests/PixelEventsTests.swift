import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// ListEvents and ListFailures: filters, search, pagination over every event, isolation.
@Suite("Pixels: event log", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelEventsTests {
    /// More than 1000 events (the live stream's bound, not the log's): the
    /// oldest are found by order id and by time range, and the pages go
    /// through every event, newest first, each once.
    @Test func everyStoredEventIsSearchableAndPagedThrough() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            // 1005 events a minute apart, e0 the newest; the 5 oldest carry order ids.
            let events = (0..<1005).map { index in
                Fixtures.event(
                    "e\(index)", type: index >= 1000 ? .purchase : .pageView, at: Fixtures.hoursAgo(Double(index) / 60 + 0.01),
                    orderID: index >= 1000 ? "OLD-\(index)" : "")
            }
            for batch in stride(from: 0, to: events.count, by: 500) {
                _ = try await attrd.ingest(tenant, events: Array(events[batch..<min(batch + 500, events.count)]))
            }
            func list(_ configure: (inout Attribution_V1_ListEventsRequest) -> Void) async throws -> Attribution_V1_ListEventsResponse {
                var request = Attribution_V1_ListEventsRequest()
                configure(&request)
                return try await attrd.withPixels(tenant) { try await $0.listEvents(request) }
            }
            var seen: [String] = []
            var token = ""
            var pages = 0
            repeat {
                let page = try await list {
                    $0.pageSize = 300
                    $0.pageToken = token
                }
                #expect(page.totalSize == 1005)
                #expect(!page.totalSizeIsLowerBound)
                seen += page.events.map(\.eventID)
                // 300 asked, clamped to the maximum of 200.
                #expect(page.events.count == (pages < 5 ? 200 : 5))
                token = page.nextPageToken
                pages += 1
            } while !token.isEmpty && pages < 10
            #expect(pages == 6)
            #expect(seen == (0..<1005).map { "e\($0)" })

            let byOrder = try await list { $0.orderIDPrefix = "OLD-1004" }
            #expect(byOrder.events.map(\.eventID) == ["e1004"])
            #expect(byOrder.totalSize == 1)
            let byPrefix = try await list { $0.orderIDPrefix = "OLD-" }
            #expect(byPrefix.events.map(\.eventID) == (1000..<1005).map { "e\($0)" })
            let byTime = try await list {
                $0.startTime = Google_Protobuf_Timestamp(date: events[1003].eventTime.date.addingTimeInterval(-1))
                $0.endTime = Google_Protobuf_Timestamp(date: events[1001].eventTime.date.addingTimeInterval(1))
            }
            #expect(byTime.events.map(\.eventID) == ["e1001", "e1002", "e1003"])
            #expect(byTime.totalSize == 3)
        }
    }

    /// The match count stops at 10000 (ListEventsResponse.total_size) and
    /// says it is a lower bound past that; a narrower filter counts exactly.
    @Test func theMatchCountPastTheLimitIsALowerBound() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            let events = (0..<10_001).map { index in
                Fixtures.event("c\(index)", type: .pageView, at: Fixtures.hoursAgo(Double(index) / 3600 + 0.01))
            }
            for batch in stride(from: 0, to: events.count, by: 1000) {
                _ = try await attrd.ingest(tenant, events: Array(events[batch..<min(batch + 1000, events.count)]))
            }
            let all = try await attrd.withPixels(tenant) { try await $0.listEvents(Attribution_V1_ListEventsRequest()) }
            #expect((all.totalSize, all.totalSizeIsLowerBound) == (10_000, true))
            var newest = Attribution_V1_ListEventsRequest()
            newest.startTime = Google_Protobuf_Timestamp(date: events[9_999].eventTime.date)
            let exact = try await attrd.withPixels(tenant) { try await $0.listEvents(newest) }
            #expect((exact.totalSize, exact.totalSizeIsLowerBound) == (10_000, false))
        }
    }

    @Test func filtersAndOrderSearch() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [
                Fixtures.purchase("a", .meta, order: "ORD-100", hoursAgo: 1),
                Fixtures.purchase("b", .meta, order: "ORD-101", hoursAgo: 2, email: false),
                Fixtures.purchase("c", .ga4, order: "ORD-100", hoursAgo: 3, delivery: .failed),
                Fixtures.purchase("d", .tiktok, order: "X-1", hoursAgo: 30),
                Fixtures.event("e", platform: .meta, type: .pageView, at: Fixtures.hoursAgo(4)),
            ])
            func ids(_ configure: (inout Attribution_V1_ListEventsRequest) -> Void) async throws -> [String] {
                var request = Attribution_V1_ListEventsRequest()
                configure(&request)
                return try await attrd.withPixels(tenant) { try await $0.listEvents(request) }.events.map(\.eventID)
            }
            #expect(try await ids { $0.platform = .meta } == ["a", "b", "e"])
            #expect(try await ids { $0.eventType = .purchase; $0.platform = .meta } == ["a", "b"])
            #expect(try await ids { $0.matchStatus = .partial } == ["b"])
            #expect(try await ids { $0.deliveryStatus = .failed } == ["c"])
            #expect(try await ids { $0.orderIDPrefix = "ORD-10" } == ["a", "b", "c"])
            #expect(try await ids { $0.orderIDPrefix = "ORD-100" } == ["a", "c"])
            #expect(try await ids { $0.orderIDPrefix = "%" } == [])
            #expect(try await ids { $0.startTime = Google_Protobuf_Timestamp(date: Fixtures.hoursAgo(3.5)) } == ["a", "b", "c"])
            #expect(try await ids { $0.endTime = Google_Protobuf_Timestamp(date: Fixtures.hoursAgo(3.5)) } == ["e", "d"])

            let record = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_ListEventsRequest()
                request.orderIDPrefix = "ORD-100"
                request.platform = .meta
                return try await pixels.listEvents(request).events[0]
            }
            #expect(record.matchKeys == ["em"])
            #expect(record.matchStatus == .matched)
            #expect(record.deliveryStatus == .delivered)
            #expect(record.deliveryAttempts == 1)
        }
    }

    @Test func badPageTokensAndFiltersAreNamed() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: (0..<3).map { Fixtures.event("t\($0)") })
            try await attrd.withPixels(tenant) { pixels in
                var first = Attribution_V1_ListEventsRequest()
                first.pageSize = 1
                let token = try await pixels.listEvents(first).nextPageToken
                #expect(!token.isEmpty)
                var other = first
                other.pageToken = token
                other.platform = .ga4
                let reused = await #expect(throws: RPCError.self) { try await pixels.listEvents(other) }
                #expect(reused?.code == .invalidArgument)
                #expect(reused?.message.hasPrefix("page_token") == true)
                var garbage = first
                garbage.pageToken = "not-a-token"
                let bad = await #expect(throws: RPCError.self) { try await pixels.listEvents(garbage) }
                #expect(bad?.message.hasPrefix("page_token") == true)
                var negative = first
                negative.pageSize = -1
                let size = await #expect(throws: RPCError.self) { try await pixels.listEvents(negative) }
                #expect(size?.message.hasPrefix("page_size") == true)
                var backwards = Attribution_V1_ListEventsRequest()
                backwards.startTime = Google_Protobuf_Timestamp(date: Fixtures.hoursAgo(1))
                backwards.endTime = Google_Protobuf_Timestamp(date: Fixtures.hoursAgo(2))
                let range = await #expect(throws: RPCError.self) { try await pixels.listEvents(backwards) }
                #expect(range?.message.hasPrefix("end_time") == true)
            }
        }
    }

    @Test func failuresAreListedWithTheirErrorAndFiltered() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [
                Fixtures.purchase("f1", .meta, order: "1", hoursAgo: 1, delivery: .failed),
                Fixtures.purchase("f2", .tiktok, order: "2", hoursAgo: 1, delivery: .failed),
                Fixtures.purchase("ok", .meta, order: "3", hoursAgo: 1),
            ])
            let all = try await attrd.withPixels(tenant) { try await $0.listFailures(Attribution_V1_ListFailuresRequest()) }
            #expect(Set(all.failures.map(\.event.eventID)) == ["f1", "f2"])
            #expect(all.failures.allSatisfy { $0.errorType == .reported && $0.errorMessage == "HTTP 500" && $0.attempts == 1 })
            let meta = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_ListFailuresRequest()
                request.platform = .meta
                return try await pixels.listFailures(request)
            }
            #expect(meta.failures.map(\.event.eventID) == ["f1"])
        }
    }

    @Test func anotherTenantSeesNothing() async throws {
        let (a, b) = (try TestTenant(), try TestTenant())
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(a, events: [Fixtures.purchase("secret", .meta, order: "A-1", hoursAgo: 1, delivery: .failed)])
            let events = try await attrd.withPixels(b) { try await $0.listEvents(Attribution_V1_ListEventsRequest()) }
            #expect(events.events.isEmpty && events.totalSize == 0)
            let failures = try await attrd.withPixels(b) { try await $0.listFailures(Attribution_V1_ListFailuresRequest()) }
            #expect(failures.failures.isEmpty)
            let stats = try await attrd.withPixels(b) { try await $0.getStats(Attribution_V1_GetStatsRequest()) }
            #expect(stats.stats.allSatisfy { $0.eventCount24H == 0 && !$0.hasLastEventTime })
            // A's page token is no key to A's data either: positions only.
            let token = try await attrd.withPixels(a) { pixels in
                _ = try await attrd.ingest(a, events: [Fixtures.event("second")])
                var request = Attribution_V1_ListEventsRequest()
                request.pageSize = 1
                return try await pixels.listEvents(request).nextPageToken
            }
            let withToken = try await attrd.withPixels(b) { pixels in
                var request = Attribution_V1_ListEventsRequest()
                request.pageSize = 1
                request.pageToken = token
                return try await pixels.listEvents(request)
            }
            #expect(withToken.events.isEmpty)
            // A's event ids are NOT_FOUND to B's retry, and nothing of A's changes.
            try await AttrdHarness.grantAdmin(b)
            let aEvent = try await attrd.withPixels(a) { try await $0.listFailures(.init()) }.failures[0].event.id
            let retried = try await attrd.withPixels(b, as: "admin") { pixels in
                var request = Attribution_V1_RetryEventsRequest()
                request.ids = [aEvent]
                return try await pixels.retryEvents(request)
            }
            #expect(retried.results.map(\.outcome) == [.notFound])
            let after = try await attrd.withPixels(a) { try await $0.listFailures(.init()) }.failures[0]
            #expect(after.attempts == 1)
        }
    }
}
