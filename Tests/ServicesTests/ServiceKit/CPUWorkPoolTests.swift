import Dispatch
import NIOCore
import NIOPosix
import RPCServer
import ServiceKit
import Synchronization
import Testing
import Wire

@Suite("ServiceKit: CPU work off the event loop")
struct CPUWorkPoolTests {
    /// Jobs that report when they start and then block their pool thread until opened.
    final class Gate: Sendable {
        let opened = DispatchSemaphore(value: 0)
        let started: AsyncStream<Int>
        let startedContinuation: AsyncStream<Int>.Continuation
        let running = Mutex((now: 0, most: 0))

        init() {
            (started, startedContinuation) = AsyncStream.makeStream()
        }

        func job(_ index: Int) -> @Sendable (CPUWorkPool.CancellationFlag) throws -> Int {
            { _ in
                self.running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
                self.startedContinuation.yield(index)
                self.opened.wait()
                self.running.withLock { $0.now -= 1 }
                return index * 10
            }
        }

        func open(_ count: Int) { for _ in 0..<count { opened.signal() } }
    }

    /// Yields until the pool's queue holds `count` waiters (each call joins it from its own task).
    static func waitForWaiting(_ pool: CPUWorkPool, _ count: Int) async {
        while pool.load.waiting < count { await Task.yield() }
    }

    @Test func atMostConcurrencyJobsRunAndTheRestWaitTheirTurn() async throws {
        let pool = CPUWorkPool(concurrency: 2, maximumWaiting: 10)
        let gate = Gate()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 1...5 { group.addTask { try await pool.run(gate.job(index)) } }
            var iterator = gate.started.makeAsyncIterator()
            _ = await iterator.next()
            _ = await iterator.next()
            await Self.waitForWaiting(pool, 3)
            #expect(pool.load.running == 2)
            gate.open(5)
            let results = try await group.reduce(into: Set<Int>()) { $0.insert($1) }
            #expect(results == [10, 20, 30, 40, 50])
        }
        #expect(gate.running.withLock { $0.most } == 2)
        #expect(pool.load == (0, 0))
        try await pool.shutdown()
    }

    @Test func aFullQueueIsRefusedWithResourceExhausted() async throws {
        let pool = CPUWorkPool(concurrency: 1, maximumWaiting: 1)
        let gate = Gate()
        async let first = pool.run(gate.job(1))
        var iterator = gate.started.makeAsyncIterator()
        _ = await iterator.next()
        async let second = pool.run(gate.job(2))
        await Self.waitForWaiting(pool, 1)
        await #expect(throws: CPUWorkPool.Busy.self) { try await pool.run(gate.job(3)) }
        #expect(CPUWorkPool.Busy().rpcError.code == .resourceExhausted)
        gate.open(2)
        #expect(try await [first, second] == [10, 20])
        try await pool.shutdown()
    }

    @Test func aCallCancelledWhileWaitingLeavesAndItsWorkNeverStarts() async throws {
        let pool = CPUWorkPool(concurrency: 1, maximumWaiting: 4)
        let gate = Gate()
        let first = Task { try await pool.run(gate.job(1)) }
        var iterator = gate.started.makeAsyncIterator()
        _ = await iterator.next()
        let ran = Atomic(false)
        let waiting = Task { try await pool.run { _ in ran.store(true, ordering: .relaxed) } }
        await Self.waitForWaiting(pool, 1)
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        #expect(pool.load.waiting == 0)
        gate.open(1)
        #expect(try await first.value == 10)
        let workRan = ran.load(ordering: .relaxed)
        #expect(!workRan)
        try await pool.shutdown()
    }

    @Test func aRunningJobSeesItsCallCancelled() async throws {
        let pool = CPUWorkPool(concurrency: 1)
        let (started, startedContinuation) = AsyncStream<Void>.makeStream()
        let job = Task {
            try await pool.run { flag in
                startedContinuation.yield()
                while !flag.isCancelled {}  // a long computation checking between steps
                try flag.check()
            }
        }
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        job.cancel()
        await #expect(throws: CancellationError.self) { try await job.value }
        try await pool.shutdown()
    }

    @Test func theWorkRunsOnAPoolThreadNotAnEventLoop() async throws {
        let pool = CPUWorkPool(concurrency: 1)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        // Called from a task whose executor is an event loop, as a handler may be (handlersOnEventLoop).
        let onLoop = try await Task(executorPreference: EventLoopTaskExecutor(group.next())) {
            (MultiThreadedEventLoopGroup.currentEventLoop != nil,
             try await pool.run { _ in MultiThreadedEventLoopGroup.currentEventLoop == nil })
        }.value
        #expect(onLoop.0, "the caller ran on the event loop")
        #expect(onLoop.1, "the work did not")
        try await group.shutdownGracefully()
        try await pool.shutdown()
    }
}
