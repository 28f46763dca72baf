import Foundation
import Protos
import RPCClient
import SwiftProtobuf
import TestSupport
import Testing
import Wire

/// GetEmq on a fixture of four Meta events, against hand-computed coverage.
@Suite("Pixels: EMQ", .enabled(if: AttrdHarness.enabled, "needs make test's database and dev PKI"))
struct PixelEMQTests {
    @Test func scoresFromCoverageAndWeights() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.withServer { attrd in
            var full = Fixtures.event("e1", platform: .meta, at: Fixtures.hoursAgo(1), email: "a@example.com")
            full.userData.phones = ["+1 650 555 1212"]
            full.userData.fbp = "fb.1.1700000000000.123456789"
            full.userData.clientIpAddress = "203.0.113.9"
            full.userData.clientUserAgent = "Mozilla/5.0"
            let emailOnly = Fixtures.event("e2", platform: .meta, at: Fixtures.hoursAgo(2), email: "b@example.com")
            var badFbp = Fixtures.event("e3", platform: .meta, at: Fixtures.hoursAgo(3))
            badFbp.userData.fbp = "not-a-cookie"
            let nothing = Fixtures.event("e4", platform: .meta, at: Fixtures.hoursAgo(4))
            // Not Meta: never counted.
            let ga4 = Fixtures.event("g1", platform: .ga4, at: Fixtures.hoursAgo(1), email: "c@example.com")
            _ = try await attrd.ingest(tenant, events: [full, emailOnly, badFbp, nothing, ga4])

            let response = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetEmqRequest()
                request.days = 3
                return try await pixels.getEmq(request)
            }
            #expect(response.eventCount == 4)
            let coverage = Dictionary(uniqueKeysWithValues: response.parameterScores.map { ($0.parameter, $0.coveragePercent) })
            #expect(coverage["em"] == 50)
            #expect(coverage["ph"] == 25)
            #expect(coverage["fbp"] == 25, "the malformed fbp does not count")
            #expect(coverage["client_ip_address"] == 25)
            #expect(coverage["client_user_agent"] == 25)
            #expect(coverage["fbc"] == 0)
            // 10 × (30×0.5 + 20×0.25 + 8×0.25 + 5×0.25 + 5×0.25) ÷ 100 = 2.45
            #expect(abs(response.overallScore - 2.45) < 1e-9)
            #expect(response.parameterScores.map(\.weight).reduce(0, +) == 100)
            #expect(response.parameterScores.first?.parameter == "em")
            #expect(response.trend.count == 3)
            #expect(response.trend.map(\.eventCount).reduce(0, +) == 4)

            let invalid = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetEmqRequest()
                request.days = 91
                return await #expect(throws: RPCError.self) { try await pixels.getEmq(request) }
            }
            #expect(invalid?.code == .invalidArgument)
        }
    }

    /// The overall score covers the current UTC day and the 6 before it:
    /// an event a minute into the 6th day before counts, one a minute
    /// before it only shows in the trend.
    @Test func theOverallScoreCoversTodayAndTheSixUTCDaysBefore() async throws {
        let tenant = try TestTenant()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        let firstDay = try #require(utc.date(byAdding: .day, value: -6, to: utc.startOfDay(for: Date())))
        let times = [firstDay.addingTimeInterval(60), firstDay.addingTimeInterval(-60)]
        try await AttrdHarness.withServer { attrd in
            _ = try await attrd.ingest(tenant, events: [
                Fixtures.event("inside", platform: .meta, at: times[0], email: "a@example.com"),
                Fixtures.event("outside", platform: .meta, at: times[1], email: "b@example.com"),
            ])
            let response = try await attrd.withPixels(tenant) { pixels in
                var request = Attribution_V1_GetEmqRequest()
                request.days = 8
                return try await pixels.getEmq(request)
            }
            // Against the server's own clock (should the test straddle midnight UTC).
            let start = try #require(utc.date(byAdding: .day, value: -6, to: utc.startOfDay(for: response.computeTime.date)))
            let counted = times.filter { $0 >= start }.count
            #expect(response.eventCount == Int64(counted))
            #expect(response.overallScore == (counted > 0 ? 3 : 0), "email on every counted event: 10 × 30 × 1 ÷ 100")
            #expect(response.trend.map(\.eventCount).reduce(0, +) == 2)
        }
    }
}
