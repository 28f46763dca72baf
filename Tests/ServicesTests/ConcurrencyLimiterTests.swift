@testable import Dashboards
import Testing

/// GetWidgetData's per-dashboard limit: at most `limit` at once per key, the
/// rest wait in order and are handed the released slots; keys are independent.
@Suite("Dashboards: per-dashboard concurrency limit")
struct ConcurrencyLimiterTests {
    @Test func atMostTheLimitRunPerKeyAndWaitersGetReleasedSlots() async throws {
        let limiter = ConcurrencyLimiter<Int>(limit: 2)
        await limiter.acquire(1)
        await limiter.acquire(1)
        await limiter.acquire(2)  // another dashboard is not held up
        let waiter = Task { await limiter.acquire(1) }
        while limiter.counts(1).waiting == 0 { await Task.yield() }
        #expect(limiter.counts(1).running == 2 && limiter.counts(1).waiting == 1)
        limiter.release(1)
        await waiter.value
        #expect(limiter.counts(1).running == 2 && limiter.counts(1).waiting == 0)
        limiter.release(1)
        limiter.release(1)
        limiter.release(2)
        #expect(limiter.counts(1).running == 0 && limiter.counts(2).running == 0)
        let value = try await limiter.run(1) { limiter.counts(1).running }
        #expect(value == 1 && limiter.counts(1).running == 0)
    }
}
