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

@Suite("Ingest: pixel events", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct IngestPixelEventsTests {
    @Test func storesHashedKeysAndKeepsTheFirstOfADuplicate() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_IngestPixelEventsRequest()
                request.events = [
                    Fixtures.event("e1", orderID: "first", email: " John_Smith@Gmail.com"),
                    Fixtures.event("e2", platform: .ga4, type: .pageView),
                    Fixtures.event("e1", orderID: "second"),
                ]
                let response = try await ingest.ingestPixelEvents(request)
                #expect(response.accepted == 2)
                #expect(response.duplicates == 1)
                #expect(response.rejected.isEmpty)
                let again = try await ingest.ingestPixelEvents(request)
                #expect(again.accepted == 0)
                #expect(again.duplicates == 3)
            }
        }
        try await TenantData.with { data in
            let rows = try await data.rows(
                tenant, "SELECT event_id, event_name, order_id, match_status, match_keys::text AS keys, row_to_json(p)::text AS whole FROM pixel_events p ORDER BY event_id")
            #expect(rows.count == 2)
            #expect(rows[0]["order_id"] == "first")
            #expect(rows[0]["event_name"] == "Purchase")
            #expect(rows[0]["match_status"] == "matched")
            #expect(rows[0]["keys"] == #"{"em": ["62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"]}"#)
            #expect(rows.allSatisfy { !($0["whole"] ?? "").lowercased().contains("john_smith") })
            #expect(rows[1]["event_name"] == "page_view")
            #expect(rows[1]["match_status"] == "unmatched")
        }
    }

    @Test func reportsBadRecordsByIndexAndStoresTheRest() async throws {
        let tenant = try TestTenant()
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var noID = Fixtures.event("")
                noID.eventID = ""
                var noPlatform = Fixtures.event("p")
                noPlatform.platform = .unspecified
                var request = Attribution_V1_IngestPixelEventsRequest()
                request.events = [
                    Fixtures.event("ok-1"), noID, Fixtures.event("bad-mail", email: "not-an-address"),
                    Fixtures.event("failed-no-error", delivery: .failed), noPlatform,
                    Fixtures.event("future", at: Date().addingTimeInterval(7200)), Fixtures.event("ok-2"),
                ]
                return try await ingest.ingestPixelEvents(request)
            }
        }
        #expect(response.accepted == 2)
        #expect(response.rejected.map(\.index) == [1, 2, 3, 4, 5])
        #expect(response.rejected.map(\.field) == [
            "event_id", "user_data.emails[0]", "delivery_error", "platform", "event_time",
        ])
        #expect(!response.rejected.contains { $0.reason.contains("not-an-address") })
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT event_id FROM pixel_events ORDER BY 1") }
        #expect(stored.map { $0["event_id"] } == ["ok-1", "ok-2"])
    }

    @Test func refusesABatchOverTheLimitAsAWhole() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer(configure: { $0.modules[IngestSettings.maximumBatch] = 3 }) { attrd in
            try await attrd.withIngest(tenant) { ingest in
                var request = Attribution_V1_IngestPixelEventsRequest()
                request.events = (1...4).map { Fixtures.event("e\($0)") }
                let error = await #expect(throws: RPCError.self) { try await ingest.ingestPixelEvents(request) }
                #expect(error?.code == .invalidArgument)
                #expect(error?.message.contains("batch limit of 3") == true)
                let empty = await #expect(throws: RPCError.self) {
                    try await ingest.ingestPixelEvents(Attribution_V1_IngestPixelEventsRequest())
                }
                #expect(empty?.code == .invalidArgument)
            }
        }
        let stored = try await TenantData.with { try await $0.rows(tenant, "SELECT count(*) AS n FROM pixel_events") }
        #expect(stored.first("n") == "0")
    }

    @Test func streamsBatchesAndCountsIndexesAcrossMessages() async throws {
        let tenant = try TestTenant()
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.withIngest(tenant) { ingest in
                try await ingest.streamPixelEvents { sink in
                    for batch in 0..<3 {
                        var request = Attribution_V1_IngestPixelEventsRequest()
                        request.events = [Fixtures.event("s\(batch)-a"), Fixtures.event(batch == 1 ? "" : "s\(batch)-b")]
                        try await sink.send(request)
                    }
                }
            }
        }
        #expect(response.accepted == 5)
        #expect(response.rejected.map(\.index) == [3])
    }

    @Test func anotherTenantsSameEventIsItsOwn() async throws {
        let (a, b) = (try TestTenant(), try TestTenant())
        try await AttrdHarness.withServer { attrd in
            var request = Attribution_V1_IngestPixelEventsRequest()
            request.events = [Fixtures.event("shared-id", orderID: "A-order")]
            let first = try await attrd.withIngest(a) { try await $0.ingestPixelEvents(request) }
            request.events[0].orderID = "B-order"
            let second = try await attrd.withIngest(b) { try await $0.ingestPixelEvents(request) }
            #expect(first.accepted == 1)
            #expect(second.accepted == 1)
        }
        try await TenantData.with { data in
            let seenByA = try await data.rows(a, "SELECT order_id FROM pixel_events")
            let seenByB = try await data.rows(b, "SELECT order_id FROM pixel_events")
            #expect(seenByA.map { $0["order_id"] } == ["A-order"])
            #expect(seenByB.map { $0["order_id"] } == ["B-order"])
        }
    }
}

extension IngestPixelEventsTests {
    /// Every hashed field takes 64 hex characters of either case as a
    /// digest and stores it lower-cased: never hashed again nor refused.
    @Test func aPreHashedValueIsStoredLowerCasedInEveryHashedField() async throws {
        let tenant = try TestTenant()
        let digest = "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f"
        func event(_ id: String, _ value: String) -> Attribution_V1_PixelEvent {
            var event = Fixtures.event(id)
            event.userData.emails = [value]
            event.userData.phones = [value]
            event.userData.firstNames = [value]
            event.userData.lastNames = [value]
            event.userData.datesOfBirth = [value]
            event.userData.genders = [value]
            event.userData.cities = [value]
            event.userData.states = [value]
            event.userData.zipCodes = [value]
            event.userData.countries = [value]
            event.userData.externalIds = [value]
            return event
        }
        let response = try await AttrdHarness.withServer { attrd in
            try await attrd.ingest(tenant, events: [event("lower", digest), event("upper", digest.uppercased())])
        }
        #expect(response.accepted == 2)
        #expect(response.rejected.isEmpty)
        let keys = ["em", "ph", "fn", "ln", "db", "ge", "ct", "st", "zp", "country", "external_id"]
        let rows = try await TenantData.with { data in
            try await data.rows(
                tenant,
                "SELECT event_id, (SELECT string_agg(k || '=' || (match_keys->k->>0), ',' ORDER BY k) FROM jsonb_object_keys(match_keys) k) AS keys FROM pixel_events ORDER BY event_id")
        }
        let expected = keys.sorted().map { "\($0)=\(digest)" }.joined(separator: ",")
        #expect(rows.map { $0["event_id"] } == ["lower", "upper"])
        #expect(rows.allSatisfy { $0["keys"] == expected })
    }
}
