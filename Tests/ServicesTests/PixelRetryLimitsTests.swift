import AttrdCore
import Foundation
import Protos
import RPCClient
import TestSupport
import Testing
import Wire

/// RetryEvents within the caller's deadline, and without a master key.
extension PixelRetryTests {
    /// A platform that does not answer is cut off in time to record the
    /// attempt and answer before the deadline; with too little time left,
    /// nothing is sent and nothing changes.
    @Test func retriesKeepToTheCallsDeadline() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await Self.withFake { attrd, fake in
            let ids = try await Self.failed(attrd, tenant, [("slow", .meta), ("late", .meta)])
            let (slow, late) = (try #require(ids["slow"]), try #require(ids["late"]))
            try await attrd.withPixels(tenant, as: "admin") { pixels in
                _ = try await pixels.setDestination(Self.destination(.meta, "HOLD1", "meta-hold-secret"))
                // 4 s: a reserve of 1 s, so the attempt may take 3 s.
                let cut = try await pixels.retryEvents(Self.retry([slow]), timeout: .seconds(4)).results[0]
                #expect(cut.outcome == .failed && cut.errorType == .network)
                #expect(cut.errorMessage.hasPrefix("no answer from meta within the "), "\(cut.errorMessage)")
                // At most the 3 s before the reserve, less what the call spent before the attempt.
                let left = cut.errorMessage.split(separator: " ").dropFirst(6).first.flatMap { Double($0) } ?? 0
                #expect(left > 1 && left <= 3, "\(cut.errorMessage)")
                #expect(cut.errorMessage.contains(" s left before the call's deadline; it may still have received the event"))
                #expect(cut.attempts == 2 && cut.hasAttemptTime)

                // 1.2 s: less than the 1 s minimum is left after the reserve.
                let skipped = try await pixels.retryEvents(Self.retry([late]), timeout: .milliseconds(1200)).results[0]
                #expect(skipped.outcome == .notAttempted)
                #expect(skipped.errorMessage.contains("before the call's deadline; retry it again"))
                #expect(skipped.attempts == 1 && !skipped.hasAttemptTime)
                let stored = try await pixels.listFailures(.init()).failures
                #expect(stored.first { $0.event.id == late }?.attempts == 1)
                #expect(stored.first { $0.event.id == slow }?.errorType == .network)
            }
            #expect(Self.requestCount(fake) == 1)
            try fake.release()
        }
    }

    @Test func withoutAMasterKeyRetryingIsAFailedPreconditionThatSendsNothing() async throws {
        let tenant = try TestTenant()
        try await AttrdHarness.grantAdmin(tenant)
        try await Self.withFake(configure: { $0.storage.masterKeys = nil }) { attrd, fake in
            _ = try await attrd.ingest(tenant, events: [Fixtures.purchase("sent", .meta, order: "D1", hoursAgo: 1)])
            let ids = try await Self.failed(attrd, tenant, [("unsent", .meta)])
            let (sent, unsent) = (try #require(ids["sent"]), try #require(ids["unsent"]))
            try await attrd.withPixels(tenant, as: "admin") { pixels async throws -> Void in
                let refused = await #expect(throws: RPCError.self) { try await pixels.retryEvents(Self.retry([sent, unsent])) }
                #expect(refused?.code == .failedPrecondition)
                #expect(refused?.message == "attrd has no master key to open the destinations' secrets with (--master-key-file); nothing was sent")
                // Nothing to send, no secret needed: the call answers.
                #expect(try await pixels.retryEvents(Self.retry([sent])).results.map(\.outcome) == [.alreadyDelivered])
                #expect(try await pixels.listFailures(.init()).failures.map(\.attempts) == [1])
            }
            #expect(Self.requestCount(fake) == 0)
        }
    }
}
