import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

extension PixelEventsTests {
    /// Failures reported in one ingest call share their time: pages follow
    /// (last attempt, id) so that none is skipped or repeated across pages.
    @Test func failuresPageThroughEventsWithTheSameTime() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: (1...7).map {
                Fixtures.purchase("m\($0)", .meta, order: "m\($0)", hoursAgo: 1, delivery: .failed)
            } + (1...2).map {
                Fixtures.purchase("t\($0)", .tiktok, order: "t\($0)", hoursAgo: 1, delivery: .failed)
            })
            try await attrd.withPixels(tenant) { pixels in
                func pages(_ request: Attribution_V1_ListFailuresRequest) async throws -> [[Attribution_V1_PixelFailure]] {
                    var request = request
                    var pages: [[Attribution_V1_PixelFailure]] = []
                    repeat {
                        let response = try await pixels.listFailures(request)
                        pages.append(response.failures)
                        request.pageToken = response.nextPageToken
                    } while !request.pageToken.isEmpty && pages.count < 10
                    return pages
                }
                var meta = Attribution_V1_ListFailuresRequest()
                meta.platform = .meta
                meta.pageSize = 3
                let metaPages = try await pages(meta)
                #expect(metaPages.map(\.count) == [3, 3, 1])
                let metaFailures = metaPages.flatMap { $0 }
                #expect(Set(metaFailures.map(\.lastAttemptTime)).count == 1, "one ingest call, one time")
                #expect(metaFailures.map(\.event.eventID).sorted() == (1...7).map { "m\($0)" })
                // Equal times: by id, descending.
                let ids = metaFailures.map { UUID(uuidString: $0.event.id)!.uuidString.lowercased() }
                #expect(ids == ids.sorted(by: >))

                var all = Attribution_V1_ListFailuresRequest()
                all.pageSize = 4
                let allPages = try await pages(all)
                #expect(allPages.map(\.count) == [4, 4, 1])
                #expect(Set(allPages.flatMap { $0 }.map(\.event.id)).count == 9)

                // A token belongs to its filters.
                var first = meta
                first.pageToken = try await pixels.listFailures(meta).nextPageToken
                first.platform = .tiktok
                let mismatch = await #expect(throws: RPCError.self) { try await pixels.listFailures(first) }
                #expect(mismatch?.code == .invalidArgument)
                #expect(mismatch?.message.hasPrefix("page_token") == true)
            }
        }
    }
}
